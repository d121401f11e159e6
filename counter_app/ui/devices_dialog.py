"""系统 > 外设设置 (supervisor only): the counter scale (serial device, baud rate, protocol, a test read) and the
label printer (面单打印机: the receipt printer's connection fields, the label size, a test label).

Saved as the ``scale`` and ``label_printer`` settings; the parcel screen reads them at each use, so a change
applies from the next 读秤 or label. Reads, prints and saves run on the worker, never on the GUI thread.
``install_device_settings(window)`` adds the menu entry and its shortcut (Ctrl+Shift+W) to the main window.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.app.devices import (
    SCALE_BAUDRATES,
    load_devices_for_supervisor,
    print_test_label,
    read_scale_once,
    save_device_settings,
)
from counter_app.app.settings import Settings
from counter_app.devices.scale import PROTOCOLS
from counter_app.domain.errors import CounterError
from counter_app.printing.label import LABEL_SIZES
from counter_app.ui.context import UiContext
from counter_app.ui.ops import QueryOp
from counter_app.ui.printer_dialog import PrinterFields
from counter_app.ui.supervised_dialog import SupervisedDialog
from counter_app.ui.widgets import ERROR_STYLE, OK_STYLE, Field

log = logging.getLogger(__name__)
SHORTCUT = "Ctrl+Shift+W"


class DevicesDialog(QDialog):
    """外设设置: ``saved(settings)`` after 保存, ``scale_read(ok, text)`` after 读秤测试, ``tested(ok, text)``
    after 测试面单."""

    saved = Signal(object)
    scale_read = Signal(bool, str)
    tested = Signal(bool, str)

    def __init__(self, ctx: UiContext, current: Mapping[str, Any], parent: QWidget | None = None, *,
                 supervisor_id: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.supervisor_id = supervisor_id
        self.busy = False
        self.setObjectName("DevicesDialog")
        scale = dict(current.get("scale") or {})
        label = dict(current.get("label_printer") or {"kind": "none"})
        # -- the scale --
        self.scale_box = QGroupBox()
        self.scale_device = QLineEdit(str(scale.get("device") or ""))
        self.scale_device.setPlaceholderText("/dev/ttyUSB0  COM3")
        self.scale_protocol = QComboBox()
        for protocol in PROTOCOLS:
            self.scale_protocol.addItem(protocol, protocol)
        self.scale_baudrate = QComboBox()
        for rate in SCALE_BAUDRATES:
            self.scale_baudrate.addItem(str(rate), rate)
        self._select(self.scale_protocol, scale.get("protocol", "continuous"))
        self._select(self.scale_baudrate, int(scale.get("baudrate") or 9600))
        self.scale_timeout = scale.get("timeout_s")
        self.scale_result = QLabel()
        self.scale_result.setObjectName("scale_result")
        self.scale_result.setWordWrap(True)
        self.scale_test_button = self._button("scale_test", "Ctrl+R", self.read_scale)
        self.fields: dict[str, Field] = {}
        scale_layout = QVBoxLayout(self.scale_box)
        for name, editor in (("scale_device", self.scale_device), ("scale_protocol", self.scale_protocol),
                             ("scale_baudrate", self.scale_baudrate)):
            self.fields[name] = Field("", editor, name, below=True)
            self.fields[name].caption.setMinimumWidth(120)
            scale_layout.addWidget(self.fields[name])
        row = QHBoxLayout()
        row.addWidget(self.scale_test_button)
        row.addWidget(self.scale_result, 1)
        scale_layout.addLayout(row)
        # -- the label printer: the receipt printer's fields, without paper width and drawer --
        self.label_box = QGroupBox()
        self.printer = PrinterFields()
        for name in ("paper_mm", "drawer_pin"):
            self.printer.fields[name].setVisible(False)
            self.printer.fields[name].setEnabled(False)
        self.printer.kind.currentIndexChanged.connect(lambda _index: self._hide_receipt_only())
        self.printer.set_mapping(label)
        self.label_size = QComboBox()
        for size in LABEL_SIZES:
            self.label_size.addItem(size.replace("x", "×") + " mm", size)
        self._select(self.label_size, label.get("label_size", "100x150"))
        self.fields["label_size"] = Field("", self.label_size, "label_size", below=True)
        self.fields["label_size"].caption.setMinimumWidth(120)
        label_layout = QVBoxLayout(self.label_box)
        label_layout.addWidget(self.printer)
        label_layout.addWidget(self.fields["label_size"])
        self.label_test_button = self._button("label_test", "Ctrl+T", self.test_label)
        label_layout.addWidget(self.label_test_button)
        # -- status and buttons --
        self.status = QLabel()
        self.status.setObjectName("devices_status")
        self.status.setWordWrap(True)
        self.save_button = self._button("devices_save", "Ctrl+S", self.save)
        self.save_button.setProperty("primary", True)
        self.close_button = self._button("devices_close", "", self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scale_box)
        layout.addWidget(self.label_box)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self._hide_receipt_only()
        self.retranslate()
        self.scale_device.setFocus()

    def _button(self, name: str, shortcut: str, slot: Any) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.setProperty("keys", shortcut)
        button.clicked.connect(lambda: slot())
        return button

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _hide_receipt_only(self) -> None:
        for name in ("paper_mm", "drawer_pin"):
            self.printer.fields[name].setVisible(False)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("外设设置"))
        self.scale_box.setTitle(self.tr("电子秤"))
        self.label_box.setTitle(self.tr("面单打印机"))
        captions = {"scale_device": self.tr("串口设备"), "scale_protocol": self.tr("通讯协议"),
                    "scale_baudrate": self.tr("波特率"), "label_size": self.tr("面单尺寸")}
        for name, text in captions.items():
            self.fields[name].caption.setText(text)
        protocols = {"continuous": self.tr("连续发送（ST/US/OL 帧）"), "command": self.tr("指令应答（MT-SICS S）")}
        for index, protocol in enumerate(PROTOCOLS):
            self.scale_protocol.setItemText(index, protocols.get(protocol, protocol))
        self.scale_device.setToolTip(self.tr("留空表示本柜台不使用电子秤"))
        self.scale_test_button.setText(self.tr("读秤测试 (Ctrl+R)"))
        self.label_test_button.setText(self.tr("测试面单 (Ctrl+T)"))
        self.save_button.setText(self.tr("保存 (Ctrl+S)"))
        self.close_button.setText(self.tr("关闭 (Esc)"))
        for button in (self.scale_test_button, self.label_test_button, self.save_button):
            button.setShortcut(QKeySequence(button.property("keys")))  # after setText, which clears it

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- values and messages ----------------------------------------------------------------------------

    def scale_mapping(self) -> dict[str, Any]:
        out: dict[str, Any] = {"device": self.scale_device.text().strip(),
                               "protocol": str(self.scale_protocol.currentData()),
                               "baudrate": int(self.scale_baudrate.currentData())}
        if self.scale_timeout is not None:
            out["timeout_s"] = self.scale_timeout
        return out

    def label_mapping(self) -> dict[str, Any]:
        """The label printer as typed (``CounterError`` for a bad USB id)."""
        mapping = self.printer.mapping()
        mapping.pop("drawer_pin", None)
        return {**mapping, "paper_mm": 80, "label_size": str(self.label_size.currentData())}

    def say(self, text: str, *, ok: bool = True) -> None:
        self.status.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.status.setText(text)

    def show_error(self, error: CounterError) -> str:
        """Beside the field it concerns (a scale field, a label printer field), else in the status line."""
        text = self.ctx.message(error)
        field = self.fields.get(error.field or "")
        if field is not None:
            field.show_error(text)
            field.editor.setFocus()
        elif not self.printer.show_error(error.field, text):
            self.say(text, ok=False)
        return text

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.clear_error()
        self.printer.clear_errors()
        self.status.clear()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.scale_test_button, self.label_test_button, self.save_button, self.close_button):
            button.setEnabled(not busy)

    def _run(self, fn: Any, done: Any, failed: Any) -> None:
        """``fn`` on the worker; ``done(result)`` or ``failed(error)`` back here, buttons off meanwhile."""
        if self.busy:
            return
        self.clear_errors()
        self._set_busy(True)

        def ok(result: Any) -> None:
            self._set_busy(False)
            done(result)

        def refused(error: CounterError) -> None:
            self._set_busy(False)
            failed(error)

        QueryOp(self.ctx, fn).success(ok).failure(refused).run()

    # -- actions ----------------------------------------------------------------------------------------

    def read_scale(self) -> None:
        scale = self.scale_mapping()
        if not scale["device"]:
            self.fields["scale_device"].show_error(self.tr("请填写电子秤的串口设备"))
            return
        self.scale_result.setText(self.tr("正在读秤…"))

        def read(reading: Any) -> None:
            state = self.tr("超载") if reading.overload else self.tr("稳定") if reading.stable else self.tr("不稳定")
            text = self.tr("读数 %1 克（%2）").replace("%1", str(reading.grams)).replace("%2", state)
            self.scale_result.setStyleSheet(OK_STYLE)
            self.scale_result.setText(text)
            self.scale_read.emit(True, text)

        def failed(error: CounterError) -> None:
            text = self.ctx.message(error)
            self.scale_result.setStyleSheet(ERROR_STYLE)
            self.scale_result.setText(text)
            self.scale_read.emit(False, text)

        self._run(lambda: read_scale_once(scale), read, failed)

    def test_label(self) -> None:
        try:
            mapping = self.label_mapping()
        except CounterError as error:
            self.show_error(error)
            return
        if mapping.get("kind", "none") == "none":
            self.say(self.tr("未设置面单打印机，无法测试"), ok=False)
            return
        self.say(self.tr("正在打印测试面单…"))
        counter = self.ctx.counter

        def printed(_data: Any) -> None:
            text = self.tr("测试面单已打印，请检查条码和切纸")
            self.say(text)
            self.tested.emit(True, text)

        def failed(error: CounterError) -> None:
            self.tested.emit(False, self.show_error(error))

        self._run(lambda: print_test_label(counter, mapping), printed, failed)

    def save(self) -> None:
        try:
            scale, label = self.scale_mapping(), self.label_mapping()
        except CounterError as error:
            self.show_error(error)
            return
        counter = self.ctx.counter
        self._run(lambda: save_device_settings(counter, scale=scale, label_printer=label), self._saved,
                  self.show_error)

    def _saved(self, settings: Settings) -> None:
        log.info("device settings changed: scale %s, label printer %s (supervisor %s)",
                 (settings.get("scale") or {}).get("device") or "none",
                 (settings.get("label_printer") or {}).get("kind", "none"), self.supervisor_id)
        self.ctx.settings = settings
        self.say(self.tr("外设设置已保存，寄递界面下次读秤和打印面单即用新设置"))
        self.saved.emit(settings)

    def reject(self) -> None:
        if not self.busy:
            super().reject()


# --- the main window's entry ------------------------------------------------------------------------------


def install_device_settings(window: Any) -> QAction:
    """系统 > 外设设置 (Ctrl+Shift+W) on the main window: the supervisor approves (id and PIN checked on the
    worker), then the dialog opens with the stored settings; ``window.devices_opener.dialog`` is it while open."""
    action = QAction(window)
    action.setObjectName("action_device_settings")
    action.setShortcut(QKeySequence(SHORTCUT))
    action.setShortcutContext(Qt.WindowShortcut)
    window.addAction(action)
    counter = window.ctx.counter
    opener = SupervisedDialog(
        window, lambda: window.tr("外设设置"), lambda approval: load_devices_for_supervisor(counter, approval),
        lambda current, supervisor_id: DevicesDialog(window.ctx, current, window, supervisor_id=supervisor_id))
    window.devices_opener = opener

    def retranslate(*_args: Any) -> None:
        action.setText(window.tr("外设设置"))

    def gated() -> None:  # locked (or logged out): the supervisor's dialog must not stay over the lock screen
        if not action.isEnabled():
            opener.close()

    action.triggered.connect(opener.open)
    action.changed.connect(gated)
    window.system_menu.insertAction(window.drawer_action, action)
    window.session_actions.append(action)
    window.language_switched.connect(retranslate)
    retranslate()
    return action
