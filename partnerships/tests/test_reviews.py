import csv
import io

import pytest
from django.urls import reverse

from contacts.tests.factories import OrganisationFactory
from liaison.reference.models import SDG
from partnerships.models import VoluntaryReview

from .factories import VoluntaryReviewFactory

pytestmark = pytest.mark.django_db
LIST = reverse("partnerships:review_list")


def test_an_officer_records_a_voluntary_local_review(officer_client):
    mbsa = OrganisationFactory(name="Majlis Bandaraya Shah Alam")
    sdgs = [SDG.objects.create(number=n, title=f"Goal {n}", colour="#123456") for n in (1, 11)]

    response = officer_client.post(
        reverse("partnerships:review_create"),
        {"kind": "vlr", "government": mbsa.pk, "year": 2021, "status": "published", "sdgs": [s.pk for s in sdgs]},
    )

    review = VoluntaryReview.objects.get()
    assert response["Location"] == review.get_absolute_url()
    assert (review.government, review.year, set(review.sdgs.all())) == (mbsa, 2021, set(sdgs))
    assert "VLR 2021" in officer_client.get(review.get_absolute_url()).content.decode()


def test_the_same_review_cannot_be_recorded_twice(officer_client):
    review = VoluntaryReviewFactory(year=2024)

    response = officer_client.post(
        reverse("partnerships:review_create"),
        {"kind": review.kind, "government": review.government.pk, "year": 2024, "status": "planned"},
    )

    assert response.status_code == 200
    assert "already has a review of this kind for this year" in response.content.decode()
    assert VoluntaryReview.objects.count() == 1


def test_the_list_filters_and_exports_reviews(supervisor_client):
    VoluntaryReviewFactory(kind="vnr", year=2021, government=OrganisationFactory(name="Ministry of Economy"))
    VoluntaryReviewFactory(kind="vlr", year=2024, government=OrganisationFactory(name="Majlis Perbandaran Sepang"))

    response = supervisor_client.get(LIST, {"kind": "vlr"})
    assert [r.year for r in response.context["object_list"]] == [2024]

    export = supervisor_client.get(LIST, {"kind": "vnr", "export": "csv"})
    header, row = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert row[header.index("Government")] == "Ministry of Economy"
    assert row[header.index("Kind")] == "Voluntary National Review (VNR)"


def test_the_reviews_list_runs_a_bounded_number_of_queries(officer_client, django_assert_max_num_queries):
    sdg = SDG.objects.create(number=11, title="Cities", colour="#FD9D24")
    for _ in range(30):
        VoluntaryReviewFactory().sdgs.add(sdg)

    # 11: the page's own 10, and the saved views of the list (its menu) in one more.
    with django_assert_max_num_queries(11):
        assert officer_client.get(LIST).status_code == 200


def test_a_supervisor_cannot_record_a_review(supervisor_client):
    response = supervisor_client.post(reverse("partnerships:review_create"), {"kind": "vlr", "year": 2024})

    assert response.status_code == 403
    assert not VoluntaryReview.objects.exists()
