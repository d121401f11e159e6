"""Day and shift reports (日结) and the reconciliation against the platform (轧帐), from journal entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from counter_app.domain.model import PAYMENT_METHODS
from counter_app.domain.operations import BUSINESS_KINDS, payload_of

def _money_moves(entry: dict[str, Any]) -> list[tuple[str, int]]:
    """(method, signed fen) pairs an entry moved: tenders in, change and refunds out."""
    return payload_of(entry["kind"], entry["payload"]).money_moves()


def operation_amount(entry: dict[str, Any]) -> int:
    """The amount an operation counts for in reports, as the platform's reconciliation counts it."""
    return payload_of(entry["kind"], entry["payload"]).report_fen()


def shift_totals(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts and amounts per operation kind, and net takings per payment method."""
    by_kind: dict[str, dict[str, int]] = {}
    by_method: dict[str, int] = {m: 0 for m in PAYMENT_METHODS}
    for entry in entries:
        if entry["kind"] not in BUSINESS_KINDS:
            continue
        slot = by_kind.setdefault(entry["kind"], {"count": 0, "amount_fen": 0})
        slot["count"] += 1
        slot["amount_fen"] += operation_amount(entry)
        for method, fen in _money_moves(entry):
            by_method[method] = by_method.get(method, 0) + fen
    return {"by_kind": by_kind, "by_method": by_method}


@dataclass(frozen=True)
class DayReport:
    business_date: str
    by_kind: dict[str, dict[str, int]]
    by_method: dict[str, int]
    by_clerk: dict[str, dict[str, int]]
    shifts: list[dict[str, Any]] = field(default_factory=list)
    unsent: int = 0
    exceptions: int = 0

    @property
    def net_takings_fen(self) -> int:
        return sum(fen for method, fen in self.by_method.items() if method != "points")


def day_report(business_date: str, entries: list[dict[str, Any]], *, shifts: list[dict[str, Any]] | None = None,
               unsent: int = 0, exceptions: int = 0) -> DayReport:
    """A day's totals by operation, by payment method and by clerk."""
    day = [e for e in entries if e["business_date"] == business_date]
    totals = shift_totals(day)
    by_clerk: dict[str, dict[str, int]] = {}
    for entry in day:
        if entry["kind"] not in BUSINESS_KINDS:
            continue
        slot = by_clerk.setdefault(entry["clerk_id"], {"count": 0, "takings_fen": 0})
        slot["count"] += 1
        slot["takings_fen"] += sum(fen for method, fen in _money_moves(entry) if method != "points")
    return DayReport(business_date, totals["by_kind"], totals["by_method"], by_clerk, shifts or [], unsent,
                     exceptions)


@dataclass(frozen=True)
class Difference:
    """One line where the counter and the platform disagree (轧帐差异)."""

    what: str  # "kind:counter_order" or "method:cash"
    counter_count: int
    platform_count: int
    counter_fen: int
    platform_fen: int


def reconcile(report: DayReport, platform: dict[str, Any]) -> list[Difference]:
    """Compare the counter's day with the platform's accepted totals; empty when they balance."""
    differences = []
    platform_kinds = {k: v for k, v in platform.get("by_kind", {}).items() if k in BUSINESS_KINDS}
    for kind in sorted(set(report.by_kind) | set(platform_kinds)):
        mine = report.by_kind.get(kind, {"count": 0, "amount_fen": 0})
        theirs = platform_kinds.get(kind, {"count": 0, "amount_fen": 0})
        if mine["count"] != theirs.get("count", 0) or mine["amount_fen"] != theirs.get("amount_fen", 0):
            differences.append(Difference(f"kind:{kind}", mine["count"], theirs.get("count", 0),
                                          mine["amount_fen"], theirs.get("amount_fen", 0)))
    platform_methods = platform.get("by_method", {})
    for method in sorted(set(report.by_method) | set(platform_methods)):
        mine_fen = report.by_method.get(method, 0)
        theirs_fen = platform_methods.get(method, 0)
        if mine_fen != theirs_fen:
            differences.append(Difference(f"method:{method}", 0, 0, mine_fen, theirs_fen))
    return differences
