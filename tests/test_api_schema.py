"""Property-based run of schemathesis against /openapi.json: whatever the parameters
(within the schema or not), no route answers with a server error. Bounded: a few
examples per operation, so it runs in CI."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from warta.api.app import ServeConfig, create_app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def api_schema(served_db, tmp_path_factory):
    import shutil

    db = tmp_path_factory.mktemp("schema") / "warta.db"
    shutil.copy(served_db, db)
    # With a token configured, so the write routes run their validation too (no token is sent).
    app = create_app(ServeConfig(db=db, token="schemathesis-token"))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_no_server_errors(api_schema):
    # Each operation driven by hypothesis directly (schemathesis' pytest plugin does not
    # load with this pytest).
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 14
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate(checks=[not_a_server_error])

        run()
