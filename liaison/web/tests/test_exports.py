"""The export helpers every list uses: formula injection neutralised, XLSX cells kept as text."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from contacts.tests.factories import OrganisationFactory
from liaison.web.exports import csv_response, neutralise, xlsx_response

COLUMNS = [("Name", "name"), ("Count", "count")]


def test_neutralise_defuses_every_formula_prefix():
    for value in ["=1+1", "+60123", "-2", "@SUM(A1)", "\tx", "\rx"]:
        assert neutralise(value) == "'" + value
    assert neutralise("Kuala Lumpur") == "Kuala Lumpur"


def test_csv_export_writes_formulas_as_text():
    response = csv_response("x", COLUMNS, [['=HYPERLINK("http://x","y")', 3]])
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines() == ["Name,Count", '"\'=HYPERLINK(""http://x"",""y"")",3']


def test_xlsx_export_keeps_formulas_as_text_and_numbers_as_numbers():
    response = xlsx_response("x", COLUMNS, [['=HYPERLINK("http://x","y")', 3]])
    sheet = load_workbook(BytesIO(response.content)).active
    header, row = list(sheet.iter_rows())
    assert [c.value for c in header] == ["Name", "Count"]
    assert row[0].value == '=HYPERLINK("http://x","y")'
    assert row[0].data_type == "s"
    assert row[1].value == 3


def test_unknown_export_format_is_a_400_page_in_the_layout(officer_client):
    response = officer_client.get(reverse("contacts:person_list"), {"export": "pdf"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Unknown export format. Use csv or xlsx." in body
    assert 'class="navbar' in body


def test_a_page_past_the_end_shows_the_last_page_and_a_bad_one_the_first(officer_client):
    OrganisationFactory.create_batch(30)
    url = reverse("contacts:organisation_list")
    assert officer_client.get(url, {"page": 999}).context["page_obj"].number == 2
    assert officer_client.get(url, {"page": "abc"}).context["page_obj"].number == 1
