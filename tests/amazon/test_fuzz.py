"""Property-based fuzzing of the SP-API mock from its OpenAPI schema.

Generated requests (valid and invalid) for every operation must never make the
mock answer 5xx: bad input gets the SP-API error envelope (or LWA's own error
for the token endpoint), never a crash. In process over WSGI, bounded.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from config.wsgi import application

pytestmark = pytest.mark.slow

# The schema view is built from the copied official models: no database needed.
schema = schemathesis.openapi.from_wsgi("/amazon/_mock/schema?format=json", application)


@schema.parametrize()
@settings(
    max_examples=25,
    # The same examples every run: CI must not pass or fail by luck.
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_generated_request_makes_the_sp_api_mock_fail(
    case, access_token, in_process_wsgi
):
    case.call_and_validate(
        headers={"x-amz-access-token": access_token},
        checks=[schemathesis.checks.not_a_server_error],
    )
