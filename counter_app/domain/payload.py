"""The base of every operation payload: the kinds, ``Payload`` (its recorded form and money rules), the money
rules of a payload paid by tenders, and the small value types payloads hold. The payload classes and the
kind table are in ``counter_app.domain.operations`` (and its area modules: books, parcels)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, TypeVar

from counter_app.domain.model import OrderLine, Tender

P = TypeVar("P", bound="Payload")

# Fields recorded in the journal for the counter's own use (receipts, the offline flag) that the platform's
# request schemas do not list: they stay off the wire, so a resend is byte-for-byte the first send.
LOCAL_ONLY = {"wire": False}


class Kind(StrEnum):
    COUNTER_ORDER = "counter_order"
    ORDER_PAYMENT = "order_payment"
    PICKUP_COLLECTED = "pickup_collected"
    BILL_PAYMENT = "bill_payment"
    POINTS_ACCRUAL = "points_accrual"
    POINTS_REDEMPTION = "points_redemption"
    VOID = "void"
    REFUND = "refund"
    SHIFT_OPEN = "shift_open"
    SHIFT_CLOSE = "shift_close"
    DRAWER_OPENED = "drawer_opened"
    CASH_COLLECT = "cash_collect"
    CASH_HANDBACK = "cash_handback"
    CASH_TRANSFER_OUT = "cash_transfer_out"
    CASH_TRANSFER_IN = "cash_transfer_in"
    DAY_CLOSE = "day_close"
    OVER_SHORT_SETTLE = "over_short_settle"
    CORRECTION_ANSWER = "correction_answer"
    PARCEL_POSTING = "parcel_posting"
    PARCEL_VOID = "parcel_void"


def _plain(value: Any) -> Any:
    """A payload value as JSON-ready data: dataclasses become dicts, tuples lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _tenders(raw: Any) -> tuple[Tender, ...]:
    return tuple(Tender(t["method"], t["amount_fen"], t.get("reference"), t.get("points", 0)) for t in raw or ())


def _lines(raw: Any) -> tuple[OrderLine, ...]:
    return tuple(OrderLine(ln["sku"], ln["name"], ln["qty"], ln["unit_price_fen"], ln["amount_fen"])
                 for ln in raw or ())


@dataclass(frozen=True, kw_only=True)
class Party:
    """A parcel's sender or recipient."""

    name: str
    phone: str
    province: str = ""
    city: str = ""
    district: str = ""
    detail: str = ""
    country: str = "CN"


@dataclass(frozen=True, kw_only=True)
class Payload:
    """Base of every payload: ``as_dict`` for the journal and the wire, ``from_dict`` to read one back."""

    kind: ClassVar[Kind]

    def as_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls: type[P], data: Mapping[str, Any]) -> P:
        """A payload as recorded; fields an older version did not write take their defaults."""
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name not in data:
                continue
            raw = data[f.name]
            if f.name == "tenders":
                raw = _tenders(raw)
            elif f.name == "lines":
                raw = _lines(raw)
            elif f.name == "pending_op_ids":
                raw = tuple(raw)
            elif f.name in ("sender", "recipient") and isinstance(raw, Mapping):
                raw = Party(**raw)
            elif f.name == "price_lines":
                raw = tuple(raw or ())
            values[f.name] = raw
        return cls(**values)

    @classmethod
    def wire_fields(cls) -> frozenset[str]:
        """The fields the platform's schema for this kind lists."""
        return frozenset(f.name for f in dataclasses.fields(cls) if f.metadata.get("wire", True))

    # --- how the operation counts (overridden where it moves money) ---

    def journal_fen(self) -> int:
        """The amount stored on the journal entry (shown in lists)."""
        return 0

    def report_fen(self) -> int:
        """The amount the day report and the platform's reconciliation count for it."""
        return 0

    def money_moves(self) -> list[tuple[str, int]]:
        """(method, signed fen) pairs it moved: tenders in, change and refunds out."""
        return []

    def takings(self) -> tuple[Tender, ...]:
        """What each tender left in the drawer (cash net of the change); empty when no money came in."""
        return ()

    def drawer_move_fen(self) -> int:
        """Cash put into (+) or taken out of (-) the drawer that is not takings: the cash box moves (尾箱)."""
        return 0


def net_of_change(tenders: tuple[Tender, ...], change_fen: int) -> tuple[Tender, ...]:
    """The change comes off the cash tenders once, first cash first."""
    change_left = change_fen
    net = []
    for t in tenders:
        change = min(change_left, t.amount_fen) if t.method == "cash" else 0
        change_left -= change
        net.append(Tender(t.method, t.amount_fen - change, t.reference, t.points))
    return tuple(net)


class TakesTenders:
    """The money rules of a payload paid by tenders, cash change given back."""

    tenders: tuple[Tender, ...]
    change_fen: int

    def money_moves(self) -> list[tuple[str, int]]:
        moves = [(t.method, t.amount_fen) for t in self.tenders]
        if self.change_fen:
            moves.append(("cash", -self.change_fen))
        return moves

    def takings(self) -> tuple[Tender, ...]:
        return net_of_change(self.tenders, self.change_fen)
