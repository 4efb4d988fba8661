from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from contacts.models import Interaction
from contacts.timeline import log_interaction
from liaison.web.access import permission_required
from liaison.web.autocomplete import autocomplete_view
from liaison.web.lists import RecordListView
from liaison.web.pdf import pdf_response
from liaison.web.records import RecordCreateView, RecordDeleteView, RecordDetailView, RecordUpdateView

from . import documents
from .filters import AgreementFilter, PartnershipFilter, VoluntaryReviewFilter
from .forms import AgreementForm, PartnerRoleFormSet, PartnershipForm, VoluntaryReviewForm
from .models import Agreement, PartnerRole, Partnership, VoluntaryReview
from .selectors import board_columns
from .services import agreement_change_status, partnership_change_stage
from .timelines import PartnershipTimeline


def _join(values):
    return "; ".join(str(value) for value in values)


# --- partnerships ------------------------------------------------------------------------
class PartnershipListView(RecordListView):
    model = Partnership
    template_name = "partnerships/partnership_list.html"
    filterset_class = PartnershipFilter
    queryset = Partnership.objects.for_list()
    export_columns = [
        (gettext_lazy("Title"), "title"),
        (gettext_lazy("Kind"), "kind"),
        (gettext_lazy("Stage"), "stage"),
        (gettext_lazy("Partners (role)"), lambda p: _join(p.partners_with_roles())),
        (gettext_lazy("Themes"), lambda p: _join(p.themes.all())),
        (gettext_lazy("SDGs"), lambda p: _join(sdg.short_label for sdg in p.sdgs.all())),
        (gettext_lazy("Objectives"), "objectives"),
        (gettext_lazy("Next step"), "next_step"),
        (gettext_lazy("Next step due"), "next_step_due"),
        (gettext_lazy("Start"), "start_date"),
        (gettext_lazy("End"), "end_date"),
        (gettext_lazy("Owner"), "owner"),
    ]

    def get_export_queryset(self):
        return self.object_list.prefetch_related("themes", "sdgs")


class PartnershipDetailView(RecordDetailView):
    model = Partnership
    queryset = Partnership.objects.select_related("owner").prefetch_related("themes", "sdgs")

    def get_context_data(self, **kwargs):
        partnership = self.object
        return super().get_context_data(
            partner_roles=partnership.partner_roles.select_related("organisation"),
            agreements=partnership.agreements.prefetch_related("parties"),
            stage_changes=partnership.stage_changes.select_related("changed_by"),
            reviews=partnership.voluntary_reviews.select_related("government"),
            **PartnershipTimeline(partnership).context(self.request.user),
            stage_options=_stage_options(partnership.stage),
            **kwargs,
        )


class SavedThroughServiceMixin:
    """Create and edit pages whose save may be refused by a service: the form shows why, nothing is kept."""

    def save(self, form):
        """Save everything the form holds, in the transaction form_valid opens."""
        return form.save()

    def form_valid(self, form):
        creating = form.instance.pk is None
        try:
            with transaction.atomic():
                self.object = self.save(form)
        except ValidationError as error:
            if creating:  # rolled back: the form is for a new record again
                form.instance.pk = self.object = None
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message())
        return redirect(self.object)


class PartnershipFormMixin(SavedThroughServiceMixin):
    """Create and edit a partnership with its partners (an inline formset); the stage goes through the service."""

    model = Partnership
    form_class = PartnershipForm
    list_url_name = "partnerships:partnership_list"

    def get_formset(self, instance):
        data = (self.request.POST, self.request.FILES) if self.request.method == "POST" else ()
        return PartnerRoleFormSet(*data, instance=instance, prefix="partners")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formsets", [self.get_formset(self.object or Partnership())])
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        self.formset = self.get_formset(form.instance)
        if not self.formset.is_valid():
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form):
        partnership = form.save()
        self.formset.instance = partnership
        self.formset.save()
        partnership_change_stage(partnership=partnership, stage=form.cleaned_data["stage"], user=self.request.user)
        return partnership

    def form_invalid(self, form):
        formset = getattr(self, "formset", None) or self.get_formset(form.instance)
        formset.is_valid()  # its errors are shown along with the form's
        return self.render_to_response(self.get_context_data(form=form, formsets=[formset]))


class PartnershipCreateView(PartnershipFormMixin, RecordCreateView):
    pass


class PartnershipUpdateView(PartnershipFormMixin, RecordUpdateView):
    pass


class PartnershipDeleteView(RecordDeleteView):
    model = Partnership
    success_url = reverse_lazy("partnerships:partnership_list")


partnership_autocomplete = autocomplete_view(
    permission="partnerships.view_partnership",
    search=lambda term, user: Partnership.objects.filter(title__icontains=term).order_by("title"),
)


@permission_required("contacts.add_interaction", "partnerships.view_partnership")
def partnership_log_interaction(request, pk):
    return log_interaction(request, PartnershipTimeline(get_object_or_404(Partnership, pk=pk)))


# --- the board -----------------------------------------------------------------------------
class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=Partnership.Stage.choices)


def _board_context(request, **extra):
    columns = board_columns()
    can_move = request.user.has_perm("partnerships.change_partnership")
    if can_move:
        # Each card has a stage select; its options are built once per stage rather than once per card.
        options = {stage: _stage_options(stage) for stage in Partnership.Stage.values}
        for column in columns:
            for card in column.cards:
                card.stage_options = options[card.stage]
    return {"columns": columns, "can_move": can_move, **extra}


def _stage_options(selected):
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == selected else "", label) for value, label in Partnership.Stage.choices),
    )


@permission_required("partnerships.view_partnership")
def board(request):
    """Partnerships as cards in one column per stage."""
    return render(request, "partnerships/board.html", _board_context(request))


@permission_required("partnerships.change_partnership")
@require_POST
def partnership_move(request, pk):
    """Move a partnership to another stage (from a board card or its page); the change is recorded with its date."""
    partnership = get_object_or_404(Partnership, pk=pk)
    form = StageForm(request.POST)
    error = None
    if not form.is_valid():
        error = _("Choose a valid stage.")
    else:
        try:
            partnership_change_stage(partnership=partnership, stage=form.cleaned_data["stage"], user=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if request.htmx:
        return render(request, "partnerships/_board.html", _board_context(request, error=error, moved=partnership))
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("%(name)s moved to %(stage)s.") % {"name": partnership, "stage": partnership.get_stage_display()},
        )
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("partnerships:board")


# --- agreements ------------------------------------------------------------------------------
class AgreementListView(RecordListView):
    model = Agreement
    template_name = "partnerships/agreement_list.html"
    filterset_class = AgreementFilter
    queryset = Agreement.objects.for_list()
    export_columns = [
        (gettext_lazy("Title"), "title"),
        (gettext_lazy("Kind"), "kind"),
        (gettext_lazy("Reference number"), "reference_number"),
        (gettext_lazy("Status"), "status"),
        (gettext_lazy("Partnership"), "partnership"),
        (gettext_lazy("Parties"), lambda a: _join(a.parties.all())),
        (gettext_lazy("Signed on"), "signed_date"),
        (gettext_lazy("Effective from"), "effective_date"),
        (gettext_lazy("Expires on"), "expiry_date"),
        (gettext_lazy("Renewal notice (days)"), "renewal_notice_days"),
        (gettext_lazy("Renewal to decide by"), "renewal_notice_date"),
        (gettext_lazy("Signed document"), lambda a: bool(a.document)),
        (gettext_lazy("Owner"), "owner"),
    ]


class AgreementDetailView(RecordDetailView):
    model = Agreement
    queryset = Agreement.objects.select_related("partnership", "owner").prefetch_related("parties")


class AgreementFormMixin(SavedThroughServiceMixin):
    """The status goes through agreement_change_status once the other fields are saved."""

    model = Agreement
    form_class = AgreementForm
    list_url_name = "partnerships:agreement_list"

    def save(self, form):
        agreement = form.save()
        agreement_change_status(agreement=agreement, status=form.cleaned_data["status"], user=self.request.user)
        return agreement


class AgreementCreateView(AgreementFormMixin, RecordCreateView):
    def get_initial(self):
        """From a partnership's page: that partnership, its partners as parties."""
        initial = super().get_initial()
        partnership = Partnership.objects.filter(pk=_int(self.request.GET.get("partnership"))).first()
        if partnership:
            initial["partnership"] = partnership.pk
            initial["parties"] = list(
                PartnerRole.objects.filter(partnership=partnership).values_list("organisation", flat=True).distinct()
            )
        return initial


class AgreementUpdateView(AgreementFormMixin, RecordUpdateView):
    pass


class AgreementDeleteView(RecordDeleteView):
    model = Agreement
    success_url = reverse_lazy("partnerships:agreement_list")


@permission_required("partnerships.view_agreement")
def agreement_document(request, pk):
    """The signed document, as an attachment, for those who may see the agreement."""
    agreement = get_object_or_404(Agreement, pk=pk)
    if not agreement.document:
        raise Http404(_("This agreement has no signed document."))
    try:
        handle = agreement.document.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("The signed document is missing from the store.")) from exc
    name = agreement.document_name or f"agreement-{agreement.pk}{documents.extension(agreement.document.name)}"
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=documents.content_type(agreement.document.name),
    )
    # Should a browser open the document instead of saving it, it runs nothing and reaches nothing.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- voluntary reviews ---------------------------------------------------------------------------
class VoluntaryReviewListView(RecordListView):
    model = VoluntaryReview
    template_name = "partnerships/voluntaryreview_list.html"
    filterset_class = VoluntaryReviewFilter
    queryset = VoluntaryReview.objects.for_list()
    export_columns = [
        (gettext_lazy("Kind"), "kind"),
        (gettext_lazy("Title"), "title"),
        (gettext_lazy("Government"), "government"),
        (gettext_lazy("Year"), "year"),
        (gettext_lazy("Status"), "status"),
        (gettext_lazy("SDGs reviewed"), lambda r: _join(sdg.short_label for sdg in r.sdgs.all())),
        (gettext_lazy("Link"), "link"),
        (gettext_lazy("Support given"), "support_given"),
        (gettext_lazy("Related partnership"), "partnership"),
        (gettext_lazy("Owner"), "owner"),
    ]


class VoluntaryReviewDetailView(RecordDetailView):
    model = VoluntaryReview
    queryset = VoluntaryReview.objects.for_list()


class VoluntaryReviewFormMixin(SavedThroughServiceMixin):
    model = VoluntaryReview
    form_class = VoluntaryReviewForm
    list_url_name = "partnerships:review_list"


class VoluntaryReviewCreateView(VoluntaryReviewFormMixin, RecordCreateView):
    pass


class VoluntaryReviewUpdateView(VoluntaryReviewFormMixin, RecordUpdateView):
    pass


class VoluntaryReviewDeleteView(RecordDeleteView):
    model = VoluntaryReview
    success_url = reverse_lazy("partnerships:review_list")


BRIEF_INTERACTIONS = 8  # the latest ones: the brief is one page for a meeting


@permission_required("partnerships.view_partnership")
def partnership_brief(request, pk):
    """A one-page PDF for a meeting: partners and roles, stages, agreements, next step, latest interactions."""
    partnership = get_object_or_404(Partnership.objects.select_related("owner"), pk=pk)
    interactions = (
        Interaction.objects.visible_to(request.user)
        .filter(partnerships=partnership)
        .prefetch_related("people", "organisations")
        .order_by("-occurred_at", "-pk")[:BRIEF_INTERACTIONS]
    )
    context = {
        "partnership": partnership,
        "roles": partnership.partner_roles.select_related("organisation").order_by("role", "organisation__name"),
        "stages": partnership.stage_changes.order_by("changed_on", "pk"),
        "agreements": partnership.agreements.order_by("-signed_date", "title"),
        "interactions": interactions,
    }
    return pdf_response("partnerships/partnership_brief.html", context, f"partnership-brief-{partnership.pk}", request)
