"""打印机设置: the supervisor changes how this counter reaches its receipt printer, and prints a check page.

``PrinterFields`` shows the connection kind and only the fields that kind needs; ``PrinterDialog`` saves the
``printer`` setting and prints the check page on the worker, never on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.app.printer import (
    ANSWERING_KINDS,
    BAUDRATES,
    COMMON_FIELDS,
    CONNECTION_FIELDS,
    DRAWER_PINS,
    KEPT_KEYS,
    KINDS,
    KIND_FIELDS,
    PAPER_WIDTHS,
    PROFILES,
    STATUS_MODES,
    parse_usb_id,
    print_test_page,
    save_printer_settings,
)
from counter_app.app.settings import Settings
from counter_app.domain.errors import CounterError
from counter_app.printing.escpos_output import PrinterSettings
from counter_app.ui.context import UiContext
from counter_app.ui.ops import QueryOp
from counter_app.ui.widgets import ERROR_STYLE, OK_STYLE, Field

log = logging.getLogger(__name__)

# --- the fields --------------------------------------------------------------------------------------------


class PrinterFields(QWidget):
    """The printer's connection kind, the fields that kind needs, paper width, model and cash drawer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kept: dict[str, Any] = {}
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind, kind)
        self.host = QLineEdit()
        self.host.setMaxLength(253)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(9100)
        self.usb_vendor_id = QLineEdit()
        self.usb_vendor_id.setPlaceholderText("0x04b8")
        self.usb_vendor_id.setMaxLength(6)
        self.usb_product_id = QLineEdit()
        self.usb_product_id.setPlaceholderText("0x0202")
        self.usb_product_id.setMaxLength(6)
        self.serial_device = QLineEdit()
        self.serial_device.setPlaceholderText("/dev/ttyS0")
        self.baudrate = QComboBox()
        for rate in BAUDRATES:
            self.baudrate.addItem(str(rate), rate)
        self.file_path = QLineEdit()
        self.file_path.setPlaceholderText("/dev/usb/lp0")
        self.paper_mm = QComboBox()
        for width in PAPER_WIDTHS:
            self.paper_mm.addItem(f"{width} mm", width)
        self.profile = QComboBox()
        self.profile.setEditable(True)  # any python-escpos profile name
        self.profile.addItems(PROFILES)
        self.drawer_pin = QComboBox()
        for pin in DRAWER_PINS:
            self.drawer_pin.addItem(str(pin), pin)
        self.status = QComboBox()
        for mode in STATUS_MODES:
            self.status.addItem(mode, mode)

        self.fields: dict[str, Field] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for name in ("kind", *CONNECTION_FIELDS, *COMMON_FIELDS, "status"):
            self.fields[name] = Field("", getattr(self, name), name, below=True)
            self.fields[name].caption.setMinimumWidth(120)
            layout.addWidget(self.fields[name])
        # A device file cannot answer a status request: the supervisor must know receipts are unconfirmed.
        self.unconfirmed_note = QLabel()
        self.unconfirmed_note.setObjectName("unconfirmed_note")
        self.unconfirmed_note.setWordWrap(True)
        layout.addWidget(self.unconfirmed_note)
        self.kind.currentIndexChanged.connect(lambda _index: self._show_kind_fields())
        self.retranslate()
        self.set_kind("network")

    # -- language -------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        captions = {
            "kind": self.tr("连接方式"), "host": self.tr("打印机 IP"), "port": self.tr("端口"),
            "usb_vendor_id": self.tr("USB 厂商号"), "usb_product_id": self.tr("USB 产品号"),
            "serial_device": self.tr("串口设备"), "baudrate": self.tr("波特率"),
            "file_path": self.tr("设备/文件路径"), "paper_mm": self.tr("纸宽"), "profile": self.tr("打印机型号"),
            "drawer_pin": self.tr("钱箱接口"), "status": self.tr("打印确认"),
        }
        for name, text in captions.items():
            self.fields[name].caption.setText(text)
        kinds = {"none": self.tr("不使用打印机"), "network": self.tr("网络 (TCP 9100)"), "usb": self.tr("USB"),
                 "serial": self.tr("串口"), "file": self.tr("设备/文件路径")}
        for index, kind in enumerate(KINDS):
            self.kind.setItemText(index, kinds[kind])
        pins = {2: self.tr("2 号针脚"), 5: self.tr("5 号针脚"), 0: self.tr("无钱箱")}
        for index, pin in enumerate(DRAWER_PINS):
            self.drawer_pin.setItemText(index, pins[pin])
        modes = {"dle_eot": self.tr("DLE EOT 状态查询（多数打印机）"), "gs_r": self.tr("GS r 1 状态查询"),
                 "none": self.tr("不回报（无法确认是否打印）")}
        for index, mode in enumerate(STATUS_MODES):
            self.status.setItemText(index, modes[mode])
        self.profile.setToolTip(self.tr("python-escpos 型号名，不确定时用 default"))
        self.unconfirmed_note.setText(self.tr(
            "设备文件打印机无法回报状态：小票写入设备即记为已打印（未确认），缺纸、开盖或卡纸都不会提示。"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- values ---------------------------------------------------------------------------------------------

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(KINDS.index(kind) if kind in KINDS else 0)
        self._show_kind_fields()

    def _show_kind_fields(self) -> None:
        kind = self.current_kind()
        for name in CONNECTION_FIELDS:
            self.fields[name].setVisible(name in KIND_FIELDS[kind])
        for name in COMMON_FIELDS:
            self.fields[name].setVisible(kind != "none")
        self.fields["status"].setVisible(kind in ANSWERING_KINDS)
        self.unconfirmed_note.setVisible(kind == "file")
        self.clear_errors()

    def visible_fields(self) -> list[str]:
        """The fields shown for the current kind (for tests and focus)."""
        return [name for name, field in self.fields.items() if not field.isHidden()]

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def set_mapping(self, mapping: Mapping[str, Any]) -> None:
        """Show stored ``printer`` settings (a malformed one shows the defaults)."""
        try:
            s = PrinterSettings.from_mapping(mapping)
        except (TypeError, ValueError):
            s = PrinterSettings()
        self.kept = {key: mapping[key] for key in KEPT_KEYS if key in mapping}
        self.host.setText(s.host)
        self.port.setValue(s.port if 0 < s.port < 65536 else 9100)
        self.usb_vendor_id.setText(f"0x{s.usb_vendor_id:04x}" if s.usb_vendor_id else "")
        self.usb_product_id.setText(f"0x{s.usb_product_id:04x}" if s.usb_product_id else "")
        self.serial_device.setText(s.serial_device)
        if self.baudrate.findData(s.baudrate) < 0:
            self.baudrate.addItem(str(s.baudrate), s.baudrate)
        self._select(self.baudrate, s.baudrate)
        self.file_path.setText(s.file_path)
        self._select(self.paper_mm, s.paper_mm)
        self.profile.setCurrentText(s.profile or "default")
        self._select(self.drawer_pin, s.drawer_pin or 0)
        self._select(self.status, s.status)
        self.set_kind(s.kind)

    def mapping(self) -> dict[str, Any]:
        """The ``printer`` setting as typed: the kind's own fields, paper, model and drawer; refuses bad ids."""
        kind = self.current_kind()
        out: dict[str, Any] = {"kind": kind}
        if kind == "network":
            out.update(host=self.host.text().strip(), port=self.port.value())
        elif kind == "usb":
            out.update(usb_vendor_id=parse_usb_id(self.usb_vendor_id.text(), "usb_vendor_id"),
                       usb_product_id=parse_usb_id(self.usb_product_id.text(), "usb_product_id"))
        elif kind == "serial":
            out.update(serial_device=self.serial_device.text().strip(), baudrate=int(self.baudrate.currentData()))
        elif kind == "file":
            out.update(file_path=self.file_path.text().strip())
        pin = int(self.drawer_pin.currentData())
        out.update(paper_mm=int(self.paper_mm.currentData()), profile=self.profile.currentText().strip() or "default",
                   drawer_pin=pin or None)
        if kind in ANSWERING_KINDS and self.status.currentData() != "dle_eot":  # the default is not stored
            out["status"] = str(self.status.currentData())
        out.update(self.kept)
        return out

    def settings(self) -> PrinterSettings:
        """The typed settings, validated; ``CounterError`` with the field concerned when they are not usable."""
        settings = PrinterSettings.from_mapping(self.mapping())
        settings.validate()
        return settings

    # -- errors ---------------------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.clear_error()

    def show_error(self, name: str | None, text: str) -> bool:
        """The message beside the field it concerns; False when that field is not shown."""
        field = self.fields.get(name or "")
        if field is None or field.isHidden():
            return False
        field.show_error(text)
        field.editor.setFocus()
        return True

    def error_beside(self, name: str) -> str:
        return self.fields[name].error_text()


# --- the dialog --------------------------------------------------------------------------------------------


class PrinterDialog(QDialog):
    """打印机设置 (supervisor only): ``saved(settings)`` after 保存, ``tested(ok, message)`` after 测试打印."""

    saved = Signal(object)
    tested = Signal(bool, str)

    def __init__(self, ctx: UiContext, current: Mapping[str, Any], parent: QWidget | None = None, *,
                 supervisor_id: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.supervisor_id = supervisor_id
        self.busy = False
        self.setObjectName("PrinterDialog")
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.box = QGroupBox()
        self.fields = PrinterFields()
        QVBoxLayout(self.box).addWidget(self.fields)
        self.fields.set_mapping(current)
        self.status = QLabel()
        self.status.setObjectName("printer_status")
        self.status.setWordWrap(True)
        self.test_button = QPushButton()
        self.test_button.setObjectName("printer_test")
        self.save_button = QPushButton()
        self.save_button.setObjectName("printer_save")
        self.save_button.setProperty("primary", True)
        self.close_button = QPushButton()
        self.close_button.setObjectName("printer_close")
        for button in (self.test_button, self.save_button, self.close_button):
            button.setAutoDefault(False)
        self.test_button.clicked.connect(lambda: self.test_print())
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.box)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self.retranslate()
        self.fields.kind.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("打印机设置"))
        self.title.setText(self.tr("小票打印机设置（主管）"))
        self.box.setTitle(self.tr("小票打印机"))
        self.test_button.setText(self.tr("测试打印 (Ctrl+T)"))
        self.save_button.setText(self.tr("保存 (Ctrl+S)"))
        self.close_button.setText(self.tr("关闭 (Esc)"))
        # After setText: a button's text with no & mnemonic replaces its shortcut, so set the keys last.
        self.test_button.setShortcut("Ctrl+T")
        self.save_button.setShortcut("Ctrl+S")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- messages -------------------------------------------------------------------------------------------

    def say(self, text: str, *, ok: bool = True) -> None:
        self.status.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.status.setText(text)

    def show_error(self, error: CounterError) -> str:
        """A refusal beside its field when that field is shown, else in the status line."""
        text = self.ctx.message(error)
        if self.fields.show_error(error.field, text):
            self.status.clear()
        else:
            self.say(text, ok=False)
        return text

    def _typed_settings(self) -> tuple[dict[str, Any], PrinterSettings] | None:
        self.fields.clear_errors()
        self.status.clear()
        try:
            mapping = self.fields.mapping()
            return mapping, self.fields.settings()
        except CounterError as error:
            self.show_error(error)
            return None

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.test_button, self.save_button, self.close_button):
            button.setEnabled(not busy)

    # -- 保存 -------------------------------------------------------------------------------------------------

    def save(self) -> None:
        if self.busy:
            return
        typed = self._typed_settings()
        if typed is None:
            return
        mapping, _settings = typed
        self._set_busy(True)
        counter = self.ctx.counter
        QueryOp(self.ctx, lambda: save_printer_settings(counter, mapping)).success(self._saved) \
            .failure(self._save_failed).run()

    def _saved(self, settings: Settings) -> None:
        self._set_busy(False)
        log.info("printer settings changed to %s (supervisor %s)",
                 PrinterSettings.from_mapping(settings.printer).describe(), self.supervisor_id)
        self.ctx.settings = settings
        self.say(self.tr("打印机设置已保存"))
        self.saved.emit(settings)

    def _save_failed(self, error: CounterError) -> None:
        self._set_busy(False)
        self.show_error(error)

    # -- 测试打印 ---------------------------------------------------------------------------------------------

    def test_print(self) -> None:
        if self.busy:
            return
        typed = self._typed_settings()
        if typed is None:
            return
        _mapping, settings = typed
        if not settings.enabled:
            self.say(self.tr("未设置打印机，无法测试打印"), ok=False)
            return
        self._set_busy(True)
        self.say(self.tr("正在打印测试页…"))
        counter = self.ctx.counter
        receipts = self.ctx.receipts
        printer = receipts.printer if receipts is not None else None
        QueryOp(self.ctx, lambda: print_test_page(counter, settings, printer)).success(self._tested) \
            .failure(self._test_failed).run()

    def _tested(self, _result: Any) -> None:
        self._set_busy(False)
        text = self.tr("测试页已打印，请检查小票上的中文和切纸")
        self.say(text)
        self.tested.emit(True, text)

    def _test_failed(self, error: CounterError) -> None:
        self._set_busy(False)
        text = self.show_error(error)
        self.tested.emit(False, text)

    # -- closing --------------------------------------------------------------------------------------------

    def reject(self) -> None:
        if not self.busy:  # not while saving or printing
            super().reject()
