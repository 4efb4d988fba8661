"""The one registry mechanism: discovery, one way to register, permissions and order checked alike."""

import pytest

from liaison.calendar.registry import registry as calendar
from liaison.dashboard.registry import registry as dashboard
from liaison.demo.registry import registry as demo
from liaison.reference.registry import registry as reference
from liaison.reminders.registry import registry as reminders
from liaison.search.registry import registry as search
from liaison.web.navigation import registry as navigation
from liaison.web.panels import registry as panels
from liaison.web.registry import Entry, Registry
from liaison.web.roles import SUPERVISOR

pytestmark = pytest.mark.django_db


class Thing(Entry):
    pass


def test_each_registry_discovers_the_module_named_after_it_in_every_app():
    found = {
        registry.name: {entry.__module__.split(".")[0] for entry in registry.entries()}
        for registry in (navigation, panels, reminders, search, calendar, dashboard, reference, demo)
    }
    assert found["navigation"] >= {"contacts", "partnerships", "funding", "events", "liaison"}
    assert found["panels"] == {"contacts", "partnerships", "funding", "events"}  # contacts: its tasks panels
    assert found["reminders"] == {"contacts", "partnerships", "funding", "events", "liaison"}  # tasks, breaches
    assert found["search"] == {"contacts", "partnerships", "funding", "events"}
    assert found["calendar"] == {"contacts", "partnerships", "funding", "events", "liaison"}
    assert found["dashboard"] == {"contacts", "partnerships", "funding", "events"}
    assert found["reference"] == {"liaison", "contacts"}
    assert found["demo"] >= {"liaison", "contacts", "partnerships", "funding", "events"}
    for registry in (navigation, panels, reminders, search, calendar, dashboard, reference, demo):
        assert all(entry.__module__.endswith(f".{registry.name}") for entry in registry.entries())


def test_only_entries_of_the_registrys_kind_may_join():
    things = Registry("things", Thing)
    with pytest.raises(TypeError):
        things.register(Entry)


def test_entries_are_ordered_within_their_own_registry_and_keyed_by_their_path():
    things = Registry("things", Thing)

    @things.register
    class Late(Thing):
        order = 20

    @things.register
    class Early(Thing):
        order = 10

    assert [type(entry) for entry in things.entries()] == [Early, Late]
    assert things.get(
        f"{__name__}.test_entries_are_ordered_within_their_own_registry_and_keyed_by_their_path.<locals>.Late"
    )


def test_permission_and_roles_are_checked_the_same_way_for_every_entry(officer, supervisor, outsider):
    class NeedsTwoPermissions(Thing):
        permission = ("contacts.view_person", "contacts.add_person")

    class SupervisorsOnly(Thing):
        roles = (SUPERVISOR,)

    assert NeedsTwoPermissions().visible_to(officer)
    assert not NeedsTwoPermissions().visible_to(supervisor)  # reads, does not add
    assert SupervisorsOnly().visible_to(supervisor)
    assert not SupervisorsOnly().visible_to(officer)
    assert Thing().visible_to(outsider)  # no condition: everyone logged in


def test_an_entry_added_for_a_test_leaves_with_its_block():
    class Temporary(Thing):
        key = "tests.temporary"

    things = Registry("things", Thing)
    with things.added(Temporary()):
        assert things.get("tests.temporary") is not None
    assert things.get("tests.temporary") is None
