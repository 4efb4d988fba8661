"""The merge pages and service within Contacts: choices, refusals, the survivor's history, audit, old addresses."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.merging.services import MergeError, merge_organisations, merge_people
from contacts.models import Affiliation, MergedRecord, Organisation, Person
from contacts.services import person_erase
from contacts.tests.factories import AffiliationFactory, InteractionFactory, OrganisationFactory, PersonFactory
from liaison.audit.models import AuditEntry
from liaison.web.history import history_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    keep = PersonFactory(full_name="Ahmad Faizal bin Hassan", email="ahmad@mbsa.gov.my", phone="", notes="")
    other = PersonFactory(
        full_name="Ahmad Faizal Hassan", email="faizal@example.org", phone="+60355105133", notes="Met at WUF"
    )
    return keep, other


def test_choices_say_which_value_survives_and_empty_values_are_filled_by_default(pair, officer):
    keep, other = pair
    merge_people(keep, other, {"email": "other"}, officer)
    keep.refresh_from_db()
    assert keep.full_name == "Ahmad Faizal bin Hassan"  # kept by default
    assert keep.email == "faizal@example.org"  # chosen
    assert (keep.phone, keep.notes) == ("+60355105133", "Met at WUF")  # the survivor had none


def test_do_not_contact_survives_when_either_asked(pair, officer):
    keep, other = pair
    Person.objects.filter(pk=other.pk).update(do_not_contact=True)
    other.refresh_from_db()
    merge_people(keep, other, {}, officer)
    keep.refresh_from_db()
    assert keep.do_not_contact is True


@pytest.mark.parametrize(
    "choices", [{"search_text": "other"}, {"erased_at": "other"}, {"email": "both"}, {"no_such_field": "keep"}]
)
def test_bad_choices_are_refused_and_nothing_is_written(pair, officer, choices):
    keep, other = pair
    post = AffiliationFactory(person=other)
    with pytest.raises(MergeError):
        merge_people(keep, other, choices, officer)
    post.refresh_from_db()
    assert post.person == other and Person.objects.filter(pk=other.pk).exists()
    assert not MergedRecord.objects.exists()


def test_refusals(pair, officer):
    keep, other = pair
    with pytest.raises(MergeError, match="itself"):
        merge_people(keep, keep, {}, officer)
    person_erase(other, user=officer)
    other.refresh_from_db()
    with pytest.raises(MergeError, match="erased"):
        merge_people(keep, other, {}, officer)
    assert Person.objects.filter(pk=other.pk).exists()


def test_the_survivor_history_says_merged_with_whom_and_why_and_the_audit_trail_has_a_row(pair, officer):
    keep, other = pair
    other_pk = other.pk
    merged = merge_people(keep, other, {"email": "other"}, officer, reason="entered twice")
    latest = history_entries(keep)[0]
    assert latest["reason"] == f"Merged with Ahmad Faizal Hassan (#{other_pk}): entered twice"
    assert latest["user"] and {change.field for change in latest["changes"]} == {"e-mail", "phone", "notes"}
    deletion = Person.history.filter(id=other_pk).order_by("-history_id").first()
    assert deletion.history_type == "-" and f"(#{keep.pk})" in deletion.history_change_reason
    assert (merged.old_pk, merged.survivor_pk, merged.merged_by, merged.reason) == (
        other_pk,
        keep.pk,
        officer,
        "entered twice",
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RECORD_MERGE)
    assert entry.target == f"person #{other_pk} → person #{keep.pk}" and entry.user == officer


def test_a_merge_of_a_merge_leads_to_the_last_survivor(officer, officer_client):
    first, second, third = PersonFactory(), PersonFactory(), PersonFactory()
    merge_people(second, first, {}, officer)
    merge_people(third, second, {}, officer)
    response = officer_client.get(reverse("contacts:person_detail", args=[first.pk]))
    assert (response.status_code, response["Location"]) == (301, third.get_absolute_url())


def test_old_addresses_and_their_sub_pages_answer_301(pair, officer, officer_client):
    keep, other = pair
    old_pk = other.pk
    organisation, duplicate = OrganisationFactory(), OrganisationFactory()
    merge_people(keep, other, {}, officer)
    merge_organisations(organisation, duplicate, {}, officer)
    for name, old, new in [
        ("contacts:person_detail", old_pk, keep.pk),
        ("contacts:person_update", old_pk, keep.pk),
        ("contacts:person_log_interaction", old_pk, keep.pk),
        ("contacts:affiliation_create", old_pk, keep.pk),
        ("contacts:organisation_detail", duplicate.pk, organisation.pk),
        ("contacts:organisation_update", duplicate.pk, organisation.pk),
    ]:
        response = officer_client.get(reverse(name, args=[old]) + "?tab=1")
        assert response.status_code == 301, name
        assert response["Location"] == reverse(name, args=[new]) + "?tab=1"
    # A POST to the old address does not act on the survivor, and an id never used is still 404.
    assert officer_client.post(reverse("contacts:person_update", args=[old_pk]), {}).status_code == 404
    assert officer_client.get(reverse("contacts:person_detail", args=[999999])).status_code == 404


def test_the_merge_page_shows_differing_fields_what_moves_and_a_swap(pair, officer_client):
    keep, other = pair
    InteractionFactory().people.add(other)
    AffiliationFactory(person=other)
    response = officer_client.get(reverse("contacts:person_merge", args=[keep.pk, other.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="field_email" value="keep"' in page and 'name="field_email" value="other"' in page
    assert 'name="field_full_name"' in page and 'name="field_country"' not in page  # equal: nothing to choose
    assert dict(response.context["moving"]) == {"affiliations": 1, "interactions": 1}
    assert reverse("contacts:person_merge", args=[other.pk, keep.pk]) in page


def test_the_merge_page_merges_on_confirm(pair, officer_client):
    keep, other = pair
    post = AffiliationFactory(person=other)
    form = {"field_full_name": "other", "field_email": "keep", "field_phone": "other", "field_notes": "other"}
    response = officer_client.post(reverse("contacts:person_merge", args=[keep.pk, other.pk]), form)
    assert (response.status_code, response["Location"]) == (302, keep.get_absolute_url())
    keep.refresh_from_db()
    assert keep.full_name == "Ahmad Faizal Hassan" and keep.email == "ahmad@mbsa.gov.my"
    assert Affiliation.objects.get(pk=post.pk).person == keep
    page = officer_client.get(keep.get_absolute_url()).content.decode()
    assert f"Merged with Ahmad Faizal Hassan (#{other.pk})" in page


def test_a_bad_radio_value_shows_the_page_again_and_writes_nothing(pair, officer_client):
    keep, other = pair
    response = officer_client.post(
        reverse("contacts:person_merge", args=[keep.pk, other.pk]), {"field_email": "neither"}
    )
    assert response.status_code == 400
    assert Person.objects.filter(pk=other.pk).exists()


def test_merging_with_itself_an_erased_person_or_nobody_is_a_message_or_404(pair, officer, officer_client):
    keep, other = pair
    response = officer_client.get(reverse("contacts:person_merge", args=[keep.pk, keep.pk]), follow=True)
    assert "cannot be merged with itself" in response.content.decode()
    assert officer_client.get(reverse("contacts:person_merge", args=[keep.pk, 999999])).status_code == 404
    assert officer_client.get(reverse("contacts:organisation_merge", args=[999998, 999999])).status_code == 404
    person_erase(other, user=officer)
    response = officer_client.post(reverse("contacts:person_merge", args=[keep.pk, other.pk]), {}, follow=True)
    assert "erased person cannot be merged" in response.content.decode()
    assert Person.objects.filter(pk=other.pk).exists()


def test_supervisors_may_not_merge(pair, supervisor_client):
    keep, other = pair
    for url in (
        reverse("contacts:person_merge", args=[keep.pk, other.pk]),
        reverse("contacts:person_merge_start", args=[keep.pk]),
    ):
        assert supervisor_client.get(url).status_code == 403
        assert supervisor_client.post(url, {}).status_code == 403
    assert Person.objects.filter(pk=other.pk).exists()


def test_start_from_a_person_page_picks_the_other_with_the_autocomplete(pair, officer_client):
    keep, other = pair
    page = officer_client.get(keep.get_absolute_url()).content.decode()
    start = reverse("contacts:person_merge_start", args=[keep.pk])
    assert start in page
    response = officer_client.get(start)
    assert reverse("contacts:person_autocomplete") in response.content.decode()
    response = officer_client.get(start, {"other": other.pk})
    assert response["Location"] == reverse("contacts:person_merge", args=[keep.pk, other.pk])
    response = officer_client.get(start, {"other": keep.pk})
    assert response.status_code == 200 and "itself" in response.content.decode()
    assert officer_client.get(start, {"other": "x"}).status_code == 200


def test_organisations_merge_from_their_page(officer_client):
    keep, other = OrganisationFactory(name="Shah Alam City Council"), OrganisationFactory(acronym="MBSA")
    start = reverse("contacts:organisation_merge_start", args=[keep.pk])
    assert start in officer_client.get(keep.get_absolute_url()).content.decode()
    response = officer_client.get(start, {"other": other.pk})
    assert response["Location"] == reverse("contacts:organisation_merge", args=[keep.pk, other.pk])
    response = officer_client.post(response["Location"], {"field_acronym": "other", "field_name": "keep"})
    assert response.status_code == 302
    keep.refresh_from_db()
    assert (keep.acronym, Organisation.objects.filter(pk=other.pk).exists()) == ("MBSA", False)


def test_erasing_the_survivor_erases_the_merged_away_history_and_name(pair, officer):
    keep, other = pair
    other_pk = other.pk
    merge_people(keep, other, {}, officer)
    person_erase(Person.objects.get(pk=keep.pk), user=officer)
    assert not Person.history.filter(id=other_pk).exists()
    merged = MergedRecord.objects.get(content_type=ContentType.objects.get_for_model(Person), old_pk=other_pk)
    assert merged.label == ""


def test_the_reference_data_key_passes_to_the_survivor(officer):
    keep, seeded = OrganisationFactory(), OrganisationFactory()
    Organisation.objects.filter(pk=seeded.pk).update(reference_key="lg:mbsa")
    seeded.refresh_from_db()
    merge_organisations(keep, seeded, {}, officer)
    keep.refresh_from_db()
    assert keep.reference_key == "lg:mbsa"


def test_the_merge_page_queries_do_not_grow_with_what_moves(pair, officer_client):
    keep, other = pair
    url = reverse("contacts:person_merge", args=[keep.pk, other.pk])
    AffiliationFactory(person=other)
    with CaptureQueriesContext(connection) as few:
        officer_client.get(url)
    for _ in range(5):
        AffiliationFactory(person=other)
        InteractionFactory().people.add(other)
    with CaptureQueriesContext(connection) as many:
        officer_client.get(url)
    assert len(many) == len(few)


def test_moved_rows_count_as_changed_so_an_import_that_made_them_cannot_be_undone(pair, officer):
    keep, other = pair
    post = AffiliationFactory(person=other)
    before = post.updated_at
    merge_people(keep, other, {}, officer)
    post.refresh_from_db()
    assert post.updated_at > before


def test_an_erased_person_page_offers_no_merge_and_its_start_says_why(pair, officer, officer_client):
    _keep, other = pair
    person_erase(other, user=officer)
    start = reverse("contacts:person_merge_start", args=[other.pk])
    assert start not in officer_client.get(other.get_absolute_url()).content.decode()
    response = officer_client.get(start, follow=True)
    assert "erased person cannot be merged" in response.content.decode()


def test_a_second_merge_of_the_same_pair_from_a_stale_page_is_refused(pair, officer, officer_client):
    keep, other = pair
    url = reverse("contacts:person_merge", args=[keep.pk, other.pk])
    merge_people(keep, other, {}, officer)
    with pytest.raises(MergeError, match="no longer exists"):
        merge_people(keep, other, {}, officer)
    assert officer_client.post(url, {}).status_code == 404
    assert MergedRecord.objects.count() == 1
