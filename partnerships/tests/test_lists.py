import pytest
from django.urls import reverse

from .factories import AgreementFactory, PartnershipFactory, VoluntaryReviewFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "factory", "template"),
    [
        ("partnership_list", PartnershipFactory, "partnerships/_partnership_rows.html"),
        ("agreement_list", AgreementFactory, "partnerships/_agreement_rows.html"),
        ("review_list", VoluntaryReviewFactory, "partnerships/_voluntaryreview_rows.html"),
    ],
)
def test_an_htmx_request_gets_only_the_rows(officer_client, name, factory, template):
    record = factory()

    response = officer_client.get(reverse(f"partnerships:{name}"), headers={"HX-Request": "true"})

    assert response.templates[0].name == template
    assert record.get_absolute_url() in response.content.decode()
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize("name", ["partnership_list", "agreement_list", "review_list"])
def test_an_invalid_filter_shows_no_rows_rather_than_all(officer_client, name):
    AgreementFactory()
    VoluntaryReviewFactory()
    url = reverse(f"partnerships:{name}")
    assert len(officer_client.get(url).context["object_list"]) == 1

    response = officer_client.get(url, {"sort": "nonsense"})

    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
