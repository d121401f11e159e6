"""外设设置 below the UI: the counter scale (serial device, speed, protocol) and the label printer (面单打印机:
the receipt printer's connection fields plus the label size), supervisor only; a test read of the scale and a
test label. Stored as the ``scale`` and ``label_printer`` settings, which the parcel screen reads at each use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counter_app.app.session import approve
from counter_app.app.settings import Settings, save_settings
from counter_app.bootstrap import Counter
from counter_app.devices.scale import PROTOCOLS, Reading, Scale, ScaleSettings
from counter_app.domain.commands import SupervisorApproval
from counter_app.domain.errors import InvalidInput
from counter_app.printing.escpos_output import PrinterSettings
from counter_app.printing.label import LABEL_SIZES, ShippingLabel, print_label

SCALE_BAUDRATES = (1200, 2400, 4800, 9600, 19200)
TEST_LABEL_NO = "TEST0000000"


def load_devices_for_supervisor(counter: Counter, approval: SupervisorApproval) -> dict[str, dict[str, Any]]:
    """Check the supervisor's own id and PIN, then return the ``scale`` and ``label_printer`` settings."""
    approve(counter, approval, action_zh="修改外设设置", action_en="Changing the device settings")
    stored = counter.settings()
    scale = stored.get("scale")
    return {"scale": dict(scale) if isinstance(scale, Mapping) else {},
            "label_printer": dict(stored.get("label_printer") or {"kind": "none"})}


def check_scale(scale: Mapping[str, Any]) -> dict[str, Any]:
    """The ``scale`` setting as stored: ``{}`` (no scale) or device, protocol and baud rate, checked."""
    device = str(scale.get("device") or "").strip()
    if not device:
        return {}
    if str(scale.get("protocol")) not in PROTOCOLS:
        raise InvalidInput("scale_protocol_invalid", "请选择电子秤协议", "Choose the scale's protocol",
                           field="scale_protocol")
    try:
        baudrate = int(scale.get("baudrate") or 0)
    except (TypeError, ValueError):
        baudrate = 0
    if baudrate not in SCALE_BAUDRATES:
        raise InvalidInput("scale_baudrate_invalid", "电子秤波特率不正确", "The scale's baud rate is not valid",
                           field="scale_baudrate")
    out: dict[str, Any] = {"device": device, "protocol": str(scale["protocol"]), "baudrate": baudrate}
    if "timeout_s" in scale:
        out["timeout_s"] = float(scale["timeout_s"])
    return out


def check_label_printer(printer: Mapping[str, Any]) -> dict[str, Any]:
    """The ``label_printer`` setting as stored: the connection, checked like the receipt printer's, and the
    label size (76×130 or 100×150 mm)."""
    size = str(printer.get("label_size") or "100x150")
    if size not in LABEL_SIZES:
        raise InvalidInput("label_size_invalid", "面单尺寸只能是 76×130 或 100×150 毫米",
                           "The label is 76×130 or 100×150 mm", field="label_size")
    connection = {k: v for k, v in printer.items() if k != "label_size"}
    PrinterSettings.from_mapping({**connection, "paper_mm": 80}).validate()
    return {**connection, "paper_mm": 80, "label_size": size}


def save_device_settings(counter: Counter, *, scale: Mapping[str, Any], label_printer: Mapping[str, Any]) -> Settings:
    """Validate both and store them in one change; the parcel screen uses them from its next action."""
    return save_settings(counter, scale=check_scale(scale), label_printer=check_label_printer(label_printer))


def read_scale_once(scale: Mapping[str, Any]) -> Reading:
    """One reading of the scale as typed (not yet saved); ``ScaleError`` when it cannot be read."""
    return Scale(ScaleSettings.from_mapping(check_scale(scale))).read()


def print_test_label(counter: Counter, label_printer: Mapping[str, Any]) -> bytes:
    """A label with a test number and the branch, on the label printer as typed; ``PrinterError`` on failure."""
    checked = check_label_printer(label_printer)
    stored = counter.settings()
    branch = f"{stored.get('branch_id', '')}/{stored.get('counter_id', '')}"
    party = {"name": "测试", "phone": "", "province": "", "city": "", "district": "", "detail": "外设设置测试面单"}
    label = ShippingLabel(TEST_LABEL_NO, "测试面单 TEST", 0, party, party,
                          counter.deps.clock.now().isoformat(timespec="seconds"), branch)
    return print_label(label, {"label_printer": checked})

