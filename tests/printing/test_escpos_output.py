"""ESC/POS bytes: Chinese mode around GB18030 text, GS ! for double size, native QR, profile as a setting."""

from __future__ import annotations

import pytest

from counter_app.printing.escpos_output import FS_CHINESE_OFF, FS_CHINESE_ON, PrinterSettings, render_escpos
from counter_app.printing.layout import PrintLine, layout_receipt
from counter_app.printing.receipts import receipt_for_operation

from .escpos_decoder import decode
from .samples import BRANCH, all_kinds

SETTINGS = PrinterSettings(kind="file", file_path="unused")


def test_chinese_text_is_sent_inside_chinese_mode_as_gb18030() -> None:
    data = render_escpos([PrintLine("text", "找零：￥20.00")], SETTINGS)
    assert FS_CHINESE_ON + "找零：￥20.00".encode("gb18030") + FS_CHINESE_OFF + b"\n" in data


def test_punctuation_only_lines_are_not_turned_into_question_marks() -> None:
    assert decode(render_escpos([PrintLine("text", "——（）")], SETTINGS)).texts == ["——（）"]


def test_double_size_uses_gs_exclamation_so_hanzi_double_too() -> None:
    data = render_escpos([PrintLine("text", "销售小票", double=True)], SETTINGS)
    assert b"\x1d!\x11" in data
    assert decode(data).find("销售小票").width == 2


def test_qr_is_the_printers_native_qr_holding_the_payload() -> None:
    data = render_escpos([PrintLine("qr", data="CO202611250001")], SETTINGS)
    assert b"\x1d(k" in data
    assert decode(data).qr_data == ["CO202611250001"]


def test_drawer_kick_can_be_switched_off_for_a_counter_without_drawer() -> None:
    lines = [PrintLine("cut"), PrintLine("drawer")]
    assert decode(render_escpos(lines, SETTINGS)).drawer_kicks == [2]
    assert decode(render_escpos(lines, PrinterSettings(kind="file", file_path="x", drawer_pin=None))).drawer_kicks == []


@pytest.mark.parametrize("profile", ["default", "TM-T88V"])
@pytest.mark.parametrize("op", all_kinds(), ids=lambda op: op["kind"])
def test_every_receipt_decodes_cleanly_with_no_yen_sign_bytes(op: dict, profile: str) -> None:
    settings = PrinterSettings(kind="file", file_path="x", profile=profile, paper_mm=58)
    data = render_escpos(layout_receipt(receipt_for_operation(op, branch=BRANCH), 32), settings)
    printed = decode(data)
    assert "¥".encode("gb18030") not in data
    assert printed.cuts == 1 and not printed.chinese_mode_left_on
    assert all(len(line.text.encode("gbk")) * line.width <= 32 for line in printed.lines)


def test_settings_from_a_config_mapping_accept_hex_usb_ids() -> None:
    settings = PrinterSettings.from_mapping({"kind": "usb", "usb_vendor_id": "0x04b8", "usb_product_id": "0x0202", "x": 1})
    assert (settings.usb_vendor_id, settings.usb_product_id) == (0x04B8, 0x0202)
    assert settings.describe() == "USB 04b8:0202"
    assert PrinterSettings(paper_mm=58).columns == 32
