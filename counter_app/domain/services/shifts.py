"""Shift services: open with a cash float (签到), close with a cash count (签退/点钞)."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.domain.commands import CloseShift, OpenShift
from counter_app.domain.errors import InvalidInput, Refused
from counter_app.domain.model import Operation, RecordedOperation, Shift
from counter_app.domain.money import check_fen, format_fen
from counter_app.domain.operations import ShiftClosePayload, ShiftOpenPayload
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.reports import shift_totals
from counter_app.domain.services.cashbox import cash_position
from counter_app.domain.services.codepay import check_no_unresolved
from counter_app.domain.services._common import active_clerk, approve, new_op_id, open_shift_of, timestamp

# Notes and coins of the renminbi, in fen: what a cash count is made of.
DENOMINATIONS_FEN = (10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 2, 1)


@dataclass(frozen=True)
class ShiftOpened:
    shift: Shift
    recorded: RecordedOperation


@dataclass(frozen=True)
class ShiftClosed:
    shift_id: str
    expected_cash_fen: int
    counted_cash_fen: int
    recorded: RecordedOperation

    @property
    def difference_fen(self) -> int:
        """Positive is cash over (长款), negative cash short (短款)."""
        return self.counted_cash_fen - self.expected_cash_fen


def open_shift(cmd: OpenShift, uow: UnitOfWork, deps: Deps) -> ShiftOpened:
    """Open the clerk's shift at this counter with the cash float put in the drawer."""
    float_fen = check_fen(cmd.float_fen, field="float")
    now = deps.clock.now()
    op_id = new_op_id()
    with uow:
        clerk = active_clerk(uow, cmd.clerk_id)
        branch = uow.settings.branch()
        if branch is None:
            raise Refused("not_enrolled", "本柜台尚未设置网点和柜台号", "This counter has no branch settings yet")
        if uow.shifts.open_for(clerk.clerk_id, branch.counter_id) is not None:
            raise Refused("shift_already_open", "已签到，请勿重复开班", "A shift is already open")
        business_date = now.date().isoformat()
        shift = Shift(f"{branch.counter_id}-{now:%Y%m%d%H%M%S}-{op_id[:4]}", clerk.clerk_id, branch.counter_id,
                      business_date, timestamp(now), float_fen)
        uow.shifts.add(shift, op_id)
        recorded = uow.record(Operation(op_id, shift.shift_id, clerk.clerk_id, shift.shift_id, timestamp(now),
                                        business_date, ShiftOpenPayload(float_fen=float_fen)))
        uow.commit()
    return ShiftOpened(shift, recorded)


def counted_cash(cash_count: dict[int, int]) -> int:
    """The drawer total from a count by denomination."""
    total = 0
    for denomination, pieces in cash_count.items():
        if denomination not in DENOMINATIONS_FEN:
            raise InvalidInput("denomination_unknown", f"没有面额 {format_fen(denomination)}",
                               f"No such denomination: {format_fen(denomination)}", field="cash_count")
        if isinstance(pieces, bool) or not isinstance(pieces, int) or pieces < 0 or pieces > 100_000:
            raise InvalidInput("pieces_invalid", "张数必须是非负整数", "Counts are whole numbers", field="cash_count")
        total += denomination * pieces
    return total


def expected_cash(uow: UnitOfWork, shift: Shift) -> int:
    """What the drawer should hold: float plus cash box moves plus cash taken, less change and cash refunded."""
    return cash_position(uow, shift).expected_fen


def close_shift(cmd: CloseShift, uow: UnitOfWork, deps: Deps) -> ShiftClosed:
    """Close the clerk's shift with a cash count; a cash difference needs a supervisor's approval."""
    counted = check_fen(counted_cash(cmd.cash_count), field="cash_count")
    now = deps.clock.now()
    op_id = new_op_id()
    with uow:
        shift = open_shift_of(uow, cmd.clerk_id)
        check_no_unresolved(uow, shift.shift_id)
        expected = expected_cash(uow, shift)
        supervisor_id = None
        if abs(counted - expected) > uow.books.rules().over_short_threshold_fen:
            kind_zh = "长款" if counted > expected else "短款"
            supervisor_id = approve(uow, cmd.approval, deps,
                                    action_zh=f"现金{kind_zh} {format_fen(abs(counted - expected))} 的签退",
                                    action_en=f"Closing with cash {'over' if counted > expected else 'short'} "
                                              f"{format_fen(abs(counted - expected))}")
        totals = shift_totals(uow.journal.entries(shift_id=shift.shift_id, limit=1_000_000))
        payload = ShiftClosePayload(float_fen=shift.float_fen, expected_cash_fen=expected, counted_cash_fen=counted,
                                    difference_fen=counted - expected, supervisor_id=supervisor_id, totals=totals)
        uow.shifts.close(shift.shift_id, op_id=op_id, closed_at=timestamp(now), expected_cash_fen=expected,
                         counted_cash_fen=counted, cash_count={str(k): v for k, v in cmd.cash_count.items()},
                         supervisor_id=supervisor_id)
        recorded = uow.record(Operation(op_id, shift.shift_id, cmd.clerk_id, shift.shift_id, timestamp(now),
                                        shift.business_date, payload))
        uow.commit()
    return ShiftClosed(shift.shift_id, expected, counted, recorded)
