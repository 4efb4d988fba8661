from django.urls import reverse


def test_navigation_marks_only_the_most_specific_section_active(officer_client):
    body = officer_client.get(reverse("funding:pipeline")).content.decode()
    active = [line for line in body.splitlines() if 'class="nav-link active"' in line]
    assert len(active) == 1
    assert reverse("funding:pipeline") in active[0]
