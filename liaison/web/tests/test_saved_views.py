"""Saved views and the active filters as chips (liaison.web.saved_views, liaison.web.lists)."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from conftest import login, make_user
from contacts.models import Person
from contacts.tests.factories import PersonFactory
from liaison.web.models import SavedView
from liaison.web.roles import OFFICER
from liaison.web.saved_views import SavedViewInvalid, saved_view_queryset

PEOPLE = "contacts:person_list"


@pytest.fixture
def colleague(db):
    return make_user("colleague", OFFICER)


def save(client, name="Malaysian women", query="q=binti&gender=female&sort=-name&page=3&export=&owner=", **extra):
    return client.post(reverse("web:saved_view_save"), {"name": name, "list_name": PEOPLE, "query": query, **extra})


def test_a_view_saves_the_filters_and_sort_without_the_page(officer_client, officer):
    response = save(officer_client, shared="on")
    view = SavedView.objects.get()
    assert (view.owner, view.name, view.list_name, view.shared) == (officer, "Malaysian women", PEOPLE, True)
    assert view.query == "q=binti&gender=female&sort=-name"
    assert response.status_code == 302 and response.url == reverse(PEOPLE) + "?q=binti&gender=female&sort=-name"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["View “Malaysian women” saved."]
    # The same name again replaces it.
    save(officer_client, query="q=bin")
    assert SavedView.objects.get().query == "q=bin"


def test_the_menu_shows_my_views_and_the_shared_ones_only(officer_client, officer, colleague):
    SavedView.objects.create(owner=officer, name="Mine", list_name=PEOPLE, query="q=a")
    SavedView.objects.create(owner=colleague, name="Shared by colleague", list_name=PEOPLE, shared=True)
    SavedView.objects.create(owner=colleague, name="Colleague private", list_name=PEOPLE)
    SavedView.objects.create(owner=officer, name="Other list", list_name="contacts:organisation_list")
    page = officer_client.get(reverse(PEOPLE)).content.decode()
    assert "Mine" in page and "Shared by colleague" in page and "shared by Colleague" in page
    assert "Colleague private" not in page and "Other list" not in page
    assert f'href="{reverse(PEOPLE)}?q=a"' in page
    # Only my own views have a delete button.
    assert page.count("Delete the view") == 1


def test_i_delete_my_view_but_not_a_colleagues(officer_client, officer, colleague):
    mine = SavedView.objects.create(owner=officer, name="Mine", list_name=PEOPLE)
    theirs = SavedView.objects.create(owner=colleague, name="Theirs", list_name=PEOPLE, shared=True)
    response = officer_client.post(reverse("web:saved_view_delete", args=[mine.pk]))
    assert response.status_code == 302 and response.url == reverse(PEOPLE)
    assert officer_client.post(reverse("web:saved_view_delete", args=[theirs.pk])).status_code == 404
    assert list(SavedView.objects.all()) == [theirs]


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"name": "", "list_name": PEOPLE}, 400),
        ({"name": "x" * 81, "list_name": PEOPLE}, 400),
        ({"name": "Not a list", "list_name": "home"}, 400),
        ({"name": "Gone", "list_name": "contacts:no_such_list"}, 400),
        ({"name": "Long", "list_name": PEOPLE, "query": "q=" + "a" * 3000}, 400),
    ],
)
def test_bad_saves_are_refused_with_a_message(officer_client, data, status):
    response = officer_client.post(reverse("web:saved_view_save"), data)
    assert response.status_code == status
    assert SavedView.objects.count() == 0


def test_an_outsider_cannot_save_a_view_of_a_list_they_cannot_read(client, db):
    login(client, make_user("outsider"))
    assert save(client).status_code == 403
    assert SavedView.objects.count() == 0


def test_an_obsolete_saved_filter_shows_the_lists_form_errors_not_an_error_page(officer_client, officer):
    view = SavedView.objects.create(owner=officer, name="Old", list_name=PEOPLE, query="owner=999999&gender=robot")
    response = officer_client.get(view.get_absolute_url())
    assert response.status_code == 200
    assert "Check the filters: some values are not valid." in response.content.decode()
    with pytest.raises(SavedViewInvalid):
        saved_view_queryset(view, officer)
    gone = SavedView.objects.create(owner=officer, name="Gone", list_name="contacts:vanished_list", query="q=a")
    assert gone.get_absolute_url() == ""
    with pytest.raises(SavedViewInvalid):
        saved_view_queryset(gone, officer)
    assert officer_client.get(reverse(PEOPLE)).status_code == 200  # the menu lists it without failing


def test_saved_view_queryset_gives_the_filtered_sorted_rows(officer, colleague, supervisor):
    PersonFactory(full_name="Siti binti Ali")
    PersonFactory(full_name="Aminah binti Omar")
    PersonFactory(full_name="Ravi Kumar")
    PersonFactory(full_name="Zainab binti Erased", erased_at="2026-01-01T00:00:00Z")
    view = SavedView.objects.create(owner=colleague, name="Bintis", list_name=PEOPLE, query="q=binti&sort=-name")
    with pytest.raises(PermissionDenied):
        saved_view_queryset(view, officer)  # not shared
    view.shared = True
    view.save()
    rows = saved_view_queryset(view, officer)
    assert rows.model is Person
    assert [p.full_name for p in rows] == ["Siti binti Ali", "Aminah binti Omar"]
    assert [p.full_name for p in saved_view_queryset(view, supervisor)] == ["Siti binti Ali", "Aminah binti Omar"]
    outsider = make_user("outsider")
    with pytest.raises(PermissionDenied):
        saved_view_queryset(view, outsider)


# --- the active filters as chips --------------------------------------------------------------------------------


def test_active_filters_show_as_chips_each_removing_itself(officer_client, officer):
    PersonFactory(full_name="Siti binti Ali", gender="female", owner=officer)
    url = reverse(PEOPLE) + f"?q=binti&gender=female&owner={officer.pk}&do_not_contact=&page=1&sort=name"
    page = officer_client.get(url).content.decode()
    assert "Filtered by" in page
    assert "Search: binti" in page and "Gender: Female" in page and "Owner: Officer" in page
    assert "Do not contact:" not in page  # an empty filter is no chip
    assert f'href="?gender=female&amp;owner={officer.pk}&amp;do_not_contact=&amp;sort=name"' in page  # no q
    assert 'href="?q=binti&amp;gender=female&amp;do_not_contact=&amp;sort=name"' in page  # no owner


def test_a_date_range_is_one_chip_removing_both_ends(officer_client):
    url = reverse("events:event_list") + "?started_after=2027-01-01&started_before=2027-12-31"
    page = officer_client.get(url).content.decode()
    assert page.count('filter-chip"') == 1 and 'href="/events/"' in page
    assert "Started between: " in page


def test_chips_come_with_the_rows_of_an_htmx_request(officer_client):
    partial = officer_client.get(reverse(PEOPLE) + "?q=binti", headers={"HX-Request": "true"}).content.decode()
    assert "Search: binti" in partial and 'name="query" value="q=binti"' in partial


def test_an_invalid_filter_is_a_warning_chip(officer_client):
    page = officer_client.get(reverse(PEOPLE) + "?gender=robot").content.decode()
    assert "text-bg-warning" in page and "Gender: robot" in page


def test_the_list_page_queries_do_not_grow_with_saved_views(officer, colleague):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(Client(), officer)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(PEOPLE) + "?q=a").status_code == 200
        return len(captured.captured_queries)

    SavedView.objects.create(owner=colleague, name="One", list_name=PEOPLE, shared=True)
    few = count()
    for i in range(10):
        SavedView.objects.create(owner=colleague if i % 2 else officer, name=f"V{i}", list_name=PEOPLE, shared=True)
    assert count() == few
