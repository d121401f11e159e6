"""One UI dialect: every widget retranslates on a language change.

``Translated`` is a mixin for a QWidget. It remembers every text the widget translated with ``self.tr``
(source → what was shown). On a language change (``QEvent.LanguageChange``, which the language manager
sends to every widget) ``retranslate()`` translates each source again and puts the new text where the old
one is shown below the widget: labels, buttons, group box titles, tab texts, table headers, combo box
items, placeholders and tool tips. A text matches when it IS the old translation or starts with it followed
by `` (`` (a caption with its shortcut, "收款 (F12 / Ctrl+Return)"); data (product or member names, typed
text) never matches, and a line edit's typed text is never touched. ``retranslate_state()`` is the hook
for texts that depend on what the screen shows (a member found, an order's status): override it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTabWidget,
    QWidget,
)

Old = dict[str, str]  # text shown before the change -> its source
Slot = tuple[Callable[[], str], Callable[[str], None], str]  # get, set, slot name


def _slots(widget: QWidget) -> Iterator[Slot]:
    """The visible texts of one widget, each as (read, write, name)."""
    if isinstance(widget, QLabel | QAbstractButton):
        yield widget.text, widget.setText, "text"
    if isinstance(widget, QLineEdit):  # the placeholder only: what was typed is the clerk's
        yield widget.placeholderText, widget.setPlaceholderText, "placeholder"
    if isinstance(widget, QGroupBox):
        yield widget.title, widget.setTitle, "title"
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield partial(widget.tabText, i), partial(widget.setTabText, i), f"tab{i}"
    if isinstance(widget, QTableWidget):
        for c in range(widget.columnCount()):
            item = widget.horizontalHeaderItem(c)
            if item is not None:
                yield item.text, item.setText, f"header{c}"
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield partial(widget.itemText, i), partial(widget.setItemText, i), f"item{i}"
    if widget.toolTip():
        yield widget.toolTip, widget.setToolTip, "tooltip"


def _match(text: str, old: Old, longest_first: list[str]) -> tuple[str, str] | None:
    """(source, suffix) when ``text`` is an old translation, alone or followed by " (shortcut)"."""
    if text in old:
        return old[text], ""
    for shown in longest_first:
        if text.startswith(shown + " ("):
            return old[shown], text[len(shown):]
    return None


def rewrite_texts(root: QWidget, before: dict[str, str], after: dict[str, str]) -> None:
    """Show ``after[source]`` wherever ``root`` or a child shows ``before[source]`` (with its suffix).

    A slot is bound to its source the first time it matches (kept on the widget), so that two sources with
    the same translation ("说明", "处理说明" are both "Note") each come back to their own text."""
    old: Old = {shown: source for source, shown in before.items()}
    longest_first = sorted(old, key=len, reverse=True)
    for widget in [root, *root.findChildren(QWidget)]:
        bindings: dict[str, tuple[str, str]] = vars(widget).setdefault("_tr_bindings", {})
        for read, write, name in _slots(widget):
            text = read()
            if not text:
                continue
            bound = bindings.get(name)
            if bound is not None and bound[0] in before and text == before[bound[0]] + bound[1]:
                found: tuple[str, str] | None = bound
            else:
                found = _match(text, old, longest_first)
            if found is None:
                continue
            bindings[name] = found
            source, suffix = found
            if source in after:
                write(after[source] + suffix)


class Translated:
    """Mixin (before the Qt class in the bases): texts from ``self.tr`` follow a language change."""

    def tr(self, source: str, disambiguation: str | None = None, n: int = -1) -> str:  # noqa: D102
        text: str = super().tr(source, disambiguation, n)  # type: ignore[misc]
        vars(self).setdefault("_translations", {})[source] = text
        return text

    def retranslate(self) -> None:
        """Translate every remembered text again and show it where the old one was."""
        translations: dict[str, str] = vars(self).setdefault("_translations", {})
        before = dict(translations)
        for source in before:
            translations[source] = super().tr(source)  # type: ignore[misc]
        if translations != before:
            rewrite_texts(self, before, translations)  # type: ignore[arg-type]
        self.retranslate_state()

    def retranslate_state(self) -> None:
        """Texts that depend on what the screen shows; called after every language change."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]

