from django.urls import reverse

from contacts.tests.factories import OrganisationFactory, PersonFactory


def test_organisation_autocomplete_matches_name_and_acronym(supervisor_client):
    mbsa = OrganisationFactory(name="Majlis Bandaraya Shah Alam", acronym="MBSA")
    OrganisationFactory(name="Majlis Perbandaran Sepang", acronym="MPSepang")
    url = reverse("contacts:organisation_autocomplete")
    assert supervisor_client.get(url, {"q": "shah"}).json() == {"results": [{"id": mbsa.pk, "text": str(mbsa)}]}
    assert supervisor_client.get(url, {"q": "mbsa"}).json()["results"][0]["id"] == mbsa.pk
    assert supervisor_client.get(url, {"q": ""}).json() == {"results": []}


def test_person_autocomplete_matches_name(officer_client):
    person = PersonFactory(full_name="Ahmad bin Ismail", honorific="Dato'")
    PersonFactory(full_name="Siti Aminah")
    response = officer_client.get(reverse("contacts:person_autocomplete"), {"q": "ahmad"})
    assert response.json() == {"results": [{"id": person.pk, "text": "Dato' Ahmad bin Ismail"}]}


def test_autocomplete_is_refused_without_a_role(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("contacts:person_autocomplete"), {"q": "a"}).status_code == 403
