"""Payloads of the parcel kinds (寄递): a parcel accepted and paid, and its void before dispatch. Rows in
``operations.SPECS``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from counter_app.domain.model import Tender
from counter_app.domain.payload import LOCAL_ONLY, Kind, Party, Payload, TakesTenders


@dataclass(frozen=True, kw_only=True)
class ParcelPostingPayload(TakesTenders, Payload):
    """收寄: the number from the counter's block, the parcel, the price as the tariff made it, the payment."""

    kind: ClassVar[Kind] = Kind.PARCEL_POSTING
    tracking_no: str
    block_id: str
    service: str
    tariff_version: str
    sender: Party
    recipient: Party
    category: str
    description: str = ""
    weight_g: int
    length_cm: int = 0
    width_cm: int = 0
    height_cm: int = 0
    declared_value_fen: int = 0
    chargeable_g: int
    zone: str
    freight_fen: int
    surcharges_fen: int
    insurance_fen: int
    total_fen: int
    tenders: tuple[Tender, ...]
    change_fen: int = 0
    member_id: str | None = None
    points_earned: int = 0
    service_name: str = field(default="", metadata=LOCAL_ONLY)
    price_lines: tuple[str, ...] = field(default=(), metadata=LOCAL_ONLY)  # the price explained, for receipts
    offline: bool = field(default=False, metadata=LOCAL_ONLY)

    def journal_fen(self) -> int:
        return self.total_fen

    def report_fen(self) -> int:
        return self.total_fen


@dataclass(frozen=True, kw_only=True)
class ParcelVoidPayload(Payload):
    """作废 of a parcel before dispatch (supervisor, same shift): the money goes back, the number is retired."""

    kind: ClassVar[Kind] = Kind.PARCEL_VOID
    target_op_id: str
    tracking_no: str
    amount_fen: int
    tenders: tuple[Tender, ...]
    reason: str
    supervisor_id: str

    def journal_fen(self) -> int:
        return self.amount_fen

    def report_fen(self) -> int:
        return self.amount_fen

    def money_moves(self) -> list[tuple[str, int]]:
        return [(t.method, -t.amount_fen) for t in self.tenders]
