"""The import engine on PostgreSQL: files read with the right characters, plans, commits, undo."""

import pytest

from contacts.importing.commit import ImportRefused, import_commit
from contacts.importing.mapping import ORGANISATIONS, PEOPLE, apply_saved, propose
from contacts.importing.plan import CREATE, DUPLICATE, ERROR, SKIP, UPDATE, build_plan, file_hash
from contacts.importing.readers import ImportFileError, read_table
from contacts.importing.undo import import_undo, undo_refusal
from contacts.models import Affiliation, ImportBatch, Interaction, Organisation, Person

from .factories import AffiliationFactory, OrganisationFactory, PersonFactory
from .importing import VCARDS, outlook_csv, xlsx

pytestmark = pytest.mark.django_db


def plan_of(name, data, kind=PEOPLE, **options):
    table = read_table(name, data, **options)
    return build_plan(table, kind, propose(table.headers, kind), sha256=file_hash(data))


def commit(name, data, user, kind=PEOPLE, plan=None):
    plan = plan or plan_of(name, data, kind)
    batch = ImportBatch.objects.create(kind=kind, file_name=name, sha256=file_hash(data), data=data, created_by=user)
    return import_commit(batch=batch, plan=plan, data=data, user=user)


# --- files read with the right characters ------------------------------------------------------
def test_it_reads_an_outlook_csv_with_bom_and_crlf(officer):
    data = outlook_csv("Dato',Ahmad Faizal,bin Hassan,faizal@mbsa.gov.my,MBSA,Datuk Bandar,012-345 6789,03-5510 5133")
    table = read_table("contacts.csv", data)
    assert table.headers[0] == "Title"  # the BOM is not part of the first header
    assert propose(table.headers, PEOPLE) == [
        "honorific",
        "first_name",
        "last_name",
        "email",
        "organisation",
        "position",
        "mobile",
        "phone",
    ]
    commit("contacts.csv", data, officer)
    person = Person.objects.get()
    assert (person.honorific, person.full_name) == ("Dato'", "Ahmad Faizal bin Hassan")
    assert (person.mobile, person.phone) == ("+60123456789", "+60355105133")
    assert person.affiliations.get().position == "Datuk Bandar"


def test_it_reads_a_windows_1252_semicolon_csv_with_accents(officer):
    text = "Nama;Jawatan;Agensi;No. Tel;Emel\r\nJosé Müller;Pengurus;Société Générale;03-2617 6000;jose@example.org\r\n"
    text += "François Ødegård;Pegawai;Société Générale;;francois@example.org\r\n"
    data = text.encode("cp1252")
    table = read_table("senarai.csv", data)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert propose(table.headers, PEOPLE) == ["full_name", "position", "organisation", "phone", "email"]
    commit("senarai.csv", data, officer)
    assert sorted(Person.objects.values_list("full_name", flat=True)) == ["François Ødegård", "José Müller"]
    assert Organisation.objects.get().name == "Société Générale"  # one new organisation for both rows


def test_the_encoding_can_be_chosen_over_the_detection():
    data = "Nama\r\nJosé\r\n".encode("cp1252")
    assert read_table("a.csv", data, encoding="latin-1").rows == [["José"]]
    with pytest.raises(ImportFileError, match="cannot be read as utf-8"):
        read_table("a.csv", data, encoding="utf-8")


def test_it_reads_utf16_as_excel_saves_unicode_text(officer):
    data = "Name\tE-mail\r\n陈美玲 Tan Mei Ling\tmeiling@example.org\r\n".encode("utf-16")
    table = read_table("unicode.txt", data)
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    commit("unicode.txt", data, officer)
    assert Person.objects.get().full_name == "陈美玲 Tan Mei Ling"


def test_it_reads_an_xlsx_first_sheet_or_the_chosen_one(officer):
    data = xlsx(
        [["Nama", "Jawatan", "Agensi", "No. Tel"], ["Puan Nurul Áini", "Pengarah", "MBSA", 60355105133]],
        extra_sheet=("Lain", [["Name"], ["Other Sheet Person"]]),
    )
    assert read_table("a.xlsx", data, sheet="Lain").rows == [["Other Sheet Person"]]
    with pytest.raises(ImportFileError, match="no sheet named"):
        read_table("a.xlsx", data, sheet="Tiada")
    commit("a.xlsx", data, officer)
    person = Person.objects.get()
    assert (person.honorific, person.full_name, person.phone) == ("Puan", "Nurul Áini", "+60355105133")


def test_it_reads_vcards_3_and_4(officer, reference_data):
    commit("phone.vcf", VCARDS.encode(), officer)
    lim = Person.objects.get(email="weiling@mbsa.gov.my")
    assert (lim.honorific, lim.full_name, lim.mobile, lim.phone) == (
        "Dr.",
        "Lim Wei Ling",
        "+60127778888",
        "+60355105133",
    )
    post = lim.affiliations.get()
    assert (post.organisation.acronym, post.position, post.department) == ("MBSA", "Pengarah", "Jabatan Perancangan")
    zoe = Person.objects.get(email="zoe@example.org")
    assert (zoe.full_name, zoe.mobile) == ("Zoë Saldaña-Pérez", "+34600123456")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "The file is empty"),
        ("blank.csv", b"\r\n\r\n  ", "The file is empty"),
        ("header.csv", b"Name,E-mail\r\n", "header row but no data rows"),
        ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a text file"),
        ("book.xlsx", b"PK\x03\x04 not really a workbook", "cannot be opened"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel"),
        ("cards.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;\r\n", "malformed|no vCard"),
        ("quote.csv", b'Name,Notes\r\n"Ahmad,"unterminated\x00', "not a text file"),
    ],
)
def test_a_broken_file_gets_a_message(name, data, message):
    with pytest.raises(ImportFileError, match=message):
        read_table(name, data)


def test_size_and_row_limits_have_messages(settings):
    settings.IMPORT_MAX_BYTES = 100
    with pytest.raises(ImportFileError, match="up to 100"):
        read_table("big.csv", b"Name\r\n" + b"Ahmad\r\n" * 50)
    settings.IMPORT_MAX_BYTES = 10_000
    settings.IMPORT_MAX_ROWS = 3
    with pytest.raises(ImportFileError, match="has 4 rows; an import takes up to 3"):
        read_table("long.csv", b"Name\r\nA\r\nB\r\nC\r\nD\r\n")


def test_a_ragged_row_is_an_error_naming_it(officer):
    plan = plan_of("r.csv", b"Name,E-mail\r\nAhmad,a@example.org\r\nSiti,s@example.org,extra,cells\r\nLim\r\n")
    assert [(row.number, row.action) for row in plan.rows] == [(2, CREATE), (3, ERROR), (4, CREATE)]
    assert "4 cells but the header names 2 columns" in plan.rows[1].errors[0][1]


# --- the plan: errors, matches, duplicates --------------------------------------------------------
BAD_ROWS = outlook_csv(
    ",Ahmad,Ismail,ahmad@example.org,,,,",
    ",Siti,Aminah,siti@bad,,,,",  # bad e-mail
    ",Lim,Wei,lim@example.org,,,12,",  # impossible phone
    ",,,nobody@example.org,,,,",  # missing name
    ",Ravi,Kumar,ravi@example.org,,,,",
)


def test_three_bad_rows_are_named_and_nothing_is_written(officer):
    plan = plan_of("bad.csv", BAD_ROWS)
    assert [(row.number, row.errors[0][0]) for row in plan.error_rows] == [
        (3, "E-mail Address"),
        (4, "Mobile Phone"),
        (5, "First Name"),
    ]
    assert [row.errors[0][1] for row in plan.error_rows] == [
        "“siti@bad” is not an e-mail address.",
        "“12” is not a possible phone number.",
        "The name is missing.",
    ]
    with pytest.raises(ImportRefused, match="3 rows have errors \\(rows 3, 4, 5\\)"):
        commit("bad.csv", BAD_ROWS, officer, plan=plan)
    assert not Person.objects.exists()
    assert not ImportBatch.objects.filter(status=ImportBatch.Status.COMMITTED).exists()


def test_errors_are_in_the_users_language():
    from django.utils import translation

    with translation.override("ms"):
        plan = plan_of("bad.csv", BAD_ROWS)
    assert plan.error_rows[2].errors[0][1] == "Nama tiada."


def test_an_unknown_state_is_an_error(reference_data):
    data = b"Name,State\r\nMajlis Contoh,Selangor\r\nMajlis Lain,Atlantis\r\n"
    plan = plan_of("o.csv", data, ORGANISATIONS)
    assert plan.rows[0].action == CREATE
    assert plan.rows[1].errors == [["State", "Unknown state “Atlantis”: give a Malaysian state."]]


def test_organisations_are_matched_by_name_local_name_or_acronym(officer, reference_data):
    mbsa = Organisation.objects.get(acronym="MBSA")
    data = outlook_csv(
        ",Ahmad,Ismail,ahmad@example.org,MBSA,,,",
        ",Siti,Aminah,siti@example.org,Shah Alam City Council,,,",
        ",Lim,Wei,lim@example.org,majlis bandaraya shah alam,,,",
        ",Ravi,Kumar,ravi@example.org,Brand New Council,,,",
    )
    plan = plan_of("c.csv", data)
    assert [row.organisation for row in plan.rows[:3]] == [mbsa.pk] * 3
    assert plan.rows[3].new_organisation and next(iter(plan.new_organisations.values()))["name"] == "Brand New Council"


def test_organisations_import_matches_and_updates_by_acronym(officer, reference_data):
    data = b"Name,Acronym,Website\r\nShah Alam City Council,MBSA,www.mbsa.gov.my\r\nMajlis Bandaraya Shah Alam,,\r\n"
    plan = plan_of("o.csv", data, ORGANISATIONS)
    mbsa = Organisation.objects.get(acronym="MBSA")
    assert (plan.rows[0].action, plan.rows[0].target) == (UPDATE, mbsa.pk)
    assert plan.rows[0].changes == [["website", "Website", "", "https://www.mbsa.gov.my"]]
    assert (plan.rows[1].action, plan.rows[1].duplicate_of) == (DUPLICATE, 2)
    commit("o.csv", data, officer, ORGANISATIONS, plan)
    mbsa.refresh_from_db()
    assert mbsa.website == "https://www.mbsa.gov.my"
    assert mbsa.history.first().history_change_reason.startswith("Import #")


MIXED = outlook_csv(
    ",Nurul,Huda,nurul@example.org,MBSA,Pegawai,,",  # 2: create
    "Encik,Existing,Person,known@example.org,,,019-888 7777,",  # 3: update (phone) of the known person
    ",Same,Again,same@example.org,,,,",  # 4: skip: already in the database as it is
    ",Nurul,Huda,NURUL@example.org,,,,",  # 5: duplicate of row 2 in the file
    ",Other,Known,,,,03-2617 6000,",  # 6: matched by phone, gets an e-mail
)


@pytest.fixture
def known(reference_data):
    return {
        "update": PersonFactory(full_name="Existing Person", email="known@example.org", phone=""),
        "skip": PersonFactory(full_name="Same Again", email="same@example.org"),
        "phone": PersonFactory(full_name="Other Known", email="", phone="+60326176000"),
    }


def test_preview_and_commit_agree_row_by_row(officer, known):
    plan = plan_of("mixed.csv", MIXED)
    assert [(row.number, row.action, row.target) for row in plan.rows] == [
        (2, CREATE, None),
        (3, UPDATE, known["update"].pk),
        (4, SKIP, known["skip"].pk),
        (5, DUPLICATE, None),
        (6, UPDATE, known["phone"].pk),
    ]
    assert plan.rows[0].duplicated_by == [5]
    assert plan.rows[1].changes == [["honorific", "Honorific", "", "Encik"], ["mobile", "Mobile", "", "+60198887777"]]
    before = Person.objects.count()
    batch = commit("mixed.csv", MIXED, officer, plan=plan)
    assert Person.objects.count() == before + 1
    assert batch.counts == {"create": 1, "update": 2, "skip": 1, "duplicate": 1, "error": 0, "new_organisations": 0}
    created = Person.objects.get(pk__in=batch.created_records["person"])
    assert created.email == "nurul@example.org" and created.affiliations.get().organisation.acronym == "MBSA"
    assert sorted(batch.updated_records["person"]) == sorted([known["update"].pk, known["phone"].pk])
    known["update"].refresh_from_db()
    known["phone"].refresh_from_db()
    assert known["update"].mobile == "+60198887777" and known["update"].full_name == "Existing Person"
    assert known["phone"].email == ""  # the file had none: nothing to change but its match
    assert batch.sha256 == file_hash(MIXED) and batch.data == b""


def test_skip_existing_leaves_matched_records_alone(officer, known):
    table = read_table("mixed.csv", MIXED)
    plan = build_plan(table, PEOPLE, propose(table.headers, PEOPLE), sha256=file_hash(MIXED), duplicates=SKIP)
    assert [row.action for row in plan.rows] == [CREATE, SKIP, SKIP, DUPLICATE, SKIP]


def test_a_person_is_matched_by_name_at_the_same_organisation(officer, reference_data):
    mbsa = Organisation.objects.get(acronym="MBSA")
    faizal = AffiliationFactory(
        organisation=mbsa,
        position="Datuk Bandar",
        person__honorific="Dato'",
        person__full_name="Ahmad Faizal bin Hassan",
    ).person
    plan = plan_of("n.csv", outlook_csv("Dato',Ahmad Faizal,bin Hassan,,Majlis Bandaraya Shah Alam,Datuk Bandar,,"))
    assert (plan.rows[0].action, plan.rows[0].target) == (SKIP, faizal.pk)
    elsewhere = plan_of("n.csv", outlook_csv(",Ahmad Faizal,bin Hassan,,Some Other Council,,,"))
    assert elsewhere.rows[0].action == CREATE


def test_a_changed_file_is_refused(officer):
    data = outlook_csv(",Ahmad,Ismail,ahmad@example.org,,,,")
    plan = plan_of("a.csv", data)
    batch = ImportBatch.objects.create(kind=PEOPLE, file_name="a.csv", sha256=file_hash(data), data=data)
    changed = data.replace(b"Ismail", b"Ismael")
    with pytest.raises(ImportRefused, match="not the one previewed"):
        import_commit(batch=batch, plan=plan, data=changed, user=officer)
    assert not Person.objects.exists()


@pytest.mark.parametrize("change", ["edit", "delete", "add"])
def test_a_database_changed_since_the_preview_is_refused(officer, known, change):
    plan = plan_of("mixed.csv", MIXED)
    if change == "edit":
        known["update"].notes = "changed meanwhile"
        known["update"].save()
    elif change == "delete":
        known["skip"].delete()
    else:
        PersonFactory(email="nurul@example.org")  # would now be matched by row 2
    with pytest.raises(ImportRefused, match="changed since the preview"):
        commit("mixed.csv", MIXED, officer, plan=plan)
    assert not Person.objects.filter(email="nurul@example.org", full_name="Nurul Huda").exists()
    known["update"].refresh_from_db()
    assert known["update"].mobile == ""


def test_formula_like_values_are_stored_as_plain_text(officer):
    data = b'Name,Notes,Position,Organisation\r\nAhmad,"=HYPERLINK(""http://x"")",@SUM(A1),+Council\r\n'
    commit("f.csv", data, officer)
    person = Person.objects.get()
    assert person.notes == '=HYPERLINK("http://x")'
    assert person.affiliations.get().position == "@SUM(A1)"
    formula = xlsx([["Name", "Notes"], ["Siti", "=1+2"]])
    commit("f.xlsx", formula, officer)
    assert Person.objects.get(full_name="Siti").notes == "=1+2"  # the formula's text, not its result


def test_saved_mapping_is_applied_by_header():
    headers = ["Nama Staf", "Tel Pejabat", "Unknown"]
    assert propose(headers, PEOPLE) == ["", "", ""]
    assert apply_saved(headers, PEOPLE, {"Nama Staf": "full_name", "tel pejabat": "phone"}) == [
        "full_name",
        "phone",
        "",
    ]


# --- undo --------------------------------------------------------------------------------------------
def test_undo_removes_exactly_what_the_import_created(officer, known):
    batch = commit("mixed.csv", MIXED.replace(b"MBSA", b"Brand New Council"), officer)
    created_person = batch.created_records["person"][0]
    assert len(batch.created_records["organisation"]) == 1
    untouched = set(Person.objects.exclude(pk=created_person).values_list("pk", flat=True))
    deleted = import_undo(batch=batch, user=officer)
    assert deleted == {"person": 1, "organisation": 1, "affiliation": 1}
    assert set(Person.objects.values_list("pk", flat=True)) == untouched
    assert not Organisation.objects.filter(name="Brand New Council").exists()
    assert Organisation.objects.filter(acronym="MBSA").exists()
    known["update"].refresh_from_db()
    assert known["update"].mobile == "+60198887777"  # an update is not taken back
    batch.refresh_from_db()
    assert (batch.status, batch.undone_by) == (ImportBatch.Status.UNDONE, officer)
    with pytest.raises(ImportRefused):
        import_undo(batch=batch, user=officer)


def test_undo_is_refused_once_a_created_record_was_edited(officer):
    batch = commit(
        "a.csv", outlook_csv(",Ahmad,Ismail,ahmad@example.org,,,,", ",Siti,Aminah,siti@example.org,,,,"), officer
    )
    person = Person.objects.get(email="siti@example.org")
    person.notes = "met at the forum"
    person.save()
    assert "Siti Aminah" in undo_refusal(batch)
    with pytest.raises(ImportRefused, match="changed after the import"):
        import_undo(batch=batch, user=officer)
    assert Person.objects.count() == 2


def test_undo_is_refused_once_records_were_added_to_a_created_one(officer):
    batch = commit("a.csv", outlook_csv(",Ahmad,Ismail,ahmad@example.org,,,,"), officer)
    interaction = Interaction.objects.create(subject="Call", occurred_at="2026-01-05T10:00Z", author=officer)
    interaction.people.add(Person.objects.get())
    with pytest.raises(ImportRefused, match="added"):
        import_undo(batch=batch, user=officer)
    assert Person.objects.count() == 1 and Affiliation.objects.count() == 0


def test_created_records_have_history_naming_the_import(officer):
    batch = commit("a.csv", outlook_csv(",Ahmad,Ismail,ahmad@example.org,New Council,,,"), officer)
    person = Person.objects.get()
    record = person.history.get()
    assert (record.history_type, record.history_user) == ("+", officer)
    assert record.history_change_reason == f"Import #{batch.pk} (a.csv)"
    assert OrganisationFactory._meta.model.objects.get(name="New Council").owner == officer
