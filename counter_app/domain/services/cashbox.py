"""Cash box services (尾箱): collect from the safe (领用), hand back (上缴), transfer between counters (调剂) with
the other counter's confirmation, and the drawer's expected cash at any moment."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from counter_app.domain.cashbox import (
    CASH_MOVE_KINDS,
    CashPosition,
    CollectCash,
    ConfirmCashTransfer,
    HandBackCash,
    TransferCash,
    moves_fen,
)
from counter_app.domain.commands import SupervisorApproval
from counter_app.domain.errors import InvalidInput, Refused
from counter_app.domain.model import Operation, RecordedOperation, Shift
from counter_app.domain.money import check_fen, format_fen
from counter_app.domain.operations import (
    CashCollectPayload,
    CashHandbackPayload,
    CashTransferInPayload,
    CashTransferOutPayload,
    Payload,
)
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.services._common import approve, check_reason, new_op_id, open_shift_of, timestamp


@dataclass(frozen=True)
class CashMoved:
    """A cash box move journaled; ``position`` is the drawer after it."""

    recorded: RecordedOperation
    position: CashPosition

    @property
    def transfer_no(self) -> str | None:
        return self.recorded.payload.get("transfer_no")


def cash_position(uow: UnitOfWork, shift: Shift) -> CashPosition:
    """The drawer of ``shift`` now (inside the caller's unit of work)."""
    cash_in, change, cash_out = uow.shifts.cash_movements(shift.shift_id)
    moves = moves_fen(uow.books.entries_of_kinds(CASH_MOVE_KINDS, shift_id=shift.shift_id))
    return CashPosition(shift.float_fen, moves, cash_in, change, cash_out)


def drawer_position(clerk_id: str, uow: UnitOfWork, *, counted: bool = False) -> tuple[CashPosition | None, bool]:
    """The clerk's drawer for the screens: (position, hidden). Under the branch's blind count (盲点) the expected
    figure is hidden (None, True) until the clerk has entered the count (``counted``)."""
    with uow.read():
        shift = open_shift_of(uow, clerk_id)
        if uow.books.rules().blind_count and not counted:
            return None, True
        return cash_position(uow, shift), False


def required_reason(text: str) -> str:
    """A reason the clerk must give (cash moves, settlements, answers to corrections)."""
    reason = check_reason(text)
    if not reason:
        raise InvalidInput("reason_required", "请填写原因", "Give a reason", field="reason")
    return reason


def _supervisor(uow: UnitOfWork, approval: SupervisorApproval | None, deps: Deps, amount_fen: int, what_zh: str,
                what_en: str) -> str | None:
    """A supervisor above the branch's limit for cash moves; below it an offered approval is still checked."""
    if amount_fen <= uow.books.rules().cash_move_supervisor_above_fen and approval is None:
        return None
    return approve(uow, approval, deps, action_zh=f"{what_zh} {format_fen(amount_fen)}",
                   action_en=f"{what_en} of {format_fen(amount_fen)}")


def _record_move(uow: UnitOfWork, deps: Deps, clerk_id: str, payload: Payload) -> CashMoved:
    now = deps.clock.now()
    shift = open_shift_of(uow, clerk_id)
    if payload.drawer_move_fen() < 0 and cash_position(uow, shift).expected_fen + payload.drawer_move_fen() < 0:
        raise Refused("cash_insufficient", "钱箱现金不足", "There is not that much cash in the drawer")
    recorded = uow.record(Operation(new_op_id(), shift.shift_id, clerk_id, shift.shift_id, timestamp(now),
                                    shift.business_date, payload))
    position = cash_position(uow, shift)
    uow.commit()
    return CashMoved(recorded, position)


def _drawer_move(clerk_id: str, amount_fen: int, reason_text: str, approval: SupervisorApproval | None,
                 uow: UnitOfWork, deps: Deps, payload: type[CashCollectPayload] | type[CashHandbackPayload],
                 what_zh: str, what_en: str) -> CashMoved:
    amount = check_fen(amount_fen, allow_zero=False)
    reason = required_reason(reason_text)
    with uow:
        open_shift_of(uow, clerk_id)
        supervisor = _supervisor(uow, approval, deps, amount, what_zh, what_en)
        return _record_move(uow, deps, clerk_id, payload(amount_fen=amount, reason=reason, supervisor_id=supervisor))


def collect_cash(cmd: CollectCash, uow: UnitOfWork, deps: Deps) -> CashMoved:
    """领用: cash from the branch safe into the drawer."""
    return _drawer_move(cmd.clerk_id, cmd.amount_fen, cmd.reason, cmd.approval, uow, deps, CashCollectPayload,
                        "尾箱领用", "Collecting cash")


def hand_back_cash(cmd: HandBackCash, uow: UnitOfWork, deps: Deps) -> CashMoved:
    """上缴: cash from the drawer back to the branch safe; never more than the drawer holds."""
    return _drawer_move(cmd.clerk_id, cmd.amount_fen, cmd.reason, cmd.approval, uow, deps, CashHandbackPayload,
                        "尾箱上缴", "Handing back cash")


def transfer_cash(cmd: TransferCash, uow: UnitOfWork, deps: Deps) -> CashMoved:
    """调剂调出: cash to another counter; the slip's transfer number is what the other counter confirms."""
    amount = check_fen(cmd.amount_fen, allow_zero=False)
    reason = required_reason(cmd.reason)
    with uow:
        branch = uow.settings.branch()
        to_counter = cmd.to_counter_id.strip().upper()
        if branch is None or to_counter == branch.counter_id or not to_counter:
            raise InvalidInput("transfer_to_self", "请填写调入的其他柜台号", "Name the other counter",
                               field="to_counter_id")
        open_shift_of(uow, cmd.clerk_id)
        supervisor = _supervisor(uow, cmd.approval, deps, amount, "调剂调出", "Transferring cash")
        transfer_no = f"T{branch.counter_id}{deps.clock.now():%y%m%d}{secrets.token_hex(3).upper()}"
        return _record_move(uow, deps, cmd.clerk_id, CashTransferOutPayload(
            transfer_no=transfer_no, to_counter_id=to_counter, amount_fen=amount, reason=reason,
            supervisor_id=supervisor))


def confirm_cash_transfer(cmd: ConfirmCashTransfer, uow: UnitOfWork, deps: Deps) -> CashMoved:
    """调剂调入: the receiving counter confirms the slip's number and the amount it counted (the platform checks
    both against the sending counter's operation, whichever arrives first)."""
    amount = check_fen(cmd.amount_fen, allow_zero=False)
    transfer_no = cmd.transfer_no.strip().upper()
    if not transfer_no:
        raise InvalidInput("transfer_no_required", "请填写调剂单号", "Enter the transfer number", field="transfer_no")
    with uow:
        branch = uow.settings.branch()
        from_counter = cmd.from_counter_id.strip().upper()
        if branch is None or from_counter == branch.counter_id or not from_counter:
            raise InvalidInput("transfer_to_self", "请填写调出的其他柜台号", "Name the other counter",
                               field="from_counter_id")
        confirmed = [e for e in uow.books.entries_of_kinds(("cash_transfer_in",))
                     if e["payload"].get("transfer_no") == transfer_no]
        if confirmed:
            raise Refused("transfer_already_confirmed", "该调剂已确认", "This transfer was already confirmed")
        open_shift_of(uow, cmd.clerk_id)
        supervisor = _supervisor(uow, cmd.approval, deps, amount, "调剂调入", "Receiving cash")
        return _record_move(uow, deps, cmd.clerk_id, CashTransferInPayload(
            transfer_no=transfer_no, from_counter_id=from_counter, amount_fen=amount, supervisor_id=supervisor))
