"""寄递 workspace: a clerk accepts a parcel by keyboard alone, the weight read from a scale on a pseudo-terminal,
regions found by pinyin initials, the price explained, cash taken and the receipt printed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.devices.scale import Scale, ScaleSettings
from counter_app.domain import services
from counter_app.domain.parcels.numbers import NumberBlock, is_valid_domestic
from counter_app.ui.workspaces.parcel import ParcelWorkspace
from tests.devices.sim_scale import SimScale
from tests.domain.parcels.helpers import load_parcel_data

from .ws_helpers import approver, ctx, receipts, settle, show, type_enter, type_text  # noqa: F401

BLOCK = NumberBlock("BLK-UI", "domestic", "98", "CN", 500, 10)


@pytest.fixture
def parcel_ctx(ctx, counter):  # noqa: ANN001, ANN201
    load_parcel_data(counter, BLOCK)
    return ctx


def _parcels(counter):
    return [e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == "parcel_posting"]


def _fill_parties(qtbot, ctx, ws) -> None:
    type_text(qtbot, ws.sender.name_edit, "Zhang San")
    type_text(qtbot, ws.sender.phone, "13812341234")
    type_enter(qtbot, ws.sender.region_search, "njgl")
    settle(qtbot, ctx)
    assert ws.sender.region.currentText() == "江苏省南京市鼓楼区" and ws.sender.region.hasFocus()
    type_text(qtbot, ws.sender.detail, "Zhongshan Rd 1")
    type_text(qtbot, ws.recipient.name_edit, "Li Si")
    type_text(qtbot, ws.recipient.phone, "13900001111")
    type_enter(qtbot, ws.recipient.region_search, "bjhd")
    settle(qtbot, ctx)
    assert ws.recipient.region.currentData() == ("北京市", "北京市", "海淀区")
    type_text(qtbot, ws.recipient.detail, "Zhongguancun St 1")


def test_clerk_accepts_a_parcel_by_keyboard_alone_with_the_scale_reading(qtbot, parcel_ctx, counter, receipts):
    with SimScale(frame="ST,GS,+0001.250kg") as sim:
        ws = show(qtbot, ParcelWorkspace(parcel_ctx, scale=Scale(ScaleSettings(device=sim.device))))
        settle(qtbot, parcel_ctx)
        assert ws.service.currentData() == "standard"
        _fill_parties(qtbot, parcel_ctx, ws)
        ws.category.setFocus()
        qtbot.keyClick(ws.category, Qt.Key.Key_Down)
        assert ws.category.currentData() == "clothing"
        qtbot.keyClick(ws.category, Qt.Key.Key_F9)  # read the scale, then the price
        settle(qtbot, parcel_ctx)
        settle(qtbot, parcel_ctx)
    assert ws.weight.text() == "1250"
    assert ws.total.text() == "¥10.00"
    assert "计费重 1250 克" in ws.explain.text() and "续重 1×¥2.00" in ws.explain.text()
    assert ws.cash.hasFocus()
    type_text(qtbot, ws.cash, "50")
    qtbot.keyClick(ws.cash, Qt.Key.Key_F12)
    settle(qtbot, parcel_ctx)
    assert "收寄成功" in ws.message.text() and "¥40.00" in ws.message.text()
    [entry] = _parcels(counter)
    payload = entry["payload"]
    assert is_valid_domestic(payload["tracking_no"]) and payload["tracking_no"] in ws.message.text()
    assert (payload["weight_g"], payload["total_fen"], payload["change_fen"], payload["category"]) == \
        (1250, 1000, 4000, "clothing")
    assert payload["recipient"]["district"] == "海淀区" and payload["sender"]["city"] == "南京市"
    assert receipts.printed == [(entry["op_id"], False)]
    assert ws.sender.name_edit.hasFocus() and ws.weight.text() == ""


def test_overloaded_and_unplugged_scales_are_shown_beside_the_weight(qtbot, parcel_ctx, counter):
    with SimScale(frame="OL,GS,+9999.999kg") as sim:
        ws = show(qtbot, ParcelWorkspace(parcel_ctx, scale=Scale(ScaleSettings(device=sim.device))))
        settle(qtbot, parcel_ctx)
        qtbot.keyClick(ws.weight, Qt.Key.Key_F9)
        settle(qtbot, parcel_ctx)
        assert "量程" in ws.error_beside("weight")
    qtbot.keyClick(ws.weight, Qt.Key.Key_F9)
    settle(qtbot, parcel_ctx)
    assert "电子秤未连接" in ws.error_beside("weight")
    assert ws.weight.text() == "" and _parcels(counter) == []


def test_prohibited_contents_are_refused_beside_the_category(qtbot, parcel_ctx, counter):
    ws = show(qtbot, ParcelWorkspace(parcel_ctx))
    settle(qtbot, parcel_ctx)
    _fill_parties(qtbot, parcel_ctx, ws)
    ws.category.setFocus()
    qtbot.keyClick(ws.category, Qt.Key.Key_End)
    assert ws.category.currentData() == "lithium"
    type_enter(qtbot, ws.weight, "800")
    settle(qtbot, parcel_ctx)
    assert "禁寄物品" in ws.error_beside("category")
    assert _parcels(counter) == []


def test_tracking_look_up_is_refused_offline_beside_the_field(qtbot, parcel_ctx):
    ws = show(qtbot, ParcelWorkspace(parcel_ctx))
    settle(qtbot, parcel_ctx)
    type_enter(qtbot, ws.track, "EE123456784CN")
    settle(qtbot, parcel_ctx)
    assert "校验位" in ws.error_beside("tracking_no")
    type_enter(qtbot, ws.track, "EE123456785CN")
    settle(qtbot, parcel_ctx)
    assert "离线" in ws.error_beside("tracking_no") and ws.track_result.text() == ""
