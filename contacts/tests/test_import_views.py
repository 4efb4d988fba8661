"""The import pages: upload, mapping, preview, confirmation, undo, and who may use them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import login
from contacts.models import ImportBatch, ImportMapping, Person

from .factories import PersonFactory
from .importing import outlook_csv

pytestmark = pytest.mark.django_db
START = reverse("contacts:import_start")


def upload(client, data, name="contacts.csv", **extra):
    form = {"kind": "people", "duplicates": "update", "file": SimpleUploadedFile(name, data), **extra}
    return client.post(START, form)


def mapping_post(batch, **extra):
    data = {f"column_{i}": field for i, field in enumerate(batch.columns)}
    return {**data, **extra}


def test_it_imports_a_file_through_the_pages(officer_client, officer):
    response = upload(officer_client, outlook_csv(",Ahmad,Ismail,ahmad@example.org,New Council,Pegawai,012-345 6789,"))
    batch = ImportBatch.objects.get()
    assert response.url == batch.get_absolute_url()
    page = officer_client.get(batch.get_absolute_url())
    assert "E-mail Address" in page.content.decode() and 'value="email" selected' in page.content.decode()
    response = officer_client.post(reverse("contacts:import_map", args=[batch.pk]), mapping_post(batch))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEW
    preview = officer_client.get(batch.get_absolute_url()).content.decode()
    assert 'data-row="2" data-action="create"' in preview and "New Council" in preview
    assert not Person.objects.exists()  # nothing written before the confirmation
    plan = batch.plan
    response = officer_client.post(
        reverse("contacts:import_commit", args=[batch.pk]),
        {"sha256": plan["sha256"], "fingerprint": plan["fingerprint"]},
    )
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED and batch.created_by == officer
    person = Person.objects.get()
    assert person.full_name == "Ahmad Ismail"
    result = officer_client.get(batch.get_absolute_url()).content.decode()
    assert person.get_absolute_url() in result and "Undo this import" in result
    officer_client.post(reverse("contacts:import_undo", args=[batch.pk]))
    assert not Person.objects.exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.UNDONE


def test_a_broken_file_gets_a_message_not_an_error(officer_client):
    for data, message in [
        (b"", "The submitted file is empty"),
        (b"Name,E-mail\r\n", "header row but no data rows"),
        (b"\x00\x01\x02\x03binary\x00" * 10, "not a text file"),
    ]:
        response = upload(officer_client, data)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_preview_names_the_bad_rows_and_offers_no_confirmation(officer_client):
    upload(officer_client, outlook_csv(",Ahmad,Ismail,ahmad@bad,,,,", ",Siti,Aminah,siti@example.org,,,12,"))
    batch = ImportBatch.objects.get()
    officer_client.post(reverse("contacts:import_map", args=[batch.pk]), mapping_post(batch))
    page = officer_client.get(batch.get_absolute_url()).content.decode()
    assert "Row 2, E-mail Address: “ahmad@bad” is not an e-mail address." in page
    assert "Row 3, Mobile Phone: “12” is not a possible phone number." in page
    assert reverse("contacts:import_commit", args=[batch.pk]) not in page
    plan = ImportBatch.objects.get().plan
    officer_client.post(
        reverse("contacts:import_commit", args=[batch.pk]),
        {"sha256": plan["sha256"], "fingerprint": plan["fingerprint"]},
    )
    assert not Person.objects.exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEW and "2 rows have errors" in batch.message


def test_a_database_changed_under_the_preview_is_refused_with_a_message(officer_client):
    known = PersonFactory(email="known@example.org")
    upload(officer_client, outlook_csv(",Known,Person,known@example.org,,,012-345 6789,"))
    batch = ImportBatch.objects.get()
    officer_client.post(reverse("contacts:import_map", args=[batch.pk]), mapping_post(batch))
    plan = ImportBatch.objects.get().plan
    known.notes = "edited meanwhile"
    known.save()
    response = officer_client.post(
        reverse("contacts:import_commit", args=[batch.pk]),
        {"sha256": plan["sha256"], "fingerprint": plan["fingerprint"]},
        follow=True,
    )
    assert "changed since the preview" in response.content.decode()
    known.refresh_from_db()
    assert known.mobile == ""


def test_the_mapping_can_be_changed_and_saved_for_the_next_file(officer_client):
    data = b"Nama Staf,Tel Pejabat,Lain\r\nAhmad Ismail,03-2617 6000,x\r\n"
    upload(officer_client, data)
    batch = ImportBatch.objects.get()
    assert batch.columns == ["", "", ""]
    response = officer_client.post(reverse("contacts:import_map", args=[batch.pk]), mapping_post(batch))
    assert response.status_code == 400 and "Choose the column holding the name" in response.content.decode()
    officer_client.post(
        reverse("contacts:import_map", args=[batch.pk]),
        {"column_0": "full_name", "column_1": "phone", "column_2": "", "save_as": "Senarai staf"},
    )
    saved = ImportMapping.objects.get()
    assert saved.columns == {"Nama Staf": "full_name", "Tel Pejabat": "phone", "Lain": ""}
    upload(officer_client, data, mapping=saved.pk)
    assert ImportBatch.objects.latest("pk").columns == ["full_name", "phone", ""]


def test_a_long_file_runs_in_the_background_or_in_process_when_no_worker_can_be_reached(officer_client, settings):
    from liaison.celery import app

    settings.IMPORT_BACKGROUND_ROWS = 1

    def new_connections():  # a broker reached by an earlier test is not asked again (its pool is left open:
        app._pool = None  # kombu keeps it in a registry, where another test may take it up again)
        app.amqp._producer_pool = None

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url="redis://127.0.0.1:1/0", task_always_eager=False)  # nothing listens there
    new_connections()
    try:
        upload(officer_client, outlook_csv(",Ahmad,Ismail,a@example.org,,,,", ",Siti,Aminah,s@example.org,,,,"))
        batch = ImportBatch.objects.get()
        officer_client.post(reverse("contacts:import_map", args=[batch.pk]), mapping_post(batch))
    finally:
        app.conf.update(**saved)
        new_connections()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEW and batch.counts["create"] == 2


def test_the_progress_fragment_polls_while_working_and_redirects_after(officer_client):
    upload(officer_client, outlook_csv(",Ahmad,Ismail,a@example.org,,,,"))
    batch = ImportBatch.objects.get()
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.PLANNING)
    url = reverse("contacts:import_progress", args=[batch.pk])
    fragment = officer_client.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in fragment.content.decode() and 'class="progress-bar"' in fragment.content.decode()
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.PREVIEW, plan={"rows": []})
    done = officer_client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Redirect"] == batch.get_absolute_url()


@pytest.mark.parametrize("name", ["import_start"])
def test_supervisors_and_outsiders_cannot_import(client, supervisor, outsider, name):
    for user in (supervisor, outsider):
        login(client, user)
        assert client.get(reverse(f"contacts:{name}")).status_code == 403
        response = client.post(START, {"kind": "people", "file": SimpleUploadedFile("a.csv", b"Name\r\nA\r\n")})
        assert response.status_code == 403
    assert not ImportBatch.objects.exists()


def test_supervisors_cannot_commit_or_undo(client, supervisor, officer_client):
    upload(officer_client, outlook_csv(",Ahmad,Ismail,a@example.org,,,,"))
    batch = ImportBatch.objects.get()
    login(client, supervisor)
    for name in ("import_detail", "import_map", "import_commit", "import_undo", "import_progress"):
        method = client.get if name in ("import_detail", "import_progress") else client.post
        assert method(reverse(f"contacts:{name}", args=[batch.pk])).status_code == 403


def test_administrators_can_import(administrator_client):
    response = upload(administrator_client, outlook_csv(",Ahmad,Ismail,a@example.org,,,,"))
    assert response.status_code == 302 and ImportBatch.objects.exists()
