"""The cash box (尾箱) and the books' nouns: the branch's rules, the drawer's expected cash, the commands of the
cash moves, the day close, a settled cash difference and a correction's answer. Pure: no SQL, no Qt."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from counter_app.domain.commands import SupervisorApproval
from counter_app.domain.operations import Kind, payload_of

CASH_MOVE_KINDS: tuple[str, ...] = (Kind.CASH_COLLECT.value, Kind.CASH_HANDBACK.value,
                                    Kind.CASH_TRANSFER_OUT.value, Kind.CASH_TRANSFER_IN.value)


@dataclass(frozen=True)
class BooksRules:
    """What a branch decides about its cash: from which amount a cash move needs a supervisor, the cash difference
    at close a clerk may record alone (0: any needs a supervisor), and whether the clerk counts blind (盲点)."""

    cash_move_supervisor_above_fen: int = 200_000
    over_short_threshold_fen: int = 0
    blind_count: bool = False


@dataclass(frozen=True)
class CashPosition:
    """The drawer of a shift: float + cash box moves + cash taken − change − cash refunds."""

    float_fen: int
    moves_fen: int
    cash_in_fen: int
    change_fen: int
    cash_refunds_fen: int

    @property
    def expected_fen(self) -> int:
        return self.float_fen + self.moves_fen + self.cash_in_fen - self.change_fen - self.cash_refunds_fen


def moves_fen(entries: Iterable[dict[str, Any]]) -> int:
    """Net cash the cash box moves put into (+) or took out of (−) a drawer."""
    return sum(payload_of(e["kind"], e["payload"]).drawer_move_fen() for e in entries if e["kind"] in CASH_MOVE_KINDS)


@dataclass(frozen=True)
class Correction:
    """A correction the platform issued to this counter's day (更正), and this counter's answer if any."""

    correction_id: str
    business_date: str
    amount_fen: int
    reason: str
    op_id: str | None
    issued_at: str
    answer: str | None = None  # accepted | disputed, once a supervisor answered here
    answer_op_id: str | None = None
    answer_state: str | None = None  # the answer's delivery: pending | delivered | rejected

    @property
    def open(self) -> bool:
        """Still in the suspense line: nobody here has answered it."""
        return self.answer is None


# ---- commands ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CollectCash:
    """领用: cash from the branch safe into the clerk's drawer."""

    clerk_id: str
    amount_fen: int
    reason: str
    approval: SupervisorApproval | None = None


@dataclass(frozen=True)
class HandBackCash:
    """上缴: cash from the clerk's drawer back to the branch safe."""

    clerk_id: str
    amount_fen: int
    reason: str
    approval: SupervisorApproval | None = None


@dataclass(frozen=True)
class TransferCash:
    """调剂调出: cash handed to another counter of the branch."""

    clerk_id: str
    to_counter_id: str
    amount_fen: int
    reason: str
    approval: SupervisorApproval | None = None


@dataclass(frozen=True)
class ConfirmCashTransfer:
    """调剂调入: the receiving clerk confirms the transfer slip's number and the amount counted."""

    clerk_id: str
    transfer_no: str
    from_counter_id: str
    amount_fen: int
    approval: SupervisorApproval | None = None


@dataclass(frozen=True)
class CloseDay:
    """日终轧帐 (Z): close the counter's business day; with operations still queued only with a supervisor."""

    clerk_id: str
    business_date: str
    approval: SupervisorApproval | None = None


@dataclass(frozen=True)
class SettleOverShort:
    """长短款处理: a supervisor settles the cash difference a shift close recorded."""

    clerk_id: str
    shift_close_op_id: str
    settlement: str  # booked | paid_in | taken_out
    reason: str
    approval: SupervisorApproval


@dataclass(frozen=True)
class AnswerCorrection:
    """更正确认/更正异议: a supervisor accepts or disputes a correction, with a reason."""

    clerk_id: str
    correction_id: str
    answer: str  # accepted | disputed
    reason: str
    approval: SupervisorApproval
