import csv
from io import BytesIO, StringIO

from django.urls import reverse
from openpyxl import load_workbook

from contacts.tests.factories import AffiliationFactory, ConsentFactory, OrganisationFactory, PersonFactory, purpose
from contacts.vcard import escape, fold
from liaison.audit.models import AuditEntry

FORMULA = '=HYPERLINK("http://x","y")'


def body(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


def csv_rows(response):
    text = body(response)
    return list(csv.reader(StringIO(text)))


def test_person_named_like_a_formula_comes_out_of_csv_as_text(officer_client):
    PersonFactory(full_name=FORMULA)
    response = officer_client.get(reverse("contacts:person_list"), {"export": "csv"})
    header, row = csv_rows(response)
    assert response["Content-Type"].startswith("text/csv")
    assert row[header.index("Full name")] == "'" + FORMULA


def test_person_named_like_a_formula_comes_out_of_xlsx_as_text_with_header_and_rows(officer_client, officer):
    post = AffiliationFactory(
        person__full_name=FORMULA,
        person__honorific="Dr.",
        person__mobile="+60123456789",
        person__owner=officer,
        organisation__name="Majlis Bandaraya Shah Alam",
        position="Director of Planning",
    )
    PersonFactory(full_name="Aminah Yusof", do_not_contact=True)
    response = officer_client.get(reverse("contacts:person_list"), {"export": "xlsx", "sort": "name"})
    sheet = load_workbook(BytesIO(response.content)).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert header == [
        "Honorific",
        "Full name",
        "Name in another script",
        "Position",
        "Organisation",
        "E-mail",
        "Phone",
        "Mobile",
        "Country",
        "Gender",
        "Do not contact",
        "Owner",
        "Consent: Invitations to events",
        "Consent: Newsletter and news",
        "Consent: Partnership work",
        "Consent: Event registration",
        "Consent: Statistics",
    ]
    assert len(rows) == 2
    first = dict(zip(header, rows[0], strict=True))
    assert first["Full name"] == FORMULA
    assert next(sheet.iter_rows(min_row=2))[1].data_type == "s"  # text, not a formula
    assert (first["Position"], first["Organisation"]) == ("Director of Planning", str(post.organisation))
    assert first["Mobile"] == "+60 12-345 6789"
    assert first["Do not contact"] == "no"
    assert first["Owner"] == "Officer"  # by name, not by login
    assert dict(zip(header, rows[1], strict=True))["Do not contact"] == "yes"


def test_export_is_exactly_as_filtered(officer_client):
    OrganisationFactory(name="Majlis Bandaraya Shah Alam", kind="local_government")
    OrganisationFactory(name="UN-Habitat", kind="un_agency", country="KE")
    response = officer_client.get(reverse("contacts:organisation_list"), {"export": "csv", "kind": "un_agency"})
    header, *rows = csv_rows(response)
    assert [row[header.index("Name")] for row in rows] == ["UN-Habitat"]
    assert rows[0][header.index("Country")] == "Kenya"


def test_unknown_export_format_is_a_clear_400(officer_client):
    response = officer_client.get(reverse("contacts:person_list"), {"export": "pdf"})
    assert response.status_code == 400


def test_vcard_of_one_person_is_escaped_and_folded(officer_client):
    post = AffiliationFactory(
        person__honorific="Dato'",
        person__full_name="Ahmad bin Ismail, Jr; \\ the second",
        person__email="ahmad@mbsa.example",
        person__mobile="+60123456789",
        person__consents=["partnership_work"],
        organisation__name="Majlis Bandaraya Shah Alam",
        position="Director of Planning",
    )
    response = officer_client.get(reverse("contacts:person_vcard", args=[post.person.pk]))
    text = body(response)
    assert response["Content-Type"].startswith("text/vcard")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "FN:Dato' Ahmad bin Ismail\\, Jr\\; \\\\ the second\r\n" in text
    assert "N:Ahmad bin Ismail\\, Jr\\; \\\\ the second;;;Dato';\r\n" in text
    assert "TEL;TYPE=CELL:+60123456789\r\n" in text
    assert "TITLE:Director of Planning\r\n" in text
    assert "ORG:Majlis Bandaraya Shah Alam\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_vcard_escaping_and_folding_rules():
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold("NOTE:" + "é" * 60)
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "NOTE:" + "é" * 60


def test_vcards_of_a_filtered_list_leave_out_people_who_may_not_be_contacted(officer_client):
    organisation = OrganisationFactory()
    work = ["partnership_work"]
    AffiliationFactory(organisation=organisation, person__full_name="Aminah Yusof", person__consents=work)
    AffiliationFactory(
        organisation=organisation,
        person__full_name="Balan a/l Raju",
        person__do_not_contact=True,
        person__consents=work,
    )
    AffiliationFactory(organisation=organisation, person__full_name="Devi Nair")  # never consented
    PersonFactory(full_name="Chong Mei Ling", consents=work)
    response = officer_client.get(reverse("contacts:person_list"), {"export": "vcf", "organisation": organisation.pk})
    text = body(response)
    assert text.count("BEGIN:VCARD") == 1
    assert "FN:Aminah Yusof" in text
    assert "Balan" not in text
    assert "Devi" not in text
    assert AuditEntry.objects.get(action="list_export").row_count == 1


def test_no_vcard_of_a_person_who_may_not_be_contacted_and_the_page_says_why(officer_client):
    person = PersonFactory(full_name="Hafiz Rahman", do_not_contact=True, consents="all")
    response = officer_client.get(reverse("contacts:person_vcard", args=[person.pk]))
    assert response.status_code == 403
    assert "asked not to be contacted" in response.content.decode()
    withdrawn = PersonFactory()
    ConsentFactory(person=withdrawn, purpose=purpose("partnership_work"), status="withdrawn")
    assert officer_client.get(reverse("contacts:person_vcard", args=[withdrawn.pk])).status_code == 403
    page = officer_client.get(withdrawn.get_absolute_url()).content.decode()
    assert "withdrew consent for Partnership work" in page
    assert reverse("contacts:person_vcard", args=[withdrawn.pk]) not in page
