"""Putting parcel data on a test counter without a platform: the sample tariff, regions and number blocks."""

from __future__ import annotations

from counter_app.bootstrap import Counter
from counter_app.domain.commands import SupervisorApproval
from counter_app.domain.model import Tender
from counter_app.domain.operations import Party
from counter_app.domain.parcels.commands import AcceptParcel
from counter_app.domain.parcels.numbers import NumberBlock
from counter_app.domain.parcels.regions import region_initials
from tests.conftest import CLERK, SUPERVISOR
from tests.domain.parcels.sample_tariff import TARIFF

APPROVAL = SupervisorApproval(SUPERVISOR[0], SUPERVISOR[3])
SENDER = Party(name="张三", phone="13812341234", province="江苏省", city="南京市", district="鼓楼区",
               detail="中山路1号")
RECIPIENT = Party(name="李四", phone="13900001111", province="北京市", city="北京市", district="海淀区",
                  detail="中关村大街1号")
REGIONS = [("北京市", "北京市", "海淀区"), ("北京市", "北京市", "朝阳区"), ("江苏省", "南京市", "鼓楼区"),
           ("江苏省", "苏州市", "姑苏区"), ("广东省", "广州市", "天河区")]


def load_parcel_data(counter: Counter, *blocks: NumberBlock) -> None:
    with counter.uow() as uow:
        uow.parcels.save_tariff(TARIFF, at="2026-11-25T08:00:00+08:00")
        uow.parcels.save_regions([(p, c, d, region_initials(p, c, d)) for p, c, d in REGIONS])
        for block in blocks:
            uow.parcels.add_block(block, at="2026-11-25T08:00:00+08:00")
        uow.commit()


def posting(weight_g: int = 1250, *, service: str = "standard", cash_fen: int = 5000, **more: object) -> AcceptParcel:
    values: dict[str, object] = dict(clerk_id=CLERK[0], service=service, sender=SENDER, recipient=RECIPIENT,
                                     category="clothing", weight_g=weight_g, tenders=(Tender("cash", cash_fen),))
    values.update(more)
    return AcceptParcel(**values)  # type: ignore[arg-type]
