from datetime import date

import pytest

from funding.models import FundingOpportunity
from funding.reminders import DeadlineSource, MilestoneSource
from liaison.reminders.registry import registry

from .conftest import kl
from .factories import FundingOpportunityFactory, MilestoneFactory

pytestmark = pytest.mark.django_db
Status = FundingOpportunity.Status
WINDOW = (date(2027, 11, 10), date(2027, 11, 16))


def test_sources_are_registered():
    sources = registry.by_key()
    assert isinstance(sources["funding.deadline"], DeadlineSource)
    assert isinstance(sources["funding.milestone"], MilestoneSource)


def test_deadline_items_are_those_still_to_submit_within_the_window_in_local_dates(officer):
    due = FundingOpportunityFactory(title="UNDP call", deadline=kl(2027, 11, 16, 23, 59), owner=officer)
    FundingOpportunityFactory(title="Too late", deadline=kl(2027, 11, 17, 0, 30))  # still 16 Nov in UTC
    FundingOpportunityFactory(title="Too early", deadline=kl(2027, 11, 9, 23, 59))
    FundingOpportunityFactory(title="Submitted", deadline=kl(2027, 11, 12, 17, 0), status=Status.SUBMITTED)
    items = list(DeadlineSource().items(*WINDOW))
    assert [item.obj for item in items] == [due]
    item = items[0]
    assert item.due == due.deadline
    assert item.recipients == (officer,)
    assert item.title == "Deadline: UNDP call"
    assert item.url == due.get_absolute_url()


def test_milestone_items_are_pending_ones_of_open_opportunities(officer):
    opportunity = FundingOpportunityFactory(title="ADB TA", owner=officer, status=Status.SUBMITTED)
    pending = MilestoneFactory(opportunity=opportunity, label="Interview", due=kl(2027, 11, 10, 0, 0))
    MilestoneFactory(opportunity=opportunity, label="Done", due=kl(2027, 11, 12, 9, 0), done_on=date(2027, 11, 1))
    MilestoneFactory(opportunity=opportunity, label="Outside", due=kl(2027, 11, 9, 23, 59))
    MilestoneFactory(opportunity__status=Status.WITHDRAWN, label="Of a withdrawn call", due=kl(2027, 11, 12, 9, 0))
    items = list(MilestoneSource().items(*WINDOW))
    assert [item.obj for item in items] == [pending]
    assert items[0].title == "Interview: ADB TA"
    assert items[0].recipients == (officer,)
    assert items[0].url == opportunity.get_absolute_url()


def test_sources_read_the_database_in_one_query(django_assert_num_queries):
    for day in range(10, 17):
        MilestoneFactory(due=kl(2027, 11, day, 12, 0), opportunity__deadline=kl(2027, 11, day, 17, 0))
    with django_assert_num_queries(1):
        assert len(list(DeadlineSource().items(*WINDOW))) == 7
    with django_assert_num_queries(1):
        assert len(list(MilestoneSource().items(*WINDOW))) == 7


def test_a_malay_reader_gets_the_deadline_reminder_in_malay(officer):
    from liaison.reminders.models import Notification, Reminder
    from liaison.reminders.sweep import sweep
    from liaison.reminders.tests.conftest import prefer

    prefer(officer, language="ms")
    FundingOpportunityFactory(title="Panggilan UNDP", deadline=kl(2027, 11, 16, 17, 0), owner=officer)
    sweep(kl(2027, 11, 15, 9, 0))
    assert Reminder.objects.get().title == "Tarikh akhir: Panggilan UNDP"
    assert Notification.objects.get().title.endswith("Tarikh akhir: Panggilan UNDP")
