"""What the services need from outside the domain, as protocols: a clock, the store's unit of work,
and the platform's online look-ups (reads only; writes always go through the outbox)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import Any, Protocol

from counter_app.domain import codepay, offline_limits, repositories

from counter_app.domain.model import Bill, Member, Operation, RecordedOperation
from counter_app.domain.parcels.commands import ParcelTrack


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """Local wall-clock time with its UTC offset."""

    def now(self) -> datetime:
        return datetime.now().astimezone()


class UnitOfWork(Protocol):
    """A transaction over the repositories: ``with uow: ...; uow.commit()`` writes (``record`` journals an
    operation with its outbox message and receipt); ``with uow.read(): ...`` only reads."""

    # Read-only members (a protocol's plain attribute would demand the exact type).
    @property
    def settings(self) -> repositories.Settings: ...
    @property
    def clerks(self) -> repositories.Clerks: ...
    @property
    def shifts(self) -> repositories.Shifts: ...
    @property
    def catalog(self) -> repositories.Catalog: ...
    @property
    def members(self) -> repositories.Members: ...
    @property
    def manifest(self) -> repositories.Manifest: ...
    @property
    def orders(self) -> repositories.Orders: ...
    @property
    def bills(self) -> repositories.Bills: ...
    @property
    def journal(self) -> repositories.Journal: ...
    @property
    def outbox(self) -> repositories.Outbox: ...
    @property
    def books(self) -> repositories.Books: ...
    @property
    def parcels(self) -> repositories.Parcels: ...
    @property
    def code_payments(self) -> codepay.CodePayments: ...
    @property
    def offline_takings(self) -> offline_limits.OfflineTakings: ...

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...
    def read(self) -> AbstractContextManager[UnitOfWork]: ...
    def record(self, op: Operation) -> RecordedOperation: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class PlatformLookups(Protocol):
    """Online reads from the central platform; each raises ``PlatformUnavailable`` when it can't reach it."""

    def is_online(self) -> bool: ...
    def find_bill(self, biller: str, account_no: str) -> Bill: ...
    def find_member(self, *, phone: str | None = None, card_no: str | None = None) -> Member: ...
    def refresh_pickups(self) -> None: ...
    def refresh_member(self, member_id: str) -> None: ...
    def reconciliation(self, business_date: str) -> dict[str, Any]: ...
    def parcel_status(self, tracking_no: str) -> ParcelTrack: ...


@dataclass
class Deps:
    """What every service call gets besides its command and unit of work."""

    clock: Clock = field(default_factory=SystemClock)
    platform: PlatformLookups | None = None
    acquirer: codepay.Acquirer | None = None  # the payments API for payment codes (付款码); None offline-only

    def online(self) -> bool:
        return self.online_platform() is not None

    def online_platform(self) -> PlatformLookups | None:
        """The platform's look-ups while it can be reached, else None."""
        return self.platform if self.platform is not None and self.platform.is_online() else None
