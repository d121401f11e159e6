"""Parcel pricing: each zone and step boundary, the volumetric rule, insurance, surcharges, limits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.errors import InvalidInput, Refused
from counter_app.domain.parcels.tariff import Destination, Parcel, price, round_fen, tariff_from_dict
from tests.domain.parcels.sample_tariff import TARIFF

T = tariff_from_dict(TARIFF)
BJ = Destination("北京市", "北京市")
NJ = Destination("江苏省", "南京市")
SZ = Destination("江苏省", "苏州市")
GZ = Destination("广东省", "广州市")
XJ = Destination("新疆维吾尔自治区", "乌鲁木齐市")
US = Destination(country="US")
DE = Destination(country="DE")


@pytest.mark.parametrize(("service", "dest", "grams", "dims", "declared", "zone", "total"), [
    ("standard", BJ, 1, (0, 0, 0), 0, "1", 800),  # the smallest parcel pays the first weight
    ("standard", BJ, 1000, (0, 0, 0), 0, "1", 800),  # exactly the first weight
    ("standard", BJ, 1001, (0, 0, 0), 0, "1", 1000),  # one gram over: one step
    ("standard", BJ, 2000, (0, 0, 0), 0, "1", 1000),  # exactly one step
    ("standard", BJ, 2001, (0, 0, 0), 0, "1", 1200),  # one gram over the first step
    ("standard", NJ, 1000, (0, 0, 0), 0, "1", 800),  # a city's own zone overrides its province's
    ("standard", SZ, 1000, (0, 0, 0), 0, "2", 1000),
    ("standard", SZ, 1001, (0, 0, 0), 0, "2", 1400),
    ("standard", GZ, 1000, (0, 0, 0), 0, "3", 1200),
    ("standard", GZ, 1001, (0, 0, 0), 0, "3", 1800),
    ("standard", XJ, 1000, (0, 0, 0), 0, "4", 2500),  # remote surcharge ¥5.00
    ("standard", XJ, 1001, (0, 0, 0), 0, "4", 4000),
    ("express", BJ, 500, (0, 0, 0), 0, "1", 2000),
    ("express", BJ, 501, (0, 0, 0), 0, "1", 2500),
    ("express", SZ, 1001, (0, 0, 0), 0, "2", 3200),
    ("standard", BJ, 500, (40, 30, 20), 0, "1", 1200),  # volumetric 3000 g above actual 500 g
    ("standard", BJ, 3500, (40, 30, 20), 0, "1", 1400),  # actual above volumetric
    ("standard", BJ, 500, (20, 20, 20), 0, "1", 800),  # volumetric 1000 g: exactly the first weight
    ("standard", BJ, 1000, (10, 10, 10), 10_000, "1", 900),  # insurance 0.5% = ¥0.50, minimum ¥1.00
    ("standard", BJ, 1000, (0, 0, 0), 20_000, "1", 900),  # exactly at the minimum
    ("standard", BJ, 1000, (0, 0, 0), 20_001, "1", 901),  # one fen over: rounded up to the fen
    ("standard", BJ, 1000, (0, 0, 0), 100_000, "1", 1300),
    ("intl", US, 100, (0, 0, 0), 0, "I1", 3300),  # fuel 10% of freight
    ("intl", US, 101, (0, 0, 0), 0, "I1", 4240),  # 3850 + 385 = 4235, rounded up to the jiao
    ("intl", DE, 200, (0, 0, 0), 0, "I2", 4950),
])
def test_price_at_zone_and_step_boundaries(service, dest, grams, dims, declared, zone, total) -> None:
    quote = price(T, Parcel(service, dest, grams, *dims, declared_value_fen=declared))
    assert quote.zone == zone
    assert quote.total_fen == total
    assert quote.tariff_version == "T2026.11-test"
    # Every fen of the price is explained by a line.
    assert sum(ln.fen for ln in quote.lines) == quote.total_fen


def test_explanation_names_weight_zone_steps_and_insurance() -> None:
    quote = price(T, Parcel("standard", BJ, 500, 40, 30, 20, declared_value_fen=10_000))
    text = "\n".join(quote.explain("zh"))
    assert "计费重 3000 克（体积重）" in text and "1区" in text and "续重 2×¥2.00" in text
    assert "保价 ¥100.00" in text and "最低 ¥1.00" in text
    assert quote.volumetric_g == 3000 and quote.chargeable_g == 3000 and quote.steps == 2
    assert "Freight: zone 1" in "\n".join(quote.explain("en"))


def test_rounding_rules_round_up() -> None:
    assert [round_fen(1201, r) for r in ("fen", "jiao_up", "yuan_up")] == [1201, 1210, 1300]
    assert round_fen(1200, "yuan_up") == 1200


@pytest.mark.parametrize(("parcel", "code"), [
    (Parcel("standard", BJ, 40_001), "parcel_too_heavy"),
    (Parcel("standard", BJ, 1000, 151, 10, 10), "parcel_too_long"),
    (Parcel("standard", BJ, 1000, 100, 60, 50), "parcel_girth_over"),
    (Parcel("standard", BJ, 1000, category="lithium"), "parcel_prohibited"),
    (Parcel("standard", BJ, 1000, declared_value_fen=5_000_001), "parcel_declared_over"),
    (Parcel("standard", Destination("火星省"), 1000), "parcel_destination_not_served"),
    (Parcel("standard", US, 1000), "parcel_destination_not_served"),
    (Parcel("intl", BJ, 100), "parcel_destination_not_served"),
    (Parcel("intl", US, 2001), "parcel_too_heavy"),
])
def test_refuses_what_the_tariff_does_not_take(parcel, code) -> None:
    with pytest.raises(Refused) as err:
        price(T, parcel)
    assert err.value.code == code
    assert err.value.zh and "_" not in err.value.zh


@pytest.mark.parametrize("parcel", [
    Parcel("standard", BJ, 0), Parcel("standard", BJ, -5), Parcel("nope", BJ, 100),
    Parcel("standard", BJ, 100, category="nothing"), Parcel("standard", BJ, 100, declared_value_fen=-1),
])
def test_refuses_invalid_input(parcel) -> None:
    with pytest.raises(InvalidInput):
        price(T, parcel)


destinations = st.sampled_from([("standard", BJ), ("standard", SZ), ("standard", XJ), ("express", GZ),
                                ("intl", US), ("intl", DE)])


@given(destinations, st.integers(1, 2000), st.integers(0, 1000), st.integers(0, 20), st.integers(0, 20),
       st.integers(0, 20), st.integers(0, 5_000_000), st.integers(0, 500_000))
def test_price_never_decreases_as_weight_or_declared_value_grows(where, grams, more_g, ln, wd, ht, declared,
                                                                  more_fen) -> None:
    service, dest = where
    try:
        base = price(T, Parcel(service, dest, grams, ln, wd, ht, declared_value_fen=declared))
        heavier = price(T, Parcel(service, dest, grams + more_g, ln, wd, ht, declared_value_fen=declared))
    except Refused as exc:  # over a limit: not priced at all
        assert exc.code in ("parcel_too_heavy", "parcel_girth_over")
        return
    dearer = price(T, Parcel(service, dest, grams, ln, wd, ht, declared_value_fen=min(declared + more_fen, 5_000_000)))
    assert heavier.total_fen >= base.total_fen
    assert dearer.total_fen >= base.total_fen
    assert base.total_fen == sum(ln_.fen for ln_ in base.lines)
