"""Offline limits per payment method (离线限额): what a counter may take by prepaid card and points while the
platform cannot confirm them, per transaction and per business day, from the branch's offline rules."""

from __future__ import annotations

from typing import Protocol

from counter_app.domain.errors import Refused
from counter_app.domain.model import METHOD_NAMES_ZH, OfflineRules, Tender
from counter_app.domain.money import format_fen

METHOD_NAMES_EN = {"prepaid_card": "prepaid card", "points": "points"}


class OfflineTakings(Protocol):
    def offline_taken(self, method: str, business_date: str) -> int:
        """Fen taken by ``method`` in operations recorded offline on ``business_date`` (this counter)."""
        ...


def caps(rules: OfflineRules) -> dict[str, tuple[int, int]]:
    """method -> (per transaction, per day) in fen."""
    return {"prepaid_card": (rules.offline_prepaid_max_fen, rules.offline_prepaid_day_max_fen),
            "points": (rules.offline_points_max_fen, rules.offline_points_day_max_fen)}


def check_offline_limits(tenders: tuple[Tender, ...] | list[Tender], rules: OfflineRules, takings: OfflineTakings, *,
                         business_date: str) -> None:
    """Refuse a tender over its method's offline cap, saying how much is still allowed now."""
    for method, (per_txn, per_day) in caps(rules).items():
        amount = sum(t.amount_fen for t in tenders if t.method == method)
        if not amount:
            continue
        left_today = max(0, per_day - takings.offline_taken(method, business_date))
        allowed = min(per_txn, left_today)
        if amount > allowed:
            name_zh, name_en = METHOD_NAMES_ZH[method], METHOD_NAMES_EN[method]
            raise Refused("offline_limit", f"离线状态下{name_zh}单笔最多 {format_fen(per_txn)}，今日还可收 "
                          f"{format_fen(left_today)}；本笔最多可收 {format_fen(allowed)}，其余请收现金或银行卡",
                          f"Offline, {name_en} takes at most {format_fen(per_txn)} a transaction and "
                          f"{format_fen(left_today)} more today; at most {format_fen(allowed)} now, the rest by "
                          f"cash or bank card", field="tender", method=method, allowed_fen=allowed)
