from django.contrib import admin

from .models import Purpose


@admin.register(Purpose)
class PurposeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_ms", "key", "version", "active", "order"]
    list_filter = ["active"]
    search_fields = ["name", "name_ms", "key"]
    readonly_fields = ["version"]

    def get_readonly_fields(self, request, obj=None):
        # Code asks for purposes by key: it is fixed once the purpose exists.
        return [*self.readonly_fields, "key"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        # A changed notice is a new notice: consents given from now on record the new version.
        if change and {"notice", "notice_ms"} & set(form.changed_data):
            obj.version += 1
        super().save_model(request, obj, form, change)
