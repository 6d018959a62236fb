"""Redaction: every place a secret can travel in a recorded call (headers,
query, JSON bodies at any depth and size, form bodies, bodies the journal
cannot parse) and the values a replay needs that must survive it."""

import json

import pytest

from apps.core.journal import REDACTED, build_entry
from apps.core.journal.redaction import REDACTED_BODY, normal_name


def entry(
    *,
    query=None,
    headers=None,
    body=b"",
    content_type="",
    response=b"",
    response_type="",
    **kw,
):
    request_headers = dict(headers or {})
    if content_type:
        request_headers["content-type"] = content_type
    return build_entry(
        family="tiny",
        method="POST",
        path="/x",
        query=query or {},
        request_headers=request_headers,
        request_body=body,
        status=200,
        response_headers={"content-type": response_type} if response_type else {},
        response_body=response,
        latency_ms=1.0,
        **kw,
    )


def json_body(document, **kw):
    recorded = entry(
        body=json.dumps(document).encode(), content_type="application/json", **kw
    )
    return json.loads(recorded["request_body"])


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("Api-Key", "api_key"),
        ("apiKey", "api_key"),
        ("X-API-KEY", "x_api_key"),
        ("refresh.token", "refresh_token"),
    ],
)
def test_names_are_normalised(name, normal):
    assert normal_name(name) == normal


@pytest.mark.parametrize("name", ["access_token", "api-key", "API_KEY", "apiKey"])
def test_query_secrets_are_redacted(name):
    assert entry(query={name: ["s3cr3t"]})["query"][name] == [REDACTED]


def test_every_value_of_a_repeated_query_secret_is_redacted():
    assert entry(query={"token": ["a", "b"]})["query"]["token"] == [REDACTED] * 2


@pytest.mark.parametrize(
    "name", ["Api-Key", "X-Goog-Api-Key", "X-Auth-Token", "Authorization", "Cookie"]
)
def test_header_secrets_are_redacted(name):
    assert entry(headers={name: "s3cr3t"})["request_headers"][name] == REDACTED


def test_ordinary_headers_are_kept():
    headers = entry(headers={"Accept": "*/*", "X-Request-Id": "r1"})["request_headers"]
    assert headers == {"Accept": "*/*", "X-Request-Id": "r1"}


@pytest.mark.parametrize(
    "key",
    ["refresh_token", "passwd", "credentials", "password", "clientSecret", "apiKey"],
)
def test_json_secret_keys_are_redacted(key):
    assert json_body({key: "s3cr3t", "user": "u"}) == {key: REDACTED, "user": "u"}


def test_nested_json_secrets_are_redacted():
    document = {"auth": {"grant": [{"refresh_token": "r"}, {"passwd": "p"}]}}
    assert json_body(document) == {
        "auth": {"grant": [{"refresh_token": REDACTED}, {"passwd": REDACTED}]}
    }


def test_a_secret_object_is_redacted_whole():
    assert json_body({"credentials": {"user": "u", "key": "k"}}) == {
        "credentials": REDACTED
    }


@pytest.mark.parametrize("key", ["nextToken", "NextToken", "pageToken", "token_type"])
def test_page_positions_are_kept(key):
    assert json_body({key: "abc"}) == {key: "abc"}
    assert entry(query={key: ["abc"]})["query"][key] == ["abc"]


def test_a_familys_own_secret_fields_are_redacted():
    extra = frozenset({"restrictedDataToken", "sellerPin"})
    assert json_body({"sellerPin": "1234"}, secret_fields=extra) == {
        "sellerPin": REDACTED
    }
    assert entry(query={"seller-pin": ["1"]}, secret_fields=extra)["query"] == {
        "seller-pin": [REDACTED]
    }


def test_escaped_json_keys_are_read_as_the_server_reads_them():
    # "\u0070assword" is "password" to any JSON parser: the cheap scan for
    # secret names must not let it through.
    body = b'{"\\u0070assword": "s3cr3t"}'
    recorded = entry(body=body, content_type="application/json")["request_body"]
    assert json.loads(recorded) == {"password": REDACTED}


def test_json_over_the_cap_is_redacted_before_it_is_cut(settings):
    settings.MOCK_JOURNAL_BODY_CAP = 64
    body = json.dumps({"password": "s3cr3t" * 20, "padding": "x" * 100}).encode()
    recorded = entry(body=body, content_type="application/json")
    assert (
        recorded["request_body"] == '{"password": "[redacted]", "padding": "' + "x" * 25
    )
    assert recorded["request_body_truncated"]


def test_json_over_the_cap_without_secrets_is_cut_as_sent(settings):
    settings.MOCK_JOURNAL_BODY_CAP = 16
    body = json.dumps({"padding": "x" * 30}).encode()
    recorded = entry(body=body, content_type="application/json")
    assert recorded["request_body"] == body[:16].decode()
    assert recorded["request_body_truncated"]


def test_malformed_json_naming_a_secret_is_not_recorded():
    body = b'{"password": "s3cr3t", '
    recorded = entry(body=body, content_type="application/json")
    assert recorded["request_body"] == REDACTED_BODY
    assert recorded["request_body_truncated"]


def test_malformed_json_without_secret_names_is_kept():
    body = b'{"name": "ada", '
    assert entry(body=body, content_type="application/json")["request_body"] == (
        body.decode()
    )


@pytest.mark.parametrize(
    "field", ["password", "passwd", "api-key", "client_secret", "refresh_token"]
)
def test_form_secret_fields_are_redacted(field):
    body = f"user=ada&{field}=s3cr3t&scope=read".encode()
    recorded = entry(body=body, content_type="application/x-www-form-urlencoded")
    assert recorded["request_body"] == f"user=ada&{field}=%5Bredacted%5D&scope=read"


def test_form_content_type_is_matched_whatever_its_case():
    recorded = entry(
        body=b"password=s3cr3t",
        content_type="Application/X-WWW-Form-Urlencoded; charset=utf-8",
    )
    assert "s3cr3t" not in recorded["request_body"]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", b"login ada password s3cr3t"),
        ("application/xml", b"<auth><ApiKey>s3cr3t</ApiKey></auth>"),
        ("", b"password=s3cr3t"),  # a form sent without its content type
        ("application/x-www-form-urlencoded", b"\xffpassword=s3cr3t"),  # not UTF-8
    ],
)
def test_unparseable_bodies_naming_a_secret_are_not_recorded(content_type, body):
    recorded = entry(body=body, content_type=content_type)
    assert recorded["request_body"] == REDACTED_BODY


def test_unparseable_bodies_without_secret_names_are_kept():
    body = b"<order><sku>A1</sku></order>"
    assert entry(body=body, content_type="application/xml")["request_body"] == (
        body.decode()
    )


def test_bodies_without_secrets_are_recorded_byte_for_byte():
    body = b'{"b": 1,   "a": [1, 2]}'  # not re-encoded when nothing is redacted
    assert entry(body=body, content_type="application/json")["request_body"] == (
        body.decode()
    )


def test_response_bodies_are_redacted_when_asked():
    response = json.dumps({"access_token": "Atza|s3cr3t", "expires_in": 3600})
    recorded = entry(
        response=response.encode(),
        response_type="application/json",
        redact_response=True,
    )
    assert json.loads(recorded["response_body"]) == {
        "access_token": REDACTED,
        "expires_in": 3600,
    }


def test_engine_responses_are_kept_as_configured():
    response = b'{"token": "fake"}'  # the mock's own fake data, not a secret
    assert entry(response=response)["response_body"] == response.decode()


def test_secret_names_follow_the_setting(settings):
    settings.MOCK_JOURNAL_SECRET_NAMES = ["tenant-key"]
    recorded = entry(query={"tenantKey": ["t"], "password": ["p"]})
    assert recorded["query"] == {"tenantKey": [REDACTED], "password": ["p"]}
