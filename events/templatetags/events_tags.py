from django import template
from django.urls import NoReverseMatch
from django.utils.html import format_html

register = template.Library()


@register.filter
def record_link(obj):
    """A link to the record's page; its name alone when the page is not there (yet) in this build."""
    if obj is None:
        return ""
    try:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj)
    except NoReverseMatch:
        return format_html("{}", obj)
