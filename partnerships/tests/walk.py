"""What each role gets from the partnerships URLs (gathered by liaison/tests/test_url_walk.py)."""

from django.core.files.base import ContentFile

from liaison.tests.walk import API_READ, READ, ROLES, WRITE, Case
from partnerships.documents import private_storage

# A POST that changes something: officers are sent on (302), supervisors and outsiders refused.
POST_WRITE = {**WRITE, "officer": 302, "administrator": 302}


def _partnership(users):
    from partnerships.tests.factories import PartnershipFactory

    return {"pk": PartnershipFactory().pk}


def _agreement(users):
    from partnerships.tests.factories import AgreementFactory

    return {"pk": AgreementFactory().pk}


def _agreement_with_document(users):
    from partnerships.tests.factories import AgreementFactory

    name = private_storage().save("agreements/walk-case.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    return {"pk": AgreementFactory(document=name, document_name="signed.pdf").pk}


def _review(users):
    from partnerships.tests.factories import VoluntaryReviewFactory

    return {"pk": VoluntaryReviewFactory().pk}


CASES = {
    "partnerships:partnership_list": Case(READ),
    "partnerships:partnership_create": Case(WRITE),
    "partnerships:board": Case(READ),
    "partnerships:partnership_autocomplete": Case(READ, query="?q=climate"),
    "partnerships:partnership_detail": Case(READ, kwargs=_partnership),
    "partnerships:partnership_brief": Case(READ, kwargs=_partnership),
    "partnerships:partnership_log_interaction": Case(WRITE, kwargs=_partnership),
    "partnerships:partnership_update": Case(WRITE, kwargs=_partnership),
    "partnerships:partnership_delete": Case(WRITE, kwargs=_partnership),
    "partnerships:partnership_move": Case(
        POST_WRITE, kwargs=_partnership, method="post", data=lambda users: {"stage": "negotiating"}
    ),
    "partnerships:agreement_list": Case(READ),
    "partnerships:agreement_create": Case(WRITE),
    "partnerships:agreement_detail": Case(READ, kwargs=_agreement),
    "partnerships:agreement_update": Case(WRITE, kwargs=_agreement),
    "partnerships:agreement_delete": Case(WRITE, kwargs=_agreement),
    "partnerships:agreement_document": Case(READ, kwargs=_agreement_with_document),
    "partnerships:review_list": Case(READ),
    "partnerships:review_create": Case(WRITE),
    "partnerships:review_detail": Case(READ, kwargs=_review),
    "partnerships:review_update": Case(WRITE, kwargs=_review),
    "partnerships:review_delete": Case(WRITE, kwargs=_review),
}

assert set(POST_WRITE) == set(ROLES)

# The API's resources (partnerships/api.py).
CASES.update(
    {
        "api:partnership-list": Case(API_READ),
        "api:partnership-detail": Case(API_READ, kwargs=_partnership),
        "api:agreement-list": Case(API_READ),
        "api:agreement-detail": Case(API_READ, kwargs=_agreement),
    }
)
