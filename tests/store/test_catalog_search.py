"""The seeded (demo) counter's catalogue is searched by pinyin initials, as a pulled one is."""

from __future__ import annotations

from counter_app.bootstrap import Counter
from counter_app.domain.services.queries import search_products


def test_the_seeded_counter_finds_products_by_pinyin_initials(counter: Counter) -> None:
    assert [p.sku for p in search_products("sxyp", counter.uow())] == ["P-STAMP-2026"]  # 生肖邮票
    assert [p.sku for p in search_products("lj", counter.uow())] == ["P-TEA"]  # 龙井
