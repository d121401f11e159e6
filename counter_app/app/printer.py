"""打印机设置 and the check page: what the supervisor's printer dialog does, below the UI, and the vocabulary
of the printer settings (connection kinds and the fields each needs, models, paper widths, drawer pins)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counter_app.app.session import approve
from counter_app.app.settings import Settings, save_settings
from counter_app.bootstrap import Counter
from counter_app.domain.commands import SupervisorApproval
from counter_app.domain.errors import InvalidInput
from counter_app.printing.check_page import print_check_page
from counter_app.printing.escpos_output import PrinterSettings, render_escpos
from counter_app.printing.spool import ReceiptPrinter
from counter_app.printing.status import STATUS_MODES

__all__ = ["ANSWERING_KINDS", "BAUDRATES", "COMMON_FIELDS", "CONNECTION_FIELDS", "DRAWER_PINS", "KEPT_KEYS", "KINDS",
           "KIND_FIELDS", "PAPER_WIDTHS", "PROFILES", "STATUS_MODES", "load_for_supervisor", "parse_usb_id",
           "print_test_page", "save_printer_settings"]

KINDS = ("none", "network", "usb", "serial", "file")
# The fields each connection kind needs; the paper, model and drawer apply to every printer.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "none": (),
    "network": ("host", "port"),
    "usb": ("usb_vendor_id", "usb_product_id"),
    "serial": ("serial_device", "baudrate"),
    "file": ("file_path",),
}
COMMON_FIELDS = ("paper_mm", "profile", "drawer_pin")
CONNECTION_FIELDS = tuple(name for names in KIND_FIELDS.values() for name in names)
# Settings the dialog does not show but keeps as they were.
KEPT_KEYS = ("timeout_s", "qr_size")
# Only printers that can answer show how they confirm a receipt (``PrinterSettings.status``).
ANSWERING_KINDS = ("network", "usb", "serial")
PROFILES = ("default", "TM-T88V", "TM-T88IV", "TM-T20II", "TM-U220", "POS-5890", "RP326", "simple")
BAUDRATES = (9600, 19200, 38400, 57600, 115200)
PAPER_WIDTHS = (80, 58)
DRAWER_PINS = (2, 5, 0)  # 0: no cash drawer (never None in Qt item data)


def load_for_supervisor(counter: Counter, approval: SupervisorApproval) -> dict[str, Any]:
    """Check the supervisor's own id and PIN, then return the current ``printer`` setting."""
    approve(counter, approval, action_zh="修改打印机设置", action_en="Changing the printer settings")
    return dict(counter.settings().get("printer") or {"kind": "none"})


def save_printer_settings(counter: Counter, printer: Mapping[str, Any]) -> Settings:
    """Validate the printer settings (the model name too) and store them; returns all settings."""
    settings = PrinterSettings.from_mapping(printer)
    settings.validate()
    render_escpos([], settings)  # an unknown printer model is refused here, beside its field
    return save_settings(counter, printer=dict(printer))


def print_test_page(counter: Counter, settings: PrinterSettings, printer: ReceiptPrinter | None = None) -> None:
    """Print the check page with the branch header and the counter's time."""
    stored = counter.settings()
    branch = {key: stored.get(key, "") for key in ("branch_id", "branch_name", "branch_address", "counter_id")}
    printed_at = counter.deps.clock.now().isoformat(timespec="seconds")
    print_check_page(settings, branch=branch, printed_at=printed_at, printer=printer)


def parse_usb_id(text: str, field: str) -> int:
    """A USB id typed as hex (``0x04b8`` or ``04b8``); 0 when empty."""
    text = text.strip()
    if not text:
        return 0
    try:
        value = int(text, 16)
    except ValueError:
        value = -1
    if not 0 <= value <= 0xFFFF:
        raise InvalidInput("usb_id_invalid", "请填写十六进制编号，如 0x04b8", "Enter a hex id such as 0x04b8",
                           field=field)
    return value
