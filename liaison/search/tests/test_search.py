import pytest
from django.urls import reverse

from contacts.tests.factories import InteractionFactory, OrganisationFactory, PersonFactory
from events.tests.factories import EventFactory
from funding.tests.factories import FundingOpportunityFactory
from liaison.search.registry import search_all
from partnerships.tests.factories import PartnershipFactory


def titles(groups, key):
    return [hit.title for provider, hits in groups if provider.key == key for hit in hits]


@pytest.fixture
def ahmad(db):
    PersonFactory(full_name="Siti Nurhaliza binti Tarudin", honorific="Datuk")
    PersonFactory(full_name="Lim Guan Eng", honorific="YB")
    return PersonFactory(full_name="Ahmad bin Ismail", honorific="Dato'")


@pytest.mark.parametrize("query", ["ahmad", "AHMAD", "ahmd", "dato ahmad", "Dato' Ahmad", "ahmad ismail"])
def test_search_finds_a_person_with_or_without_honorific_and_typos(ahmad, officer, query):
    assert titles(search_all(query, officer), "people") == ["Dato' Ahmad bin Ismail"]


def test_search_finds_an_organisation_by_acronym(officer):
    OrganisationFactory(name="Majlis Bandaraya Shah Alam", acronym="MBSA")
    OrganisationFactory(name="Majlis Bandaraya Subang Jaya", acronym="MBSJ")
    assert titles(search_all("MBSA", officer), "organisations")[0] == "Majlis Bandaraya Shah Alam (MBSA)"
    assert titles(search_all("shah alam", officer), "organisations") == ["Majlis Bandaraya Shah Alam (MBSA)"]


def test_search_never_shows_a_confidential_interaction_to_another_officer(officer, other_officer, supervisor):
    InteractionFactory(subject="Budget talks with Penang", confidential=True, author=other_officer)
    InteractionFactory(subject="Budget review open session", author=other_officer)
    assert titles(search_all("budget", officer), "interactions") == ["Budget review open session"]
    assert sorted(titles(search_all("budget", other_officer), "interactions")) == [
        "Budget review open session",
        "Budget talks with Penang",
    ]
    assert len(titles(search_all("budget", supervisor), "interactions")) == 2


def test_search_needs_two_characters(ahmad, officer):
    assert search_all("a", officer) == []


def test_search_page_groups_results_and_escapes_the_query(officer_client, ahmad):
    OrganisationFactory(name="Ahmad Foundation")
    response = officer_client.get(reverse("search:search"), {"q": "ahmad <b>"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "&lt;b&gt;" in body and "<b>" not in body


def test_search_page_lists_people_and_organisations(officer_client, ahmad):
    OrganisationFactory(name="Ahmad Foundation")
    body = officer_client.get(reverse("search:search"), {"q": "ahmad"}).content.decode()
    assert 'id="group-people"' in body and 'id="group-organisations"' in body
    assert ahmad.get_absolute_url() in body


def test_quick_results_are_a_fragment_for_htmx(officer_client, ahmad):
    response = officer_client.get(reverse("search:search"), {"q": "ahmad"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert "Dato&#x27; Ahmad bin Ismail" in body


def test_search_shows_nothing_to_a_user_without_a_role(client, outsider, ahmad):
    client.force_login(outsider)
    body = client.get(reverse("search:search"), {"q": "ahmad"}).content.decode()
    assert "Ahmad bin Ismail" not in body


def test_search_covers_partnerships_funding_and_events(officer):
    PartnershipFactory(title="Penang gender budgeting partnership")
    FundingOpportunityFactory(title="Gender budgeting grant")
    EventFactory(title="Training on gender budgeting")
    groups = {provider.key: [hit.title for hit in hits] for provider, hits in search_all("gender budgeting", officer)}
    assert groups["partnerships"] == ["Penang gender budgeting partnership"]
    assert groups["funding"] == ["Gender budgeting grant"]
    assert groups["events"] == ["Training on gender budgeting"]


def test_supervisors_find_but_users_without_a_role_do_not(supervisor, outsider):
    PartnershipFactory(title="Penang gender budgeting partnership")
    assert [p.key for p, _ in search_all("penang", supervisor)] == ["partnerships"]
    assert search_all("penang", outsider) == []


@pytest.mark.parametrize(
    "query", ["resilence", "Sungai Wlak", "Faisal", "Severine Leclerc", "séverine", "Pulau Pinang"]
)
def test_search_forgives_typos_and_accents(officer, query):
    """The examples of the architecture issue: each used to find nothing on the embedded default."""
    PartnershipFactory(title="Urban resilience and climate adaptation exchange")
    OrganisationFactory(name="Majlis Perbandaran Sungai Petani", acronym="MPSPK")
    OrganisationFactory(name="Majlis Daerah Sungai Siput", city="Sungai Siput")
    OrganisationFactory(name="Majlis Perbandaran Sungai Buloh")
    OrganisationFactory(name="Majlis Bandaraya Pulau Pinang", acronym="MBPP")
    OrganisationFactory(name="Sungai Walak Community Council")
    PersonFactory(full_name="Ahmad Faizal bin Hassan")
    PersonFactory(full_name="Séverine Leclerc")
    found = [hit.title for _provider, hits in search_all(query, officer) for hit in hits]
    expected = {
        "resilence": "Urban resilience and climate adaptation exchange",
        "Sungai Wlak": "Sungai Walak Community Council",
        "Faisal": "Ahmad Faizal bin Hassan",
        "Severine Leclerc": "Séverine Leclerc",
        "séverine": "Séverine Leclerc",
        "Pulau Pinang": "Majlis Bandaraya Pulau Pinang (MBPP)",
    }[query]
    assert found and found[0] == expected, found


def test_an_interactions_subtitle_gives_its_malaysian_date_in_the_readers_language(officer):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import translation

    # 23:30 in Kuala Lumpur on 31 December is 15:30 UTC the same day; 00:30 on 1 January is still 31 December in UTC.
    InteractionFactory(
        subject="New year call with MBSA",
        occurred_at=datetime(2027, 1, 1, 0, 30, tzinfo=ZoneInfo("Asia/Kuala_Lumpur")),
        author=officer,
    )
    with translation.override("ms"):
        groups = search_all("new year call", officer)
    [hit] = [hit for provider, hits in groups if provider.key == "interactions" for hit in hits]
    assert hit.subtitle == "Mesyuarat · 1 Jan 2027"


def test_the_dictionary_learns_words_from_saves_and_corrects_typos_with_them(officer):
    """A typo is corrected against the words the triggers collected, then found through the full-text index."""
    from liaison.search.matching import text_query
    from liaison.search.models import SearchWord

    assert text_query("kampung") == "('kampung':*)"
    organisation = OrganisationFactory(name="Persatuan Kampung Baru")
    assert SearchWord.objects.filter(word__in=["persatuan", "kampung", "baru"]).count() == 3
    assert "'kampung'" in text_query("kampong")
    assert titles(search_all("kampong", officer), "organisations") == [str(organisation)]
    organisation.name = "Persatuan Sentul"
    organisation.save()
    assert SearchWord.objects.filter(word="sentul").exists()


def test_a_word_in_every_record_costs_the_same_queries_and_ranks_a_bounded_set(officer, django_assert_max_num_queries):
    from liaison.search.matching import CANDIDATES

    PersonFactory.create_batch(5, full_name="Ahmad Tester")
    with django_assert_max_num_queries(16) as few:
        search_all("ahmad", officer)
    PersonFactory.create_batch(20, full_name="Ahmad Tester")
    with django_assert_max_num_queries(len(few.captured_queries)):
        groups = search_all("ahmad", officer, limit=50)
    assert len(titles(groups, "people")) == 25
    people_query = next(q["sql"] for q in few.captured_queries if 'FROM "contacts_person"' in q["sql"])
    assert f"LIMIT {CANDIDATES}" in people_query, "the ranked candidates are bounded"


def test_search_and_the_people_list_use_the_full_text_index(officer_client, officer):
    """With sequential scans off, the plans of the main queries name the search indexes, not a Seq Scan."""
    from django.db import connection

    from contacts.models import Person
    from liaison.search.matching import matching

    PersonFactory(full_name="Ahmad bin Ismail")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    sql, params = matching(Person.objects.all(), "search_text", "ahmad")[:10].query.sql_with_params()
    listed, list_params = Person.objects.search("ahmad").order_by("full_name")[:25].query.sql_with_params()
    for statement, arguments in [(sql, params), (listed, list_params)]:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + statement, arguments)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "person_search_fts" in plan, plan
        assert "Seq Scan on contacts_person " not in plan, plan
