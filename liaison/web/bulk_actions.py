"""The bulk actions every list shares, whichever app it belongs to: set the owner, add or remove a theme or an
SDG (where the model has them), and export the selection as the list exports."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.core import is_ratelimited
from simple_history.utils import bulk_update_with_history

from .bulk import BulkAction, BulkForm, BulkResult, records_label, register
from .forms import staff_users, user_label
from .views import ratelimited
from .widgets import SearchableSelectMultiple


def has_field(model: type[Model], name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def has_history(model: type[Model]) -> bool:
    return bool(getattr(model._meta, "simple_history_manager_attribute", None))


class OwnerForm(BulkForm):
    owner = forms.ModelChoiceField(label=gettext_lazy("New owner"), queryset=staff_users())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].label_from_instance = user_label


@register
class SetOwner(BulkAction):
    key = "web.set_owner"
    label = gettext_lazy("Set owner")
    order = 20
    form_class = OwnerForm

    def applies_to(self, model):
        return has_field(model, "owner") and model._meta.get_field("owner").many_to_one

    def run(self, request, queryset, form, view):
        owner = form.cleaned_data["owner"]
        now = timezone.now()
        records = list(queryset.model._default_manager.filter(pk__in=list(queryset.values_list("pk", flat=True))))
        changed = [record for record in records if record.owner_id != owner.pk]
        for record in changed:
            record.owner = owner
            record.updated_at = now
        fields = ["owner", "updated_at"] if has_field(queryset.model, "updated_at") else ["owner"]
        if changed and has_history(queryset.model):
            bulk_update_with_history(changed, queryset.model, fields, batch_size=500, default_user=request.user)
        elif changed:
            queryset.model._default_manager.bulk_update(changed, fields, batch_size=500)
        return BulkResult(
            _("%(owner)s is now the owner of %(count)d %(records)s (%(unchanged)d already were).")
            % {
                "owner": user_label(owner),
                "count": len(records),
                "records": records_label(queryset.model, len(records)),
                "unchanged": len(records) - len(changed),
            }
        )


class ChoicesForm(BulkForm):
    """The themes or SDGs to add or remove, from the model's own many-to-many field."""

    field_name = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.model._meta.get_field(self.field_name)
        self.fields["choices"] = forms.ModelMultipleChoiceField(
            label=field.verbose_name.capitalize(),
            queryset=field.related_model._default_manager.all(),
            widget=SearchableSelectMultiple,
        )


class ThemesForm(ChoicesForm):
    field_name = "themes"


class SdgsForm(ChoicesForm):
    field_name = "sdgs"


class ManyToManyAction(BulkAction):
    field_name = ""
    adding = True

    def applies_to(self, model):
        return has_field(model, self.field_name) and model._meta.get_field(self.field_name).many_to_many

    def run(self, request, queryset, form, view):
        field = queryset.model._meta.get_field(self.field_name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        pks = list(queryset.values_list("pk", flat=True))
        chosen = list(form.cleaned_data["choices"])
        links = through._default_manager.filter(**{f"{source}__in": pks, f"{target}__in": chosen})
        if self.adding:
            existing = set(links.values_list(source, target))
            new = [
                through(**{f"{source}_id": pk, f"{target}_id": choice.pk})
                for pk in pks
                for choice in chosen
                if (pk, choice.pk) not in existing
            ]
            through._default_manager.bulk_create(new, batch_size=1000)
            changed = len(new)
        else:
            changed, _by_model = links.delete()
        if changed and has_field(queryset.model, "updated_at"):
            queryset.model._default_manager.filter(pk__in=pks).update(updated_at=timezone.now())
        return BulkResult(self.message(len(pks), changed, chosen, queryset.model))

    def message(self, count, changed, chosen, model):
        values = {
            "choices": ", ".join(str(choice) for choice in chosen),
            "count": count,
            "records": records_label(model, count),
            "changed": changed,
        }
        if self.adding:
            return _("%(choices)s added to %(count)d %(records)s (%(changed)d new links).") % values
        return _("%(choices)s removed from %(count)d %(records)s (%(changed)d links removed).") % values


@register
class AddTheme(ManyToManyAction):
    key = "web.add_theme"
    label = gettext_lazy("Add a theme")
    order = 30
    field_name = "themes"
    form_class = ThemesForm


@register
class RemoveTheme(ManyToManyAction):
    key = "web.remove_theme"
    label = gettext_lazy("Remove a theme")
    order = 31
    field_name = "themes"
    adding = False
    form_class = ThemesForm


@register
class AddSdg(ManyToManyAction):
    key = "web.add_sdg"
    label = gettext_lazy("Add an SDG")
    order = 32
    field_name = "sdgs"
    form_class = SdgsForm


@register
class RemoveSdg(ManyToManyAction):
    key = "web.remove_sdg"
    label = gettext_lazy("Remove an SDG")
    order = 33
    field_name = "sdgs"
    adding = False
    form_class = SdgsForm


class ExportForm(BulkForm):
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("xlsx", gettext_lazy("Excel")), ("csv", "CSV")],
        initial="xlsx",
    )


@register
class ExportSelection(BulkAction):
    """The list's own export (same columns, audited), of the selected rows only."""

    key = "web.export"
    label = gettext_lazy("Export the selection")
    order = 90
    write = False
    cap = None  # an export of every matching row is what the list's export menu does anyway
    form_class = ExportForm

    def run(self, request, queryset, form, view):
        fmt = form.cleaned_data["format"]
        if is_ratelimited(request, group="export", key="user", rate=settings.RATELIMITS["export"], increment=True):
            return ratelimited(request)  # the same limit as the list's export menu
        view.object_list = queryset
        response = view.export(fmt)
        count = queryset.count()
        messages.info(
            request,
            _("%(count)d %(records)s exported.") % {"count": count, "records": records_label(queryset.model, count)},
        )
        return response
