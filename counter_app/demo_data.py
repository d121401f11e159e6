"""Demo data for screenshots and benchmarks: a branch counter with a clerk, a supervisor, a small catalog,
a member and a pickup (the same data as the test suite's seed)."""

from __future__ import annotations

from dataclasses import replace

from counter_app.bootstrap import Counter
from counter_app.domain.model import Member, PickupOrder, Product
from counter_app.domain import derivation
from counter_app.domain.pinyin import initials

CLERK = ("1001", "王芳", "clerk", "1234")
SUPERVISOR = ("9001", "李主管", "supervisor", "8888")
PRODUCTS = [
    Product("P-STAMP-2026", "2026年生肖邮票大版", "邮票集邮", 12800, "6901234567892", "版", True, True),
    Product("P-WATER", "农夫山泉矿泉水550ml", "食品饮料", 250, "6921168509256", "瓶", False, True),
    Product("P-TEA", "邮政自主品牌明前龙井礼盒", "自主品牌礼品", 36800, "6900000000011", "盒", True, True),
    Product("P-NEWS", "人民日报2027年全年订阅", "报刊杂志", 48000, None, "份", False, False),
]
MEMBER_PHONE = "13812341234"
MEMBER = Member("M0001", "", "8800123456", "张*", 5000, "gold")
PICKUP_CODE = "482913"
DEMO_BRANCH_SECRET = "demo-branch-secret-0123456789abcdef0123456789abcdef"  # the demo's, never a real branch's
PICKUP = PickupOrder("O20261125001", "B001", "陈*", "*******5678",
                     derivation.pickup_code_key(derivation.pickup_code_base(DEMO_BRANCH_SECRET, PICKUP_CODE),
                                                "O20261125001"),
                     [{"sku": "P-TEA", "name": "邮政自主品牌明前龙井礼盒", "qty": 1, "unit_price_fen": 36800,
                       "amount_fen": 36800}], 36800, "awaiting")


def seed_counter(counter: Counter) -> None:
    """Branch settings, a clerk and a supervisor, a small catalog, a member and a pickup in the cache."""
    counter.configure(branch_id="B001", counter_id="C01", branch_name="江城市鼓楼邮政营业所",
                      branch_address="江城市鼓楼区中山路1号")
    counter.add_clerk(*CLERK)
    counter.add_clerk(*SUPERVISOR)
    with counter.uow() as uow:
        for product in PRODUCTS:
            uow.catalog.upsert(replace(product, pinyin_initials=initials(product.name)))  # as a catalog pull does
        uow.settings.set("branch_secret", DEMO_BRANCH_SECRET)
        uow.members.upsert(MEMBER, phone_key=derivation.phone_key(DEMO_BRANCH_SECRET, MEMBER_PHONE),
                           synced_at="2026-11-25T08:00:00+08:00")
        uow.manifest.upsert(PICKUP, paid_at="2026-11-24T20:00:00+08:00", synced_at="2026-11-25T08:00:00+08:00")
        uow.commit()
