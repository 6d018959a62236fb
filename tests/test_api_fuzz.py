"""Property-based fuzzing of the management API from its own OpenAPI schema.

schemathesis generates valid and invalid requests for every operation; one
test asserts the server never answers 5xx (every bad input gets a clear
problem+json error instead of a crash), the other that answers conform to the
schema and that the schema states what the server refuses. Both run in
process over WSGI with a bounded number of examples; against a live server
the same is `st run http://127.0.0.1:8000/api/schema/ --checks all
-H 'Authorization: Token …'`.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from apps.mocks import services
from config.wsgi import application

pytestmark = pytest.mark.slow


# The schema view needs no database: loading it at collection time is safe.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def api_token(user) -> str:
    # Something to find, so generated requests reach more than the 404 path.
    group = services.group_create(data={"name": "Fuzz", "slug": "fuzz"}, user=user)
    services.endpoint_create(group=group, data={"name": "e", "path": "/e"}, user=user)
    return Token.objects.create(user=user).key


@schema.parametrize()
@settings(
    max_examples=25,
    # The same examples every run: CI must not pass or fail by luck.
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_generated_request_makes_the_management_api_fail(
    case, api_token, in_process_wsgi
):
    case.call_and_validate(
        headers={"Authorization": f"Token {api_token}"},
        checks=[schemathesis.checks.not_a_server_error],
    )


# Everything schemathesis checks about an answer that makes sense in process:
# the answer matches the schema (status, content type, headers, body), invalid
# requests are refused, valid ones accepted, and auth the schema requires is
# enforced.
CONFORMANCE = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.negative_data_rejection,
    schemathesis.checks.positive_data_acceptance,
    schemathesis.checks.missing_required_header,
    schemathesis.checks.ignored_auth,
]


# Rules no schema can state, so a schema-valid request may rightly get a 400:
# a slug another live group uses (an earlier example may have taken it), an
# uploaded file that is not an OpenAPI document.
STATEFUL_RULES = {"POST /api/groups", "POST /api/groups/import"}

# The edge refuses NUL characters anywhere in the path, query or body (a
# documented 400, before any view); no OpenAPI document can say that of free
# JSON, so conformance examples leave NUL out.
conformance_schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json", application
)
conformance_schema.config.generation.update(allow_x00=False)


@conformance_schema.parametrize()
@settings(
    max_examples=5,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_management_api_answers_conform_to_its_schema(case, api_token, in_process_wsgi):
    excluded = []
    if case.operation.label in STATEFUL_RULES:
        excluded.append(schemathesis.checks.positive_data_acceptance)
    case.call_and_validate(
        headers={"Authorization": f"Token {api_token}"},
        checks=CONFORMANCE,
        excluded_checks=excluded,
    )
