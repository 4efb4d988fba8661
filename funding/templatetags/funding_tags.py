from django import template
from django.urls import NoReverseMatch

from funding import money

register = template.Library()


@register.filter
def amount(value, currency):
    """`value` shown in its currency, e.g. USD 250,000.00."""
    return money.format_amount(value, currency)


@register.filter
def url_of(obj):
    """obj's page, or '' while the app that shows it has no page for it yet."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""
