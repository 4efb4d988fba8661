from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from liaison.web.forms import RecordForm, UserChoiceField, owner_choices, user_label

from .models import Task
from .records import record_from_reference, record_reference


class TaskForm(RecordForm):
    """A task for oneself or a colleague; `record` ("contacts.person:12") names what it is about."""

    takes_user = True
    owner_fields = ()
    record = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Task
        fields = ["title", "due_on", "assignee", "notes"]
        field_classes = {"assignee": UserChoiceField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        assignee = self.fields["assignee"]
        current = self.instance.assignee_id if self.instance.pk else None
        assignee.queryset = owner_choices(current)  # officers and administrators, and the present assignee
        assignee.label_from_instance = user_label
        assignee.help_text = _("Yourself or a colleague: they see it in My work and are reminded before it is due.")
        if self.instance.pk and self.instance.record is not None:
            self.fields["record"].initial = record_reference(self.instance.record)

    def clean_record(self):
        reference = self.cleaned_data.get("record", "")
        if not reference:
            return None
        record = record_from_reference(reference, self.user)
        if record is None:  # the field is hidden: its error is the form's
            self.add_error(None, _("The record this task is about cannot be found, or you may not see it."))
        return record

    def save(self, commit=True):
        task = super().save(commit=False)
        record = self.cleaned_data.get("record")
        if record is not None:
            task.content_type, task.object_id = ContentType.objects.get_for_model(record), record.pk
        if not task.pk:
            task.created_by = self.user
        if commit:
            task.save()
        return task
