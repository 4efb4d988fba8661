"""The API: tokens (hashed, shown once, revoked, expired, read-only), role rules, writes through the services."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from contacts.models import Interaction
from contacts.tests.factories import InteractionFactory, OrganisationFactory, PersonFactory
from liaison.api.models import ApiToken, token_digest
from partnerships.models import Partnership, StageChange
from partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def issue(user, read_only=False, **extra):
    return ApiToken.issue(user=user, name="script", read_only=read_only, **extra)[1]


def post(client, url, data, secret):
    return client.post(url, json.dumps(data), content_type="application/json", **bearer(secret))


def patch(client, url, data, secret):
    return client.patch(url, json.dumps(data), content_type="application/json", **bearer(secret))


def test_token_page_shows_the_secret_once_and_keeps_only_its_digest(client, officer):
    client.force_login(officer)
    expiry = timezone.localdate() + timedelta(days=30)
    response = client.post(reverse("api:tokens"), {"name": "Power BI", "expires_on": expiry.isoformat()})
    secret = response.context["secret"]
    assert secret.startswith("lia_") and secret in response.content.decode()
    token = ApiToken.objects.get(user=officer)
    assert token.digest == token_digest(secret) and secret not in (token.prefix, token.digest)
    assert not token.read_only and token.expires_on == expiry
    assert secret not in client.get(reverse("api:tokens")).content.decode()


def test_token_page_refuses_an_expiry_in_the_past(client, officer):
    client.force_login(officer)
    response = client.post(reverse("api:tokens"), {"name": "x", "expires_on": "2020-01-01"})
    assert response.status_code == 400 and not ApiToken.objects.exists()
    assert "cannot expire in the past" in response.content.decode()


def test_revoked_token_gets_401(client, officer):
    secret = issue(officer)
    url = reverse("api:organisation-list")
    assert client.get(url, **bearer(secret)).status_code == 200
    client.force_login(officer)
    client.post(reverse("api:token_revoke", args=[ApiToken.objects.get().pk]))
    client.logout()
    response = client.get(url, **bearer(secret))
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"


def test_expired_and_unknown_tokens_get_401(client, officer):
    secret = issue(officer, expires_on=timezone.localdate() - timedelta(days=1))
    url = reverse("api:organisation-list")
    assert client.get(url, **bearer(secret)).status_code == 401
    assert client.get(url, **bearer("lia_not-a-token")).status_code == 401
    assert client.get(url).status_code == 401


def test_another_users_token_cannot_be_revoked(client, officer, other_officer):
    issue(officer)
    client.force_login(other_officer)
    assert client.post(reverse("api:token_revoke", args=[ApiToken.objects.get().pk])).status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_read_only_token_gets_403_on_post(client, officer):
    secret = issue(officer, read_only=True)
    response = post(client, reverse("api:organisation-list"), {"name": "Majlis Bandaraya Ipoh"}, secret)
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert client.get(reverse("api:organisation-list"), **bearer(secret)).status_code == 200


def test_supervisor_token_reads_and_cannot_write(client, supervisor):
    OrganisationFactory(name="MBPP")
    secret = issue(supervisor)
    listing = client.get(reverse("api:organisation-list"), **bearer(secret))
    assert [row["name"] for row in listing.json()["results"]] == ["MBPP"]
    response = post(client, reverse("api:organisation-list"), {"name": "New"}, secret)
    assert response.status_code == 403
    assert listing.json()["results"][0]["name"] == "MBPP"


def test_officer_creates_through_the_form_validation(client, officer):
    secret = issue(officer)
    url = reverse("api:person-list")
    bad = post(client, url, {"full_name": "Aminah", "retention_review_date": "0001-01-01"}, secret)
    assert bad.status_code == 400 and bad.json()["retention_review_date"]
    organisation = OrganisationFactory()
    good = post(
        client,
        url,
        {"full_name": "Dato' Dr. Aminah Yusof", "organisation": organisation.pk, "position": "Mayor"},
        secret,
    )
    assert good.status_code == 201, good.content
    body = good.json()
    assert body["honorific"] == "Dato' Dr." and body["full_name"] == "Aminah Yusof" and body["owner"] == officer.pk
    person = organisation.affiliations.get().person
    assert person.pk == body["id"] and person.affiliations.get().position == "Mayor"


def test_unknown_fields_are_refused(client, officer):
    response = post(client, reverse("api:organisation-list"), {"name": "X", "search_text": "y"}, issue(officer))
    assert response.status_code == 400 and "search_text" in response.json()


def test_officer_does_not_see_another_officers_confidential_interactions(client, officer, other_officer, supervisor):
    person = PersonFactory()
    mine = InteractionFactory(author=officer, subject="mine", confidential=True)
    theirs = InteractionFactory(author=other_officer, subject="theirs", confidential=True)
    open_one = InteractionFactory(author=other_officer, subject="open")
    for interaction in (mine, theirs, open_one):
        interaction.people.add(person)
    url = reverse("api:interaction-list")
    seen = {row["subject"] for row in client.get(url, **bearer(issue(officer))).json()["results"]}
    assert seen == {"mine", "open"}
    assert client.get(reverse("api:interaction-detail", args=[theirs.pk]), **bearer(issue(officer))).status_code == 404
    seen = {row["subject"] for row in client.get(url, **bearer(issue(supervisor))).json()["results"]}
    assert seen == {"mine", "theirs", "open"}


def test_interaction_author_is_the_token_user(client, officer):
    person = PersonFactory()
    body = {"subject": "Call", "people": [person.pk], "occurred_at": "2026-11-02T10:00"}
    response = post(client, reverse("api:interaction-list"), body, issue(officer))
    assert response.status_code == 201, response.content
    assert Interaction.objects.get().author == officer
    empty = post(client, reverse("api:interaction-list"), {"subject": "Nobody"}, issue(officer))
    assert empty.status_code == 400 and "non_field_errors" in empty.json()


def test_stage_change_through_the_api_writes_the_same_history_as_the_board(client, officer):
    through_board = PartnershipFactory(stage=Partnership.Stage.IDEA)
    through_api = PartnershipFactory(stage=Partnership.Stage.IDEA)
    client.force_login(officer)
    client.post(reverse("partnerships:partnership_move", args=[through_board.pk]), {"stage": "exploring"})
    client.logout()
    response = patch(
        client, reverse("api:partnership-detail", args=[through_api.pk]), {"stage": "exploring"}, issue(officer)
    )
    assert response.status_code == 200, response.content
    assert response.json()["stage"] == "exploring"

    def history(partnership):
        return list(
            StageChange.objects.filter(partnership=partnership).values_list(
                "from_stage", "to_stage", "changed_on", "changed_by"
            )
        )

    assert history(through_api) == history(through_board) != []
    assert through_api.history.latest().history_user == officer


def test_partners_are_replaced_and_checked(client, officer):
    partnership = PartnershipFactory()
    lead, funder = OrganisationFactory(), OrganisationFactory()
    url = reverse("api:partnership-detail", args=[partnership.pk])
    data = {"partners": [{"organisation": lead.pk, "role": "lead"}, {"organisation": funder.pk, "role": "funder"}]}
    response = patch(client, url, data, issue(officer))
    assert response.status_code == 200, response.content
    assert {(p["organisation"], p["role"]) for p in response.json()["partners"]} == {
        (lead.pk, "lead"),
        (funder.pk, "funder"),
    }
    bad = patch(client, url, {"partners": [{"organisation": lead.pk, "role": "boss"}]}, issue(officer))
    assert bad.status_code == 400 and partnership.partner_roles.count() == 2


def test_filters_sparse_fields_and_cursor_pages(client, officer, django_assert_max_num_queries):
    for n in range(5):
        OrganisationFactory(name=f"Majlis {n}", kind="local_government")
    OrganisationFactory(name="UN-Habitat", kind="un_agency")
    secret = issue(officer)
    url = reverse("api:organisation-list") + "?kind=local_government&fields=id,name&page_size=2"
    # token, its use, role, two permission reads, the page, themes, SDGs: the same for any page size
    with django_assert_max_num_queries(8):
        first = client.get(url, **bearer(secret)).json()
    assert [set(row) for row in first["results"]] == [{"id", "name"}] * 2
    names = [row["name"] for row in first["results"]]
    page = first
    while page["next"]:
        page = client.get(page["next"], **bearer(secret)).json()
        names += [row["name"] for row in page["results"]]
    assert sorted(names) == [f"Majlis {n}" for n in range(5)]
    assert client.get(reverse("api:organisation-list") + "?fields=nope", **bearer(secret)).status_code == 400
    assert client.get(reverse("api:organisation-list") + "?kind=planet", **bearer(secret)).status_code == 400


def test_schema_is_valid_openapi_and_the_docs_are_served_locally(client, officer):
    client.force_login(officer)
    response = client.get(reverse("api:schema") + "?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    assert "/api/v1/partnerships/{id}/" in schema["paths"]
    docs = client.get(reverse("api:swagger")).content.decode()
    assert "/static/drf_spectacular_sidecar/" in docs and "cdn" not in docs.lower()


def test_ordering_walks_cursor_pages_in_order_without_repeats(client, officer):
    for name in ["Majlis Bandaraya Ipoh", "Majlis Perbandaran Klang", "DBKL", "MBPP", "MBSA"]:
        OrganisationFactory(name=name)
    OrganisationFactory(name="MBPP")  # the same name twice: the id after it keeps the order total
    secret = issue(officer)
    page = client.get(reverse("api:organisation-list") + "?ordering=-name&page_size=2", **bearer(secret)).json()
    names = [row["name"] for row in page["results"]]
    ids = [row["id"] for row in page["results"]]
    while page["next"]:
        page = client.get(page["next"], **bearer(secret)).json()
        names += [row["name"] for row in page["results"]]
        ids += [row["id"] for row in page["results"]]
    assert names == sorted(names, reverse=True) and len(ids) == len(set(ids)) == 6
    for bad in ("search_text", "name,kind", "owner__password"):
        response = client.get(reverse("api:organisation-list") + f"?ordering={bad}", **bearer(secret))
        assert response.status_code == 400 and "ordering" in response.json()


def test_rate_limit_is_per_token_with_retry_after(client, officer, settings):
    from django.core.cache import cache

    settings.RATELIMIT_ENABLE = True
    settings.API_RATE_LIMIT = "3/m"
    first, second = (ApiToken.issue(user=officer, name=name)[1] for name in ("a", "b"))
    cache.delete_many([f"api-throttle:api:token-{token.pk}" for token in ApiToken.objects.all()])
    url = reverse("api:organisation-list")
    assert [client.get(url, **bearer(first)).status_code for _ in range(3)] == [200] * 3
    refused = client.get(url, **bearer(first))
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 60
    assert client.get(url, **bearer(second)).status_code == 200  # the same user's other token has its own budget
