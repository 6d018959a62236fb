"""Property-based fuzzing of the management API from its own OpenAPI schema.

schemathesis generates valid and invalid requests for every operation; the
test asserts the server never answers 5xx, i.e. every bad input gets a clear
problem+json error instead of a crash. It runs in process over WSGI with a
bounded number of examples; against a live server the same is
`st run http://127.0.0.1:8000/api/schema/ -H 'Authorization: Token …'`.
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
