"""The counter's day (issue 16): the X report (中途轧帐, changes nothing), the Z report (日终轧帐, a journaled day
close with a sequence number), settling a cash difference (长短款处理) and answering a correction (更正)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from counter_app.domain.cashbox import (
    CASH_MOVE_KINDS,
    AnswerCorrection,
    CloseDay,
    Correction,
    SettleOverShort,
    moves_fen,
)
from counter_app.domain.errors import InvalidInput, NotFound, Refused
from counter_app.domain.model import Operation, RecordedOperation
from counter_app.domain.money import format_fen
from counter_app.domain.operations import CorrectionAnswerPayload, DayClosePayload, OverShortSettlePayload
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.reports import DayReport
from counter_app.domain.services import queries
from counter_app.domain.services._common import active_clerk, approve, new_op_id, timestamp
from counter_app.domain.services.cashbox import cash_position, required_reason

# Which payments are in an unknown state on ``business_date`` (a customer scanned a code, no result yet): op ids
# or payment ids. Any of them blocks the day close. The default asks the code payments (付款码) of the counter.
UnknownPayments = Callable[[UnitOfWork, str], Sequence[str]]


def no_unknown_payments(uow: UnitOfWork, business_date: str) -> Sequence[str]:
    """A hook for tests about something else: no payment is ever unknown."""
    return ()


def unresolved_payments_of_day(uow: UnitOfWork, business_date: str) -> Sequence[str]:
    """Code payments with no result yet (asked, waiting, cancel asked) from a shift of this day or an earlier
    one (inside the caller's unit of work): settle them or have a supervisor write them off first."""
    unknown = []
    for payment in uow.code_payments.unresolved():
        shift = uow.shifts.get(payment.shift_id)
        if shift is None or shift.business_date <= business_date:
            unknown.append(payment.payment_id)
    return unknown


@dataclass(frozen=True)
class BooksReport:
    """A counter's day as the X and Z reports show it; every figure comes from journaled operations."""

    business_date: str
    counter_id: str
    day: DayReport
    shifts: list[dict[str, Any]]  # per shift: float, moves, expected, counted (None while open), difference
    cash_moves: dict[str, dict[str, int]]  # kind -> {count, amount_fen}
    pending: list[dict[str, Any]]  # this day's operations the platform has not answered
    carried_pending: list[dict[str, Any]]  # earlier days' operations still unanswered
    unsettled: list[dict[str, Any]]  # recorded cash differences no settlement has answered
    corrections: list[Correction] = field(default_factory=list)  # this day's, and any still open
    close: dict[str, Any] | None = None  # the Z of this day, if taken
    unknown_payments: tuple[str, ...] = ()

    @property
    def suspense_fen(self) -> int:
        """挂账: corrections the platform issued that nobody here has answered; they change no figure."""
        return sum(c.amount_fen for c in self.corrections if c.open)

    @property
    def corrections_accepted_fen(self) -> int:
        return sum(c.amount_fen for c in self.corrections if c.answer == "accepted"
                   and c.business_date == self.business_date)

    @property
    def net_takings_fen(self) -> int:
        return self.day.net_takings_fen

    @property
    def booked_takings_fen(self) -> int:
        """Takings as booked: the counter's own plus the corrections accepted by an operation."""
        return self.day.net_takings_fen + self.corrections_accepted_fen

    def cash_total(self, key: str) -> int:
        return sum(int(s.get(key) or 0) for s in self.shifts)

    @property
    def final(self) -> bool:
        """Every operation of the day has an answer from the platform."""
        return not self.pending and not self.carried_pending


def books_report(business_date: str, uow: UnitOfWork) -> BooksReport:
    """The X report (中途轧帐) of a day: may be taken at any time and changes nothing."""
    day = queries.make_day_report(business_date, uow)
    with uow.read():
        return _report(business_date, uow, day, unresolved_payments_of_day)


def _report(business_date: str, uow: UnitOfWork, day: DayReport, unknown: UnknownPayments) -> BooksReport:
    branch = uow.settings.branch()
    counter_id = branch.counter_id if branch else ""
    shifts = []
    for row in uow.books.shifts_on(business_date, counter_id):
        moves = moves_fen(uow.books.entries_of_kinds(CASH_MOVE_KINDS, shift_id=row["shift_id"]))
        if row["close_op_id"] is None:
            shift = uow.shifts.get(row["shift_id"])
            expected = cash_position(uow, shift).expected_fen if shift is not None else None
            counted = difference = None
        else:
            expected, counted, difference = row["expected_cash_fen"], row["counted_cash_fen"], row["difference_fen"]
        shifts.append({"shift_id": row["shift_id"], "clerk_id": row["clerk_id"], "float_fen": row["float_fen"],
                       "moves_fen": moves, "expected_fen": expected, "counted_fen": counted,
                       "difference_fen": difference, "closed": row["close_op_id"] is not None,
                       "opened_at": row["opened_at"], "closed_at": row["closed_at"]})
    cash_moves: dict[str, dict[str, int]] = {}
    for entry in uow.books.entries_of_kinds(CASH_MOVE_KINDS, business_date=business_date):
        slot = cash_moves.setdefault(entry["kind"], {"count": 0, "amount_fen": 0})
        slot["count"] += 1
        slot["amount_fen"] += int(entry["amount_fen"])
    unanswered = uow.books.unanswered(before_or_on=business_date)
    corrections = [c for c in uow.books.corrections() if c.business_date == business_date or c.open]
    return BooksReport(
        business_date, counter_id, day, shifts, cash_moves,
        pending=[u for u in unanswered if u["business_date"] == business_date],
        carried_pending=[u for u in unanswered if u["business_date"] < business_date],
        unsettled=uow.books.unsettled_differences(), corrections=corrections,
        close=uow.books.day_close(business_date), unknown_payments=tuple(unknown(uow, business_date)))


@dataclass(frozen=True)
class DayClosed:
    report: BooksReport
    sequence_no: int
    recorded: RecordedOperation

    @property
    def pending_count(self) -> int:
        return len(self.recorded.payload.get("pending_op_ids") or ())


def close_day(cmd: CloseDay, uow: UnitOfWork, deps: Deps, *,
              unknown_payments: UnknownPayments = unresolved_payments_of_day) -> DayClosed:
    """日终轧帐 (Z): close the counter's business day once. Every shift of the day must be closed and no payment
    may be in an unknown state; with operations still queued it closes as "closed with N pending" only with a
    supervisor, and lists them (they stay on the next day's report until answered)."""
    day = queries.make_day_report(cmd.business_date, uow)
    now = deps.clock.now()
    op_id = new_op_id()
    with uow:
        clerk = active_clerk(uow, cmd.clerk_id)
        report = _report(cmd.business_date, uow, day, unknown_payments)
        if report.close is not None:
            raise Refused("day_already_closed", f"{cmd.business_date} 已日终轧帐（第 {report.close['sequence_no']} 号），"
                          "不能重复轧帐", f"{cmd.business_date} is already closed (Z no. {report.close['sequence_no']})")
        if report.unknown_payments:  # first: a shift with such a payment cannot close either
            count = len(report.unknown_payments)
            raise Refused("payment_unknown", f"有 {count} 笔付款码支付结果未明，请先在同步页处理（或由主管核销）后再日终轧帐",
                          f"{count} code payment(s) have no result yet; settle them on the sync screen (or have a "
                          "supervisor write them off) before closing the day", payments=list(report.unknown_payments))
        if any(not s["closed"] for s in report.shifts):
            raise Refused("shifts_open", "还有班次未签退，请先签退再日终轧帐", "Close every shift of the day first")
        pending = [p["op_id"] for p in report.carried_pending + report.pending]
        supervisor_id = None
        if pending:
            supervisor_id = approve(uow, cmd.approval, deps, action_zh=f"有 {len(pending)} 笔未获平台答复的日终轧帐",
                                    action_en=f"Closing the day with {len(pending)} operation(s) still pending")
        sequence_no = uow.books.next_close_no()
        counter_id = report.counter_id
        cash = {key: report.cash_total(key) for key in ("float_fen", "moves_fen", "expected_fen", "counted_fen",
                                                        "difference_fen")}
        payload = DayClosePayload(sequence_no=sequence_no, totals={"by_kind": day.by_kind, "by_method": day.by_method},
                                  cash=cash, pending_op_ids=tuple(pending), supervisor_id=supervisor_id)
        aggregate = f"Z-{counter_id}-{cmd.business_date.replace('-', '')}"
        recorded = uow.record(Operation(op_id, aggregate, clerk.clerk_id, aggregate, timestamp(now),
                                        cmd.business_date, payload))
        uow.books.add_day_close(business_date=cmd.business_date, op_id=op_id, sequence_no=sequence_no,
                                closed_at=timestamp(now), pending_count=len(pending), supervisor_id=supervisor_id)
        uow.commit()
    return DayClosed(report, sequence_no, recorded)


def settle_over_short(cmd: SettleOverShort, uow: UnitOfWork, deps: Deps) -> RecordedOperation:
    """长短款处理: a supervisor settles a recorded cash difference; it leaves the reports' open list."""
    if cmd.settlement not in ("booked", "paid_in", "taken_out"):
        raise InvalidInput("settlement_unknown", "处理方式不正确", "Unknown settlement", field="settlement")
    reason = required_reason(cmd.reason)
    now = deps.clock.now()
    with uow:
        open_ones = {d["op_id"]: d for d in uow.books.unsettled_differences()}
        target = open_ones.get(cmd.shift_close_op_id)
        if target is None:
            raise NotFound("difference_unknown", "没有待处理的该笔长短款", "No such open cash difference")
        difference = int(target["difference_fen"])
        kind_zh = "长款" if difference > 0 else "短款"
        supervisor_id = approve(uow, cmd.approval, deps, action_zh=f"{kind_zh} {format_fen(abs(difference))} 的处理",
                                action_en=f"Settling a cash difference of {format_fen(difference)}")
        payload = OverShortSettlePayload(target_op_id=cmd.shift_close_op_id, difference_fen=difference,
                                         settlement=cmd.settlement, reason=reason, supervisor_id=supervisor_id)
        recorded = uow.record(Operation(new_op_id(), target["shift_id"], cmd.clerk_id, target["shift_id"],
                                        timestamp(now), now.date().isoformat(), payload))
        uow.commit()
    return recorded


def answer_correction(cmd: AnswerCorrection, uow: UnitOfWork, deps: Deps) -> RecordedOperation:
    """更正确认/更正异议: a supervisor accepts (the figures move) or disputes (they do not) a correction; either way
    the answer is journaled and pushed to the platform, and the correction leaves the suspense line."""
    if cmd.answer not in ("accepted", "disputed"):
        raise InvalidInput("answer_unknown", "请选择确认或异议", "Accept or dispute", field="answer")
    reason = required_reason(cmd.reason)
    now = deps.clock.now()
    with uow:
        correction = uow.books.correction(cmd.correction_id)
        if correction is None:
            raise NotFound("correction_unknown", "更正单不存在", "No such correction", field="correction_id")
        if not correction.open:
            raise Refused("correction_answered", "该更正已处理", "This correction was already answered")
        supervisor_id = approve(uow, cmd.approval, deps, action_zh="处理平台更正", action_en="Answering a correction")
        payload = CorrectionAnswerPayload(correction_id=correction.correction_id, answer=cmd.answer,
                                          amount_fen=correction.amount_fen, reason=reason, supervisor_id=supervisor_id)
        recorded = uow.record(Operation(new_op_id(), correction.correction_id, cmd.clerk_id, correction.correction_id,
                                        timestamp(now), correction.business_date, payload))
        uow.commit()
    return recorded
