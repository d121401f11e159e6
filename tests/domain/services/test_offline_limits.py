"""Offline limits per method: a prepaid card or points payment over the branch's offline cap is refused with
the amount still allowed; cash is never capped; online the caps do not apply."""

from __future__ import annotations

import pytest

from counter_app.domain import services
from counter_app.domain.commands import CartLine, OpenShift, PlaceOrder
from counter_app.domain.errors import Refused
from counter_app.domain.model import Tender

STAMP = "P-STAMP-2026"  # ¥128.00


@pytest.fixture
def shift(counter):
    counter.update_settings(offline_rules={"offline_prepaid_max_fen": 20_000, "offline_prepaid_day_max_fen": 30_000})
    return counter.run(services.open_shift, OpenShift("1001", 50_000)).shift


def _sell(counter, *tenders: Tender):
    return counter.run(services.place_order, PlaceOrder("1001", (CartLine(STAMP, 1),), tenders))


def test_refuses_offline_prepaid_over_the_per_transaction_cap_with_the_amount_allowed(counter, shift) -> None:
    counter.run(services.place_order, PlaceOrder("1001", (CartLine(STAMP, 2),), (Tender("cash", 5_600),
                                                                                 Tender("prepaid_card", 20_000, "PP1"))))
    with pytest.raises(Refused) as caught:
        counter.run(services.place_order, PlaceOrder("1001", (CartLine(STAMP, 2),),
                                                     (Tender("prepaid_card", 25_600, "PP2"),)))
    # ¥200 a transaction, ¥300 a day of which ¥200 is used: ¥100 still allowed.
    assert caught.value.code == "offline_limit" and caught.value.details["allowed_fen"] == 10_000
    assert "预付卡" in caught.value.zh and "¥100.00" in caught.value.zh


def test_the_day_cap_counts_what_was_taken_offline_today(counter, shift) -> None:
    _sell(counter, Tender("prepaid_card", 12_800, "PP1"))
    _sell(counter, Tender("prepaid_card", 12_800, "PP2"))
    with pytest.raises(Refused) as caught:
        _sell(counter, Tender("prepaid_card", 12_800, "PP3"))
    assert caught.value.details["allowed_fen"] == 30_000 - 25_600
    _sell(counter, Tender("prepaid_card", 4_400, "PP4"), Tender("cash", 8_400))  # within what is left
    assert _sell(counter, Tender("cash", 12_800)).paid  # cash is never capped
