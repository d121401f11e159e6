"""Operation kinds and the rules every kind carries.

(Placeholder holding only the dependency rule, until the typed kind table of issue 9 lands here.)
"""

from __future__ import annotations

# Kinds whose operations stand alone: each is checked by the platform on its own merits (a member's points
# balance), so a refused one takes nothing away from a later one of the same aggregate.
_INDEPENDENT = frozenset({"points_accrual", "points_redemption"})


def waits_behind(later_kind: str, rejected_kind: str) -> bool:
    """Whether a later operation of the same aggregate must wait while an earlier one of ``rejected_kind``
    is rejected and open (and may not share a batch with an earlier pending one of that kind).

    True when the later one depends on the earlier: an order's payment, refund or void behind its creating
    operation, a refund behind a refused payment, a shift's close behind its open. False for points: an
    accrual never waits behind a refused redemption, nor one redemption behind another. Unknown kinds wait.
    """
    return not (later_kind in _INDEPENDENT and rejected_kind in _INDEPENDENT)
