"""The domain's ``PlatformLookups`` over the platform client: online reads, with the member cache kept fresh."""

from __future__ import annotations

from typing import Any

from counter_app.domain.errors import CounterError, NotFound, PlatformError
from counter_app.domain.model import Bill, Member
from counter_app.domain.parcels.commands import ParcelTrack, TrackingEvent
from counter_app.domain.ports import Clock
from counter_app.store import sync_state
from counter_app.store.uow import Store
from counter_app.sync import pulls
from counter_app.sync.client import LOOKUP_DEADLINE_S, PlatformClient
from counter_app.sync.connectivity import Connectivity

HUNG_HOLD_S = 15.0  # after a call got no answer, look-ups fail at once this long (unless a call gets one)


class OnlineLookups:
    """``PlatformLookups``: raises ``PlatformError("platform_unavailable")`` when the platform cannot be
    reached and ``NotFound`` for what it does not know.

    A look-up the clerk waits on gives up after ``LOOKUP_DEADLINE_S`` (the link then counts as offline, so
    the offline options appear at once), none is sent while the platform asked the counter to wait, and
    none for ``HUNG_HOLD_S`` after a call got no answer at all (a hung platform)."""

    def __init__(self, store: Store, client: PlatformClient, connectivity: Connectivity, clock: Clock, *,
                 branch_id: str, counter_id: str) -> None:
        self.store = store
        self.client = client
        self.connectivity = connectivity
        self.clock = clock
        self.branch_id = branch_id
        self.counter_id = counter_id

    def _now(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")

    def _translate(self, exc: PlatformError, what_zh: str, what_en: str) -> CounterError:
        if exc.code == "platform_not_found":
            server_code = exc.details.get("server_code") or "not_found"
            return NotFound(server_code, f"平台上没有找到该{what_zh}", f"The platform knows no such {what_en}")
        return exc

    def is_online(self) -> bool:
        return self.connectivity.is_online()

    def _gate(self) -> float:
        """The deadline of a look-up; refuses at once while the platform said it is busy."""
        busy = self.connectivity.busy_remaining()
        if busy > 0:
            seconds = max(1, round(busy))
            raise PlatformError("platform_unavailable", f"平台繁忙，{seconds} 秒后自动重试",
                                f"The platform is busy; retrying in {seconds} s", transient=True, reachable=True,
                                status=429, retry_after=busy)
        if self.connectivity.hung_within(HUNG_HOLD_S):
            # The platform took connections and answered nothing a moment ago (the engine's probes keep this
            # fresh while it hangs): the offline options at once, not after another LOOKUP_DEADLINE_S.
            raise PlatformError("platform_unavailable", "平台没有答复，业务已保存在本机，稍后自动重试",
                                "The platform does not answer; work is kept on this counter and sent later",
                                transient=True, reachable=False, timed_out=True, status=None)
        return LOOKUP_DEADLINE_S

    def find_bill(self, biller: str, account_no: str) -> Bill:
        try:
            bill = self.client.bill_lookup(biller, account_no, deadline_s=self._gate())
        except PlatformError as exc:
            raise self._translate(exc, "缴费账户", "bill account") from None
        return Bill(bill.bill_id, bill.biller, account_no, bill.account_no_masked, bill.customer_name_masked,
                    bill.period, bill.amount_due_fen, bill.status)

    def find_member(self, *, phone: str | None = None, card_no: str | None = None) -> Member:
        try:
            member = self.client.member_lookup(phone=phone, card_no=card_no, deadline_s=self._gate())
        except PlatformError as exc:
            raise self._translate(exc, "会员", "member") from None
        sync_state.cache_member(self.store, member.model_dump(), at=self._now())
        return Member(member.member_id, member.phone_masked, member.card_no, member.name_masked,
                      member.points_balance, member.level)

    def refresh_pickups(self) -> None:
        self._gate()
        pulls.pull_pickups(self.client, self.store, self.branch_id, at=self._now)

    def refresh_member(self, member_id: str) -> None:
        card = sync_state.cached_card_no(self.store, member_id)
        if card:
            try:
                self.find_member(card_no=card)
                return
            except NotFound:
                pass
        self._gate()
        pulls.pull_members(self.client, self.store, at=self._now)

    def reconciliation(self, business_date: str) -> dict[str, Any]:
        """The platform's totals for this counter's business day (轧帐)."""
        rec = self.client.reconciliation(self.branch_id, business_date, counter_id=self.counter_id,
                                         deadline_s=self._gate())
        return rec.model_dump()

    def parcel_status(self, tracking_no: str) -> ParcelTrack:
        try:
            got = self.client.parcel_status(tracking_no)
        except PlatformError as exc:
            raise self._translate(exc, "运单", "tracking number") from None
        return ParcelTrack(got.tracking_no, got.status, got.status_zh, got.destination,
                           tuple(TrackingEvent(e.at, e.status, e.status_zh, e.where) for e in got.events))
