from django.contrib import admin

from .models import SDG, ExchangeRate, State, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_ms", "code", "active"]
    list_filter = ["active"]
    search_fields = ["name", "name_ms", "code"]


@admin.register(SDG)
class SDGAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "title_ms", "colour"]
    search_fields = ["title", "title_ms", "=number"]


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["name", "name_ms", "iso_code", "kind", "abbreviation", "capital"]
    list_filter = ["kind"]
    search_fields = ["name", "name_ms", "iso_code", "abbreviation"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "rate_to_myr", "valid_from", "source"]
    list_filter = ["currency"]
    search_fields = ["currency"]
    date_hierarchy = "valid_from"
