"""Which records a task may be about: those whose pages show a tasks panel (each app registers its own)."""

from django.apps import apps

from liaison.web.panels import registry as panels


def taskable_labels() -> set[str]:
    from .panels import TasksPanel

    return {panel.model for panel in panels.entries() if isinstance(panel, TasksPanel)}


def record_reference(obj) -> str:
    """How a record is named in a URL or a form: "contacts.person:12"."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def record_from_reference(reference: str, user):
    """The record a reference names, if tasks may be about it and `user` may see it; None otherwise."""
    label, _, pk = (reference or "").partition(":")
    if label not in taskable_labels() or not pk.isdigit() or len(pk) > 18:
        return None
    model = apps.get_model(label)
    if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
        return None
    return model._default_manager.filter(pk=int(pk)).first()
