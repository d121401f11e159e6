"""Receipt layout as data: the ``Receipt`` model and the printer-independent lines it lays out to.

Widths are counted in printer columns (font A): 58 mm paper has 32, 80 mm has 48. A Han or fullwidth
character takes two columns, and so does every other non-ASCII character, because a Chinese printer prints
each GB18030 double-byte code as one double-width glyph (``·``, ``é`` and ``—`` included).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from counter_app.domain.model import BILLER_NAMES_ZH, METHOD_NAMES_ZH
from counter_app.printing.text import (  # the text helpers are also the layout's interface
    NO_LINE_END,
    NO_LINE_START,
    YUAN,
    char_width,
    format_figure,
    format_money,
    format_time,
    label_value,
    left_align,
    paper_text,
    right_align,
    text_width,
    wrap,
)

PAPER_COLUMNS: dict[int, int] = {58: 32, 80: 48}
MIN_COLUMNS = 24
MAX_COLUMNS = 64
# From this width the item name, quantity, unit price and amount share one row; below it they stack.
_TABLE_MIN_COLUMNS = 40

# The trade's words, one place for screens and paper.
METHOD_LABELS: dict[str, str] = METHOD_NAMES_ZH
BILLER_LABELS: dict[str, str] = BILLER_NAMES_ZH

REPRINT_BANNER = "重印 / REPRINT"
# Printed again after a failed attempt that may have put part of it on paper: never a second original.
DUPLICATE_BANNER = "补打 / DUPLICATE"
PENDING_BANNER = "待确认 / PENDING"
PENDING_NOTE_ZH = "本笔款项已离线受理，待平台确认后生效；如平台不予确认，将联系您处理。"
PENDING_NOTE_EN = "Payment awaits platform confirmation."
QR_CAPTION = "扫码线上查询订单"
HOTLINE = "服务热线：11185"

Align = Literal["left", "center", "right"]
LineKind = Literal["text", "separator", "qr", "drawer", "cut"]


# --- the model ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptHeader:
    """Who printed the receipt: branch, counter and clerk."""

    branch_id: str
    branch_name: str
    branch_address: str
    counter_id: str
    clerk_id: str


@dataclass(frozen=True)
class ReceiptLine:
    """One item row; prices are ``None`` on a pickup, which was paid online."""

    name: str
    qty: int
    unit_price_fen: int | None = None
    amount_fen: int | None = None


@dataclass(frozen=True)
class Payment:
    """One tender as printed: method code, amount, a card's terminal reference (never its number)."""

    method: str
    amount_fen: int
    reference: str | None = None
    points: int = 0

    @property
    def label(self) -> str:
        """The method in Chinese, with the card reference or the points spent."""
        name = METHOD_LABELS.get(self.method, self.method)
        if self.method == "points" and self.points:
            return f"{name}({self.points}分)"
        if self.reference:
            # A payment code's reference is the acquirer's transaction number (交易号).
            return f"{name}({'交易号' if self.method in ('wechat_pay', 'alipay') else '参考号'} {self.reference})"
        return name


@dataclass(frozen=True)
class MemberPoints:
    """The member as printed: masked phone only, and the points this operation moved."""

    phone_masked: str
    points_earned: int = 0
    points_redeemed: int = 0
    points_balance: int | None = None


@dataclass(frozen=True)
class BillInfo:
    """A bill payment's biller, masked account number and period."""

    biller: str
    account_masked: str
    period: str | None = None

    @property
    def biller_label(self) -> str:
        """The biller in Chinese."""
        return BILLER_LABELS.get(self.biller, self.biller)


@dataclass(frozen=True)
class Detail:
    """A labelled row: either text or an amount in fen (formatted at layout time)."""

    label: str
    text: str | None = None
    fen: int | None = None

    @property
    def value(self) -> str:
        """The printed value."""
        return format_money(self.fen) if self.fen is not None else (self.text or "")


@dataclass(frozen=True)
class Section:
    """A titled group of rows (reason, supervisor, shift totals...)."""

    title: str | None
    rows: tuple[Detail, ...]


@dataclass(frozen=True)
class Receipt:
    """Everything a receipt shows, independent of paper width and printer."""

    header: ReceiptHeader
    title: str
    op_id: str
    occurred_at: str
    order_no: str | None = None
    lines: tuple[ReceiptLine, ...] = ()
    subtotal_fen: int | None = None
    discount_fen: int = 0
    total_fen: int | None = None
    total_label: str = "合计"
    payments: tuple[Payment, ...] = ()
    payments_heading: str = "付款方式"
    change_fen: int | None = None
    member: MemberPoints | None = None
    bill: BillInfo | None = None
    sections: tuple[Section, ...] = ()
    notes: tuple[str, ...] = ()
    qr_payload: str | None = None
    reprint: bool = False
    pending: bool = False
    duplicate: bool = False  # 补打: an earlier attempt may be on paper
    open_drawer: bool = True  # only the first attempt at a cash operation's original receipt opens the drawer

    @property
    def has_cash_tender(self) -> bool:
        """True when cash changes hands, so the drawer must open."""
        return any(p.method == "cash" and p.amount_fen > 0 for p in self.payments)


@dataclass(frozen=True)
class PrintLine:
    """One printer-independent line: text (aligned, bold, double size), a separator, a QR, a drawer kick or a cut."""

    kind: LineKind = "text"
    text: str = ""
    align: Align = "left"
    bold: bool = False
    double: bool = False
    data: str = ""

    @property
    def width(self) -> int:
        """Columns the line takes on paper."""
        return text_width(self.text) * (2 if self.double else 1)


# --- building lines ----------------------------------------------------------------------------------------


def _text(text: str, **style: Any) -> PrintLine:
    """A plain text line."""
    return PrintLine("text", text, **style)


def _block(text: str, columns: int, *, align: Align = "left", bold: bool = False, double: bool = False) -> list[PrintLine]:
    """Wrapped text lines; double-size text gets half the columns."""
    width = columns // 2 if double else columns
    return [PrintLine("text", part, align, bold, double) for part in wrap(text, width)]


def _rows(label: str, value: str, columns: int, *, bold: bool = False, double: bool = False) -> list[PrintLine]:
    """Label/value lines."""
    width = columns // 2 if double else columns
    return [PrintLine("text", row, "left", bold, double) for row in label_value(label, value, width)]


def _total_rows(label: str, value: str, columns: int) -> list[PrintLine]:
    """The total in double size when label and amount fit one double line, else in bold normal size."""
    double = _rows(label, value, columns, bold=True, double=True)
    return double if len(double) == 1 else _rows(label, value, columns, bold=True)


def _separator(columns: int, char: str = "-") -> PrintLine:
    """A full-width rule."""
    return PrintLine("separator", char * columns)


def _item_table(items: tuple[ReceiptLine, ...], columns: int) -> list[PrintLine]:
    """The item rows: one row per item on wide paper, name then figures on narrow paper."""
    if columns >= _TABLE_MIN_COLUMNS:
        return _wide_items(items, columns)
    return _narrow_items(items, columns)


def _figures(item: ReceiptLine) -> tuple[str, str, str]:
    """The quantity, unit price and amount of an item as text."""
    price = format_figure(item.unit_price_fen) if item.unit_price_fen is not None else ""
    amount = format_figure(item.amount_fen) if item.amount_fen is not None else ""
    return str(item.qty), price, amount


def _wide_items(items: tuple[ReceiptLine, ...], columns: int) -> list[PrintLine]:
    """Name, quantity, unit price and amount in aligned columns; long names wrap within their column."""
    qty_w, price_w, amount_w = 6, 11, 12
    name_w = columns - qty_w - price_w - amount_w
    out = [_text(left_align("品名", name_w) + right_align("数量", qty_w) + right_align("单价", price_w) + right_align("金额", amount_w))]
    for item in items:
        qty, price, amount = _figures(item)
        if text_width(qty) >= qty_w or text_width(price) >= price_w or text_width(amount) >= amount_w:
            out.extend(_narrow_items((item,), columns, header=False))
            continue
        names = wrap(item.name, name_w - 1)
        figures = right_align(qty, qty_w) + right_align(price, price_w) + right_align(amount, amount_w)
        out.append(_text(left_align(names[0], name_w) + figures))
        out.extend(_text(name) for name in names[1:])
    return out


def _narrow_items(items: tuple[ReceiptLine, ...], columns: int, *, header: bool = True) -> list[PrintLine]:
    """Each item's name on its own line(s), then quantity x unit price and the amount right-aligned."""
    out = [_text("品名"), *(_text(r) for r in label_value("  数量 x 单价", "金额", columns))] if header else []
    for item in items:
        qty, price, amount = _figures(item)
        out.extend(_text(name) for name in wrap(item.name, columns))
        left = f"  {qty} x {price}" if price else f"  x {qty}"
        out.extend(_text(row) for row in label_value(left, amount, columns))
    return out


def _banner(receipt: Receipt) -> str:
    """The mark at the top and bottom of a receipt that is not the first original: 重印 or 补打."""
    if receipt.reprint:
        return REPRINT_BANNER
    return DUPLICATE_BANNER if receipt.duplicate else ""


def _header(receipt: Receipt, columns: int) -> list[PrintLine]:
    """Banners, branch, title and the who/when/which rows."""
    h = receipt.header
    out: list[PrintLine] = []
    if _banner(receipt):
        out += _block(_banner(receipt), columns, align="center", bold=True, double=True)
    out += _block(h.branch_name, columns, align="center", bold=True)
    if h.branch_address:
        out += _block(h.branch_address, columns, align="center")
    out += _block(receipt.title, columns, align="center", bold=True, double=True)
    if receipt.pending:
        out += _block(PENDING_BANNER, columns, align="center", bold=True, double=True)
        out += _block(PENDING_NOTE_ZH, columns)
        out += _block(PENDING_NOTE_EN, columns)
    out.append(_separator(columns))
    out += _rows("网点", h.branch_id, columns)
    out += _rows(f"柜台 {h.counter_id}", f"营业员 {h.clerk_id}", columns)
    out += _rows("时间", format_time(receipt.occurred_at), columns)
    if receipt.order_no:
        out += _rows("订单号", receipt.order_no, columns)
    out += _rows("流水号", receipt.op_id, columns)
    return out


def _money_part(receipt: Receipt, columns: int) -> list[PrintLine]:
    """Items, bill, totals, payments and change."""
    out: list[PrintLine] = []
    if receipt.lines:
        out.append(_separator(columns))
        out += _item_table(receipt.lines, columns)
    if receipt.bill is not None:
        bill = receipt.bill
        out.append(_separator(columns))
        out += _rows("缴费项目", bill.biller_label, columns)
        out += _rows("户号", bill.account_masked, columns)
        if bill.period:
            out += _rows("账期", bill.period, columns)
    if receipt.total_fen is not None:
        out.append(_separator(columns))
        if receipt.subtotal_fen is not None and receipt.subtotal_fen != receipt.total_fen:
            out += _rows("小计", format_money(receipt.subtotal_fen), columns)
        if receipt.discount_fen:
            out += _rows("优惠", format_money(-receipt.discount_fen), columns)
        out += _total_rows(receipt.total_label, format_money(receipt.total_fen), columns)
    if receipt.payments:
        out += _block(receipt.payments_heading, columns)
        for payment in receipt.payments:
            out += _rows(f"  {payment.label}", format_money(payment.amount_fen), columns)
    if receipt.change_fen:
        out += _rows("找零", format_money(receipt.change_fen), columns, bold=True)
    return out


def _member_part(member: MemberPoints, columns: int) -> list[PrintLine]:
    """The masked member phone and the points moved."""
    out = [_separator(columns), *_rows("会员", member.phone_masked, columns)]
    if member.points_earned:
        out += _rows("本次积分", f"+{member.points_earned}", columns)
    if member.points_redeemed:
        out += _rows("使用积分", f"-{member.points_redeemed}", columns)
    if member.points_balance is not None:
        out += _rows("积分余额", str(member.points_balance), columns)
    return out


def _sections(receipt: Receipt, columns: int) -> list[PrintLine]:
    """The kind-specific labelled rows."""
    out: list[PrintLine] = []
    for section in receipt.sections:
        out.append(_separator(columns))
        if section.title:
            out += _block(section.title, columns, bold=True)
        for row in section.rows:
            out += _rows(row.label, row.value, columns)
    return out


def _footer(receipt: Receipt, columns: int) -> list[PrintLine]:
    """Notes, the tracking QR, the hotline, then drawer kick and cut."""
    out: list[PrintLine] = []
    if receipt.notes:
        out.append(_separator(columns))
        for note in receipt.notes:
            out += _block(note, columns)
    if receipt.qr_payload:
        out.append(_separator(columns))
        out += _block(QR_CAPTION, columns, align="center")
        out.append(PrintLine("qr", data=receipt.qr_payload, align="center"))
        if receipt.order_no:
            out += _block(receipt.order_no, columns, align="center")
    out.append(_text(""))
    out += _block(HOTLINE, columns, align="center")
    if _banner(receipt):
        out += _block(_banner(receipt), columns, align="center", bold=True)
    out.append(PrintLine("cut"))
    # The drawer opens once per cash operation: never on a reprint, a retry or a late print.
    if receipt.has_cash_tender and receipt.open_drawer and not receipt.reprint and not receipt.duplicate:
        out.append(PrintLine("drawer"))
    return out


def layout_receipt(receipt: Receipt, columns: int) -> list[PrintLine]:
    """Lay a receipt out for paper ``columns`` wide (32 for 58 mm, 48 for 80 mm); no line is ever wider."""
    if not MIN_COLUMNS <= columns <= MAX_COLUMNS:
        raise ValueError(f"columns must be between {MIN_COLUMNS} and {MAX_COLUMNS}, not {columns}")
    lines = _header(receipt, columns) + _money_part(receipt, columns)
    if receipt.member is not None:
        lines += _member_part(receipt.member, columns)
    lines += _sections(receipt, columns) + _footer(receipt, columns)
    too_wide = [line for line in lines if line.width > columns]
    if too_wide:  # a layout bug, never the clerk's input: fail loudly rather than print garbage
        raise AssertionError(f"line wider than {columns} columns: {too_wide[0].text!r}")
    return lines
