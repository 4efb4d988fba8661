from django import template

from funding import money

register = template.Library()


@register.filter
def amount(value, currency):
    """`value` shown in its currency, e.g. USD 250,000.00."""
    return money.format_amount(value, currency)
