"""Home activity and group-page cards: each item says things once, and
previews show whole lines."""

import html
import re

from django.urls import reverse

from apps.mocks import services


def test_recent_activity_shows_the_method_once(client_in, endpoint):
    page = client_in.get("/").content.decode()
    item = re.search(r'<li>\s*<span class="[^"]*">GET</span>(.*?)</li>', page, re.S)
    assert item, "the endpoint's activity row"
    # The badge carries the method; the label is the path alone.
    assert "GET" not in item.group(1)
    assert f"/{endpoint.group.slug}{endpoint.path}" in html.unescape(item.group(1))


def test_previews_end_on_whole_lines(client_in, group, user):
    body = {f"field_{i:02d}": "x" * (i * 5) for i in range(20)}
    services.endpoint_create(
        group=group,
        user=user,
        data={"name": "Big", "path": "/big", "response_body": body},
    )
    page = client_in.get(
        reverse("portal:group_detail", args=[group.pk])
    ).content.decode()
    preview = html.unescape(
        re.search(r'<pre class="endpoint-card__preview"[^>]*>(.*?)</pre>', page, re.S)[
            1
        ]
    )
    lines = preview.splitlines()
    assert lines[0] == "{"
    assert lines[-1] == "…"  # more follows
    assert len(lines) == 7
    for line in lines[1:-1]:
        # Whole JSON lines, or visibly shortened ones: never cut silently.
        assert line.rstrip().endswith((",", "…", '"')), line
        assert len(line) <= 60


def test_favicon_is_the_logo_and_is_not_journaled(client, db):
    from apps.core.journal import JournalEntry, writer

    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/logo.svg")
    writer.flush()
    assert not JournalEntry.objects.filter(path__contains="favicon").exists()
