"""A report over a long period is made in the background, through Celery, with a page showing its progress."""

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from liaison.celery import app
from liaison.dashboard.tests.test_dashboard import YEAR, known  # noqa: F401 (the fixture)
from liaison.reports import jobs, tasks
from liaison.reports.models import ReportJob

from .test_activity import dashboard_tables, speaking, table_of

pytestmark = pytest.mark.django_db

TWO_YEARS = f"?period=custom&start={YEAR - 1}-01-01&end={YEAR}-12-31"
REPORT = reverse("reports:activity")


@pytest.fixture
def celery_conf():
    """Celery's configuration, put back after the test changes it."""
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    yield app.conf
    app.conf.update(**saved)
    app._pool = None  # the next connection is to the broker put back
    app.amqp._producer_pool = None


def test_a_long_period_is_made_by_the_task_and_downloaded_with_the_dashboards_figures(
    known,  # noqa: F811
    supervisor_client,
    celery_conf,
):
    celery_conf.update(task_always_eager=True)  # as without Redis: the task runs on the spot
    tables = dashboard_tables(supervisor_client, TWO_YEARS)

    response = supervisor_client.get(REPORT + TWO_YEARS + "&format=docx")

    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == ReportJob.Status.DONE and job.filename == f"activity-report-{YEAR - 1}0101-{YEAR}1231.docx"
    page = supervisor_client.get(job.get_absolute_url()).content.decode()
    assert "The report is ready" in page and reverse("reports:job_download", args=[job.pk]) in page
    download = supervisor_client.get(reverse("reports:job_download", args=[job.pk]))
    assert download["Content-Disposition"] == f'attachment; filename="{job.filename}"'
    document = Document(BytesIO(download.content))
    assert [[[c.text for c in row.cells] for row in t.rows] for t in document.tables] == [table_of(t) for t in tables]


def test_the_background_report_is_in_the_askers_language(known, supervisor_client, celery_conf):  # noqa: F811
    celery_conf.update(task_always_eager=True)
    client = speaking(supervisor_client, "ms")

    client.get(REPORT + TWO_YEARS + "&format=pdf")

    job = ReportJob.objects.get()
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(bytes(job.content))).pages)
    assert job.language == "ms" and "Laporan aktiviti" in text


def test_with_no_worker_reachable_the_report_is_made_in_the_request(supervisor_client, celery_conf):
    celery_conf.update(broker_url="redis://127.0.0.1:1/0", task_always_eager=False)  # nothing listens there

    response = supervisor_client.get(REPORT + TWO_YEARS + "&format=docx")

    job = ReportJob.objects.get()
    assert response.status_code == 302 and job.status == ReportJob.Status.DONE and bytes(job.content)[:2] == b"PK"


def test_queued_on_the_broker_the_page_polls_its_progress_until_a_worker_made_it(supervisor_client, celery_conf):
    celery_conf.update(task_always_eager=False)  # the tests' Redis is the broker; no worker listens to it
    supervisor_client.get(REPORT + TWO_YEARS + "&format=docx")
    job = ReportJob.objects.get()
    app.control.purge()  # the message is not left for a worker that would come later
    assert job.status == ReportJob.Status.QUEUED
    page = supervisor_client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in page and "Waiting for its turn" in page

    tasks.activity_report.apply(args=[job.pk])  # as the worker runs it

    job.refresh_from_db()
    done, total = jobs.progress_of(job)
    assert job.status == ReportJob.Status.DONE and done == total > 1
    poll = supervisor_client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert poll.status_code == 204 and poll["HX-Redirect"] == job.get_absolute_url()


def test_a_job_is_made_once_even_when_its_task_is_delivered_twice(officer):
    job = ReportJob.objects.create(user=officer, query={"period": "year"}, format="docx", language="en")
    tasks.activity_report.apply(args=[job.pk])
    ReportJob.objects.filter(pk=job.pk).update(filename="kept.docx")

    tasks.activity_report.apply(args=[job.pk])

    assert ReportJob.objects.get(pk=job.pk).filename == "kept.docx"


def test_a_year_is_still_made_in_the_request(supervisor_client):
    response = supervisor_client.get(REPORT, {"period": "year", "format": "docx"})
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert not ReportJob.objects.exists()


def test_a_report_that_fails_says_so_on_its_page(officer, officer_client, monkeypatch):
    job = ReportJob.objects.create(user=officer, query={}, format="docx", language="en")
    monkeypatch.setattr("liaison.reports.activity.docx", lambda *args: 1 / 0)

    tasks.activity_report.apply(args=[job.pk])

    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    page = officer_client.get(job.get_absolute_url())
    assert page.status_code == 200 and "could not be made" in page.content.decode()
    assert officer_client.get(reverse("reports:job_download", args=[job.pk])).status_code == 302


def test_another_users_report_is_not_found(officer, supervisor_client):
    job = ReportJob.objects.create(user=officer, format="docx", language="en", status="done", content=b"PK")
    assert supervisor_client.get(job.get_absolute_url()).status_code == 404
    assert supervisor_client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404
