"""Seed data: deterministic, realistic enough for demos, and fast at a million members."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from platform_sim.admin import issue_enrolment_code, pickup_codes
from platform_sim.seed import ean13, seed
from platform_sim.testing import seed_small
from tests.platform_sim.platform_helpers import db_rows

CATEGORIES = {"自主品牌礼品", "绿色农产品", "邮票集邮", "报刊杂志", "家居用品", "数码产品", "美妆个护", "食品饮料"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default demo seed."""
    db_path = tmp_path_factory.mktemp("seed") / "demo.db"
    seed(db_path)
    return db_path


def _dump(db_path: Path) -> list[tuple]:
    """Every business row, for comparing two seeds."""
    rows = []
    for table in ("branches", "products", "members", "orders", "sms_sent", "bills", "enrolment_codes"):
        rows += [tuple(r) for r in db_rows(db_path, f"SELECT * FROM {table} ORDER BY 1")]
    return rows


def test_same_seed_gives_the_same_data(tmp_path: Path) -> None:
    seed_small(tmp_path / "a.db")
    seed_small(tmp_path / "b.db")
    assert _dump(tmp_path / "a.db") == _dump(tmp_path / "b.db")
    seed_small(tmp_path / "c.db", seed_value=2)
    assert _dump(tmp_path / "a.db") != _dump(tmp_path / "c.db")


def test_refuses_to_seed_twice(tmp_path: Path) -> None:
    seed_small(tmp_path / "a.db")
    with pytest.raises(ValueError):
        seed_small(tmp_path / "a.db")


def test_demo_city_has_36_branches_and_300_products_in_all_categories(demo_db: Path) -> None:
    branches = db_rows(demo_db, "SELECT * FROM branches ORDER BY branch_id")
    assert [b["branch_id"] for b in branches] == [f"B{i:03d}" for i in range(1, 37)]
    assert all(b["name"].startswith("江城市") and "号" in b["address"] for b in branches)
    products = db_rows(demo_db, "SELECT * FROM products")
    assert len(products) >= 300
    assert {p["category"] for p in products} == CATEGORIES
    assert all(isinstance(p["price_fen"], int) and p["price_fen"] > 0 for p in products)


def test_barcodes_are_valid_unique_ean13(demo_db: Path) -> None:
    barcodes = [r["barcode"] for r in db_rows(demo_db, "SELECT barcode FROM products")]
    assert len(set(barcodes)) == len(barcodes)
    assert all(len(b) == 13 and b.isdigit() and ean13(b[:12]) == b for b in barcodes)
    assert ean13("400638133393") == "4006381333931"  # a published example


def test_b001_has_at_least_30_awaiting_pickups_whose_sms_codes_match(demo_db: Path) -> None:
    codes = pickup_codes(demo_db, "B001", limit=1000)
    assert len(codes) >= 30
    for order_no, code in codes:
        assert len(code) == 6 and code.isdigit()
        row = db_rows(demo_db, "SELECT code_hash FROM orders WHERE order_no = ?", order_no)[0]
        assert row["code_hash"] == hashlib.sha256(f"{order_no}:{code}".encode()).hexdigest()


def test_members_bills_and_enrolment_codes_are_there(demo_db: Path) -> None:
    assert db_rows(demo_db, "SELECT COUNT(*) FROM members")[0][0] == 5000
    phones = db_rows(demo_db, "SELECT COUNT(DISTINCT phone), COUNT(DISTINCT card_no) FROM members")[0]
    assert tuple(phones) == (5000, 5000)
    billers = {r[0] for r in db_rows(demo_db, "SELECT DISTINCT biller FROM bills")}
    assert billers == {"water", "electricity", "gas", "broadband", "landline"}
    per_branch = db_rows(demo_db, "SELECT COUNT(DISTINCT branch_id) FROM enrolment_codes")[0][0]
    assert per_branch == 36
    assert issue_enrolment_code(demo_db, "B036") not in {
        r[0] for r in db_rows(demo_db, "SELECT code FROM enrolment_codes WHERE used_at IS NOT NULL")}
    with pytest.raises(LookupError):
        issue_enrolment_code(demo_db, "B999")


def test_db_runs_wal(demo_db: Path) -> None:
    assert db_rows(demo_db, "PRAGMA journal_mode")[0][0] == "wal"
