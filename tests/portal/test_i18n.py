"""Language switcher, Brazilian Portuguese catalog, localized dates and numbers."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PORTAL_SOURCES = ("templates/", "apps/mocks/portal/", "apps/mocks/openapi/")


def switch(client, language: str) -> None:
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302


def test_switcher_turns_the_portal_into_brazilian_portuguese(client_in, group):
    switch(client_in, "pt-br")
    content = client_in.get(reverse("portal:home")).content.decode()
    assert '<html lang="pt-br"' in content
    assert "Início" in content
    assert "Requisições atendidas hoje" in content
    assert "Novo grupo" in content
    switch(client_in, "en")
    assert "Requests served today" in client_in.get("/").content.decode()


def test_form_errors_are_translated(client_in, group):
    switch(client_in, "pt-br")
    response = client_in.post(
        reverse("portal:group_create"), {"name": "Admin", "slug": "admin"}
    )
    assert "é reservado pela plataforma" in response.content.decode()
    assert "Corrija os erros abaixo." in response.content.decode()


def test_dates_follow_the_language(client_in, group):
    from django.utils import timezone

    group_url = reverse("portal:group_detail", args=[group.pk])
    created = timezone.localtime(group.created_at)
    english = client_in.get(group_url).content.decode()
    # One unambiguous shape in both languages (config/formats/): day, the
    # month's name in the page's language, year; never 12/01 vs 01/12.
    months_pt = [
        "Jan",
        "Fev",
        "Mar",
        "Abr",
        "Mai",
        "Jun",
        "Jul",
        "Ago",
        "Set",
        "Out",
        "Nov",
        "Dez",
    ]
    assert f"{created.day} {created:%b} {created.year}" in english
    assert created.strftime("%m/%d/%Y") not in english
    switch(client_in, "pt-br")
    portuguese = client_in.get(group_url).content.decode()
    assert f"{created.day} {months_pt[created.month - 1]} {created.year}" in portuguese
    assert created.strftime("%d/%m/%Y") not in portuguese


def test_numbers_follow_the_language(client_in, group, endpoint):
    from django.utils import translation

    from apps.mocks.portal import views

    url = reverse("portal:endpoint_test", args=[group.pk, endpoint.pk])
    switch(client_in, "pt-br")
    data = client_in.post(
        url, {"headers": "X-Api-Key: secret-1"}, HTTP_ACCEPT="application/json"
    ).json()
    assert re.fullmatch(r"\d+,\d ms", data["latency_display"])
    with translation.override("en"):
        assert views.formats.number_format(1234.5, 1, use_l10n=True) == "1234.5"


def _entries(po: Path):
    text = po.read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:
        refs = " ".join(re.findall(r"^#: (.*)$", block, re.M))
        fuzzy = bool(re.search(r"^#,.*fuzzy", block, re.M))
        strs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
        values = ["".join(re.findall(r'"(.*)"', s)) for s in strs]
        yield refs, fuzzy, values


@pytest.mark.parametrize("language", ["pt_BR", "en"])
def test_catalog_translates_every_portal_string_without_fuzzy_entries(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    portal = [
        (refs, fuzzy, values)
        for refs, fuzzy, values in _entries(po)
        if any(src in refs for src in PORTAL_SOURCES)
    ]
    assert len(portal) > 250
    assert not [refs for refs, fuzzy, _ in portal if fuzzy]
    assert not [refs for refs, _, values in portal if not all(values)]
