"""Layout rules: nothing wider than the paper, amounts intact and right-aligned, ￥ never ¥, safe text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.money import MAX_AMOUNT_FEN
from counter_app.printing.layout import (
    Payment,
    Receipt,
    ReceiptHeader,
    ReceiptLine,
    char_width,
    format_figure,
    format_money,
    layout_receipt,
    NO_LINE_END,
    NO_LINE_START,
    paper_text,
    text_width,
    wrap,
)
from counter_app.printing.receipts import receipt_for_operation

from .samples import BRANCH, MEMBER, all_kinds

HEADER = ReceiptHeader("B001", "中国邮政阜成门营业厅", "北京市西城区阜成门内大街1号", "C01", "E1001")


def sale(lines: list[ReceiptLine], **fields: object) -> Receipt:
    """A sale receipt holding the given item lines."""
    total = sum(line.amount_fen or 0 for line in lines)
    return Receipt(
        header=HEADER, title="销售小票", op_id="op-1", occurred_at="2026-11-25T09:30:00+08:00", order_no="CO1",
        lines=tuple(lines), subtotal_fen=total, total_fen=total, payments=(Payment("cash", total),),
        qr_payload="CO1", **fields,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("columns", [32, 48])
@pytest.mark.parametrize("op", all_kinds(), ids=lambda op: f"{op['kind']}")
def test_no_line_of_any_kind_of_receipt_is_wider_than_the_paper(op: dict, columns: int) -> None:
    receipt = receipt_for_operation(op, branch=BRANCH, member=MEMBER, points_balance=99999, reprint=True)
    for line in layout_receipt(receipt, columns):
        assert line.width <= columns, line


def test_han_and_fullwidth_characters_take_two_columns_and_ascii_one() -> None:
    assert [char_width(ch) for ch in "中Ａ￥a1 "] == [2, 2, 2, 1, 1, 1]


def test_ambiguous_characters_that_gbk_stores_in_two_bytes_count_two_columns() -> None:
    assert text_width("·—é“”") == 10


def test_yen_is_printed_as_fullwidth_yuan_sign() -> None:
    assert format_money(1250) == "￥12.50"
    assert paper_text("¥5") == "￥5"
    texts = [line.text for line in layout_receipt(sale([ReceiptLine("邮票", 1, 1250, 1250)]), 32)]
    assert not any("¥" in text for text in texts)


def test_control_characters_in_a_name_cannot_reach_the_printer() -> None:
    cleaned = paper_text("邮票\x1dV\x00\x1b@\n小版张")
    assert not any(ord(ch) < 0x20 for ch in cleaned)
    assert cleaned.replace(" ", "") == "邮票V@小版张"


def test_characters_printer_fonts_lack_become_question_marks() -> None:
    assert paper_text("礼盒🎁") == "礼盒?"


def test_long_latin_names_wrap_at_spaces() -> None:
    assert wrap("Commemorative envelope large size", 16) == ["Commemorative", "envelope large", "size"]


def test_long_name_wraps_on_58mm_and_the_amount_stays_right_aligned() -> None:
    lines = layout_receipt(sale([ReceiptLine("中国邮政2026丙午马年生肖纪念邮票小版张", 3, 1250, 3750)]), 32)
    texts = [line.text for line in lines]
    name_start = next(i for i, text in enumerate(texts) if text.startswith("中国邮政2026"))
    assert texts[name_start] == "中国邮政2026丙午马年生肖纪念邮票"  # exactly 32 columns
    assert texts[name_start + 1] == "小版张"  # wrapped continuation
    assert texts[name_start + 2].endswith("37.50") and text_width(texts[name_start + 2]) == 32


def test_pending_receipt_carries_the_pending_banner_and_sentence() -> None:
    texts = [line.text for line in layout_receipt(sale([], pending=True), 48)]
    assert "待确认 / PENDING" in texts
    assert any("待平台确认" in text for text in texts)


def test_reprint_receipt_has_no_drawer_kick_but_a_cut() -> None:
    kinds = [line.kind for line in layout_receipt(sale([ReceiptLine("邮票", 1, 100, 100)], reprint=True), 48)]
    assert "drawer" not in kinds and kinds[-1] == "cut"


def test_paper_narrower_than_a_receipt_can_hold_is_refused() -> None:
    with pytest.raises(ValueError):
        layout_receipt(sale([]), 16)


# Names mixing Chinese, Latin, digits, fullwidth, emoji, spaces and control characters.
names = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from("（）【】·—…￥¥é😀🎁👨‍👩‍👧\u200b\u0301\t\n\x1b\x1d"),
        st.characters(),
    ),
    max_size=120,
)
amounts = st.integers(min_value=0, max_value=MAX_AMOUNT_FEN)
items = st.builds(ReceiptLine, name=names, qty=st.integers(1, 9999), unit_price_fen=amounts, amount_fen=amounts)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(items, min_size=1, max_size=5), columns=st.sampled_from([32, 48]))
def test_any_item_names_stay_within_the_paper_and_every_amount_still_appears(lines: list[ReceiptLine], columns: int) -> None:
    receipt = sale(lines)
    laid_out = layout_receipt(receipt, columns)
    assert all(line.width <= columns for line in laid_out)
    texts = [line.text for line in laid_out]
    for line in lines:
        assert any(format_figure(line.amount_fen or 0) in text for text in texts)
        assert any(format_figure(line.unit_price_fen or 0) in text for text in texts)
    assert any(text.endswith(format_money(receipt.total_fen or 0)) for text in texts)


@pytest.mark.parametrize("width", [12, 14, 16, 22, 24, 30, 32, 40, 48])
@pytest.mark.parametrize("text", ["2026丙午马年生肖邮票小版张（含封套）", "邮政自主品牌明前龙井礼盒（250克）。好茶！",
                                  "中国（北京）「测试」，好。", "农夫山泉矿泉水550ml（24瓶/箱）"])
def test_wrapped_lines_keep_the_chinese_line_break_rules(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join(lines) == text  # nothing lost or added
    assert all(text_width(line) <= width for line in lines)
    assert not any(line[0] in NO_LINE_START for line in lines[1:]), lines  # no "）" or "，" starting a line
    assert not any(line[-1] in NO_LINE_END for line in lines[:-1]), lines  # no "（" ending one


def test_a_wrapped_product_name_takes_a_character_down_with_its_closing_bracket() -> None:
    # 16 columns: "邮政自主品（含封" fills the line exactly, and "）" would have started the next one.
    assert wrap("邮政自主品（含封）礼盒", 16) == ["邮政自主品（含", "封）礼盒"]
    # ... and an opening bracket that would end a line goes down to the text it opens.
    assert wrap("邮政自主品牌明（含封套）", 16) == ["邮政自主品牌明", "（含封套）"]


@pytest.mark.parametrize("columns", [32, 48])
def test_a_duplicate_is_marked_at_both_ends_and_never_opens_the_drawer(columns: int) -> None:
    from dataclasses import replace

    receipt = replace(receipt_for_operation(all_kinds()[0], branch=BRANCH), duplicate=True)
    lines = layout_receipt(receipt, columns)
    marks = [line for line in lines if line.text == "补打 / DUPLICATE"]
    assert lines[0] is marks[0] and len(marks) == 2 and all(line.width <= columns for line in marks)
    assert not any(line.kind == "drawer" for line in lines)
