"""The 日结 screen's books (issue 16) and its journal scope: the day's X/Z state, the drawer's cash and over/short,
corrections in suspense, what the platform has not answered and payments whose result is unknown; and which
shift's (or the whole day's) journal to list, so that an earlier shift's receipts can be found."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QWidget

from counter_app.domain.money import format_fen
from counter_app.domain.services.dayclose import BooksReport
from counter_app.ui.style import repolish
from counter_app.ui.translated import Translated

DAY_SCOPE = "day"


class BooksPanel(Translated, QGroupBox):
    """日结 (X/Z) figures of the day shown; ``report`` is the last one shown. Every figure comes from
    ``books_report`` (journaled operations); the panel computes nothing."""

    ROWS = ("z", "cash", "over_short", "corrections", "pending", "unknown")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("books_panel")
        self.report: BooksReport | None = None
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setVerticalSpacing(2)
        for row, key in enumerate(self.ROWS):
            caption, value = QLabel(), QLabel()
            value.setObjectName(f"books_{key}")
            value.setWordWrap(True)
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
            self.captions[key], self.values[key] = caption, value
        grid.setColumnStretch(1, 1)
        self.grid = grid
        self._captions()

    def add_button(self, button: QWidget) -> None:
        """A button under the figures (the screen's 尾箱与轧帐)."""
        self.grid.addWidget(button, len(self.ROWS), 0, 1, 2)

    def _captions(self) -> None:
        self.setTitle(self.tr("日结（X/Z 报表）"))
        for key, text in zip(self.ROWS, (self.tr("日终轧帐"), self.tr("现金"), self.tr("长短款"), self.tr("平台更正"),
                                         self.tr("未获平台答复"), self.tr("付款结果未明"))):
            self.captions[key].setText(text)

    def retranslate_state(self) -> None:
        self._captions()
        if self.report is not None:
            self.show_report(self.report)

    def text(self, key: str) -> str:
        return self.values[key].text()

    def alerts(self) -> list[str]:
        """The figures shown as needing attention (red)."""
        return [key for key, label in self.values.items() if label.property("role") == "error"]

    def _set(self, key: str, text: str, *, alert: bool = False) -> None:
        label = self.values[key]
        label.setText(text)
        label.setToolTip(text)
        label.setProperty("role", "error" if alert else "")
        repolish(label)

    def show_report(self, report: BooksReport) -> None:
        self.report = report
        close = report.close
        if close is None:
            self._set("z", self.tr("未日结（X 报表：随时可看，不改变任何数据）"))
        else:
            self._set("z", self.tr("已日结：Z 第 %1 号，%2；未获平台答复 %3 笔").replace("%1", str(close["sequence_no"]))
                      .replace("%2", str(close["closed_at"])[11:16]).replace("%3", str(close["pending_count"])))
        open_shifts = sum(1 for s in report.shifts if not s["closed"])
        cash = self.tr("应有 %1，实点 %2").replace("%1", format_fen(report.cash_total("expected_fen"))) \
            .replace("%2", format_fen(report.cash_total("counted_fen")))
        if open_shifts:
            cash += self.tr("（%1 个班次未签退）").replace("%1", str(open_shifts))
        self._set("cash", cash)
        difference = report.cash_total("difference_fen")
        day_text = (self.tr("长款 %1").replace("%1", format_fen(difference)) if difference > 0 else
                    self.tr("短款 %1").replace("%1", format_fen(-difference)) if difference < 0 else self.tr("无差额"))
        if report.unsettled:
            day_text += self.tr("；待处理 %1 笔，合计 %2").replace("%1", str(len(report.unsettled))).replace(
                "%2", format_fen(sum(int(d["difference_fen"]) for d in report.unsettled)))
        self._set("over_short", day_text, alert=bool(report.unsettled))
        open_corrections = [c for c in report.corrections if c.open]
        if open_corrections:
            self._set("corrections", self.tr("待处理 %1 笔，挂账 %2（主管确认或提出异议）").replace(
                "%1", str(len(open_corrections))).replace("%2", format_fen(report.suspense_fen)), alert=True)
        else:
            answered = len(report.corrections)
            self._set("corrections", self.tr("无待处理更正") if not answered
                      else self.tr("已处理 %1 笔，无待处理").replace("%1", str(answered)))
        pending = self.tr("%1 笔").replace("%1", str(len(report.pending)))
        if report.carried_pending:
            pending += self.tr("（另有前日 %1 笔）").replace("%1", str(len(report.carried_pending)))
        self._set("pending", pending)
        unknown = len(report.unknown_payments)
        self._set("unknown", self.tr("%1 笔：请在同步页处理或由主管核销，之前不能日终轧帐").replace("%1", str(unknown))
                  if unknown else self.tr("无"), alert=bool(unknown))


class JournalScope(Translated, QComboBox):
    """Which journal the screen lists: the open shift, an earlier shift of the day, or the whole day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journal_scope")
        self.shifts: list[dict[str, Any]] = []
        self.current_shift: str | None = None
        self.chosen: str | None = None  # what the clerk picked (kept across reloads while it exists)
        self.activated.connect(self._picked)

    def _picked(self, _index: int) -> None:
        self.chosen = self.key()

    def key(self) -> str:
        data = self.currentData()
        return str(data) if data else DAY_SCOPE

    def shift_id(self) -> str | None:
        """The shift whose journal to list, or None for the whole day."""
        key = self.key()
        return None if key == DAY_SCOPE else key

    def fill(self, shifts: list[dict[str, Any]], current_shift: str | None) -> None:
        """The day's shifts (oldest first) and the clerk's open one; keeps the clerk's choice when it exists."""
        self.shifts, self.current_shift = list(shifts), current_shift
        self.blockSignals(True)
        self.clear()
        keys = []
        for shift in self.shifts:
            start, end = str(shift.get("opened_at") or "")[11:16], str(shift.get("closed_at") or "")[11:16]
            if shift["shift_id"] == current_shift:
                text = self.tr("本班流水（%1 起）").replace("%1", start)
            elif shift["closed"]:
                text = self.tr("班次 %1–%2 %3").replace("%1", start).replace("%2", end).replace("%3", shift["clerk_id"])
            else:
                text = self.tr("班次 %1 起 %2（未签退）").replace("%1", start).replace("%2", shift["clerk_id"])
            self.addItem(text, shift["shift_id"])
            keys.append(shift["shift_id"])
        self.addItem(self.tr("全天流水"), DAY_SCOPE)
        keys.append(DAY_SCOPE)
        wanted = self.chosen if self.chosen in keys else (current_shift if current_shift in keys else DAY_SCOPE)
        self.setCurrentIndex(keys.index(wanted))
        self.blockSignals(False)

    def retranslate_state(self) -> None:
        self.fill(self.shifts, self.current_shift)
