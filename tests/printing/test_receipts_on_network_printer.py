"""Receipts sent to a real TCP printer on loopback, decoded back from the ESC/POS bytes it received."""

from __future__ import annotations

import pytest

from counter_app.printing.receipts import receipt_for_operation
from counter_app.printing.spool import ReceiptPrinter

from .conftest import network_settings
from .escpos_decoder import Decoded, decode
from .fake_printer import FakePrinter
from .samples import BRANCH, MEMBER, bill, card_sale, cash_sale, pickup

pytestmark = pytest.mark.timeout(10)


def print_and_decode(op: dict, printer: FakePrinter, *, paper_mm: int = 80, **options: object) -> Decoded:
    """Print an operation's receipt on the fake printer and decode what it received."""
    receipt = receipt_for_operation(op, branch=BRANCH, **options)  # type: ignore[arg-type]
    ReceiptPrinter().print_receipt(receipt, network_settings(printer, paper_mm=paper_mm))
    (job,) = printer.wait_for_jobs(1)
    return decode(job)


def test_cash_sale_prints_chinese_items_totals_and_change_then_cuts_and_kicks_the_drawer(fake_printer: FakePrinter) -> None:
    printed = print_and_decode(cash_sale(), fake_printer, member=MEMBER, points_balance=1230)
    assert printed.initialised and not printed.chinese_mode_left_on
    assert "中国邮政阜成门营业厅" in printed.texts
    assert printed.find("销售小票").width == 2 and printed.find("销售小票").height == 2
    # The long name wraps inside its column; the figures stay on its first line.
    assert printed.find("2026丙午马年").text.split()[1:] == ["2", "12.50", "25.00"]
    assert "票小版张" in printed.texts
    assert printed.find("小计").text.endswith("￥34.00")
    assert printed.find("优惠").text.endswith("-￥4.00")
    assert printed.find("合计").text.endswith("￥30.00") and printed.find("合计").width == 2
    assert printed.find("现金").text.endswith("￥50.00")
    assert printed.find("找零").text.endswith("￥20.00")
    assert printed.find("会员").text.endswith("138****1234")
    assert printed.find("积分余额").text.endswith("1230")
    assert printed.qr_data == ["CO202611250001"]
    assert printed.cuts == 1 and printed.drawer_kicks == [2]
    assert printed.events[-2:] == ["cut", "drawer"]
    assert "¥" not in printed.text


def test_sale_without_cash_does_not_open_the_drawer(fake_printer: FakePrinter) -> None:
    printed = print_and_decode(card_sale(), fake_printer)
    assert printed.find("银行卡(参考号 T88123456)").text.endswith("￥78.00")
    assert printed.find("积分抵扣(1000分)").text.endswith("￥10.00")
    assert printed.cuts == 1 and printed.drawer_kicks == []


def test_pickup_receipt_shows_items_customer_and_verification(fake_printer: FakePrinter) -> None:
    printed = print_and_decode(pickup(), fake_printer)
    assert printed.find("提货凭证").width == 2
    assert "洛川苹果礼盒" in printed.text
    assert printed.find("客户").text.endswith("张*")
    assert printed.find("核验方式").text.endswith("提货码")
    assert printed.find("订单号").text.endswith("OL202611240099")
    assert printed.qr_data == ["OL202611240099"]
    assert printed.drawer_kicks == []


def test_pending_bill_shows_masked_account_period_and_pending_banner(fake_printer: FakePrinter) -> None:
    printed = print_and_decode(bill(pending=True), fake_printer, paper_mm=58)
    assert printed.find("缴费凭证").width == 2
    assert printed.find("待确认 / PENDING").width == 2
    assert "待平台确认" in printed.text
    assert printed.find("缴费项目").text.endswith("电费")
    assert printed.find("户号").text.endswith("****5678")
    assert "0101234567895678" not in printed.text
    assert printed.find("账期").text.endswith("2026-10")
    assert printed.find("缴费金额").text.endswith("￥123.45")
    assert printed.find("找零").text.endswith("￥6.55")
    assert all(len(line.text) <= 32 for line in printed.lines)
    assert printed.drawer_kicks == [2]


def test_confirmed_bill_has_no_pending_banner(fake_printer: FakePrinter) -> None:
    printed = print_and_decode(bill(pending=False), fake_printer)
    assert "待确认" not in printed.text
    assert printed.find("缴费单号").text.endswith("BL0001")


def test_reprint_shows_reprint_banner_and_never_opens_the_drawer(fake_printer: FakePrinter) -> None:
    printed = print_and_decode(cash_sale(), fake_printer, reprint=True)
    assert printed.lines[0].text == "重印 / REPRINT" and printed.lines[0].width == 2
    assert printed.texts.count("重印 / REPRINT") == 2  # top and bottom, so a torn half still says so
    assert printed.drawer_kicks == []
    assert printed.cuts == 1


def test_each_receipt_opens_a_fresh_connection(fake_printer: FakePrinter) -> None:
    printer = ReceiptPrinter()
    settings = network_settings(fake_printer)
    for op in (cash_sale(), pickup()):
        printer.print_receipt(receipt_for_operation(op, branch=BRANCH), settings)
    first, second = fake_printer.wait_for_jobs(2)
    assert fake_printer.connections == 2
    assert "销售小票" in decode(first).text and "提货凭证" in decode(second).text
