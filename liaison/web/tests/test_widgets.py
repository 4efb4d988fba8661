from django import forms

from contacts.models import Organisation
from contacts.tests.factories import OrganisationFactory
from liaison.web.widgets import AutocompleteSelect, AutocompleteSelectMultiple


class PickForm(forms.Form):
    one = forms.ModelChoiceField(
        Organisation.objects.all(), widget=AutocompleteSelect("contacts:organisation_autocomplete")
    )
    many = forms.ModelMultipleChoiceField(
        Organisation.objects.all(), widget=AutocompleteSelectMultiple("contacts:organisation_autocomplete")
    )


def test_autocomplete_widgets_render_only_the_selected_rows(db):
    chosen, other, third = OrganisationFactory.create_batch(3)
    html = str(PickForm(initial={"one": chosen.pk, "many": [other.pk]}))
    assert 'data-autocomplete-url="/contacts/organisations/autocomplete/"' in html
    assert f'<option value="{chosen.pk}" selected>' in html
    assert f'<option value="{other.pk}" selected>' in html
    assert third.name not in html


def test_autocomplete_widget_validates_like_a_select(db):
    org = OrganisationFactory()
    form = PickForm(data={"one": org.pk, "many": [org.pk]})
    assert form.is_valid()
    assert PickForm(data={"one": 999999, "many": []}).errors["one"]
