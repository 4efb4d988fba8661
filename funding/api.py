"""Funding opportunities (with their milestones) in the API; a status changes only through the service."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers

from liaison.api.registry import ApiResource, register
from liaison.api.resources import RecordSerializer, RecordViewSet, form_errors

from .filters import OpportunityFilter
from .forms import MilestoneForm, OpportunityForm, StatusForm
from .models import FundingOpportunity, Milestone
from .services import opportunity_change_status

STATUS_FIELDS = ("status", "amount_awarded", "decision_date")  # the status form's, as on the status page


class MilestoneInlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "label", "due", "done_on"]


class OpportunitySerializer(RecordSerializer):
    milestones = MilestoneInlineSerializer(many=True, read_only=True)

    class Meta:
        model = FundingOpportunity
        fields = [
            "id", "title", "funder", "kind", "link", "eligibility", "currency", "amount_min", "amount_max",
            "amount_requested", "amount_awarded", "opening_date", "deadline", "status", "status_changed_at",
            "decision_date", "probability", "lead_applicant", "co_applicants", "partnership", "themes", "sdgs",
            "milestones", "notes", "owner", "created_at", "updated_at",
        ]  # fmt: skip


class OpportunityViewSet(RecordViewSet):
    """The opportunity's form for its fields; `status` (with `amount_awarded`, `decision_date`) goes through
    opportunity_change_status, the status page's service, with its rules and its history."""

    queryset = FundingOpportunity.objects.prefetch_related("themes", "sdgs", "co_applicants", "milestones")
    serializer_class = OpportunitySerializer
    filterset_class = OpportunityFilter
    form_class = OpportunityForm
    ordering_fields = ("title", "status", "probability", "kind", "created_at", "updated_at")

    def writable_fields(self, form):
        return {*form.fields, *STATUS_FIELDS}

    def build_form(self, instance):
        sent = self.request.data
        status_sent = isinstance(sent, dict) and any(name in sent for name in STATUS_FIELDS)
        form = super().build_form(instance)
        form.status_form = None
        if status_sent:
            data = {name: sent.get(name) for name in STATUS_FIELDS if sent.get(name) is not None}
            data.setdefault("status", instance.status)
            form.status_form = StatusForm(data=data)
            if not form.status_form.is_valid():
                raise serializers.ValidationError(form_errors(form.status_form))
        return form

    def save_form(self, form):
        opportunity = form.save()
        status = form.status_form.cleaned_data if form.status_form is not None else None
        if status and (status["status"] != opportunity.status or status.get("amount_awarded") is not None):
            if status["status"] == opportunity.status:
                raise ValidationError(
                    {"amount_awarded": _("The amount awarded is set with a change of status to awarded.")}
                )
            opportunity = opportunity_change_status(opportunity=opportunity, user=self.request.user, **status)
        return opportunity


class MilestoneSerializer(RecordSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "opportunity", "label", "due", "done_on", "created_at", "updated_at"]


class MilestoneViewSet(RecordViewSet):
    """The milestone form of the opportunity's page; `opportunity` is given when it is created."""

    queryset = Milestone.objects.all()
    serializer_class = MilestoneSerializer
    filterset_fields = ["opportunity"]
    form_class = MilestoneForm
    ordering_fields = ("due", "label", "created_at", "updated_at")

    def form_initial(self):
        return {}

    def writable_fields(self, form):
        return {*form.fields, "opportunity"} if self.action == "create" else set(form.fields)

    def save_form(self, form):
        if form.instance.pk is None:
            opportunity = FundingOpportunity.objects.filter(pk=_int(self.request.data.get("opportunity"))).first()
            if opportunity is None:
                raise ValidationError({"opportunity": _("Choose the opportunity this milestone belongs to.")})
            form.instance.opportunity = opportunity
        return form.save()


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@register
class Opportunities(ApiResource):
    prefix = "funding-opportunities"
    viewset = OpportunityViewSet
    basename = "opportunity"
    stage_field = "status"


@register
class Milestones(ApiResource):
    prefix = "milestones"
    viewset = MilestoneViewSet
    basename = "milestone"
