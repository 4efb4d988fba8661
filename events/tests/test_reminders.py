"""What events give the reminder engine: events the office takes part in, and back-to-office reports."""

from datetime import date

from events.reminders import EventSource, MissionReportSource
from liaison.reminders.registry import registry

from .factories import EventFactory, MissionFactory, kl

MARCH = (date(2027, 3, 1), date(2027, 3, 31))


def test_both_sources_are_registered():
    sources = registry.by_key()
    assert isinstance(sources["events.event"], EventSource)
    assert isinstance(sources["events.mission_report"], MissionReportSource)


def test_events_the_office_takes_part_in_are_due_at_their_start(officer):
    speaking = EventFactory(office_role="speaker", status="confirmed", owner=officer, start=kl(date(2027, 3, 9), 9))
    EventFactory(office_role="", status="confirmed", start=kl(date(2027, 3, 10)))  # the office is not going
    EventFactory(office_role="organiser", status="cancelled", start=kl(date(2027, 3, 11)))
    EventFactory(office_role="organiser", status="held", start=kl(date(2027, 3, 12)))
    EventFactory(office_role="organiser", status="planned", start=kl(date(2027, 4, 2)))  # outside the window
    (item,) = EventSource().items(*MARCH)
    assert item.obj == speaking
    assert item.due == speaking.start
    assert item.recipients == (officer,)
    assert item.title == f"Event: {speaking.title}"
    assert item.url == speaking.get_absolute_url()


def test_an_event_starting_just_after_midnight_in_kuala_lumpur_counts_on_its_local_date(officer):
    # 00:30 on 1 March in Kuala Lumpur is still 28 February in UTC.
    early = EventFactory(office_role="participant", status="planned", start=kl(date(2027, 3, 1), 0, 30))
    assert [item.obj for item in EventSource().items(*MARCH)] == [early]


def test_back_to_office_reports_due_and_not_done_go_to_the_traveller(officer, other_officer):
    pending = MissionFactory(traveller=officer, report_due=date(2027, 3, 20))
    MissionFactory(traveller=other_officer, report_due=date(2027, 3, 21), report_done=date(2027, 3, 19))
    MissionFactory(traveller=other_officer, report_due=date(2027, 3, 22), approval="cancelled")
    MissionFactory(traveller=other_officer, report_due=None)
    (item,) = MissionReportSource().items(*MARCH)
    assert item.obj == pending
    assert item.due == date(2027, 3, 20)
    assert item.recipients == (officer,)
    assert item.url == pending.get_absolute_url()


def test_a_malay_reader_gets_event_reminders_in_malay(officer):
    from liaison.reminders.models import Reminder
    from liaison.reminders.sweep import sweep
    from liaison.reminders.tests.conftest import prefer

    prefer(officer, language="ms")
    EventFactory(title="Forum Bandar Malaysia", start=kl(date(2027, 11, 17), 9), office_role="speaker", owner=officer)
    sweep(kl(date(2027, 11, 16), 9))
    assert Reminder.objects.get().title == "Acara: Forum Bandar Malaysia"
