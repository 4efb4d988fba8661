"""The timeline of interactions about one record, shown on its page with the form to log one more.

People and organisations have theirs here; another app gives its records one (a partnership's,
an event's…) by subclassing `Timeline` and serving `log_interaction` from its own URL, so that
Contacts never needs to know the other apps' models.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from liaison.web.panels import Panel

from . import services
from .forms import InteractionAboutForm, InteractionLogForm
from .models import Interaction, Person

TIMELINE_LENGTH = 20


class Timeline:
    form_class = InteractionLogForm
    log_url_name = ""  # takes the record's pk

    def __init__(self, record):
        self.record = record

    def interactions(self) -> QuerySet:
        """Every interaction about the record (before the confidentiality rule)."""
        raise NotImplementedError

    def all_url(self) -> str:
        """The interaction list showing all of them, if there is one."""
        return ""

    def initial(self) -> dict:
        return {}

    def save(self, interaction: Interaction, form, author) -> Interaction:
        raise NotImplementedError

    def form(self, data=None):
        return self.form_class(data, initial=self.initial())

    def context(self, user, form=None) -> dict:
        """What `contacts/_interaction_panel.html` shows; the form only for those who may log one."""
        context = {
            "interactions": self.interactions().visible_to(user).for_timeline()[:TIMELINE_LENGTH],
            "all_interactions_url": self.all_url(),
            "log_url": reverse(self.log_url_name, args=[self.record.pk]),
        }
        if user.has_perm("contacts.add_interaction"):
            context["log_form"] = form if form is not None else self.form()
        return context


class ContactTimeline(Timeline):
    """A person's or an organisation's: the interactions they took part in."""

    def interactions(self):
        return Interaction.objects.involving(self.record)

    @property
    def log_url_name(self):
        return f"contacts:{self.record._meta.model_name}_log_interaction"

    def all_url(self):
        return f"{reverse('contacts:interaction_list')}?{self.record._meta.model_name}={self.record.pk}"

    def save(self, interaction, form, author):
        if isinstance(self.record, Person):
            return services.interaction_log_with_person(interaction=interaction, author=author, person=self.record)
        return services.interaction_log(interaction=interaction, author=author, organisations=[self.record])


class AboutTimeline(Timeline):
    """For another app's record, whose model owns an `interactions` many-to-many to Interaction.

    Who the interaction was with is chosen on the form; the record is linked to it.
    """

    form_class = InteractionAboutForm

    def interactions(self):
        return Interaction.objects.filter(**{_reverse_name(type(self.record)): self.record})

    def link(self, interaction: Interaction) -> None:
        self.record.interactions.add(interaction)

    @transaction.atomic
    def save(self, interaction, form, author):
        services.interaction_log(
            interaction=interaction,
            author=author,
            people=form.cleaned_data["people"],
            organisations=form.cleaned_data["organisations"],
        )
        self.link(interaction)
        return interaction


def _reverse_name(model) -> str:
    """How Interaction names the records of `model` it concerns (the field's related query name)."""
    return model._meta.get_field("interactions").related_query_name()


class ConcernsPanel(Panel):
    """On an interaction's page, the records of another app's model (`concerned`) that it concerns."""

    model = "contacts.interaction"
    template = "contacts/_concerns_panel.html"
    concerned = None  # a model with an `interactions` many-to-many to Interaction
    title = ""

    def context(self, request, interaction):
        records = list(self.concerned.objects.filter(interactions=interaction))
        return {"title": self.title, "records": records} if records else None


def log_interaction(request, timeline: Timeline):
    """Log an interaction from a record's page: htmx gets the refreshed panel, a plain request a page."""
    record = timeline.record
    form = timeline.form(request.POST or None)
    logged = None
    if request.method == "POST" and form.is_valid():
        logged = timeline.save(form.save(commit=False), form, request.user)
        if not request.htmx:
            messages.success(request, _("Interaction logged."))
            return redirect(record)
        form = timeline.form()
    context = {"object": record, "logged": logged, **timeline.context(request.user, form)}
    template = "contacts/_interaction_panel.html" if request.htmx else "contacts/interaction_log.html"
    return render(request, template, context)
