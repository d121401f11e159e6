"""The kind table is the single source: every kind has a name, a payload class, a report rule and a receipt
builder, and the platform's contract knows exactly the same kinds and payload fields."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from counter_app.domain.model import OrderLine, Tender
from counter_app.domain.operations import (
    BUSINESS_KINDS,
    KIND_NAMES_EN,
    KIND_NAMES_ZH,
    SPECS,
    WIRE_FIELDS,
    CounterOrderPayload,
    Kind,
    Payload,
    RefundPayload,
    payload_of,
    waits_behind,
)
from counter_app.printing.receipts import KIND_LABELS, RECEIPT_BUILDERS

CONTRACT = Path(__file__).resolve().parents[2] / "resources" / "api" / "openapi.yaml"
CJK = range(0x4E00, 0xA000)


def _contract_ops() -> dict[str, dict]:
    """kind -> the payload schema of its operation in the OpenAPI contract."""
    schemas = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))["components"]["schemas"]
    ops = {}
    for schema in schemas.values():
        kind = schema.get("properties", {}).get("kind", {}).get("const")
        if kind and "payload" in schema.get("properties", {}):
            ref = schema["properties"]["payload"]["$ref"].rsplit("/", 1)[-1]
            ops[kind] = schemas[ref]
    return ops


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_has_a_row_names_a_payload_class_and_a_receipt_builder(kind: Kind) -> None:
    spec = SPECS[kind]
    assert spec.kind is kind
    assert spec.payload.kind is kind and issubclass(spec.payload, Payload)
    assert dataclasses.is_dataclass(spec.payload) and spec.payload.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert any(ord(ch) in CJK for ch in spec.name_zh), "a Chinese name for the screens"
    assert spec.name_en and spec.name_en.isascii()
    assert KIND_NAMES_ZH[kind.value] == spec.name_zh and KIND_NAMES_EN[kind.value] == spec.name_en
    assert spec.aggregate in {"order", "bill", "member", "shift", "day"}
    assert kind in RECEIPT_BUILDERS and KIND_LABELS[kind.value]


def test_report_rules_are_defined_for_every_business_kind() -> None:
    """A business kind that moves money must say how much it counts for; bookkeeping kinds count nothing."""
    assert BUSINESS_KINDS == {k.value for k, s in SPECS.items() if s.business}
    assert "shift_open" not in BUSINESS_KINDS and "counter_order" in BUSINESS_KINDS
    for kind, spec in SPECS.items():
        moves_money = "tenders" in {f.name for f in dataclasses.fields(spec.payload)}
        if moves_money:
            assert spec.payload.report_fen is not Payload.report_fen, f"{kind} has no report rule"
            assert spec.payload.money_moves is not Payload.money_moves, f"{kind} has no money rule"


def test_contract_lists_exactly_the_tables_kinds_and_wire_fields() -> None:
    contract = _contract_ops()
    assert set(contract) == {k.value for k in Kind}
    for kind, schema in contract.items():
        properties = set(schema["properties"])
        recorded = {f.name for f in dataclasses.fields(SPECS[Kind(kind)].payload)}
        # Every field the platform defines is either sent or kept in the journal on purpose (the offline flag,
        # the biller's name for receipts), and nothing is sent that the platform does not define.
        assert WIRE_FIELDS[kind] <= properties, kind
        # "offline" is the platform's optional flag on every payload; the counter keeps it in its journal.
        assert properties - WIRE_FIELDS[kind] - {"offline"} <= recorded - WIRE_FIELDS[kind], kind
        assert set(schema.get("required", [])) <= WIRE_FIELDS[kind], kind


def test_payload_round_trips_through_its_recorded_form() -> None:
    sale = CounterOrderPayload(order_no="N1", lines=(OrderLine("P-1", "邮票", 2, 150, 300),), subtotal_fen=300,
                               discount_fen=0, total_fen=300, tenders=(Tender("cash", 500),), change_fen=200,
                               member_id="M1", points_earned=3, offline=True)
    recorded = sale.as_dict()
    assert recorded["lines"] == [{"sku": "P-1", "name": "邮票", "qty": 2, "unit_price_fen": 150, "amount_fen": 300}]
    assert payload_of("counter_order", recorded) == sale
    assert sale.money_moves() == [("cash", 500), ("cash", -200)]
    assert sale.takings() == (Tender("cash", 300),)


def test_a_later_operation_waits_only_behind_what_it_depends_on() -> None:
    assert waits_behind("refund", "counter_order") and waits_behind("order_payment", "counter_order")
    assert waits_behind("refund", "order_payment") and waits_behind("void", "counter_order")
    assert waits_behind("shift_close", "shift_open")
    assert not waits_behind("points_accrual", "points_redemption")
    assert not waits_behind("points_redemption", "points_redemption")
    assert waits_behind("some_future_kind", "counter_order"), "an unknown kind keeps the safe order"


def test_refund_counts_against_takings() -> None:
    refund = RefundPayload(target_op_id="x", order_no="N1", amount_fen=300, tenders=(Tender("cash", 300),),
                           reason="退货", supervisor_id="9001")
    assert refund.report_fen() == 300 and refund.money_moves() == [("cash", -300)] and refund.takings() == ()
