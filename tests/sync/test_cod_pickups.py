"""Cash on delivery (货到付款) at pickup: the manifest carries the amount to collect; the hand-over takes payment
(split allowed) before it is collected, and the platform records the collection; offline, cash and prepaid card."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import CollectPickup
from counter_app.domain.errors import Refused
from counter_app.domain.model import Tender
from counter_app.sync import attach_sync
from platform_sim.testing import PlatformProcess
from tests.conftest import CLERK
from tests.sync.conftest import new_counter, platform_ops, platform_query

COD_FEN = 12_345


def _make_cod(platform: PlatformProcess) -> tuple[str, str]:
    """An awaiting online order at B001 made cash on delivery; its order number and pickup code."""
    conn = sqlite3.connect(platform.db_path)
    try:
        order_no, code = conn.execute(
            "SELECT o.order_no, s.code FROM orders o JOIN sms_sent s ON s.order_no = o.order_no WHERE o.source = "
            "'online' AND o.branch_id = 'B001' AND o.status = 'awaiting' AND o.cod_fen = 0 ORDER BY o.order_no"
            " LIMIT 1").fetchone()
        seq = conn.execute("UPDATE change_counter SET value = value + 1 RETURNING value").fetchone()[0]
        conn.execute("UPDATE orders SET cod_fen = ?, change_seq = ? WHERE order_no = ?", (COD_FEN, seq, order_no))
        conn.commit()
    finally:
        conn.close()
    return order_no, code


def test_cod_pickup_online_takes_a_split_payment_before_the_hand_over(platform: PlatformProcess,
                                                                      tmp_path: Path) -> None:
    order_no, code = _make_cod(platform)
    counter, engine = new_counter(platform, tmp_path / "c")
    [(paid_before,)] = platform_query(platform.db_path, "SELECT paid_fen FROM orders WHERE order_no = ?", (order_no,))
    order, _ = services.find_pickup(code, counter.uow(), counter.deps)
    assert order.cod_fen == COD_FEN
    with pytest.raises(Refused) as caught:
        counter.run(services.collect_pickup, CollectPickup(CLERK[0], order_no, code))
    assert caught.value.code == "pickup_cod_due" and "123.45" in caught.value.zh
    tenders = (Tender("bank_card", 10_000, "REF001"), Tender("cash", 5_000))
    done = counter.run(services.collect_pickup, CollectPickup(CLERK[0], order_no, code, tenders=tenders))
    assert done.recorded.payload["cod_fen"] == COD_FEN and done.recorded.payload["change_fen"] == 2_655
    engine.run_once()
    assert platform_ops(platform.db_path)[done.recorded.op_id] == ("accepted", "pickup_collected")
    assert platform_query(platform.db_path, "SELECT status, paid_fen FROM orders WHERE order_no = ?",
                          (order_no,)) == [("collected", paid_before + COD_FEN)]
    rec = counter.deps.platform.reconciliation(done.recorded.envelope["business_date"])  # type: ignore[union-attr]
    assert rec["by_kind"]["pickup_collected"]["amount_fen"] >= COD_FEN
    counter.close()


def test_cod_pickup_offline_with_the_cached_manifest_takes_cash_and_prepaid_card(platform: PlatformProcess,
                                                                                  tmp_path: Path) -> None:
    order_no, code = _make_cod(platform)
    counter, _ = new_counter(platform, tmp_path / "c")  # the manifest is cached by the first sync
    counter.update_settings(platform_url="http://127.0.0.1:9")
    data_dir = counter.data_dir
    counter.close()
    counter = Counter(data_dir)
    engine = attach_sync(counter)
    assert engine is not None and not engine.run_once().ok and not counter.deps.online()
    order, _ = services.find_pickup(code, counter.uow(), counter.deps)
    assert order.cod_fen == COD_FEN
    with pytest.raises(Refused) as caught:
        counter.run(services.collect_pickup, CollectPickup(CLERK[0], order_no, code,
                                                           tenders=(Tender("bank_card", COD_FEN, "REF9"),)))
    assert caught.value.code == "cod_offline_method" and "现金" in caught.value.zh
    tenders = (Tender("prepaid_card", 10_000, "PP001"), Tender("cash", 2_345))
    done = counter.run(services.collect_pickup, CollectPickup(CLERK[0], order_no, code, tenders=tenders))
    assert done.recorded.payload["tenders"][0]["method"] == "prepaid_card"
    with pytest.raises(Refused):
        counter.run(services.collect_pickup, CollectPickup(CLERK[0], order_no, code, tenders=tenders))
    # Back online, the collection reaches the platform with its payment.
    counter.update_settings(platform_url=platform.base_url)
    counter.close()
    counter = Counter(data_dir)
    engine = attach_sync(counter)
    assert engine is not None
    engine.run_once()
    assert platform_ops(platform.db_path)[done.recorded.op_id] == ("accepted", "pickup_collected")
    assert platform_query(platform.db_path, "SELECT method, amount_fen FROM op_money WHERE op_id = ? ORDER BY method",
                          (done.recorded.op_id,)) == [("cash", 2_345), ("prepaid_card", 10_000)]
    counter.close()
