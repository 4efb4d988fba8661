from django import template

from contacts.phones import readable_phone

register = template.Library()


@register.filter
def phone(value):
    """An E.164 number as people read it: +60 12-345 6789."""
    return readable_phone(value)
