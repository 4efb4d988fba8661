from django import template

from contacts.phones import readable_phone

register = template.Library()


@register.filter
def phone(value):
    """An E.164 number as people read it: +60 12-345 6789."""
    return readable_phone(value)


@register.filter
def get_item(mapping, key):
    """`{{ counts|get_item:action }}`: a dictionary's value for a key held in a variable."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
