"""The shipping label (面单) of a parcel: 76×130 mm or 100×150 mm on the counter's label printer.

The label is an ESC/POS job for a thermal label printer in its ESC/POS mode: the tracking number as large
text and as a hardware Code128 barcode (``GS k`` with code set B, the number printed under it), the service,
weight, sender and recipient with their addresses, a QR for online tracking, then a feed to the label's
length and a cut. A reprint is marked as such at the top.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from escpos.constants import QR_ECLEVEL_M
from escpos.printer import Dummy

from counter_app.printing.escpos_output import PrinterSettings, chinese_text
from counter_app.printing.transport import send

# width mm, height mm, font A columns at 203 dpi (12-dot characters, less the printer's margins)
LABEL_SIZES: dict[str, tuple[int, int, int]] = {"76x130": (76, 130, 48), "100x150": (100, 150, 64)}
DOTS_PER_MM = 8  # 203 dpi
LINE_DOTS = 30  # the default line spacing of a label printer in ESC/POS mode


TRACKING_PAGE = "/track/{tracking_no}"  # the platform's public tracking page (platform_sim/tracking_page.py)


def parcel_tracking_template(settings: Mapping[str, Any]) -> str:
    """The URL a parcel's QR opens, with ``{tracking_no}`` to fill in: the ``parcel_tracking_url`` setting (the
    configuration file's ``[platform] tracking_url``), else the platform's public tracking page; "" when the
    counter knows no platform (the QR then carries the bare number)."""
    template = str(settings.get("parcel_tracking_url") or "").strip()
    if template:
        return template if "{tracking_no}" in template else template.rstrip("/") + "/{tracking_no}"
    url = str(settings.get("platform_url") or "").strip().rstrip("/")
    return url + TRACKING_PAGE if url else ""



@dataclass(frozen=True)
class ShippingLabel:
    tracking_no: str
    service_name: str
    weight_g: int
    sender: Mapping[str, Any]
    recipient: Mapping[str, Any]
    accepted_at: str
    branch: str
    reprint: bool = False
    qr_payload: str = ""


def label_of(envelope: Mapping[str, Any], *, reprint: bool = False, tracking_url_template: str = "") -> ShippingLabel:
    """The label of a recorded ``parcel_posting`` (its journal or outbox envelope)."""
    p = envelope["payload"]
    number = str(p["tracking_no"])
    qr = tracking_url_template.format(tracking_no=number) if tracking_url_template else number
    return ShippingLabel(number, str(p.get("service_name") or p["service"]), int(p["weight_g"]), p["sender"],
                         p["recipient"], str(envelope.get("occurred_at") or ""),
                         f"{envelope.get('branch_id', '')}/{envelope.get('counter_id', '')}", reprint, qr)


def _address(party: Mapping[str, Any]) -> str:
    if party.get("country", "CN") != "CN":
        return f"{party.get('detail', '')} {party['country']}".strip()
    city = party.get("city", "") if party.get("city") != party.get("province") else ""
    return f"{party.get('province', '')}{city}{party.get('district', '')}{party.get('detail', '')}"


def _wrap(text: str, columns: int) -> list[str]:
    """Lines of at most ``columns`` columns (a Han character counts two)."""
    lines, current, width = [], "", 0
    for ch in text:
        w = 2 if ord(ch) > 0x2E7F else 1
        if width + w > columns:
            lines.append(current)
            current, width = "", 0
        current += ch
        width += w
    return lines + [current] if current else lines


def render_label(label: ShippingLabel, *, size: str = "100x150", profile: str | None = None) -> bytes:
    """The label's ESC/POS bytes."""
    width_mm, height_mm, columns = LABEL_SIZES[size]
    p = Dummy(profile=profile)
    p.hw("INIT")
    lines_used = 0

    def text(value: str, *, bold: bool = False, double: bool = False, align: str = "left") -> None:
        nonlocal lines_used
        p.set(align=align, bold=bold, custom_size=True, width=2 if double else 1, height=2 if double else 1)
        for part in _wrap(value, columns // (2 if double else 1)) or [""]:
            p._raw(chinese_text(part))
            lines_used += 2 if double else 1

    if label.reprint:
        text("重印 REPRINT", bold=True, align="center")
    text(f"{label.service_name}    {label.weight_g} 克", bold=True)
    text(label.tracking_no, double=True, align="center")
    p.set(align="center", custom_size=True, width=1, height=1)
    # Hardware Code128, code set B (KNOWN-QUIRKS: the "{B" prefix is required), the number printed below.
    p.barcode("{B" + label.tracking_no, "CODE128", height=80 if size == "100x150" else 64, width=3 if size ==
              "100x150" else 2, pos="BELOW", function_type="B")
    lines_used += 4
    text("收件人 TO", bold=True)
    text(f"{label.recipient.get('name', '')}  {label.recipient.get('phone', '')}", double=True)
    text(_address(label.recipient))
    text("寄件人 FROM", bold=True)
    text(f"{label.sender.get('name', '')}  {label.sender.get('phone', '')}")
    text(_address(label.sender))
    text(f"收寄 {label.accepted_at[:16].replace('T', ' ')}  {label.branch}")
    if label.qr_payload:
        p.set(align="center", custom_size=True, width=1, height=1)
        p.qr(label.qr_payload, native=True, size=4 if size == "76x130" else 5, ec=QR_ECLEVEL_M)
        lines_used += 6
    # Feed to the end of the label, then cut: the next label starts on its own.
    feed = max(0, height_mm * DOTS_PER_MM // LINE_DOTS - lines_used)
    p._raw(b"\n" * feed)
    p.cut()
    return bytes(p.output)


def label_printer_settings(settings: Mapping[str, Any]) -> tuple[PrinterSettings, str]:
    """The label printer's connection (the counter's ``label_printer`` setting) and its label size."""
    raw = dict(settings.get("label_printer") or {"kind": "none"})
    size = str(raw.pop("label_size", "100x150"))
    if size not in LABEL_SIZES:
        size = "100x150"
    return PrinterSettings.from_mapping({**raw, "paper_mm": 80}), size


def print_label(label: ShippingLabel, settings: Mapping[str, Any]) -> bytes:
    """Render and send the label to the label printer (``PrinterError`` when it cannot); returns the bytes."""
    printer, size = label_printer_settings(settings)
    data = render_label(label, size=size, profile=None if printer.profile in ("", "default") else printer.profile)
    if printer.enabled:
        send(data, printer)
    return data
