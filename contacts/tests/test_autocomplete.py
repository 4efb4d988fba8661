from django.urls import reverse

from contacts.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory


def test_organisation_autocomplete_matches_name_and_acronym(supervisor_client):
    mbsa = OrganisationFactory(name="Majlis Bandaraya Shah Alam", acronym="MBSA")
    OrganisationFactory(name="Majlis Perbandaran Sepang", acronym="MPSepang")
    url = reverse("contacts:organisation_autocomplete")
    assert supervisor_client.get(url, {"q": "shah"}).json() == {"results": [{"id": mbsa.pk, "text": str(mbsa)}]}
    assert supervisor_client.get(url, {"q": "mbsa"}).json()["results"][0]["id"] == mbsa.pk
    assert supervisor_client.get(url, {"q": ""}).json() == {"results": []}


def test_person_autocomplete_matches_name(officer_client):
    person = PersonFactory(full_name="Ahmad bin Ismail", honorific="Dato'", email="")
    PersonFactory(full_name="Siti Aminah")
    response = officer_client.get(reverse("contacts:person_autocomplete"), {"q": "ahmad"})
    assert response.json() == {"results": [{"id": person.pk, "text": "Dato' Ahmad bin Ismail"}]}


def test_the_person_picker_tells_two_namesakes_apart(officer_client, django_assert_max_num_queries):
    mbsa = OrganisationFactory(name="Majlis Bandaraya Shah Alam", acronym="MBSA")
    klang = OrganisationFactory(name="Majlis Perbandaran Klang", acronym="")
    one = PersonFactory(full_name="Ahmad Faizal bin Hassan", email="faizal@mbsa.gov.my")
    two = PersonFactory(full_name="Ahmad Faizal bin Hassan", email="ahmad.faizal@mpklang.gov.my")
    AffiliationFactory(person=one, organisation=mbsa, position="Pengarah")
    AffiliationFactory(person=two, organisation=klang, position="")
    AffiliationFactory(person=two, organisation=mbsa, position="Bekas", is_current=False)
    for n in range(5):
        AffiliationFactory(person=PersonFactory(full_name=f"Ahmad Faizal {n}"), organisation=mbsa)
    with django_assert_max_num_queries(12):
        response = officer_client.get(reverse("contacts:person_autocomplete"), {"q": "ahmad faizal hassan"})
    labels = {row["id"]: row["text"] for row in response.json()["results"]}
    assert labels[one.pk] == "Ahmad Faizal bin Hassan — Pengarah, MBSA — faizal@mbsa.gov.my"
    assert labels[two.pk] == "Ahmad Faizal bin Hassan — Majlis Perbandaran Klang — ahmad.faizal@mpklang.gov.my"


def test_autocomplete_is_refused_without_a_role(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("contacts:person_autocomplete"), {"q": "a"}).status_code == 403
