"""Payloads of the books' operation kinds: the cash box (尾箱) moves, the day close (日终轧帐), the settlement
of a cash difference (长短款处理) and the answer to a platform's correction (更正). Rows in ``operations.SPECS``.

Re-exported by ``counter_app.domain.operations``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from counter_app.domain.payload import Kind, Payload


@dataclass(frozen=True, kw_only=True)
class CashCollectPayload(Payload):
    """领用: cash collected from the branch safe into the drawer."""

    kind: ClassVar[Kind] = Kind.CASH_COLLECT
    amount_fen: int
    reason: str
    supervisor_id: str | None = None

    def journal_fen(self) -> int:
        return self.amount_fen

    def drawer_move_fen(self) -> int:
        return self.amount_fen


@dataclass(frozen=True, kw_only=True)
class CashHandbackPayload(Payload):
    """上缴: cash handed back from the drawer to the branch safe."""

    kind: ClassVar[Kind] = Kind.CASH_HANDBACK
    amount_fen: int
    reason: str
    supervisor_id: str | None = None

    def journal_fen(self) -> int:
        return self.amount_fen

    def drawer_move_fen(self) -> int:
        return -self.amount_fen


@dataclass(frozen=True, kw_only=True)
class CashTransferOutPayload(Payload):
    """调剂 (调出): cash handed to another counter of the branch, which confirms it with ``transfer_no``."""

    kind: ClassVar[Kind] = Kind.CASH_TRANSFER_OUT
    transfer_no: str
    to_counter_id: str
    amount_fen: int
    reason: str
    supervisor_id: str | None = None

    def journal_fen(self) -> int:
        return self.amount_fen

    def drawer_move_fen(self) -> int:
        return -self.amount_fen


@dataclass(frozen=True, kw_only=True)
class CashTransferInPayload(Payload):
    """调剂 (调入): the receiving counter's confirmation of a transfer, with the amount it counted."""

    kind: ClassVar[Kind] = Kind.CASH_TRANSFER_IN
    transfer_no: str
    from_counter_id: str
    amount_fen: int
    supervisor_id: str | None = None

    def journal_fen(self) -> int:
        return self.amount_fen

    def drawer_move_fen(self) -> int:
        return self.amount_fen


@dataclass(frozen=True, kw_only=True)
class DayClosePayload(Payload):
    """日终轧帐 (Z report): the counter's business day closed, with its figures as they stood."""

    kind: ClassVar[Kind] = Kind.DAY_CLOSE
    sequence_no: int
    totals: dict[str, Any]  # {"by_kind": {kind: {count, amount_fen}}, "by_method": {method: fen}}
    cash: dict[str, int]  # float, moves, takings, expected, counted, difference over the day's shifts
    pending_op_ids: tuple[str, ...] = ()
    supervisor_id: str | None = None

    def journal_fen(self) -> int:
        return sum(int(v) for v in self.totals.get("by_method", {}).values())


@dataclass(frozen=True, kw_only=True)
class OverShortSettlePayload(Payload):
    """长短款处理: a recorded cash difference settled (booked, paid in or taken out), by a supervisor."""

    kind: ClassVar[Kind] = Kind.OVER_SHORT_SETTLE
    target_op_id: str  # the shift close that recorded the difference
    difference_fen: int  # as recorded: positive over, negative short
    settlement: str  # booked | paid_in | taken_out
    reason: str
    supervisor_id: str

    def journal_fen(self) -> int:
        return self.difference_fen

    def drawer_move_fen(self) -> int:
        # Cash a clerk pays in for a shortage goes into the safe, not a closed drawer: nothing moves here.
        return 0


@dataclass(frozen=True, kw_only=True)
class CorrectionAnswerPayload(Payload):
    """更正确认/更正异议: a supervisor accepts or disputes a correction the platform issued."""

    kind: ClassVar[Kind] = Kind.CORRECTION_ANSWER
    correction_id: str
    answer: str  # accepted | disputed
    amount_fen: int  # the correction's signed amount, as issued
    reason: str
    supervisor_id: str

    def journal_fen(self) -> int:
        return self.amount_fen if self.answer == "accepted" else 0
