from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from liaison.audit.models import AuditEntry
from liaison.audit.services import audit_export, audit_record
from liaison.privacy.models import Purpose
from liaison.web.access import permission_required
from liaison.web.autocomplete import autocomplete_view
from liaison.web.exports import EXPORT_CHUNK
from liaison.web.forms import user_label
from liaison.web.lists import RecordListView
from liaison.web.records import RecordCreateView, RecordDeleteView, RecordDetailView, RecordUpdateView

from . import retention, services
from .filters import InteractionFilter, OrganisationFilter, PersonFilter
from .forms import (
    AffiliationEndForm,
    AffiliationForm,
    AffiliationStartForm,
    ConsentForm,
    ErasureForm,
    InteractionForm,
    OrganisationForm,
    PersonCreateForm,
    PersonForm,
    RetentionForm,
)
from .models import Affiliation, Interaction, Organisation, Person
from .phones import readable_phone
from .privacy import person_target
from .timeline import ContactTimeline, log_interaction
from .vcard import vcard_response

PEOPLE_ON_ORGANISATION_PAGE = 50
# vCards go into address books, to contact people about the office's work.
VCARD_PURPOSE = Purpose.PARTNERSHIP_WORK

organisation_autocomplete = autocomplete_view(
    permission="contacts.view_organisation",
    search=lambda term, user: Organisation.objects.search(term).order_by("name"),
)
person_autocomplete = autocomplete_view(
    permission="contacts.view_person",
    search=lambda term, user: Person.objects.not_erased().search(term).order_by("full_name"),
)


class ListPageMixin:
    """Title and "new" button of a list page; the button only for those who may add."""

    template_name = "contacts/list.html"
    create_url_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        opts = self.model._meta
        context["title"] = opts.verbose_name_plural.capitalize()
        context["rows_template"] = f"contacts/_{opts.model_name}_rows.html"
        if self.request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
            context["create_url"] = reverse(self.create_url_name)
        return context


class TimelineMixin:
    """A detail page with the record's interaction timeline and the form to log one more."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(ContactTimeline(self.object).context(self.request.user))
        return context


# --- organisations ------------------------------------------------------------------------
class OrganisationList(ListPageMixin, RecordListView):
    model = Organisation
    filterset_class = OrganisationFilter
    queryset = Organisation.objects.for_list()
    create_url_name = "contacts:organisation_create"
    export_columns = [
        (_("Name"), "name"),
        (_("Local name"), "name_local"),
        (_("Acronym"), "acronym"),
        (_("Kind"), "kind"),
        (_("Council type"), "council_type"),
        (_("State"), "state"),
        (_("Country"), "country"),
        (_("City"), "city"),
        (_("Website"), "website"),
        (_("E-mail"), "email"),
        (_("Phone"), lambda o: readable_phone(o.phone)),
        (_("UCLG member"), "uclg_member"),
        (_("Owner"), lambda o: o.owner and user_label(o.owner)),
    ]


class OrganisationDetail(TimelineMixin, RecordDetailView):
    model = Organisation
    queryset = Organisation.objects.select_related("state", "owner", "parent").prefetch_related("themes", "sdgs")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        posts = self.object.affiliations.select_related("person")
        context["current_posts"] = posts.current()[:PEOPLE_ON_ORGANISATION_PAGE]
        context["past_posts"] = posts.past()[:PEOPLE_ON_ORGANISATION_PAGE]
        context["children"] = self.object.children.all()[:PEOPLE_ON_ORGANISATION_PAGE]
        context["people_limit"] = PEOPLE_ON_ORGANISATION_PAGE
        return context


class OrganisationCreate(RecordCreateView):
    model = Organisation
    form_class = OrganisationForm
    list_url_name = "contacts:organisation_list"


class OrganisationUpdate(RecordUpdateView):
    model = Organisation
    form_class = OrganisationForm
    list_url_name = "contacts:organisation_list"


class OrganisationDelete(RecordDeleteView):
    model = Organisation
    template_name = "contacts/organisation_confirm_delete.html"
    success_url = reverse_lazy("contacts:organisation_list")


# --- people -------------------------------------------------------------------------------
class PersonList(ListPageMixin, RecordListView):
    model = Person
    filterset_class = PersonFilter
    queryset = Person.objects.not_erased().select_related("owner").with_current_affiliations()
    create_url_name = "contacts:person_create"
    export_columns = [
        (_("Honorific"), "honorific"),
        (_("Full name"), "full_name"),
        (_("Name in another script"), "name_other_script"),
        (_("Position"), lambda p: p.main_affiliation and p.main_affiliation.position),
        (_("Organisation"), lambda p: p.main_affiliation and p.main_affiliation.organisation),
        (_("E-mail"), "email"),
        (_("Phone"), lambda p: readable_phone(p.phone)),
        (_("Mobile"), lambda p: readable_phone(p.mobile)),
        (_("Country"), "country"),
        (_("Gender"), "gender"),
        (_("Do not contact"), "do_not_contact"),
        (_("Owner"), lambda p: p.owner and user_label(p.owner)),
    ]

    def get_export_columns(self):
        # One column per purpose: whoever uses the file sees, row by row, what each person agreed to.
        consents = [
            (_("Consent: %(purpose)s") % {"purpose": purpose.label}, partial(consent_cell, key=purpose.key))
            for purpose in Purpose.objects.filter(active=True)
        ]
        return [*super().get_export_columns(), *consents]

    def get_export_queryset(self):
        return super().get_export_queryset().with_consents()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query["export"] = "vcf"
        query.pop("page", None)
        context["extra_exports"] = [
            (_("vCards (as filtered, only people who may be contacted)"), f"?{query.urlencode()}")
        ]
        return context

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("export") == "vcf":
            # An address book is for contacting: only people who consented to it and did not opt out.
            people = self.object_list.contactable(VCARD_PURPOSE)
            audit_export(self.request, target="people (vCard)", row_count=people.count())
            return vcard_response(people.iterator(chunk_size=EXPORT_CHUNK), "people")
        return super().render_to_response(context, **kwargs)


def consent_cell(person, key):
    consent = person.current_consents().get(key)
    if consent is None:
        return _("none recorded")
    return f"{consent.get_status_display()} ({date_format(consent.date)})"


class PersonDetail(TimelineMixin, RecordDetailView):
    model = Person
    queryset = Person.objects.select_related("owner").prefetch_related("themes", "sdgs")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        posts = list(self.object.affiliations.select_related("organisation"))
        context["current_posts"] = [p for p in posts if p.is_current]
        context["past_posts"] = [p for p in posts if not p.is_current]
        context.update(consent_context(self.request, self.object))
        context["erasure_refusal"] = services.person_erasure_refusal(self.object)
        return context


def consent_context(request, person, form=None):
    """The person's answer for each purpose, why they may not be contacted, and every answer given."""
    current = person.current_consents()
    purposes = [
        (purpose, current.get(purpose.key), person.contact_refusal(purpose.key))
        for purpose in Purpose.objects.filter(active=True)
    ]
    context = {
        "consent_purposes": purposes,
        "consent_history": person.all_consents,
        "vcard_refusal": person.contact_refusal(VCARD_PURPOSE),
    }
    if request.user.has_perm("contacts.add_consent"):
        context["consent_form"] = form or ConsentForm()
    return context


class PersonCreate(RecordCreateView):
    model = Person
    form_class = PersonCreateForm
    list_url_name = "contacts:person_list"

    @transaction.atomic
    def form_valid(self, form):
        response = super().form_valid(form)
        if form.cleaned_data["organisation"]:
            services.affiliation_start(
                person=self.object,
                organisation=form.cleaned_data["organisation"],
                position=form.cleaned_data["position"],
                department=form.cleaned_data["department"],
            )
        return response


class PersonUpdate(RecordUpdateView):
    model = Person
    queryset = Person.objects.not_erased()
    form_class = PersonForm
    list_url_name = "contacts:person_list"


class PersonDelete(RecordDeleteView):
    model = Person
    success_url = reverse_lazy("contacts:person_list")


@permission_required("contacts.view_person")
def person_vcard(request, pk):
    person = get_object_or_404(Person, pk=pk)
    refusal = person.contact_refusal(VCARD_PURPOSE)
    if refusal:
        message = _("No vCard: %(person)s %(refusal)s.") % {"person": person, "refusal": refusal}
        return render(request, "403.html", {"message": message}, status=403)
    return vcard_response([person], f"person-{person.pk}")


@permission_required("contacts.add_consent", "contacts.view_person")
@require_POST
def consent_record(request, pk):
    person = get_object_or_404(Person, pk=pk)
    form = ConsentForm(request.POST)
    if form.is_valid():
        services.consent_record(person=person, user=request.user, **form.cleaned_data)
        messages.success(request, _("Consent recorded."))
        return redirect(f"{person.get_absolute_url()}#pdpa-title")
    messages.error(request, _("The consent was not recorded: %(errors)s") % {"errors": form_errors(form)})
    return redirect(f"{person.get_absolute_url()}#pdpa-title")


@permission_required("contacts.view_person", "contacts.change_person")
def person_data_export(request, pk):
    """The data subject's copy of everything held about them (PDPA access and portability); audited."""
    person = get_object_or_404(Person.objects.not_erased(), pk=pk)
    archive = services.person_export_zip(person, request.user)
    audit_record(action=AuditEntry.Action.PERSON_EXPORT, request=request, target=person_target(person))
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="person-{person.pk}-data-{timezone.localdate():%Y%m%d}.zip"'
    )
    return response


@permission_required("contacts.view_person", "contacts.delete_person")
def person_erase(request, pk):
    """Erase a person for good, after a confirmation; what the statistics count stays, anonymous."""
    person = get_object_or_404(Person, pk=pk)
    refusal = services.person_erasure_refusal(person)
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            services.person_erase(person, request=request)
        except services.ErasureRefused as refused:
            refusal = str(refused)
        else:
            messages.success(request, _("The person was erased. Their records stay in the figures, anonymous."))
            return redirect("contacts:person_list")
    status = 409 if refusal and request.method == "POST" else 200
    context = {"person": person, "form": form, "refusal": refusal}
    return render(request, "contacts/person_erase.html", context, status=status)


# --- retention review ----------------------------------------------------------------------
REVIEWS_PER_PAGE = 50


@permission_required("contacts.view_person")
def retention_review(request):
    """People due for review: kept until a new date, or erased after a confirmation (supervisors read)."""
    due = retention.due_for_review().select_related("owner").order_by("full_name", "pk")
    if request.GET.get("mine"):
        due = due.filter(owner=request.user)
    form = RetentionForm(request.POST or None, people=due)
    if request.method == "POST":
        action = request.POST.get("action")
        needed = "contacts.delete_person" if action == RetentionForm.ERASE else "contacts.change_person"
        if not request.user.has_perm(needed):
            raise PermissionDenied
        if form.is_valid():
            people = list(form.cleaned_data["people"])
            if action == RetentionForm.KEEP:
                until = form.cleaned_data["until"]
                kept = retention.keep(people, until)
                messages.success(
                    request,
                    ngettext("%(count)d person kept until %(date)s.", "%(count)d people kept until %(date)s.", kept)
                    % {"count": kept, "date": date_format(until)},
                )
                return redirect(request.get_full_path())
            if not form.cleaned_data["confirm"]:
                refusals = {person.pk: services.person_erasure_refusal(person) for person in people}
                context = {"form": form, "people": [(person, refusals[person.pk]) for person in people]}
                return render(request, "contacts/retention_erase.html", context)
            return retention_erased(request, people)
        messages.error(request, _("Nothing was done: %(errors)s") % {"errors": form_errors(form)})
    page = Paginator(due, REVIEWS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "reviews": retention.reviews(page.object_list),
        "page_obj": page,
        "paginator": page.paginator,
        "form": form,
        "years": retention.inactive_years(),
        "keep_until": retention.add_years(timezone.localdate(), settings.RETENTION_KEEP_YEARS),
        "may_keep": request.user.has_perm("contacts.change_person"),
        "may_erase": request.user.has_perm("contacts.delete_person"),
    }
    return render(request, "contacts/retention_review.html", context, status=400 if form.errors else 200)


def retention_erased(request, people):
    """Erase the confirmed people one by one: the refused stay, each with the reason, the others are erased."""
    erased, refused = retention.erase(people, request=request)
    if erased:
        messages.success(
            request,
            ngettext(
                "%(count)d person erased; their records stay in the figures, anonymous.",
                "%(count)d people erased; their records stay in the figures, anonymous.",
                len(erased),
            )
            % {"count": len(erased)},
        )
    for person, refusal in refused:
        messages.warning(request, _("%(person)s was not erased: %(refusal)s") % {"person": person, "refusal": refusal})
    return redirect(request.get_full_path())


def form_errors(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


# --- affiliations (managed from the person's page) ----------------------------------------
@permission_required("contacts.add_affiliation")
def affiliation_start(request, pk):
    person = get_object_or_404(Person, pk=pk)
    form = AffiliationStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.affiliation_start(person=person, **form.cleaned_data)
        messages.success(request, _("Post added."))
        return redirect(person)
    return render(request, "contacts/affiliation_form.html", {"form": form, "person": person})


class AffiliationUpdate(RecordUpdateView):
    model = Affiliation
    form_class = AffiliationForm
    template_name = "contacts/affiliation_form.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "person": self.object.person}


@permission_required("contacts.change_affiliation")
def affiliation_end(request, pk):
    affiliation = get_object_or_404(Affiliation.objects.select_related("person", "organisation"), pk=pk)
    form = AffiliationEndForm(request.POST or None, affiliation=affiliation)
    if request.method == "POST" and form.is_valid():
        services.affiliation_end(affiliation=affiliation, end_date=form.cleaned_data["end_date"])
        messages.success(request, _("Post ended; it stays in the person's history."))
        return redirect(affiliation.person)
    return render(
        request,
        "contacts/affiliation_end.html",
        {"form": form, "affiliation": affiliation, "person": affiliation.person},
    )


class AffiliationDelete(RecordDeleteView):
    model = Affiliation

    def get_success_url(self):
        return self.object.person.get_absolute_url()


# --- interactions -------------------------------------------------------------------------
class VisibleInteractions:
    """Confidential interactions exist only for their author, supervisors and administrators."""

    model = Interaction

    def get_queryset(self):
        return Interaction.objects.visible_to(self.request.user).select_related("author")


class InteractionList(VisibleInteractions, ListPageMixin, RecordListView):
    filterset_class = InteractionFilter
    create_url_name = "contacts:interaction_create"
    export_columns = [
        (_("When"), "occurred_at"),
        (_("Kind"), "kind"),
        (_("Subject"), "subject"),
        (_("People"), lambda i: i.people.all()),
        (_("Organisations"), lambda i: i.organisations.all()),
        (_("Notes"), "notes"),
        (_("Follow-up date"), "follow_up_date"),
        (_("Follow-up done"), "follow_up_done"),
        (_("Confidential"), "confidential"),
        (_("Author"), lambda i: i.author and user_label(i.author)),
    ]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("people", "organisations")


class InteractionDetail(VisibleInteractions, RecordDetailView):
    def get_object(self, queryset=None):
        interaction = super().get_object(queryset)
        if interaction.confidential:
            # Who read a confidential interaction is on the audit trail.
            audit_record(
                action=AuditEntry.Action.CONFIDENTIAL_VIEW,
                request=self.request,
                target=f"interaction #{interaction.pk}",
            )
        return interaction


class InteractionCreate(RecordCreateView):
    model = Interaction
    form_class = InteractionForm
    list_url_name = "contacts:interaction_list"

    def get_initial(self):
        initial = super().get_initial()
        for field in ("people", "organisations"):
            ids = [v for v in self.request.GET.getlist(field) if v.isdigit()]
            if ids:
                initial[field] = ids
        return initial

    def form_valid(self, form):
        form.instance.author = self.request.user
        return super().form_valid(form)


class InteractionUpdate(VisibleInteractions, RecordUpdateView):
    form_class = InteractionForm
    list_url_name = "contacts:interaction_list"


class InteractionDelete(VisibleInteractions, RecordDeleteView):
    success_url = reverse_lazy("contacts:interaction_list")


@permission_required("contacts.add_interaction", "contacts.view_person")
def person_log_interaction(request, pk):
    return log_interaction(request, ContactTimeline(get_object_or_404(Person, pk=pk)))


@permission_required("contacts.add_interaction", "contacts.view_organisation")
def organisation_log_interaction(request, pk):
    return log_interaction(request, ContactTimeline(get_object_or_404(Organisation, pk=pk)))


@permission_required("contacts.change_interaction")
@require_POST
def interaction_follow_up_done(request, pk):
    interaction = get_object_or_404(Interaction.objects.visible_to(request.user), pk=pk)
    interaction.follow_up_done = True
    interaction.save(update_fields=["follow_up_done", "updated_at"])
    if request.htmx:
        return render(request, "contacts/_follow_up.html", {"interaction": interaction})
    messages.success(request, _("Follow-up marked done."))
    return redirect(interaction)
