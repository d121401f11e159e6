"""Parcel posting at the counter (offline here: no platform attached): numbers, refusals, void."""

from __future__ import annotations

import pytest

from counter_app.domain import services
from counter_app.domain.commands import OpenShift
from counter_app.domain.errors import NotAllowed, Refused
from counter_app.domain.operations import Party
from counter_app.domain.parcels.commands import VoidParcel
from counter_app.domain.parcels.numbers import NumberBlock, is_valid_domestic, is_valid_s10
from counter_app.domain.services.parcels import accept_parcel, void_parcel
from tests.conftest import CLERK
from tests.domain.parcels.helpers import APPROVAL, load_parcel_data, posting

DOMESTIC = NumberBlock("BLK-D1", "domestic", "98", "CN", 1000, 3)
INTL = NumberBlock("BLK-I1", "international", "EE", "CN", 5000, 2)


@pytest.fixture
def parcel_counter(counter):  # noqa: ANN001, ANN201
    load_parcel_data(counter, DOMESTIC, INTL)
    counter.run(services.open_shift, OpenShift(CLERK[0], 10_000))
    return counter


def test_accepts_a_parcel_under_the_next_number_with_the_price_explained(parcel_counter) -> None:
    done = parcel_counter.run(accept_parcel, posting(1250))
    assert done.tracking_no == DOMESTIC.number(1000) and is_valid_domestic(done.tracking_no)
    assert done.quote.total_fen == 1000 and done.change_fen == 4000 and done.offline
    payload = done.recorded.envelope["payload"]
    assert payload["tariff_version"] == "T2026.11-test" and payload["total_fen"] == 1000
    assert any("续重 1×¥2.00" in line for line in payload["price_lines"])
    second = parcel_counter.run(accept_parcel, posting(800))
    assert second.tracking_no == DOMESTIC.number(1001)


def test_international_parcel_gets_an_s10_number(parcel_counter) -> None:
    abroad = Party(name="John Smith", phone="12125550100", country="US", detail="1 Main St, Springfield")
    done = parcel_counter.run(accept_parcel, posting(100, service="intl", recipient=abroad, category="documents"))
    assert is_valid_s10(done.tracking_no) and done.tracking_no.startswith("EE") and done.tracking_no.endswith("CN")
    assert done.quote.total_fen == 3300


def test_refuses_prohibited_contents_and_takes_no_number(parcel_counter) -> None:
    with pytest.raises(Refused) as err:
        parcel_counter.run(accept_parcel, posting(1000, category="lithium"))
    assert err.value.code == "parcel_prohibited" and "锂电池" in err.value.zh
    assert parcel_counter.run(accept_parcel, posting(1000)).tracking_no == DOMESTIC.number(1000)


def test_offline_posting_stops_when_the_block_is_empty_and_resumes_after_a_refill(parcel_counter) -> None:
    numbers = [parcel_counter.run(accept_parcel, posting(1000)).tracking_no for _ in range(3)]
    assert len(set(numbers)) == 3
    with pytest.raises(Refused) as err:
        parcel_counter.run(accept_parcel, posting(1000))
    assert err.value.code == "parcel_numbers_out_offline"
    assert "运单号已用完" in err.value.zh and "联网" in err.value.zh
    load_parcel_data(parcel_counter, NumberBlock("BLK-D2", "domestic", "98", "CN", 2000, 10))
    assert parcel_counter.run(accept_parcel, posting(1000)).tracking_no == NumberBlock(
        "BLK-D2", "domestic", "98", "CN", 2000, 10).number(2000)


def test_void_needs_a_supervisor_retires_the_number_and_hands_the_money_back(parcel_counter) -> None:
    done = parcel_counter.run(accept_parcel, posting(1250, cash_fen=5000))
    with pytest.raises(NotAllowed):
        parcel_counter.run(void_parcel, VoidParcel(CLERK[0], done.tracking_no, "客户取消", None))  # type: ignore[arg-type]
    voided = parcel_counter.run(void_parcel, VoidParcel(CLERK[0], done.tracking_no, "客户取消", APPROVAL))
    payload = voided.recorded.envelope["payload"]
    assert payload["amount_fen"] == 1000 and payload["tenders"][0]["amount_fen"] == 1000  # net of the change
    with pytest.raises(Refused) as err:
        parcel_counter.run(void_parcel, VoidParcel(CLERK[0], done.tracking_no, "again", APPROVAL))
    assert err.value.code == "parcel_already_voided"
    # The voided number is never issued again.
    assert parcel_counter.run(accept_parcel, posting(1000)).tracking_no == DOMESTIC.number(1001)


def test_day_report_counts_parcels_and_their_voids(parcel_counter) -> None:
    from counter_app.domain.operations import payload_of

    done = parcel_counter.run(accept_parcel, posting(1250))
    parcel_counter.run(void_parcel, VoidParcel(CLERK[0], done.tracking_no, "客户取消", APPROVAL))
    with parcel_counter.uow().read() as uow:
        entries = uow.journal.entries()
    moves = [m for e in entries for m in payload_of(e["kind"], e["payload"]).money_moves()]
    assert sum(fen for method, fen in moves if method == "cash") == 0


@pytest.mark.parametrize(("typed", "found"), [
    ("bjhd", ("北京市", "北京市", "海淀区")),
    ("njgl", ("江苏省", "南京市", "鼓楼区")),
    ("姑苏", ("江苏省", "苏州市", "姑苏区")),
])
def test_region_search_by_pinyin_initials_or_name(parcel_counter, typed, found) -> None:
    with parcel_counter.uow().read() as uow:
        assert uow.parcels.search_regions(typed)[0] == found
