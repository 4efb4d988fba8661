"""One way of doing each thing, shown on partnerships (and the events list): owners by full name, theme and SDG
filters, "Any" for an open filter, empty lists, one date format."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from conftest import login
from liaison.reference.models import SDG, Theme
from partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db
LIST = reverse("partnerships:partnership_list")


@pytest.fixture
def named_officer(officer):
    officer.first_name, officer.last_name = "Aminah", "Rahman"
    officer.save()
    return officer


def test_the_owner_is_named_in_full_in_the_list_and_the_export(client, named_officer):
    PartnershipFactory(title="Penang MoU", owner=named_officer)
    login(client, named_officer)
    assert "Aminah Rahman" in client.get(LIST).content.decode()
    response = client.get(LIST, {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row["Owner"] for row in rows] == ["Aminah Rahman"]


def test_theme_and_sdg_filters_are_the_searchable_multi_select_of_the_forms(client, officer):
    call_command("load_reference", verbosity=0)
    climate, gender = Theme.objects.get(code="climate"), Theme.objects.get(code="gender")
    goal = SDG.objects.get(number=13)
    PartnershipFactory(title="Climate").themes.set([climate])
    PartnershipFactory(title="Gender").themes.set([gender])
    SDG.partnerships.through.objects.create(partnership=PartnershipFactory(title="Goal 13"), sdg=goal)
    PartnershipFactory(title="Neither")
    login(client, officer)
    page = client.get(LIST).content.decode()
    form = client.get(reverse("partnerships:partnership_create")).content.decode()
    for html, name in ((page, "theme"), (page, "sdg"), (form, "themes"), (form, "sdgs")):  # the same widget
        (tag,) = re.findall(rf'<select[^>]*name="{name}"[^>]*>', html)
        assert 'data-searchable="true"' in tag and "multiple" in tag, tag
    both = client.get(LIST, {"theme": [climate.pk, gender.pk]}).context["object_list"]
    assert sorted(p.title for p in both) == ["Climate", "Gender"]
    assert [p.title for p in client.get(LIST, {"sdg": goal.pk}).context["object_list"]] == ["Goal 13"]


def test_an_open_choice_filter_reads_any_like_the_yes_no_filters(client, officer):
    login(client, officer)
    page = client.get(reverse("events:event_list")).content.decode()
    with translation.override("en"):
        assert '<option value="" selected>Any</option>' in page
    assert "---------" not in page


def test_an_empty_list_says_what_to_do_next(client, officer):
    login(client, officer)
    with translation.override("en"):
        empty = client.get(LIST).content.decode()
        assert "add the first one with the button at the top" in empty
        PartnershipFactory(title="Penang MoU")
        filtered = client.get(LIST, {"q": "nothing like it"}).content.decode()
        assert f'<a href="{LIST}">Clear the filters</a>' in filtered
        assert "add the first one" not in filtered


def test_one_date_format_per_kind_of_date_in_either_language():
    from datetime import date, datetime

    from django.utils import formats

    moment = datetime(2027, 3, 10, 14, 30)
    with translation.override("en"):
        assert (formats.date_format(moment.date()), formats.date_format(moment, "DATETIME_FORMAT")) == (
            "10 Mar 2027",
            "10 Mar 2027, 14:30",
        )
    with translation.override("ms"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "10 Mac 2027, 14:30"  # not "2:30 p.m."
        assert formats.date_format(date(2027, 8, 1)) == "1 Ogo 2027"  # the month in Malay
