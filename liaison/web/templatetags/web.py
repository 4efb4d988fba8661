from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from liaison.web import navigation, panels
from liaison.web.forms import user_label as _user_label
from liaison.web.history import history_entries

register = template.Library()


@register.filter
def user_label(user) -> str:
    """A user by full name (else username), as forms, lists and exports name them; "" for no user."""
    return _user_label(user) if user else ""


@register.simple_tag(takes_context=True)
def query(context, **changes):
    """The current query string with `changes` applied (None removes a key); page resets to 1."""
    params = context["request"].GET.copy()
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def sort_header(context, field, label):
    """A column header that sorts by `field`, toggling ascending and descending."""
    current = context["request"].GET.get("sort", "")
    if current == field:
        new, icon = f"-{field}", "bi-sort-up"
    elif current == f"-{field}":
        new, icon = field, "bi-sort-down"
    else:
        new, icon = field, ""
    href = query(context, sort=new)
    state = "ascending" if current == field else "descending" if current == f"-{field}" else "none"
    return format_html(
        '<a href="{}" class="sort-link text-reset" aria-sort="{}">{} <i class="bi {}" aria-hidden="true"></i></a>',
        href,
        state,
        label,
        icon,
    )


@register.simple_tag(takes_context=True)
def nav_sections(context):
    """The sections this user may open, grouped by app (one menu each); the one holding the page is active.

    A group of one section is a plain link. The active section is the longest URL the path starts with.
    """
    request = context["request"]
    sections = navigation.sections_for(request.user)
    matches = [s.url for s in sections if s.url != "/" and request.path.startswith(s.url)]
    current = max(matches, key=len, default=None)
    groups = {}
    for section in sections:
        item = {"section": section, "url": section.url, "active": section.url == current}
        group = groups.setdefault(section.group, {"title": section.group, "icon": section.icon, "items": []})
        group["items"].append(item)
    for group in groups.values():
        group["active"] = any(item["active"] for item in group["items"])
    return list(groups.values())


@register.simple_tag(takes_context=True)
def detail_panels(context, obj):
    """The panels other apps add to this record's page (see liaison.web.panels)."""
    # Each panel is a rendered (auto-escaped) template, so joining them escapes nothing twice.
    return format_html_join("", "{}", ((html,) for html in panels.render_for(context["request"], obj)))


@register.filter
def model_verbose_name(obj):
    return obj._meta.verbose_name


@register.inclusion_tag("includes/_history.html")
def history(obj, limit=15):
    """The last changes of `obj`, each field with its value before and after (liaison.web.history)."""
    return {"history": history_entries(obj, limit)}


@register.filter
def record_link(obj):
    """A link to the record's page, named as the record; empty for no record."""
    if obj is None:
        return ""
    return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj)


@register.simple_tag(takes_context=True)
def bulk_check(context, obj):
    """A row's checkbox for the list's bulk actions (a cell of its own); nothing when the user has none."""
    tools = context.get("list_tools")
    if not tools or not tools["actions"]:
        return ""
    return format_html(
        '<td class="bulk-cell"><input type="checkbox" class="form-check-input" name="ids" value="{}" '
        'form="bulk-form" aria-label="{}"></td>',
        obj.pk,
        _("Select %(record)s") % {"record": obj},
    )


@register.simple_tag(takes_context=True)
def bulk_check_all(context):
    """The header cell above the rows' checkboxes: ticks or unticks every row of the page."""
    tools = context.get("list_tools")
    if not tools or not tools["actions"]:
        return ""
    return format_html(
        '<th scope="col" class="bulk-cell"><input type="checkbox" class="form-check-input" data-bulk-page '
        'aria-label="{}"></th>',
        _("Select every row of this page"),
    )


@register.inclusion_tag("includes/_empty_rows.html", takes_context=True)
def empty_rows(context, colspan, message):
    """A list's row when nothing is shown, saying what to do next: correct or clear the filters, or add a record."""
    filterset = context.get("filter")
    form = getattr(filterset, "form", None)
    filtered = bool(form is not None and form.is_bound and [n for n in form.changed_data if n not in ("sort", "page")])
    return {
        "colspan": colspan,
        "message": message,
        "errors": bool(form is not None and form.errors),
        "filtered": filtered,
        "clear_url": context["request"].path,
    }
