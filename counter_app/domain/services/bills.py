"""Bill payments (便民缴费): look the bill up online, pay it; offline only as a pending payment if allowed."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.domain.commands import PayBill
from counter_app.domain.errors import InvalidInput, PlatformError, Refused
from counter_app.domain.model import BILLER_NAMES_ZH, BILLERS, Bill, Operation, RecordedOperation
from counter_app.domain.operations import BillPaymentPayload
from counter_app.domain.money import check_fen, format_fen
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.services._common import known_member, new_op_id, open_shift_of, timestamp
from counter_app.domain.tender import change_due


@dataclass(frozen=True)
class BillPaid:
    bill_id: str | None
    amount_fen: int
    change_fen: int
    pending: bool
    recorded: RecordedOperation


def check_account(biller: str, account_no: str) -> tuple[str, str]:
    if biller not in BILLERS:
        raise InvalidInput("biller_unknown", "请选择缴费项目", "Choose a biller", field="biller")
    account = "".join(account_no.split())
    # The platform's contract: 4-32 of [0-9A-Za-z-]; anything else would be refused after the money is taken.
    if not (4 <= len(account) <= 32) or not all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in account):
        raise InvalidInput("account_invalid", "户号格式不正确", "The account number is not valid", field="account_no")
    return biller, account


def look_up_bill(biller: str, account_no: str, deps: Deps) -> Bill:
    """The amount due, from the platform (needs the network)."""
    biller, account = check_account(biller, account_no)
    if deps.platform is None:
        raise Refused("bill_lookup_offline", "离线状态下无法查询账单", "Bills cannot be looked up offline",
                      field="account_no")
    try:
        return deps.platform.find_bill(biller, account)
    except PlatformError as exc:
        if exc.code in ("platform_unavailable", "offline"):
            raise Refused("bill_lookup_offline", "网络不通，无法查询账单", "The platform cannot be reached to look up"
                          " the bill", field="account_no") from exc
        raise


def pay_bill(cmd: PayBill, uow: UnitOfWork, deps: Deps) -> BillPaid:
    """Pay a looked-up bill in full; without a look-up only offline, as 待确认, within the branch's limits."""
    biller, account = check_account(cmd.biller, cmd.account_no)
    amount = check_fen(cmd.amount_fen, field="amount", allow_zero=False)
    now = deps.clock.now()
    op_id = new_op_id()
    pending = cmd.bill_id is None
    with uow:
        shift = open_shift_of(uow, cmd.clerk_id)
        rules = uow.settings.offline_rules()
        if pending:
            if deps.online():
                raise Refused("bill_lookup_required", "请先查询账单再缴费", "Look the bill up before paying",
                              field="account_no")
            if not rules.allow_pending_bills:
                raise Refused("bill_offline_refused", "离线状态下本网点不办理缴费，请联网后再办理",
                              "This branch takes no bill payments offline; try again when online",
                              field="account_no")
            if amount > rules.pending_bill_max_fen:
                raise Refused("bill_offline_over_limit",
                              f"离线缴费单笔不能超过 {format_fen(rules.pending_bill_max_fen)}",
                              f"An offline bill payment is at most {format_fen(rules.pending_bill_max_fen)}",
                              field="amount")
            if uow.bills.pending_total(shift.shift_id) + amount > rules.pending_bill_shift_max_fen:
                raise Refused("bill_offline_shift_limit",
                              f"本班离线缴费合计不能超过 {format_fen(rules.pending_bill_shift_max_fen)}",
                              f"Offline bill payments this shift are at most "
                              f"{format_fen(rules.pending_bill_shift_max_fen)}", field="amount")
        elif cmd.bill_status not in (None, "unpaid"):
            raise Refused("bill_not_unpaid", "该账单已缴清或不可缴，请勿收款", "This bill is already paid or closed; take no"
                          " money", field="account_no")
        elif cmd.amount_due_fen is not None and amount != cmd.amount_due_fen:
            raise Refused("bill_amount_differs", f"缴费金额须等于应缴金额 {format_fen(cmd.amount_due_fen)}",
                          f"The payment must equal the amount due, {format_fen(cmd.amount_due_fen)}", field="amount")
        elif cmd.bill_id is not None and uow.bills.paid_here(cmd.bill_id):
            raise Refused("bill_already_paid", "该账单已在本柜台缴清", "This bill was already paid here",
                          field="account_no")
        member = known_member(uow, cmd.member_id)
        rule = uow.settings.points_rule()
        if any(t.method == "points" for t in cmd.tenders):
            raise Refused("bill_no_points", "缴费不能使用积分抵扣", "Bills cannot be paid with points", field="tender")
        if not cmd.tenders:
            raise InvalidInput("tender_missing", "请选择付款方式", "Choose how the customer pays", field="tender")
        change = change_due(amount, list(cmd.tenders), rule)
        uow.bills.add(op_id=op_id, bill_id=cmd.bill_id, biller=biller, account_no=account, period=cmd.period,
                      amount_fen=amount, pending=pending, shift_id=shift.shift_id, clerk_id=cmd.clerk_id,
                      member_id=member.member_id if member else None, created_at=timestamp(now))
        uow.orders.add_payments(op_id=op_id, shift_id=shift.shift_id, order_no=None, kind="bill_payment",
                                tenders=cmd.tenders, change_fen=change)
        payload = BillPaymentPayload(bill_id=cmd.bill_id, biller=biller, account_no=account, period=cmd.period,
                                     amount_fen=amount, tenders=cmd.tenders, change_fen=change, pending=pending,
                                     member_id=member.member_id if member else None, points_earned=0,
                                     biller_name=BILLER_NAMES_ZH[biller])
        aggregate = cmd.bill_id or f"{biller}:{account}"
        recorded = uow.record(Operation(op_id, aggregate, cmd.clerk_id, shift.shift_id, timestamp(now),
                                        shift.business_date, payload))
        uow.commit()
    return BillPaid(cmd.bill_id, amount, change, pending, recorded)
