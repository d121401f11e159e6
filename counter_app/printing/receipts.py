"""From a counter operation (envelope + payload, docs/operations.md) to the ``Receipt`` that is printed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from counter_app.domain.model import ACCRUAL_REASON_NAMES_ZH
from counter_app.domain.operations import SPECS, Kind
from counter_app.printing.layout import (
    BillInfo,
    METHOD_LABELS,
    Detail,
    MemberPoints,
    Payment,
    Receipt,
    ReceiptHeader,
    ReceiptLine,
    Section,
)
from counter_app.printing.text import format_time

# The screens' words for each operation, except where paper says it otherwise (a sale is 线下销售).
KIND_LABELS: dict[str, str] = {k.value: s.receipt_title_zh or s.name_zh for k, s in SPECS.items()}
VERIFIED_BY: dict[str, str] = {"code": "提货码", "order_no": "订单号"}
SIGNATURE_BLANK = "________________"

Op = Mapping[str, Any]


# --- masking: nothing identifying goes on paper in full --------------------------------------------------


def mask_phone(phone: str) -> str:
    """``13812341234`` → ``138****1234``; an already masked phone is kept as it is."""
    phone = str(phone).strip()
    if "*" in phone:
        return phone
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"


def mask_account(account_no: str) -> str:
    """A biller account number with only its last 4 characters kept: ``****5678``."""
    account_no = str(account_no).strip()
    # Short numbers keep at most half, so a 4-character account is never printed in full.
    keep = min(4, len(account_no) // 2)
    return "****" + (account_no[-keep:] if keep else "")


def _member_label(member: Mapping[str, Any] | None, member_id: str | None) -> str:
    """The masked phone of the member, else the card's last 4 (the cache keeps no phone digit), else a masked
    member id."""
    if member:
        for key in ("phone_masked", "masked_phone", "phone"):
            if member.get(key):
                return mask_phone(str(member[key]))
        if member.get("card_no"):
            return mask_account(str(member["card_no"]))
    return mask_account(member_id) if member_id else ""


# --- pieces shared by several kinds -----------------------------------------------------------------------


def _header(op: Op, branch: Mapping[str, Any]) -> ReceiptHeader:
    """Branch, counter and clerk of the operation."""
    return ReceiptHeader(
        branch_id=str(branch.get("branch_id") or op.get("branch_id") or ""),
        branch_name=str(branch.get("branch_name") or ""),
        branch_address=str(branch.get("branch_address") or ""),
        counter_id=str(op.get("counter_id") or ""),
        clerk_id=str(op.get("clerk_id") or ""),
    )


def _payments(tenders: list[Mapping[str, Any]] | None) -> tuple[Payment, ...]:
    """Tenders as printed payments; only the card's terminal reference is ever kept."""
    return tuple(
        Payment(
            method=str(t["method"]),
            amount_fen=int(t["amount_fen"]),
            reference=t.get("reference") or None,
            points=int(t.get("points") or 0),
        )
        for t in tenders or ()
    )


def _items(lines: list[Mapping[str, Any]] | None) -> tuple[ReceiptLine, ...]:
    """Item rows; a pickup's lines may carry no prices."""
    return tuple(
        ReceiptLine(
            name=str(line.get("name") or line.get("sku") or ""),
            qty=int(line.get("qty") or 0),
            unit_price_fen=line.get("unit_price_fen"),
            amount_fen=line.get("amount_fen"),
        )
        for line in lines or ()
    )


def _member(
    payload: Op, member: Mapping[str, Any] | None, points_balance: int | None, *, earned: int = 0, redeemed: int = 0
) -> MemberPoints | None:
    """The member block, when the operation concerns a member."""
    member_id = payload.get("member_id")
    if not member_id and not member:
        return None
    return MemberPoints(
        phone_masked=_member_label(member, member_id),
        points_earned=earned,
        points_redeemed=redeemed,
        points_balance=points_balance if points_balance is not None else (member or {}).get("points_balance"),
    )


def _tracking(order_no: str | None, branch: Mapping[str, Any]) -> str | None:
    """QR payload for 线上查询: the branch's tracking URL template filled in, else the bare order number."""
    if not order_no:
        return None
    template = branch.get("tracking_url_template")
    return str(template).format(order_no=order_no) if template else order_no


def _rows(*pairs: tuple[str, Any]) -> tuple[Detail, ...]:
    """Text rows, skipping empty values."""
    return tuple(Detail(label, text=str(value)) for label, value in pairs if value not in (None, ""))


# --- one builder per kind ---------------------------------------------------------------------------------


def _counter_order(op: Op, p: Op, base: dict[str, Any], member: Any, balance: int | None) -> Receipt:
    """线下销售: items, totals, tenders and change; an unpaid order says so."""
    paid = bool(p.get("paid", True))
    return Receipt(
        **base,
        title="销售小票" if paid else "订单凭证",
        lines=_items(p.get("lines")),
        subtotal_fen=p.get("subtotal_fen"),
        discount_fen=int(p.get("discount_fen") or 0),
        total_fen=p.get("total_fen"),
        total_label="合计" if paid else "应付金额",
        payments=_payments(p.get("tenders")),
        change_fen=p.get("change_fen"),
        member=_member(
            p, member, balance, earned=int(p.get("points_earned") or 0), redeemed=int(p.get("points_redeemed") or 0)
        ),
        sections=() if paid else (Section(None, _rows(("状态", "未付款 / UNPAID"))),),
        notes=() if paid else ("本订单尚未付款，请凭订单号到柜台付款。",),
    )


def _order_payment(op: Op, p: Op, base: dict[str, Any], member: Any, balance: int | None) -> Receipt:
    """Payment of an earlier unpaid counter order."""
    return Receipt(
        **base,
        title="付款凭证",
        total_fen=p.get("total_fen"),
        payments=_payments(p.get("tenders")),
        change_fen=p.get("change_fen"),
        member=_member(
            p, member, balance, earned=int(p.get("points_earned") or 0), redeemed=int(p.get("points_redeemed") or 0)
        ),
        sections=(Section(None, _rows(("业务", KIND_LABELS["order_payment"]))),),
    )


def _pickup(op: Op, p: Op, base: dict[str, Any], member: Any, balance: int | None) -> Receipt:
    """提货: what was collected, when, and how the order was verified."""
    rows = _rows(
        ("客户", p.get("customer_name_masked")),
        ("提货时间", format_time(str(p["collected_at"])) if p.get("collected_at") else None),
        ("核验方式", VERIFIED_BY.get(str(p.get("verified_by")), p.get("verified_by"))),
    )
    cod = int(p.get("cod_fen") or 0)  # cash on delivery (代收货款): what was taken at the hand-over
    return Receipt(
        **base,
        title="提货凭证",
        lines=_items(p.get("lines")),
        total_fen=cod or None,
        total_label="代收金额",
        payments=_payments(p.get("tenders")),
        change_fen=p.get("change_fen") if cod else None,
        sections=(Section(None, rows),),
        notes=("商品已当面交付，请核对。",),
        member=_member(p, member, balance),
    )


def _bill_payment(op: Op, p: Op, base: dict[str, Any], member: Any, balance: int | None) -> Receipt:
    """便民缴费: biller, masked account, period, amount; pending when taken offline."""
    return Receipt(
        **base,
        title="缴费凭证",
        bill=BillInfo(biller=str(p["biller"]), account_masked=mask_account(str(p["account_no"])), period=p.get("period")),
        total_fen=int(p["amount_fen"]),
        total_label="缴费金额",
        payments=_payments(p.get("tenders")),
        change_fen=p.get("change_fen"),
        member=_member(p, member, balance, earned=int(p.get("points_earned") or 0)),
        sections=(Section(None, _rows(("缴费单号", p.get("bill_id")))),) if p.get("bill_id") else (),
        pending=bool(p.get("pending")),
    )


def _points(op: Op, p: Op, base: dict[str, Any], member: Any, balance: int | None) -> Receipt:
    """积分累计 / 积分兑换."""
    accrual = op["kind"] == "points_accrual"
    points = int(p.get("points") or 0)
    reason = str(p.get("reason") or "")
    rows = _rows(
        ("业务", KIND_LABELS[op["kind"]]),
        # An accrual's reason is a code from the fixed list: the receipt names it in Chinese, the note beside it.
        ("原因", ACCRUAL_REASON_NAMES_ZH.get(reason, reason) if accrual else reason),
        ("说明", p.get("note")),
        ("主管", p.get("supervisor_id")),
        ("关联流水", p.get("ref_op_id")),
        ("兑换商品", p.get("sku")),
    )
    return Receipt(
        **base,
        title="积分凭证",
        member=_member(p, member, balance, earned=points if accrual else 0, redeemed=0 if accrual else points),
        sections=(Section(None, rows),),
    )


def _void(op: Op, p: Op, base: dict[str, Any], member: Any, balance: int | None) -> Receipt:
    """作废 of an unpaid counter order."""
    rows = _rows(("作废原因", p.get("reason")), ("主管", p.get("supervisor_id")), ("原流水号", p.get("target_op_id")))
    return Receipt(**base, title="作废凭证", sections=(Section(None, rows),), notes=("本订单已作废，不再有效。",))


def _refund(op: Op, p: Op, base: dict[str, Any], member: Any, balance: int | None) -> Receipt:
    """退款: the amount and what goes back to the customer, points reversed and restored."""
    rows = _rows(("退款原因", p.get("reason")), ("主管", p.get("supervisor_id")), ("原流水号", p.get("target_op_id")))
    points = _rows(
        ("扣回积分", f"-{p['points_reversed']}" if p.get("points_reversed") else None),
        ("退还积分", f"+{p['points_restored']}" if p.get("points_restored") else None),
    )
    sections = (Section(None, rows),) + ((Section("积分", points),) if points else ())
    return Receipt(
        **base,
        title="退款凭证",
        total_fen=int(p["amount_fen"]),
        total_label="退款金额",
        payments=_payments(p.get("tenders")),
        payments_heading="退款方式",
        member=_member(p, member, balance),
        sections=sections,
    )


def _shift_open(op: Op, p: Op, base: dict[str, Any], member: Any, balance: int | None) -> Receipt:
    """签到: the float put in the drawer."""
    rows = (Detail("备用金", fen=int(p.get("float_fen") or 0)),)
    return Receipt(**base, title="签到单", sections=(Section(None, rows),))


def _drawer_opened(op: Op, p: Op, base: dict[str, Any], member: Any, balance: int | None) -> Receipt:
    """开钱箱: who opened the drawer outside a sale, and why (printed on demand for the books)."""
    return Receipt(**base, title="开钱箱记录", sections=(Section(None, _rows(("原因", p.get("reason")),
                                                                          ("授权主管", p.get("supervisor_id")))),),
                   notes=(f"主管签字：{SIGNATURE_BLANK}",))


def _shift_close(op: Op, p: Op, base: dict[str, Any], member: Any, balance: int | None) -> Receipt:
    """签退: the cash count against the journal, totals per kind and per method, and signatures."""
    difference = int(p.get("difference_fen") or 0)
    diff_label = "长款" if difference > 0 else "短款" if difference < 0 else "差额"
    cash = (
        Detail("备用金", fen=int(p.get("float_fen") or 0)),
        Detail("应有现金", fen=int(p.get("expected_cash_fen") or 0)),
        Detail("实点现金", fen=int(p.get("counted_cash_fen") or 0)),
        Detail(diff_label, fen=abs(difference)),
        *_rows(("主管", p.get("supervisor_id"))),
    )
    totals = p.get("totals") or {}
    by_kind = tuple(
        Detail(f"{KIND_LABELS.get(kind, kind)} {int(t.get('count') or 0)}笔", fen=int(t.get("amount_fen") or 0))
        for kind, t in (totals.get("by_kind") or {}).items()
    )
    by_method = tuple(
        Detail(METHOD_LABELS.get(method, method), fen=int(amount)) for method, amount in (totals.get("by_method") or {}).items()
    )
    sections = [Section("现金盘点", cash)]
    if by_kind:
        sections.append(Section("按业务", by_kind))
    if by_method:
        sections.append(Section("按支付方式", by_method))
    return Receipt(
        **base,
        title="签退单",
        sections=tuple(sections),
        notes=(f"营业员签字：{SIGNATURE_BLANK}", f"主管签字：{SIGNATURE_BLANK}"),
    )


def _books(op: Op, p: Op, base: dict[str, Any], member: Any, balance: int | None) -> Receipt:
    """尾箱 moves, the day close, a settled cash difference, a correction's answer: a slip with signatures."""
    kind = str(op.get("kind"))
    amount = p.get("amount_fen", p.get("difference_fen"))
    rows = (
        *((Detail("金额", fen=int(amount)),) if amount is not None else ()),
        *_rows(("调剂单号", p.get("transfer_no")), ("调入柜台", p.get("to_counter_id")),
               ("调出柜台", p.get("from_counter_id")), ("日终序号", p.get("sequence_no")),
               ("更正单号", p.get("correction_id")),
               ("处理结果", {"accepted": "确认", "disputed": "异议"}.get(str(p.get("answer")), p.get("answer"))),
               ("处理方式", p.get("settlement")), ("原因", p.get("reason")), ("主管", p.get("supervisor_id")),
               ("原流水号", p.get("target_op_id"))),
    )
    return Receipt(**base, title=f"{KIND_LABELS.get(kind, kind)}单", sections=(Section(None, rows),),
                   notes=(f"营业员签字：{SIGNATURE_BLANK}", f"主管签字：{SIGNATURE_BLANK}"))


Builder = Callable[[Op, Op, dict[str, Any], Any, int | None], Receipt]

# One builder per operation kind (tests/test_operation_kinds.py fails when a kind has none).
RECEIPT_BUILDERS: dict[Kind, Builder] = {
    Kind.COUNTER_ORDER: _counter_order,
    Kind.ORDER_PAYMENT: _order_payment,
    Kind.PICKUP_COLLECTED: _pickup,
    Kind.BILL_PAYMENT: _bill_payment,
    Kind.POINTS_ACCRUAL: _points,
    Kind.POINTS_REDEMPTION: _points,
    Kind.VOID: _void,
    Kind.REFUND: _refund,
    Kind.SHIFT_OPEN: _shift_open,
    Kind.SHIFT_CLOSE: _shift_close,
    Kind.DRAWER_OPENED: _drawer_opened,
    Kind.CASH_COLLECT: _books,
    Kind.CASH_HANDBACK: _books,
    Kind.CASH_TRANSFER_OUT: _books,
    Kind.CASH_TRANSFER_IN: _books,
    Kind.DAY_CLOSE: _books,
    Kind.OVER_SHORT_SETTLE: _books,
    Kind.CORRECTION_ANSWER: _books,
}


def receipt_for_operation(
    op: Mapping[str, Any],
    *,
    branch: Mapping[str, Any],
    reprint: bool = False,
    member: Mapping[str, Any] | None = None,
    points_balance: int | None = None,
) -> Receipt:
    """The receipt for one operation (envelope + payload); ``member`` gives the masked phone to print."""
    kind = str(op.get("kind"))
    builder = RECEIPT_BUILDERS.get(Kind(kind)) if kind in KIND_LABELS else None
    if builder is None:
        raise ValueError(f"no receipt for operation kind {kind!r}")
    payload: Op = op.get("payload") or {}
    base: dict[str, Any] = {
        "header": _header(op, branch),
        "op_id": str(op.get("op_id") or ""),
        "occurred_at": str(op.get("occurred_at") or ""),
        "order_no": payload.get("order_no"),
        "qr_payload": _tracking(payload.get("order_no"), branch),
        "reprint": reprint,
    }
    return builder({**op, "branch": branch}, payload, base, member, points_balance)


from counter_app.printing import parcel_receipts as _parcels  # noqa: E402  (needs this module's helpers)

RECEIPT_BUILDERS[Kind.PARCEL_POSTING] = _parcels.parcel_posting
RECEIPT_BUILDERS[Kind.PARCEL_VOID] = _parcels.parcel_void
