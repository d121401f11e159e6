"""The contract: resources/api/openapi.yaml is the app's own schema, and the live server keeps to it."""

from __future__ import annotations

import json
from pathlib import Path

import hypothesis
import hypothesis.errors
import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance, negative_data_rejection, response_headers_conformance,
    response_schema_conformance, status_code_conformance,
)

from platform_sim.app import create_app
from platform_sim.testing import PlatformProcess, enrol

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "resources" / "api" / "openapi.yaml"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
MAX_EXAMPLES = 50


def test_committed_contract_equals_the_apps_schema() -> None:
    committed = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    generated = json.loads(json.dumps(create_app(Path("unused.db")).openapi()))
    assert committed == generated, "resources/api/openapi.yaml is stale: run scripts/export_openapi.py"


def test_contract_is_openapi_3_1_and_documents_every_error_status() -> None:
    contract = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    assert contract["openapi"].startswith("3.1")
    for path, item in contract["paths"].items():
        for method, operation in item.items():
            statuses = ("413", "429") if path.endswith("/health") else ("400", "413", "422", "429")
            for status in statuses:
                ref = operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorResponse"), (method, path, status)
    batch = contract["components"]["schemas"]["OperationBatch"]["properties"]["operations"]
    assert batch["maxItems"] == 100


@pytest.fixture(scope="module")
def contract_token(platform: PlatformProcess) -> str:
    """Enrolled before any fuzzing: random enrolment attempts soon trip the enrolment throttle (429)."""
    return enrol(platform.base_url, platform.db_path, "B001", "C01")[1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"])
def test_live_server_never_breaks_its_contract(platform: PlatformProcess, contract_token: str,
                                               mode: GenerationMode) -> None:
    """schemathesis against the real server on loopback: no 5xx, no undocumented status, no schema break."""
    headers = {"Authorization": f"Bearer {contract_token}"}
    schema = schemathesis.openapi.from_url(f"{platform.api_url}/openapi.json")
    checks = CHECKS + ([negative_data_rejection] if mode is GenerationMode.NEGATIVE else [])
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(base_url=platform.base_url, headers=headers, checks=checks)

        try:
            check()
        except hypothesis.errors.Unsatisfiable:
            continue  # nothing to negate (health takes no input)
        except Exception as exc:  # noqa: BLE001 - collect every operation's failure, then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    assert not failures, "\n\n".join(failures)
