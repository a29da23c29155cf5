"""Property-based run of our OpenAPI description against the live test server (schemathesis).

The description's $refs name the HSDS schemas by their published web addresses; here they are
replaced by the reference copy's files, so nothing reaches the network.
"""

import json
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.hsds_spec import inline_published_refs, require_spec_dir

OPENAPI = Path(__file__).resolve().parents[2] / "resources" / "api" / "openapi.json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# One worker runs the whole module, so that `api_schema` is made once, not once a worker.
pytestmark = pytest.mark.xdist_group(__name__)


# Built once for the module: inlining the HSDS schemas takes about a second, and the tests only
# read the description.
@pytest.fixture(scope="module")
def api_schema():
    document = inline_published_refs(json.loads(OPENAPI.read_text()), require_spec_dir())
    return schemathesis.openapi.from_dict(document)


OPERATIONS = sorted(json.loads(OPENAPI.read_text())["paths"])


@pytest.mark.django_db(transaction=True, databases="__all__")
@pytest.mark.parametrize("path", OPERATIONS)
def test_the_api_keeps_its_description(api_schema, sample_directory, live_server, path):
    strategy = api_schema[path]["GET"].as_strategy()

    @given(case=strategy)
    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def keeps_its_description(case):
        case.call_and_validate(base_url=f"{live_server.url}/api", checks=CHECKS)

    keeps_its_description()
