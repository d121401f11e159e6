"""Offline pickup second factor (issue 13): where the manifest says so, an offline pickup by code also needs the
last 4 digits of the recipient's phone, as the customer says them; and the counter's derivations equal the
platform's."""

from __future__ import annotations

import dataclasses

import pytest

from counter_app.demo_data import DEMO_BRANCH_SECRET
from counter_app.domain import derivation, services
from counter_app.domain.commands import CollectPickup, OpenShift
from counter_app.domain.errors import Refused
from platform_sim import privacy
from tests.conftest import PICKUP, PICKUP_CODE


@pytest.fixture
def guarded(counter):
    """The demo pickup, flagged by the platform as needing the second factor offline."""
    with counter.uow() as uow:
        uow.manifest.upsert(dataclasses.replace(PICKUP, second_factor=True), paid_at=None, synced_at="2026-11-25")
        uow.commit()
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    return counter


def test_offline_pickup_flagged_by_the_platform_needs_the_phone_last_4_digits(guarded) -> None:
    with pytest.raises(Refused) as missing:
        guarded.run(services.collect_pickup, CollectPickup("1001", PICKUP.order_no, PICKUP_CODE))
    assert missing.value.code == "pickup_second_factor_missing" and "后4位" in missing.value.zh
    with pytest.raises(Refused) as wrong:
        guarded.run(services.collect_pickup, CollectPickup("1001", PICKUP.order_no, PICKUP_CODE, second_factor="1234"))
    assert wrong.value.code == "pickup_second_factor_wrong"
    with guarded.uow() as uow:
        assert uow.manifest.get(PICKUP.order_no).collected_here is False  # nothing recorded by the refusals
    done = guarded.run(services.collect_pickup, CollectPickup("1001", PICKUP.order_no, PICKUP_CODE,
                                                             second_factor=PICKUP.phone_masked[-4:]))
    assert done.order.order_no == PICKUP.order_no


def test_an_unflagged_offline_pickup_needs_only_the_code(counter) -> None:
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    done = counter.run(services.collect_pickup, CollectPickup("1001", PICKUP.order_no, PICKUP_CODE))
    assert done.order.order_no == PICKUP.order_no


def test_the_counter_derives_exactly_what_the_platform_sends() -> None:
    phone, order_no, code = "13912345678", "PO20261125000001", "004217"
    assert derivation.phone_key(DEMO_BRANCH_SECRET, phone) == privacy.phone_key(DEMO_BRANCH_SECRET, phone)
    base = derivation.pickup_code_base(DEMO_BRANCH_SECRET, code)
    assert derivation.pickup_code_key(base, order_no) == privacy.pickup_code_key(DEMO_BRANCH_SECRET, order_no, code)
    assert derivation.phone_key("another branch", phone) != derivation.phone_key(DEMO_BRANCH_SECRET, phone)
    assert (derivation.PHONE_COST, derivation.CODE_COST) == (privacy.PHONE_COST, privacy.CODE_COST)
