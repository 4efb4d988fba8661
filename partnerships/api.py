"""Partnerships (with their partners) and agreements in the API; stages and statuses move through the services."""

from rest_framework import serializers

from liaison.api.registry import ApiResource, register
from liaison.api.resources import RecordSerializer, RecordViewSet, form_errors

from .filters import AgreementFilter, PartnershipFilter
from .forms import AgreementForm, PartnerRoleForm, PartnershipForm
from .models import Agreement, PartnerRole, Partnership
from .services import agreement_change_status, partnership_change_stage


class PartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = PartnerRole
        fields = ["organisation", "role", "notes"]


class PartnershipSerializer(RecordSerializer):
    partners = PartnerSerializer(source="partner_roles", many=True, read_only=True)

    class Meta:
        model = Partnership
        fields = [
            "id", "title", "kind", "stage", "partners", "objectives", "themes", "sdgs", "next_step", "next_step_due",
            "start_date", "end_date", "owner", "created_at", "updated_at",
        ]  # fmt: skip


class PartnershipViewSet(RecordViewSet):
    """Writes take the page's form; `partners`, when sent, replaces the list of partners and their roles."""

    queryset = Partnership.objects.prefetch_related("themes", "sdgs", "partner_roles")
    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilter
    form_class = PartnershipForm
    ordering_fields = ("title", "stage", "kind", "created_at", "updated_at")

    def writable_fields(self, form):
        return {*form.fields, "partners"}

    def build_form(self, instance):
        form = super().build_form(instance)
        form.partner_forms = None
        if "partners" in self.request.data:
            sent = self.request.data["partners"]
            if not isinstance(sent, list) or not all(isinstance(row, dict) for row in sent):
                raise serializers.ValidationError({"partners": ["Send a list of {organisation, role, notes}."]})
            form.partner_forms = [PartnerRoleForm(data=row) for row in sent]
            invalid = {i: form_errors(f) for i, f in enumerate(form.partner_forms) if not f.is_valid()}
            if invalid:
                raise serializers.ValidationError({"partners": invalid})
        return form

    def save_form(self, form):
        partnership = form.save()
        if form.partner_forms is not None:
            partnership.partner_roles.all().delete()
            for partner in form.partner_forms:
                partner.instance.partnership = partnership
                partner.save()
        partnership_change_stage(partnership=partnership, stage=form.cleaned_data["stage"], user=self.request.user)
        return partnership


class AgreementSerializer(RecordSerializer):
    class Meta:
        model = Agreement
        fields = [
            "id", "title", "kind", "status", "partnership", "parties", "reference_number", "signed_date",
            "effective_date", "expiry_date", "renewal_notice_days", "notes", "owner", "created_at", "updated_at",
        ]  # fmt: skip


class AgreementViewSet(RecordViewSet):
    queryset = Agreement.objects.prefetch_related("parties")
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter
    form_class = AgreementForm
    ordering_fields = ("title", "status", "kind", "created_at", "updated_at")

    def save_form(self, form):
        agreement = form.save()
        agreement_change_status(agreement=agreement, status=form.cleaned_data["status"], user=self.request.user)
        return agreement


@register
class Partnerships(ApiResource):
    prefix = "partnerships"
    viewset = PartnershipViewSet
    basename = "partnership"
    stage_field = "stage"


@register
class Agreements(ApiResource):
    prefix = "agreements"
    viewset = AgreementViewSet
    basename = "agreement"
    stage_field = "status"
