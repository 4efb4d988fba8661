from django import forms
from django.contrib import admin

from .documents import validate_template
from .models import ReportTemplate


class ReportTemplateForm(forms.ModelForm):
    class Meta:
        model = ReportTemplate
        fields = ["kind", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "size") and not getattr(upload, "_committed", False):
            validate_template(upload)
        return upload


@admin.register(ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    """Replacing a report's Word template; deleting it brings the built-in one back."""

    form = ReportTemplateForm
    list_display = ["kind", "uploaded_by", "updated_at"]
    readonly_fields = ["uploaded_by", "updated_at"]

    def save_model(self, request, obj, form, change):
        obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
