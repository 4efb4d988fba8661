from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from funding.models import FundingOpportunity
from liaison.reference.models import ExchangeRate

from .factories import FundingOpportunityFactory

pytestmark = pytest.mark.django_db
Status = FundingOpportunity.Status
PIPELINE = reverse("funding:pipeline")


def row(page, status):
    """The text of the pipeline table's row for `status`."""
    start = page.index(f'data-status="{status}"')
    return page[start : page.index("</tr>", start)]


def test_pipeline_totals_in_myr_match_amounts_times_rates(supervisor_client):
    ExchangeRate.objects.create(currency="USD", rate_to_myr=Decimal("4.5"), valid_from=date(2020, 1, 1))
    ExchangeRate.objects.create(currency="EUR", rate_to_myr=Decimal("5"), valid_from=date(2020, 1, 1))
    FundingOpportunityFactory(status=Status.PREPARING, currency="MYR", amount_requested=100_000, probability=50)
    FundingOpportunityFactory(status=Status.PREPARING, currency="USD", amount_requested=10_000, probability=20)
    FundingOpportunityFactory(status=Status.SUBMITTED, currency="EUR", amount_requested=2_000, probability=40)
    FundingOpportunityFactory(status=Status.PREPARING, currency="JPY", amount_requested=1_000_000, probability=10)

    response = supervisor_client.get(PIPELINE)
    page = response.content.decode()

    preparing = row(page, "preparing")
    assert ">3<" in preparing
    assert "MYR 145,000.00" in preparing  # 100,000 + 10,000 * 4.5
    assert "MYR 59,000.00" in preparing  # 50,000 + 2,000 * 4.5
    assert "JPY 1,000,000.00" in preparing  # apart, not added as ringgit
    submitted = row(page, "submitted")
    assert "MYR 10,000.00" in submitted and "MYR 4,000.00" in submitted
    total = row(page, "total")
    assert "MYR 155,000.00" in total and "MYR 63,000.00" in total
    assert "MYR 1,155,000.00" not in page
    assert "1 USD = 4.500000 MYR" in page and "1 EUR = 5.000000 MYR" in page


def test_pipeline_exports_the_same_table(officer_client):
    ExchangeRate.objects.create(currency="USD", rate_to_myr=Decimal("4.5"), valid_from=date(2020, 1, 1))
    FundingOpportunityFactory(status=Status.PREPARING, currency="USD", amount_requested=10_000, probability=20)
    FundingOpportunityFactory(status=Status.PREPARING, currency="JPY", amount_requested=1_000, probability=10)
    response = officer_client.get(PIPELINE, {"export": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Preparing"] == (2, 45000, 9000, "JPY 1,000.00")
    assert rows["Total"][:3] == (2, 45000, 9000)
    csv = b"".join(officer_client.get(PIPELINE, {"export": "csv"}).streaming_content).decode()
    assert 'Preparing,2,45000.00,9000.00,"JPY 1,000.00"' in csv
    assert officer_client.get(PIPELINE, {"export": "pdf"}).status_code == 400


def test_pipeline_applies_the_list_filters(officer_client):
    FundingOpportunityFactory(status=Status.PREPARING, currency="MYR", amount_requested=1_000)
    FundingOpportunityFactory(status=Status.PREPARING, currency="USD", amount_requested=2_000)
    response = officer_client.get(PIPELINE, {"currency": "MYR"})
    assert response.context["pipeline"].total.count == 1
    assert response.context["pipeline"].total.value_myr == Decimal("1000.00")


def _pipeline_queries(client, count):
    ExchangeRate.objects.get_or_create(currency="USD", valid_from=date(2020, 1, 1), defaults={"rate_to_myr": 4})
    for index in range(count):
        FundingOpportunityFactory(status=Status.values[index % 9], currency=("MYR", "USD", "GBP")[index % 3])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PIPELINE).status_code == 200
    return len(queries)


def test_pipeline_runs_the_same_number_of_queries_for_few_or_many_opportunities(officer_client):
    few = _pipeline_queries(officer_client, 9)
    many = _pipeline_queries(officer_client, 45)
    assert few == many
    assert many <= 11  # the page, the filters, the rates and the navigation bell
