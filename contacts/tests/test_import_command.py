"""`manage.py import_contacts`: the plan printed without writing, or carried out with --commit."""

import json

import pytest
from django.core.management import CommandError, call_command

from contacts.models import ImportBatch, ImportMapping, Organisation, Person

from .factories import PersonFactory
from .importing import outlook_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes(
        outlook_csv(
            ",Nurul,Huda,nurul@example.org,,,,",
            ",Known,Person,known@example.org,,,012-345 6789,",
            ",Nurul,Huda,nurul@example.org,,,,",
            ",Bad,Mail,bad@,,,,",
        )
    )
    return path


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_contacts", *args, stdout=out)
    return out.getvalue()


def test_without_commit_it_prints_the_plan_as_json_and_writes_nothing(mixed):
    known = PersonFactory(email="known@example.org")
    lines = [json.loads(line) for line in run(str(mixed), "--kind", "people", "--json").splitlines()]
    assert [(r["row"], r["action"], r["matched_id"]) for r in lines] == [
        (2, "create", None),
        (3, "update", known.pk),
        (4, "duplicate", None),
        (5, "error", None),
    ]
    assert lines[3]["errors"] == [{"column": "E-mail Address", "message": "“bad@” is not an e-mail address."}]
    assert lines[2]["duplicate_of_row"] == 2
    assert Person.objects.count() == 1 and not ImportBatch.objects.exists()


def test_commit_is_refused_while_rows_have_errors(mixed):
    with pytest.raises(CommandError, match="rows have errors"):
        run(str(mixed), "--kind", "people", "--commit")
    assert not Person.objects.exists() and not ImportBatch.objects.exists()


def test_commit_imports_and_records_the_batch(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(
        "Nama,Singkatan,Negeri\nMajlis Perbandaran Contoh,MPC,\nMajlis Daerah Lain,MDL,\n", encoding="utf-8"
    )
    out = run(str(path), "--kind", "organisations", "--commit")
    assert "Imported as batch" in out
    assert sorted(Organisation.objects.values_list("acronym", flat=True)) == ["MDL", "MPC"]
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.COMMITTED and batch.counts["create"] == 2


def test_a_saved_mapping_is_used_by_name(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text("Nama Staf,Tel Pejabat\nAhmad Ismail,03-2617 6000\n", encoding="utf-8")
    ImportMapping.objects.create(
        name="staff", kind="people", columns={"Nama Staf": "full_name", "Tel Pejabat": "phone"}
    )
    out = run(str(path), "--kind", "people", "--mapping", "staff", "--commit")
    assert "row 2: create" in out
    assert Person.objects.get().phone == "+60326176000"
    with pytest.raises(CommandError, match="no saved people mapping named 'nope'"):
        run(str(path), "--kind", "people", "--mapping", "nope")


def test_a_broken_file_is_a_command_error(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="The file is empty"):
        run(str(path), "--kind", "people")
    with pytest.raises(CommandError, match="cannot read"):
        run(str(tmp_path / "missing.csv"), "--kind", "people")
