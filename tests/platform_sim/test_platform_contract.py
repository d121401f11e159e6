"""The contract: resources/api/openapi.yaml is the app's own schema, and the live server keeps to it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import hypothesis
import hypothesis.errors
import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core import NotSet
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance, negative_data_rejection, response_headers_conformance,
    response_schema_conformance, status_code_conformance,
)

from platform_sim.app import create_app
from platform_sim.testing import PlatformProcess, enrol

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "resources" / "api" / "openapi.yaml"


def content_type_conformance_of_the_app(ctx, response, case):  # noqa: ANN001, ANN201
    """content_type_conformance for what the app answers. A request that is not valid HTTP at all (e.g. an
    empty Content-Length header) is refused by uvicorn's protocol layer before the app runs, as text/plain 400;
    no ASGI app can shape that answer."""
    if response.status_code == 400 and response.text == "Invalid HTTP request received.":
        return None
    return content_type_conformance(ctx, response, case)


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance_of_the_app,
          response_headers_conformance, response_schema_conformance]
# Modest so the run stays well under a minute; raise it for a deeper run (PLATFORM_CONTRACT_EXAMPLES=500).
MAX_EXAMPLES = int(os.environ.get("PLATFORM_CONTRACT_EXAMPLES", "50"))


def _declared_query(api_url: str) -> dict[tuple[str, str], set[str]]:
    """(METHOD, path) -> the query parameter names the live contract declares."""
    contract = httpx.get(f"{api_url}/openapi.json").json()
    return {(method.upper(), path): {p["name"] for p in op.get("parameters", []) if p["in"] == "query"}
            for path, item in contract["paths"].items() for method, op in item.items()}


def _negative_rejection_as_sent(declared: dict[tuple[str, str], set[str]]):  # noqa: ANN202
    """negative_data_rejection, minus one false positive: schemathesis counts an extra query key whose
    value is null (never sent) or an extra header as negative data, though the server only ever saw a
    valid request. A body or path violation, or an undeclared query key on the wire, still fails."""

    def negative_data_rejection_as_sent(ctx, response, case):  # noqa: ANN001, ANN202
        try:
            return negative_data_rejection(ctx, response, case)
        except AcceptedNegativeData:
            sent = set(parse_qs(urlsplit(response.request.url).query, keep_blank_values=True))
            only_query_or_headers = case.body is None or isinstance(case.body, NotSet)
            if only_query_or_headers and sent <= declared.get((case.method.upper(), case.operation.path), set()):
                return None
            raise

    return negative_data_rejection_as_sent


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
    negative = [_negative_rejection_as_sent(_declared_query(platform.api_url))]
    checks = CHECKS + (negative if mode is GenerationMode.NEGATIVE else [])
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
