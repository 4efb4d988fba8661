"""What each role gets from the contacts URLs (gathered by liaison/tests/test_url_walk.py)."""

from liaison.tests.walk import API_READ, LOGIN, READ, WRITE, Case

from .factories import AffiliationFactory, InteractionFactory, OrganisationFactory, PersonFactory, purpose


def _pk(factory):
    return lambda users: {"pk": factory().pk}


def _interaction(users):
    interaction = InteractionFactory(author=users["officer"])
    interaction.people.add(PersonFactory())
    return {"pk": interaction.pk}


def _import(users):
    from contacts.importing.batches import batch_create

    data = b"Name,E-mail\r\nAhmad Ismail,ahmad@example.org\r\n"
    batch = batch_create(kind="people", file_name="walk.csv", data=data, options={}, user=users["officer"])
    return {"pk": batch.pk}


# The import's POSTs and its progress answer with a redirect to the batch's page.
IMPORT_POST = {"anonymous": LOGIN, "outsider": 403, "officer": 302, "supervisor": 403, "administrator": 302}


def _two(factory):
    return lambda users: {"keep": factory().pk, "other": factory().pk}


def _person_pair(users):
    from contacts.duplicates.models import PersonDuplicate

    a, b = sorted([PersonFactory().pk, PersonFactory().pk])
    return {"pk": PersonDuplicate.objects.create(first_id=a, second_id=b, score=0.9, reasons=["email"]).pk}


def _organisation_pair(users):
    from contacts.duplicates.models import OrganisationDuplicate

    a, b = sorted([OrganisationFactory().pk, OrganisationFactory().pk])
    return {"pk": OrganisationDuplicate.objects.create(first_id=a, second_id=b, score=0.7, reasons=["acronym"]).pk}


# "Not a duplicate" is a POST back to the list, for officers and administrators; supervisors only read the lists.
MARK = {"anonymous": LOGIN, "outsider": 403, "officer": 302, "supervisor": 403, "administrator": 302}


def _affiliation(users):
    return {"pk": AffiliationFactory().pk}


CASES = {
    "contacts:import_start": Case(WRITE),
    "contacts:import_detail": Case(WRITE, kwargs=_import),
    "contacts:import_map": Case(
        IMPORT_POST, kwargs=_import, method="post", data=lambda users: {"column_0": "full_name", "column_1": "email"}
    ),
    "contacts:import_progress": Case(IMPORT_POST, kwargs=_import),
    "contacts:import_commit": Case(IMPORT_POST, kwargs=_import, method="post"),
    "contacts:import_undo": Case(IMPORT_POST, kwargs=_import, method="post"),
    "contacts:organisation_autocomplete": Case(READ, query="?q=majlis"),
    "contacts:person_autocomplete": Case(READ, query="?q=ahmad"),
    "contacts:organisation_list": Case(READ),
    "contacts:organisation_duplicates": Case(READ),
    "contacts:organisation_not_duplicate": Case(MARK, kwargs=_organisation_pair, method="post"),
    "contacts:person_duplicates": Case(READ),
    "contacts:person_not_duplicate": Case(MARK, kwargs=_person_pair, method="post"),
    "contacts:organisation_create": Case(WRITE),
    "contacts:organisation_detail": Case(READ, kwargs=_pk(OrganisationFactory)),
    "contacts:organisation_update": Case(WRITE, kwargs=_pk(OrganisationFactory)),
    "contacts:organisation_delete": Case(WRITE, kwargs=_pk(OrganisationFactory)),
    "contacts:organisation_log_interaction": Case(WRITE, kwargs=_pk(OrganisationFactory)),
    # Merging: officers and administrators only (the page, and the start from the record's page).
    "contacts:organisation_merge_start": Case(WRITE, kwargs=_pk(OrganisationFactory)),
    "contacts:organisation_merge": Case(WRITE, kwargs=_two(OrganisationFactory)),
    "contacts:person_merge_start": Case(WRITE, kwargs=_pk(PersonFactory)),
    "contacts:person_merge": Case(WRITE, kwargs=_two(PersonFactory)),
    "contacts:person_list": Case(READ),
    # The retention review: officers and administrators keep or erase, supervisors read.
    "contacts:retention_review": Case(READ),
    "contacts:person_create": Case(WRITE),
    "contacts:person_detail": Case(READ, kwargs=_pk(PersonFactory)),
    "contacts:person_update": Case(WRITE, kwargs=_pk(PersonFactory)),
    "contacts:person_delete": Case(WRITE, kwargs=_pk(PersonFactory)),
    # The data subject's copy (a ZIP) and the erasure's confirmation page: officers and administrators.
    "contacts:person_data_export": Case(WRITE, kwargs=_pk(PersonFactory)),
    "contacts:person_erase": Case(WRITE, kwargs=_pk(PersonFactory)),
    "contacts:person_vcard": Case(READ, kwargs=lambda users: {"pk": PersonFactory(consents="all").pk}),
    "contacts:consent_record": Case(
        {"anonymous": LOGIN, "outsider": 403, "officer": 302, "supervisor": 403, "administrator": 302},
        kwargs=_pk(PersonFactory),
        method="post",
        data=lambda users: {"purpose": purpose("invitations").pk, "status": "given", "date": "2026-01-15"},
    ),
    "contacts:person_log_interaction": Case(WRITE, kwargs=_pk(PersonFactory)),
    "contacts:affiliation_create": Case(WRITE, kwargs=_pk(PersonFactory)),
    "contacts:affiliation_update": Case(WRITE, kwargs=_affiliation),
    "contacts:affiliation_end": Case(WRITE, kwargs=_affiliation),
    "contacts:affiliation_delete": Case(WRITE, kwargs=_affiliation),
    "contacts:interaction_list": Case(READ),
    "contacts:interaction_create": Case(WRITE),
    "contacts:interaction_detail": Case(READ, kwargs=_interaction),
    "contacts:interaction_update": Case(WRITE, kwargs=_interaction),
    "contacts:interaction_delete": Case(WRITE, kwargs=_interaction),
    # A POST that marks the follow-up done and goes back to the interaction.
    "contacts:interaction_follow_up_done": Case(
        {"anonymous": LOGIN, "outsider": 403, "officer": 302, "supervisor": 403, "administrator": 302},
        kwargs=_interaction,
        method="post",
    ),
}

# The API's resources (contacts/api.py): read by every role, 401 for anonymous requests.
CASES.update(
    {
        "api:organisation-list": Case(API_READ),
        "api:organisation-detail": Case(API_READ, kwargs=_pk(OrganisationFactory)),
        "api:person-list": Case(API_READ),
        "api:person-detail": Case(API_READ, kwargs=_pk(PersonFactory)),
        "api:affiliation-list": Case(API_READ),
        "api:affiliation-detail": Case(API_READ, kwargs=_pk(AffiliationFactory)),
        "api:interaction-list": Case(API_READ),
        "api:interaction-detail": Case(API_READ, kwargs=_interaction),
    }
)
