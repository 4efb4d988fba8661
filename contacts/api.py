"""The contacts' resources in the API (liaison/api): organisations, people, their posts, interactions."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from liaison.api.registry import ApiResource, register
from liaison.api.resources import RecordSerializer, RecordViewSet

from . import services
from .filters import InteractionFilter, OrganisationFilter, PersonFilter
from .forms import (
    AffiliationForm,
    AffiliationStartForm,
    InteractionForm,
    OrganisationForm,
    PersonCreateForm,
    PersonForm,
)
from .models import Affiliation, Interaction, Organisation, Person


class OrganisationSerializer(RecordSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id", "name", "name_local", "acronym", "kind", "council_type", "state", "country", "city", "address",
            "website", "email", "phone", "parent", "uclg_member", "themes", "sdgs", "notes", "owner",
            "created_at", "updated_at",
        ]  # fmt: skip


class OrganisationViewSet(RecordViewSet):
    queryset = Organisation.objects.prefetch_related("themes", "sdgs")
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    form_class = OrganisationForm
    ordering_fields = ("name", "kind", "created_at", "updated_at")


class PersonSerializer(RecordSerializer):
    class Meta:
        model = Person
        fields = [
            "id", "honorific", "full_name", "name_other_script", "gender", "email", "email_other", "phone", "mobile",
            "languages", "preferred_language", "country", "themes", "sdgs", "notes", "do_not_contact",
            "retention_review_date", "owner", "created_at", "updated_at",
        ]  # fmt: skip


class PersonViewSet(RecordViewSet):
    queryset = Person.objects.not_erased().prefetch_related("themes", "sdgs")
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    form_class = PersonForm
    ordering_fields = ("full_name", "created_at", "updated_at")
    create_form_class = PersonCreateForm  # with the present post, as the page

    def save_form(self, form):
        person = form.save()
        if form.cleaned_data.get("organisation"):
            services.affiliation_start(
                person=person,
                organisation=form.cleaned_data["organisation"],
                position=form.cleaned_data["position"],
                department=form.cleaned_data["department"],
            )
        return person


class AffiliationSerializer(RecordSerializer):
    class Meta:
        model = Affiliation
        fields = ["id", "person", "organisation", "position", "department", "start_date", "end_date", "is_current"]


class AffiliationViewSet(RecordViewSet):
    """A new post starts through affiliation_start (optionally ending the current ones), as on the person's page."""

    queryset = Affiliation.objects.all()
    serializer_class = AffiliationSerializer
    filterset_fields = ["person", "organisation", "is_current"]
    ordering_fields = ("created_at", "updated_at")
    form_class = AffiliationForm
    create_form_class = AffiliationStartForm

    def writable_fields(self, form):
        return {*form.fields, "person"} if self.action == "create" else set(form.fields)

    def save_form(self, form):
        if form.instance.pk:
            return form.save()
        person = Person.objects.filter(pk=_int(self.request.data.get("person"))).first()
        if person is None:
            raise ValidationError({"person": _("Choose the person who holds this post.")})
        return services.affiliation_start(person=person, **form.cleaned_data)


class InteractionSerializer(RecordSerializer):
    class Meta:
        model = Interaction
        fields = [
            "id", "occurred_at", "kind", "subject", "notes", "people", "organisations", "follow_up_date",
            "follow_up_done", "confidential", "author", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["author"]


class InteractionViewSet(RecordViewSet):
    """Confidential interactions exist only for their author, supervisors and administrators, as on the pages."""

    serializer_class = InteractionSerializer
    filterset_class = InteractionFilter
    form_class = InteractionForm
    ordering_fields = ("occurred_at", "kind", "created_at", "updated_at")
    queryset = Interaction.objects.all()

    def get_queryset(self):
        return Interaction.objects.visible_to(self.request.user).prefetch_related("people", "organisations")

    def form_initial(self):
        return {}

    def save_form(self, form):
        if form.instance.pk is None:
            form.instance.author = self.request.user
        return form.save()


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@register
class Organisations(ApiResource):
    prefix = "organisations"
    viewset = OrganisationViewSet
    basename = "organisation"


@register
class People(ApiResource):
    prefix = "people"
    viewset = PersonViewSet
    basename = "person"


@register
class Affiliations(ApiResource):
    prefix = "affiliations"
    viewset = AffiliationViewSet
    basename = "affiliation"


@register
class Interactions(ApiResource):
    prefix = "interactions"
    viewset = InteractionViewSet
    basename = "interaction"

    def webhook_record(self, instance):
        return None if instance.confidential else super().webhook_record(instance)  # never sent outside
