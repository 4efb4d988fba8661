from datetime import date

from django.urls import reverse

from contacts.models import Interaction
from contacts.tests.factories import AffiliationFactory, InteractionFactory, OrganisationFactory

HTMX = {"HX-Request": "true"}
DATA = {"occurred_at": "2026-11-20T10:30", "kind": "call", "subject": "Training dates", "follow_up_date": "2026-12-01"}


def test_logging_from_a_person_page_with_htmx_returns_the_refreshed_panel(officer_client, officer):
    post = AffiliationFactory()
    AffiliationFactory(person=post.person, is_current=False)  # a past post's organisation is not involved
    url = reverse("contacts:person_log_interaction", args=[post.person.pk])
    response = officer_client.post(url, DATA, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="interaction-panel"' in html
    assert "Logged: Training dates" in html
    assert not response.context["log_form"].is_bound  # a fresh form for the next one
    assert html.rindex("Training dates") > html.index("</form>")  # and the timeline below it
    interaction = Interaction.objects.get()
    assert interaction.author == officer
    assert interaction.follow_up_date == date(2026, 12, 1)
    assert list(interaction.people.all()) == [post.person]
    assert list(interaction.organisations.all()) == [post.organisation]


def test_the_timeline_of_the_organisation_shows_an_interaction_logged_with_its_person(officer_client):
    post = AffiliationFactory()
    officer_client.post(reverse("contacts:person_log_interaction", args=[post.person.pk]), DATA, headers=HTMX)
    page = officer_client.get(post.organisation.get_absolute_url())
    assert [i.subject for i in page.context["interactions"]] == ["Training dates"]


def test_logging_without_htmx_redirects_back_to_the_page(officer_client):
    organisation = OrganisationFactory()
    url = reverse("contacts:organisation_log_interaction", args=[organisation.pk])
    assert "<html" in officer_client.get(url).content.decode()  # a page of its own
    response = officer_client.post(url, DATA)
    assert response["Location"] == organisation.get_absolute_url()
    assert list(Interaction.objects.get().organisations.all()) == [organisation]


def test_an_invalid_interaction_shows_its_errors_in_the_panel_and_writes_nothing(officer_client):
    post = AffiliationFactory()
    url = reverse("contacts:person_log_interaction", args=[post.person.pk])
    response = officer_client.post(url, {**DATA, "subject": "", "follow_up_date": "soon"}, headers=HTMX)
    assert response.status_code == 200
    assert response.context["log_form"].errors.keys() == {"subject", "follow_up_date"}
    assert not Interaction.objects.exists()


def test_timeline_is_newest_first_and_limited(officer_client):
    post = AffiliationFactory()
    for day in range(1, 26):
        interaction = InteractionFactory(subject=f"Call {day}", occurred_at=f"2026-10-{day:02d}T09:00+08:00")
        interaction.people.add(post.person)
    interactions = officer_client.get(post.person.get_absolute_url()).context["interactions"]
    assert [i.subject for i in interactions][:2] == ["Call 25", "Call 24"]
    assert len(interactions) == 20


def test_officer_marks_a_follow_up_done_from_the_timeline(officer_client):
    post = AffiliationFactory()
    interaction = InteractionFactory(follow_up_date=date(2026, 1, 5))
    interaction.people.add(post.person)
    page = officer_client.get(post.person.get_absolute_url()).content.decode()
    url = reverse("contacts:interaction_follow_up_done", args=[interaction.pk])
    assert f'hx-post="{url}"' in page
    response = officer_client.post(url, headers=HTMX)
    assert 'id="follow-up-' in response.content.decode()
    assert "(done)" in response.content.decode()
    interaction.refresh_from_db()
    assert interaction.follow_up_done
    assert officer_client.get(url).status_code == 405


def test_a_colleague_cannot_close_a_confidential_follow_up(client, officer, other_officer):
    interaction = InteractionFactory(author=officer, confidential=True, follow_up_date=date(2026, 1, 5))
    client.force_login(other_officer)
    response = client.post(reverse("contacts:interaction_follow_up_done", args=[interaction.pk]))
    assert response.status_code == 404
    interaction.refresh_from_db()
    assert not interaction.follow_up_done
