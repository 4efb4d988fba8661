import pytest
from django.urls import reverse

from contacts.honorifics import split_honorific
from contacts.models import Organisation, Person
from contacts.phones import normalise_phone, readable_phone
from contacts.tests.factories import PersonFactory


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("012-345 6789", "+60123456789"),
        ("03-2617 6000", "+60326176000"),
        ("+60 3 2617 6000", "+60326176000"),
        ("0123456789", "+60123456789"),
        ("+44 20 7946 0958", "+442079460958"),
        ("03-1234 5678", "+60312345678"),  # a range the library does not list as allocated yet
    ],
)
def test_it_normalises_malaysian_and_international_numbers(typed, stored):
    assert normalise_phone(typed) == stored


def test_it_shows_stored_numbers_readably():
    assert readable_phone("+60123456789") == "+60 12-345 6789"
    assert readable_phone("+60326176000") == "+60 3-2617 6000"


def _person_data(**changes):
    return {"full_name": "Nurul Huda binti Ahmad", "country": "MY", **changes}


def test_officer_types_a_mobile_and_it_is_stored_in_e164_and_shown_readably(officer_client):
    response = officer_client.post(reverse("contacts:person_create"), _person_data(mobile="012-345 6789"))
    person = Person.objects.get()
    assert response.status_code == 302
    assert person.mobile == "+60123456789"
    page = officer_client.get(person.get_absolute_url())
    assert "+60 12-345 6789" in page.content.decode()


def test_edit_form_shows_the_stored_number_readably(officer_client):
    person = PersonFactory(phone="+60326176000", country="TH")
    page = officer_client.get(reverse("contacts:person_update", args=[person.pk])).content.decode()
    assert 'value="+60 3-2617 6000"' in page
    assert '<option value="TH" selected>Thailand</option>' in page  # the long country select keeps the value


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "Enter a valid phone number"),
        ("mobile", "not a phone", "Enter a valid phone number"),
        ("email", "nurul@@example", "Enter a valid email address"),
    ],
)
def test_bad_phone_or_email_gets_a_form_error_and_nothing_is_saved(officer_client, field, value, message):
    response = officer_client.post(reverse("contacts:person_create"), _person_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors[field]
    assert not Person.objects.exists()


def test_organisation_phone_is_normalised_too(officer_client):
    response = officer_client.post(
        reverse("contacts:organisation_create"),
        {"name": "Majlis Perbandaran Contoh", "kind": "local_government", "country": "MY", "phone": "03-2617 6000"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get().phone == "+60326176000"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Dato' Dr. Ahmad bin Ismail", ("Dato' Dr.", "Ahmad bin Ismail")),
        ("Tan Sri Dato Sri Haji Mohd Amin", ("Tan Sri Dato Sri Haji", "Mohd Amin")),
        ("Puan Siti Aminah", ("Puan", "Siti Aminah")),
        ("Tunku Aziz", ("", "Tunku Aziz")),
        ("Tan Wei Ming", ("", "Tan Wei Ming")),
        ("Sri Devi a/p Muthu", ("", "Sri Devi a/p Muthu")),
        ("Irfan Hakim", ("", "Irfan Hakim")),
        ("Tuan", ("", "Tuan")),
    ],
)
def test_it_splits_malaysian_honorifics_from_names(typed, expected):
    assert split_honorific(typed) == expected


def test_honorific_typed_in_the_name_goes_to_its_own_field_so_sorting_uses_the_name(officer_client):
    officer_client.post(reverse("contacts:person_create"), _person_data(full_name="Datuk Zainal Abidin"))
    officer_client.post(reverse("contacts:person_create"), _person_data(full_name="Aminah Yusof", honorific="Puan"))
    officer_client.post(reverse("contacts:person_create"), _person_data(full_name="Dr. Lim Wei Ling", honorific="Dr."))
    people = list(Person.objects.values_list("honorific", "full_name"))
    assert people == [("Puan", "Aminah Yusof"), ("Dr.", "Lim Wei Ling"), ("Datuk", "Zainal Abidin")]


def test_search_ignores_an_honorific_typed_before_the_name(officer_client):
    person = PersonFactory(honorific="Dato'", full_name="Ahmad bin Ismail")
    PersonFactory(full_name="Siti Aminah")
    response = officer_client.get(reverse("contacts:person_list"), {"q": "dato ahmad"})
    assert list(response.context["object_list"]) == [person]
