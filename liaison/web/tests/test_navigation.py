import re

from django.urls import reverse


def test_navigation_marks_only_the_most_specific_section_active(officer_client):
    body = officer_client.get(reverse("funding:pipeline")).content.decode()
    active_items = re.findall(r'class="dropdown-item active" href="([^"]+)"', body)
    assert active_items == [reverse("funding:pipeline")]


def test_navigation_groups_each_apps_pages_in_one_menu(officer_client):
    body = officer_client.get(reverse("home")).content.decode()
    menus = re.findall(
        r'data-bs-toggle="dropdown" aria-expanded="false">\s*'
        r'<i class="bi [\w-]+ nav-section-icon" aria-hidden="true"></i> (\w+)',
        body,
    )
    assert {"Contacts", "Partnerships", "Funding", "Events"} <= set(menus)
    contacts_menu = body.split("</i> Contacts", 1)[1].split("</ul>", 1)[0]
    assert reverse("contacts:person_list") in contacts_menu
    assert reverse("funding:opportunity_list") not in contacts_menu


def test_navigation_shows_nothing_a_user_may_not_open(client, outsider):
    client.force_login(outsider)
    body = client.get(reverse("home")).content.decode()
    assert reverse("contacts:person_list") not in body
