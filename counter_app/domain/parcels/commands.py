"""What a clerk asks of the parcel counter (commands) and what came of it."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.domain.commands import SupervisorApproval
from counter_app.domain.model import RecordedOperation, Tender
from counter_app.domain.operations import Party
from counter_app.domain.parcels.tariff import Quote


@dataclass(frozen=True)
class AcceptParcel:
    """收寄: one parcel handed in, priced by the tariff, paid now."""

    clerk_id: str
    service: str
    sender: Party
    recipient: Party
    category: str
    weight_g: int
    tenders: tuple[Tender, ...]
    length_cm: int = 0
    width_cm: int = 0
    height_cm: int = 0
    declared_value_fen: int = 0
    description: str = ""
    member_id: str | None = None


@dataclass(frozen=True)
class VoidParcel:
    """作废 of a parcel before dispatch: supervisor, same shift."""

    clerk_id: str
    tracking_no: str
    reason: str
    approval: SupervisorApproval


@dataclass(frozen=True)
class ParcelAccepted:
    tracking_no: str
    quote: Quote
    change_fen: int
    offline: bool
    recorded: RecordedOperation


@dataclass(frozen=True)
class ParcelVoided:
    tracking_no: str
    amount_fen: int
    recorded: RecordedOperation


@dataclass(frozen=True)
class TrackingEvent:
    at: str
    status: str
    status_zh: str
    where: str


@dataclass(frozen=True)
class ParcelTrack:
    """线上查询: a parcel as the platform sees it now."""

    tracking_no: str
    status: str  # accepted | in_transit | out_for_delivery | delivered | voided
    status_zh: str
    destination: str
    events: tuple[TrackingEvent, ...]
