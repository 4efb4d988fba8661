"""Likely duplicates: found by PostgreSQL, listed, marked "not a duplicate", warned of before saving."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.duplicates import finder
from contacts.duplicates.models import (
    OrganisationDuplicate,
    OrganisationNotDuplicate,
    PersonDuplicate,
    PersonNotDuplicate,
)
from contacts.importing.plan import name_key
from contacts.models import Affiliation, Organisation, Person
from contacts.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory
from contacts.tests.importing import outlook_csv
from contacts.tests.test_import import commit

pytestmark = pytest.mark.django_db


def pairs(model):
    return {(pair.first_id, pair.second_id): list(pair.reasons) for pair in model.objects.all()}


def pair_of(a, b):
    return (min(a.pk, b.pk), max(a.pk, b.pk))


def person_at(organisation, **fields):
    person = PersonFactory(**fields)
    AffiliationFactory(person=person, organisation=organisation)
    return person


# --- the finder -------------------------------------------------------------------------------------------------
def test_people_pair_up_on_email_phone_and_a_similar_name_at_the_same_organisation():
    council = OrganisationFactory(name="Majlis Bandaraya Shah Alam")
    elsewhere = OrganisationFactory(name="Majlis Perbandaran Klang")
    ahmad = person_at(council, full_name="Ahmad Faizal bin Hassan", email="faizal@mbsa.gov.my")
    same_email = PersonFactory(full_name="A. F. Hassan", email="FAIZAL@mbsa.gov.my")
    namesake = person_at(council, full_name="Ahmad Faizal Hassan", email="ahmad.f@gmail.com")
    phone = PersonFactory(full_name="Siti Aminah", mobile="+60123456789")
    same_phone = PersonFactory(full_name="Siti Aminah Yusof", phone="+60123456789")
    namesake_elsewhere = person_at(elsewhere, full_name="Ahmad Faizal bin Hassan", email="a@mpklang.gov.my")
    father_differs = person_at(council, full_name="Ahmad Faizal bin Hamid", email="hamid@yahoo.com")

    assert finder.rebuild_people() == 3
    found = pairs(PersonDuplicate)
    assert found[pair_of(ahmad, same_email)] == ["email"]
    assert found[pair_of(ahmad, namesake)] == ["same_organisation"]
    assert found[pair_of(phone, same_phone)] == ["phone"]
    assert pair_of(ahmad, namesake_elsewhere) not in found  # a namesake at another organisation is someone else
    assert pair_of(ahmad, father_differs) not in found
    first, second = pair_of(ahmad, same_email)
    assert PersonDuplicate.objects.get(first_id=first, second_id=second).score == finder.EMAIL_SCORE


def test_a_similar_name_on_the_same_email_domain_but_not_on_webmail():
    one = PersonFactory(full_name="Lim Wei Ling", email="weiling@mbpj.gov.my")
    two = PersonFactory(full_name="Lim Wei-Ling", email="lim.wl@mbpj.gov.my")
    PersonFactory(full_name="Lim Wei Ling", email="weiling88@gmail.com")
    PersonFactory(full_name="Lim Wei Ling", email="lwl@gmail.com")
    finder.rebuild_people()
    assert pairs(PersonDuplicate) == {pair_of(one, two): ["same_domain"]}


def test_several_reasons_score_more_and_a_shared_mailbox_is_no_reason():
    council = OrganisationFactory()
    one = person_at(council, full_name="Nurul Huda binti Ahmad", email="nurul@example.org", mobile="+60123456789")
    two = person_at(council, full_name="Nurul Huda Ahmad", email="Nurul@example.org", mobile="+60123456789")
    names = [
        "Zainal",
        "Kumar",
        "Tan",
        "Aminah",
        "Rajesh",
        "Wong",
        "Fatimah",
        "Somchai",
        "Kenji",
        "Maria",
        "Budi",
        "Nimal",
        "Aung",
    ]
    for name in names[: finder.KEY_LIMIT + 1]:
        PersonFactory(full_name=name, email="info@council.gov.my")
    finder.rebuild_people()
    assert pairs(PersonDuplicate) == {pair_of(one, two): ["email", "phone", "same_domain", "same_organisation"]}
    assert PersonDuplicate.objects.get().score == 1.0


def test_organisations_pair_up_on_name_local_name_and_acronym():
    seeded = OrganisationFactory(name="Shah Alam City Council", name_local="Majlis Bandaraya Shah Alam", acronym="MBSA")
    local = OrganisationFactory(name="Majlis Bandaraya Shah-Alam", acronym="")
    acronym = OrganisationFactory(name="mbsa", acronym="")
    typo = OrganisationFactory(name="Shah Alam City Counci")
    OrganisationFactory(name="Majlis Perbandaran Sepang", acronym="MPS")
    OrganisationFactory(name="Majlis Perbandaran Selayang", acronym="MPSy")
    numbered = OrganisationFactory(name="Sekolah Kebangsaan Taman Desa 1")
    OrganisationFactory(name="Sekolah Kebangsaan Taman Desa 2")

    finder.rebuild_organisations()
    found = pairs(OrganisationDuplicate)
    assert found.pop(pair_of(seeded, local)) == ["local_name"]
    assert found.pop(pair_of(seeded, acronym)) == ["acronym"]
    assert found.pop(pair_of(seeded, typo)) == ["name"]
    assert found == {}, "Sepang and Selayang, or schools 1 and 2, are different organisations"
    assert numbered.pk


def test_a_pair_marked_not_a_duplicate_stays_hidden_and_a_deleted_record_takes_its_pairs():
    one = PersonFactory(email="same@example.org")
    two = PersonFactory(email="same@example.org")
    three = PersonFactory(email="same@example.org")
    finder.rebuild_people()
    assert len(pairs(PersonDuplicate)) == 3
    finder.mark_not_duplicate(PersonDuplicate.objects.get(first=min(one.pk, two.pk), second=max(one.pk, two.pk)), None)
    finder.rebuild_people()
    assert set(pairs(PersonDuplicate)) == {pair_of(one, three), pair_of(two, three)}
    three.delete()
    assert not PersonDuplicate.objects.exists()
    assert PersonNotDuplicate.objects.count() == 1


def test_the_database_normalises_names_as_the_import_does():
    samples = ["Majlis Bandaraya  Shah-Alam (MBSA)", "Université de Montréal", "D'ARCY & Co.", "  ", "Ção 2"]
    with connection.cursor() as cursor:
        for text in samples:
            cursor.execute("SELECT contacts_name_key(%s)", [text])
            assert cursor.fetchone()[0] == name_key(text), text


def test_refreshing_one_record_finds_what_the_rebuild_finds():
    council = OrganisationFactory(
        name="Shah Alam City Council", name_local="Majlis Bandaraya Shah Alam", acronym="MBSA"
    )
    OrganisationFactory(name="MBSA", acronym="")
    OrganisationFactory(name="Shah Alam City Counci")
    people = [
        person_at(council, full_name="Ahmad Faizal bin Hassan", email="faizal@mbsa.gov.my", mobile="+60123456789"),
        person_at(council, full_name="Ahmad Faizal Hassan", email="af@mbsa.gov.my"),
        PersonFactory(full_name="Siti", email="FAIZAL@mbsa.gov.my", phone="+60123456789"),
    ]
    finder.rebuild()
    rebuilt = (pairs(PersonDuplicate), pairs(OrganisationDuplicate))
    assert len(rebuilt[0]) == 2 and len(rebuilt[1]) == 2
    PersonDuplicate.objects.all().delete()
    OrganisationDuplicate.objects.all().delete()
    for person in people:
        finder.refresh_person(person)
    for organisation in Organisation.objects.all():
        finder.refresh_organisation(organisation)
    assert (pairs(PersonDuplicate), pairs(OrganisationDuplicate)) == rebuilt
    scores = {(p.first_id, p.second_id): p.score for p in PersonDuplicate.objects.all()}
    finder.rebuild()
    assert scores == {(p.first_id, p.second_id): p.score for p in PersonDuplicate.objects.all()}


def _people(count, council):
    for n in range(count):
        person_at(council, full_name=f"Tan Wei Ming {n}", email=f"tan{n}@example.org", mobile=f"+601234{n:05d}")


def test_the_rebuild_runs_the_same_queries_for_50_people_as_for_5():
    council = OrganisationFactory()
    _people(5, council)
    with CaptureQueriesContext(connection) as few:
        finder.rebuild()
    _people(45, council)
    with CaptureQueriesContext(connection) as many:
        finder.rebuild()
    assert len(few) == len(many)
    assert PersonDuplicate.objects.count() > 100  # the names are alike at one organisation


def test_the_forms_find_similar_organisation_names_through_the_trigram_index():
    from contacts.duplicates.probe import similar_organisations

    OrganisationFactory(name="Shah Alam City Council")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a table this small would be read whole otherwise
        assert "organisation_name_trgm" in similar_organisations("Shah Alam City Counci").explain()


def test_a_common_word_alone_does_not_make_names_compared(monkeypatch):
    monkeypatch.setitem(finder.PARAMETERS, "word_limit", 3)
    one = OrganisationFactory(name="Shah Alam City Council")
    two = OrganisationFactory(name="Shah Alam City Counci")
    for place in ("Klang", "Kajang"):
        OrganisationFactory(name=f"{place} City Council")
    finder.rebuild_organisations()
    assert pairs(OrganisationDuplicate) == {pair_of(one, two): ["name"]}  # through "shah" and "alam"


def test_the_command_rebuilds_both_kinds(capsys):
    from django.core.management import call_command

    PersonFactory(email="x@example.org")
    PersonFactory(email="x@example.org")
    call_command("find_duplicates")
    assert "people: 1 likely duplicate pairs" in capsys.readouterr().out
    assert PersonDuplicate.objects.count() == 1


def test_an_import_refreshes_the_pairs_of_what_it_created(officer):
    council = OrganisationFactory(name="Majlis Bandaraya Shah Alam", acronym="MBSA")
    ahmad = person_at(council, full_name="Ahmad Faizal bin Hassan", email="faizal@mbsa.gov.my")
    commit("people.csv", outlook_csv("Encik,Ahmad Faizal,Hassan,af@mbsa.gov.my,MBSA,Pengarah,,"), officer)
    created = Person.objects.get(email="af@mbsa.gov.my")
    assert pairs(PersonDuplicate) == {pair_of(ahmad, created): ["same_domain", "same_organisation"]}


# --- the pages --------------------------------------------------------------------------------------------------
def _person_pairs(count, start=0):
    for n in range(start, start + count):
        council = OrganisationFactory()
        person_at(council, full_name=f"Ahmad Faizal bin Hassan {n}", email=f"dup@council{n}.gov.my")
        person_at(council, full_name=f"Ahmad Faizal bin Hassan {n}", email=f"dup@council{n}.gov.my")
    finder.rebuild_people()


def test_the_people_list_of_duplicates_shows_score_reason_and_both_records(officer_client):
    _person_pairs(1)
    pair = PersonDuplicate.objects.select_related("first", "second").get()
    response = officer_client.get(reverse("contacts:person_duplicates"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "same e-mail" in page and "100%" in page
    assert pair.first.get_absolute_url() in page and pair.second.get_absolute_url() in page
    assert reverse("contacts:person_not_duplicate", args=[pair.pk]) in page
    listing = officer_client.get(reverse("contacts:person_list")).content.decode()
    assert reverse("contacts:person_duplicates") in listing and "Possible duplicates (1)" in listing


def test_the_duplicate_lists_run_as_many_queries_for_30_pairs_as_for_3(officer_client):
    _person_pairs(3)
    with CaptureQueriesContext(connection) as few:
        officer_client.get(reverse("contacts:person_duplicates"))
    _person_pairs(30, start=3)
    with CaptureQueriesContext(connection) as many:
        response = officer_client.get(reverse("contacts:person_duplicates"))
    assert len(few) == len(many)
    assert len(response.context["pairs"]) == 33


def test_the_list_is_paginated(officer_client):
    _person_pairs(55)
    response = officer_client.get(reverse("contacts:person_duplicates"), {"page": 2})
    assert len(response.context["pairs"]) == 5


def test_an_officer_marks_a_pair_not_a_duplicate_and_it_stays_hidden(officer_client, officer):
    _person_pairs(1)
    pair = PersonDuplicate.objects.get()
    response = officer_client.post(reverse("contacts:person_not_duplicate", args=[pair.pk]))
    assert response.status_code == 302
    assert not PersonDuplicate.objects.exists()
    assert PersonNotDuplicate.objects.get().marked_by == officer
    finder.rebuild_people()
    assert not PersonDuplicate.objects.exists()
    assert "No possible duplicates" in officer_client.get(reverse("contacts:person_duplicates")).content.decode()


def test_supervisors_read_the_lists_but_may_not_mark(supervisor_client):
    one = OrganisationFactory(name="Shah Alam City Council", acronym="MBSA")
    two = OrganisationFactory(name="MBSA")
    finder.rebuild_organisations()
    pair = OrganisationDuplicate.objects.get()
    response = supervisor_client.get(reverse("contacts:organisation_duplicates"))
    assert response.status_code == 200
    page = response.content.decode()
    assert one.get_absolute_url() in page and two.get_absolute_url() in page and "same acronym" in page
    url = reverse("contacts:organisation_not_duplicate", args=[pair.pk])
    assert url not in page
    assert supervisor_client.post(url).status_code == 403
    assert OrganisationDuplicate.objects.exists() and not OrganisationNotDuplicate.objects.exists()


def test_marking_a_pair_that_is_gone_is_not_found(officer_client):
    assert officer_client.post(reverse("contacts:person_not_duplicate", args=[999999])).status_code == 404
    assert officer_client.get(reverse("contacts:person_not_duplicate", args=[1])).status_code == 405


# --- the forms' warnings ----------------------------------------------------------------------------------------
ORGANISATION = {"name": "Shah Alam City Council", "kind": "local_government", "country": "MY"}


def test_an_exact_copy_of_a_seeded_council_is_warned_of_and_saved_only_when_asked(officer_client, reference_data):
    seeded = Organisation.objects.get(acronym="MBSA")
    copy = {**ORGANISATION, "name": seeded.name, "name_local": seeded.name_local, "acronym": seeded.acronym}
    response = officer_client.post(reverse("contacts:organisation_create"), copy)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This looks like a record already in Liaison" in page
    assert seeded.get_absolute_url() in page and "Save anyway" in page
    assert Organisation.objects.filter(acronym="MBSA").count() == 1
    response = officer_client.post(reverse("contacts:organisation_create"), {**copy, "save_anyway": "on"})
    assert response.status_code == 302
    assert Organisation.objects.filter(acronym="MBSA").count() == 2
    created = Organisation.objects.filter(acronym="MBSA").exclude(pk=seeded.pk).get()
    assert OrganisationDuplicate.objects.filter(first=seeded, second=created).exists()  # refreshed on saving


@pytest.mark.parametrize(
    "typed",
    [{"name": "MBSA"}, {"name": "Majlis Bandaraya Shah Alam"}, {"name": "Shah Alam City Counci"}],
)
def test_an_acronym_a_local_name_or_a_typo_is_warned_of(officer_client, typed):
    OrganisationFactory(name="Shah Alam City Council", name_local="Majlis Bandaraya Shah Alam", acronym="MBSA")
    response = officer_client.post(reverse("contacts:organisation_create"), {**ORGANISATION, **typed})
    assert response.status_code == 200
    assert response.context["form"].duplicates
    assert Organisation.objects.count() == 1


def test_a_different_council_is_saved_without_a_word(officer_client):
    OrganisationFactory(name="Shah Alam City Council", acronym="MBSA")
    response = officer_client.post(reverse("contacts:organisation_create"), {**ORGANISATION, "name": "Klang Council"})
    assert response.status_code == 302


def test_editing_an_organisation_is_not_warned_of_itself_but_of_others(officer_client):
    council = OrganisationFactory(name="Shah Alam City Council", acronym="MBSA")
    url = reverse("contacts:organisation_update", args=[council.pk])
    assert officer_client.post(url, {**ORGANISATION, "acronym": "MBSA"}).status_code == 302
    other = OrganisationFactory(name="Petaling Jaya City Council", acronym="MBPJ")
    response = officer_client.post(reverse("contacts:organisation_update", args=[other.pk]), {**ORGANISATION})
    assert response.status_code == 200 and response.context["form"].duplicates[0].record == council
    other.refresh_from_db()
    assert other.name == "Petaling Jaya City Council"


PERSON = {"full_name": "Ahmad Faizal bin Hassan", "country": "MY"}


def test_a_second_person_with_the_same_name_and_organisation_waits_for_save_anyway(officer_client):
    council = OrganisationFactory(name="Majlis Bandaraya Shah Alam")
    first = person_at(council, full_name="Ahmad Faizal bin Hassan", email="faizal@mbsa.gov.my")
    data = {**PERSON, "honorific": "Encik", "organisation": council.pk, "position": "Pengarah"}
    response = officer_client.post(reverse("contacts:person_create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert first.get_absolute_url() in page and "similar name at the same organisation" in page
    assert Person.objects.count() == 1
    response = officer_client.post(reverse("contacts:person_create"), {**data, "save_anyway": "on"})
    assert response.status_code == 302
    second = Person.objects.exclude(pk=first.pk).get()
    assert Affiliation.objects.filter(person=second, organisation=council).exists()
    assert pairs(PersonDuplicate) == {pair_of(first, second): ["same_organisation"]}


def test_the_same_name_elsewhere_is_saved_but_the_same_email_or_phone_is_warned_of(officer_client):
    person_at(
        OrganisationFactory(), full_name="Ahmad Faizal bin Hassan", email="faizal@mbsa.gov.my", mobile="+60123456789"
    )
    url = reverse("contacts:person_create")
    assert officer_client.post(url, {**PERSON, "email": "Faizal@MBSA.gov.my"}).status_code == 200
    assert officer_client.post(url, {**PERSON, "full_name": "Siti", "phone": "012-345 6789"}).status_code == 200
    assert Person.objects.count() == 1
    assert officer_client.post(url, PERSON).status_code == 302  # no organisation, no e-mail: a namesake


def test_editing_a_person_warns_of_someone_else_with_the_new_email(officer_client):
    other = PersonFactory(full_name="Siti Aminah", email="siti@example.org")
    person = PersonFactory(full_name="Nurul Huda", email="nurul@example.org")
    url = reverse("contacts:person_update", args=[person.pk])
    assert (
        officer_client.post(url, {**PERSON, "full_name": "Nurul Huda", "email": "nurul@example.org"}).status_code == 302
    )
    response = officer_client.post(url, {**PERSON, "full_name": "Nurul Huda", "email": "siti@example.org"})
    assert response.status_code == 200 and response.context["form"].duplicates[0].record == other
    response = officer_client.post(
        url, {**PERSON, "full_name": "Nurul Huda", "email": "siti@example.org", "save_anyway": "on"}
    )
    assert response.status_code == 302
    assert pairs(PersonDuplicate) == {pair_of(person, other): ["email"]}


def test_a_pair_marked_not_a_duplicate_is_not_warned_of_again(officer_client):
    other = PersonFactory(full_name="Siti Aminah", email="siti@example.org")
    person = PersonFactory(full_name="Nurul Huda", email="siti@example.org")
    first, second = pair_of(person, other)
    PersonNotDuplicate.objects.create(first_id=first, second_id=second)
    url = reverse("contacts:person_update", args=[person.pk])
    assert (
        officer_client.post(url, {**PERSON, "full_name": "Nurul Huda", "email": "siti@example.org"}).status_code == 302
    )


def test_the_lists_link_counts_the_pairs_up_to_a_cap(officer_client, settings, monkeypatch):
    from contacts import views

    monkeypatch.setattr(views, "DUPLICATES_COUNTED", 2)
    _person_pairs(2)
    assert "Possible duplicates (2)" in officer_client.get(reverse("contacts:person_list")).content.decode()
    _person_pairs(1, start=2)
    assert "Possible duplicates (2+)" in officer_client.get(reverse("contacts:person_list")).content.decode()


def test_a_pair_is_merged_from_the_list_and_leaves_it(officer_client):
    _person_pairs(1)
    pair = PersonDuplicate.objects.get()
    merge = reverse("contacts:person_merge", args=[pair.first_id, pair.second_id])
    assert merge in officer_client.get(reverse("contacts:person_duplicates")).content.decode()
    form = officer_client.get(merge).context["form"]
    response = officer_client.post(merge, {name: "keep" for name in form.fields if name.startswith("field_")})
    assert response.status_code == 302  # nothing differs, so nothing to choose: the empty form merges too
    assert not Person.objects.filter(pk=pair.second_id).exists()
    assert not PersonDuplicate.objects.exists()  # the merged-away record took its pair with it
    assert officer_client.get(reverse("contacts:person_detail", args=[pair.second_id])).status_code == 301
