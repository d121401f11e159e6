"""常用地址: a parcel posted for an identified member keeps its sender and recipient on this counter (m009),
offered masked the next time the member is looked up; parcels without a member keep nothing; the migration
fills the table from parcels already in the journal."""

from __future__ import annotations

from dataclasses import replace

from sqlite_utils import Database

from counter_app.demo_data import MEMBER, MEMBER_PHONE
from counter_app.domain import services
from counter_app.domain.commands import OpenShift
from counter_app.domain.parcels.numbers import NumberBlock
from counter_app.domain.services.parcels import accept_parcel, parcel_member
from counter_app.store.migrations_parcels import m009_parcel_addresses
from tests.conftest import CLERK
from tests.domain.parcels.helpers import RECIPIENT, SENDER, load_parcel_data, posting


def _post(counter, **more):  # noqa: ANN001, ANN003, ANN202
    return counter.run(accept_parcel, posting(1000, **more))


def test_member_parcels_keep_their_addresses_masked_and_once_each(counter) -> None:  # noqa: ANN001
    load_parcel_data(counter, NumberBlock("BLK-A", "domestic", "98", "CN", 100, 10))
    counter.run(services.open_shift, OpenShift(CLERK[0], 10_000))
    _post(counter)  # no member: nothing kept
    assert parcel_member(MEMBER_PHONE, counter.uow(), counter.deps).senders == ()
    _post(counter, member_id=MEMBER.member_id)
    _post(counter, member_id=MEMBER.member_id)  # the same addresses again
    other = replace(RECIPIENT, name="王五", phone="13700002222", district="朝阳区", detail="建国路88号")
    _post(counter, member_id=MEMBER.member_id, recipient=other)

    found = parcel_member(MEMBER_PHONE, counter.uow(), counter.deps)
    assert found.member_id == MEMBER.member_id and found.label == "张* 138****1234"
    assert [a.party for a in found.senders] == [SENDER]
    assert [a.party for a in found.recipients] == [RECIPIENT, other]  # same minute (fixed clock): most used first
    shown = found.recipients[0].masked()
    assert shown == "李* 139****1111 北京市海淀区中关村大…"
    assert "李四" not in shown and "13900001111" not in shown


def test_the_migration_fills_saved_addresses_from_the_journal(counter, tmp_path) -> None:  # noqa: ANN001
    load_parcel_data(counter, NumberBlock("BLK-B", "domestic", "98", "CN", 200, 10))
    counter.run(services.open_shift, OpenShift(CLERK[0], 10_000))
    _post(counter, member_id=MEMBER.member_id)
    _post(counter)
    path = counter.store.path
    counter.close()
    db = Database(path)
    db.execute("DROP TABLE parcel_addresses")
    m009_parcel_addresses(db)
    rows = db.execute("SELECT member_id, role, name, phone, detail FROM parcel_addresses ORDER BY role").fetchall()
    db.close()
    assert rows == [(MEMBER.member_id, "recipient", "李四", "13900001111", "中关村大街1号"),
                    (MEMBER.member_id, "sender", "张三", "13812341234", "中山路1号")]
