"""Tasks given to colleagues, about any record, in My work and as reminders."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import login
from contacts.tests.factories import PersonFactory
from events.tests.factories import EventFactory
from funding.tests.factories import FundingOpportunityFactory
from liaison.reminders.models import Notification, Reminder
from liaison.reminders.registry import registry
from liaison.reminders.sweep import sweep
from liaison.reminders.tests.conftest import prefer
from liaison.work.models import Task
from liaison.work.reminders import TaskSource
from partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def task(**values):
    values.setdefault("title", "Send the MoU draft")
    values.setdefault("due_on", TODAY() + timedelta(days=5))
    return Task.objects.create(**values)


def create(client, **data):
    data.setdefault("title", "Call back about the forum")
    data.setdefault("due_on", (TODAY() + timedelta(days=3)).isoformat())
    return client.post(reverse("work:task_create"), data)


def test_an_officer_gives_a_colleague_a_task_from_a_persons_page(client, officer, other_officer):
    person = PersonFactory()
    prefer(other_officer, language="ms")
    login(client, officer)
    page = client.get(person.get_absolute_url())
    add = f"{reverse('work:task_create')}?record=contacts.person%3A{person.pk}"
    assert add in page.content.decode()

    response = create(client, assignee=other_officer.pk, record=f"contacts.person:{person.pk}")

    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    (saved,) = Task.objects.all()
    assert (saved.record, saved.assignee, saved.created_by) == (person, other_officer, officer)
    note = Notification.objects.get(user=other_officer)
    assert note.title.startswith("Officer memberi anda tugasan: Call back about the forum (tarikh akhir ")
    assert note.url == saved.get_absolute_url()
    assert "Call back about the forum" in client.get(person.get_absolute_url()).content.decode()


def test_a_task_for_oneself_notifies_nobody(client, officer):
    login(client, officer)
    assert create(client, assignee=officer.pk).status_code == 302
    assert Task.objects.get().record is None
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    "reference",
    ["contacts.person:999999", "auth.user:1", "contacts.person:abc", "nonsense", "contacts.person:" + "9" * 30],
)
def test_a_task_about_a_record_that_cannot_be_one_is_refused_and_nothing_saved(client, officer, reference):
    login(client, officer)
    response = create(client, assignee=officer.pk, record=reference)
    assert response.status_code == 200
    assert "cannot be found" in response.content.decode()
    assert not Task.objects.exists()


def test_supervisors_read_tasks_but_cannot_give_them(client, supervisor, officer):
    login(client, supervisor)
    assert create(client, assignee=officer.pk).status_code == 403
    assert not Task.objects.exists()


def test_my_work_lists_my_open_tasks_and_what_else_i_am_reminded_of(client, officer, other_officer):
    mine = task(title="Draft the VLR chapter", assignee=officer, created_by=other_officer)
    task(title="Someone else's job", assignee=other_officer)
    task(title="Finished already", assignee=officer, done_at=timezone.now())
    opportunity = FundingOpportunityFactory(owner=officer, deadline=timezone.now() + timedelta(days=10))
    login(client, officer)
    page = client.get(reverse("work:my_work"))
    html = page.content.decode()
    assert page.context["tasks"] == [mine]
    assert "Someone else&#x27;s job" not in html and "Someone else's job" not in html
    assert [row["url"] for row in page.context["upcoming"]] == [opportunity.get_absolute_url()]
    assert "Everyone&#x27;s overdue work" not in html  # officers see their own work only
    assert page.context["recently_done"][0].title == "Finished already"


def test_tasks_i_gave_colleagues_are_listed_apart(client, officer, other_officer):
    given = task(title="Book the hall", assignee=other_officer, created_by=officer)
    login(client, officer)
    page = client.get(reverse("work:my_work"))
    assert page.context["given"] == [given] and page.context["tasks"] == []


def test_supervisors_see_everyones_overdue_work(client, supervisor, officer, other_officer):
    late = task(title="Overdue follow-up", assignee=officer, due_on=TODAY() - timedelta(days=2))
    task(title="Not yet due", assignee=other_officer)
    PartnershipFactory(owner=other_officer, next_step="Sign", next_step_due=TODAY() - timedelta(days=4))
    login(client, supervisor)
    page = client.get(reverse("work:my_work"))
    assert page.context["everyone_tasks"] == [late]
    (overdue,) = page.context["everyone_overdue"]
    assert overdue["recipients"] == [other_officer]
    assert "Overdue follow-up" in page.content.decode()


def test_marking_a_task_done_takes_it_off_my_work_and_off_the_reminders(client, officer):
    open_task = task(assignee=officer, due_on=TODAY() + timedelta(days=1))
    source = registry.by_key()["work.task"]
    window = (TODAY(), TODAY() + timedelta(days=7))
    assert [item.obj for item in source.items_for(officer, *window)] == [open_task]
    login(client, officer)

    response = client.post(reverse("work:task_done", args=[open_task.pk]), {"next": reverse("work:my_work")})

    assert response.status_code == 302 and response["Location"] == reverse("work:my_work")
    open_task.refresh_from_db()
    assert open_task.done_by == officer and open_task.done_at is not None
    assert source.items_for(officer, *window) == []
    assert not source.is_still_due(open_task.pk, open_task.due_on)
    client.post(reverse("work:task_done", args=[open_task.pk]), {"reopen": "1"})
    open_task.refresh_from_db()
    assert open_task.done_at is None and open_task.done_by is None


def test_done_redirects_only_to_this_site(client, officer):
    open_task = task(assignee=officer)
    login(client, officer)
    response = client.post(reverse("work:task_done", args=[open_task.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("work:my_work")


def test_a_task_due_tomorrow_is_reminded_to_its_assignee_in_their_language(officer):
    prefer(officer, language="ms")
    due = date(2027, 3, 10)
    task(title="Hantar laporan", assignee=officer, due_on=due)
    sweep(timezone.make_aware(timezone.datetime(2027, 3, 9, 9)))
    reminder = Reminder.objects.get()
    assert reminder.recipient == officer
    assert reminder.title == "Tugasan: Hantar laporan"


def test_the_source_is_registered():
    assert isinstance(registry.by_key()["work.task"], TaskSource)


@pytest.mark.parametrize(
    "factory", [PersonFactory, PartnershipFactory, FundingOpportunityFactory, EventFactory], ids=lambda f: f.__name__
)
def test_every_kind_of_record_page_shows_its_tasks(client, officer, factory):
    record = factory()
    task(title="Prepare the briefing note", assignee=officer, record=record)
    login(client, officer)
    html = client.get(record.get_absolute_url()).content.decode()
    assert 'id="tasks-panel"' in html and "Prepare the briefing note" in html


def test_my_work_takes_a_bounded_number_of_queries(client, officer, django_assert_max_num_queries):
    for n in range(3):
        task(title=f"Task {n}", assignee=officer, record=PersonFactory())
    login(client, officer)
    client.get(reverse("work:my_work"))
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("work:my_work"))
    for n in range(20):
        task(title=f"More {n}", assignee=officer, record=PartnershipFactory() if n % 2 else PersonFactory())
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        client.get(reverse("work:my_work"))


def test_editing_a_task_to_give_it_to_a_colleague_tells_them(client, officer, other_officer):
    mine = task(assignee=officer, created_by=officer)
    login(client, officer)
    response = client.post(
        reverse("work:task_edit", args=[mine.pk]),
        {"title": mine.title, "due_on": mine.due_on.isoformat(), "assignee": other_officer.pk},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.assignee == other_officer
    assert Notification.objects.filter(user=other_officer, url=mine.get_absolute_url()).exists()


def test_an_absurd_due_date_gets_a_message(client, officer):
    login(client, officer)
    response = create(client, assignee=officer.pk, due_on="0001-01-01")
    assert response.status_code == 200 and not Task.objects.exists()
    assert response.context["form"].errors["due_on"]
