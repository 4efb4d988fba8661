"""What every resource of the API shares.

Reads: a serializer (`?fields=a,b` keeps only those fields), the list page's FilterSet, cursor
pagination. Writes go through the app's own form, with the data of the record as it is plus
the fields sent (so PUT and PATCH both change only what they name), and are saved by
`save_form`, which each viewset points at the same service as its pages. A ValidationError from
the service is a 400 with nothing written.
"""

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.response import Response

from .ordering import Ordering
from .pagination import CursorPage

NON_FIELD = "non_field_errors"


class RecordSerializer(serializers.ModelSerializer):
    """A record as the API shows it; `?fields=id,name` narrows every record to those fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        wanted = request.query_params.get("fields") if request is not None else None
        if not wanted:
            return
        keep = {name.strip() for name in wanted.split(",") if name.strip()}
        unknown = keep - set(self.fields)
        if unknown:
            raise exceptions.ValidationError(
                {"fields": _("No such field: %(names)s.") % {"names": ", ".join(sorted(unknown))}}
            )
        for name in set(self.fields) - keep:
            self.fields.pop(name)


def form_errors(form) -> dict:
    """A form's errors as DRF reports them: {field: [message, …]}."""
    return {
        (NON_FIELD if field == "__all__" else field): [error["message"] for error in errors]
        for field, errors in form.errors.get_json_data().items()
    }


def service_errors(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {(NON_FIELD if field == "__all__" else field): msgs for field, msgs in error.message_dict.items()}
    return {NON_FIELD: error.messages}


def _plain(value):
    """A form's initial value as it would come back from a request: pks for records, lists for many."""
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return getattr(value, "pk", value)


class RecordViewSet(viewsets.ModelViewSet):
    """A business model's endpoints; subclasses name queryset, serializer_class, filterset_class and form_class."""

    form_class: type[forms.ModelForm] | None = None
    create_form_class: type[forms.ModelForm] | None = None  # when creating takes another form
    filter_backends = [DjangoFilterBackend, Ordering]
    pagination_class = CursorPage
    ordering_fields: tuple = ()  # what `?ordering=` accepts: fields never empty (ordering.py)

    # --- writing through the form ------------------------------------------------------------
    def get_form_class(self, instance):
        if instance.pk is None and self.create_form_class is not None:
            return self.create_form_class
        return self.form_class

    def form_initial(self) -> dict:
        """The initial values a new record's page would offer (the owner: whoever creates it)."""
        return {"owner": self.request.user.pk}

    def writable_fields(self, form) -> set:
        return set(form.fields)

    def build_form(self, instance):
        form_class = self.get_form_class(instance)
        kwargs = {"instance": instance}
        if getattr(form_class, "takes_user", False):
            kwargs["user"] = self.request.user
        blank = form_class(initial=self.form_initial() if instance.pk is None else None, **kwargs)
        sent = self.request.data
        if not isinstance(sent, dict):
            raise exceptions.ValidationError({NON_FIELD: [_("Send a JSON object.")]})
        unknown = set(sent) - self.writable_fields(blank)
        if unknown:
            raise exceptions.ValidationError({name: [_("This field cannot be written.")] for name in sorted(unknown)})
        data = {name: _plain(blank[name].value()) for name in blank.fields}
        for name, value in sent.items():
            field = blank.fields.get(name)
            many = isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
            data[name] = [] if many and value is None else value
        return form_class(data=data, files=self.request.FILES or None, **kwargs)

    def save_form(self, form):
        """Save what the form holds; override to call the app's service as its pages do."""
        return form.save()

    def write(self, instance):
        form = self.build_form(instance)
        if not form.is_valid():
            raise exceptions.ValidationError(form_errors(form))
        try:
            with transaction.atomic():
                return self.save_form(form)
        except DjangoValidationError as error:
            raise exceptions.ValidationError(service_errors(error)) from error

    def respond(self, instance, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=instance.pk)  # as the API reads it, relations and all
        return Response(self.get_serializer(fresh).data, status=code)

    def create(self, request, *args, **kwargs):
        model = self.get_queryset().model
        return self.respond(self.write(model()), status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        return self.respond(self.write(self.get_object()))

    def perform_destroy(self, instance):
        try:
            with transaction.atomic():
                instance.delete()
        except ProtectedError as error:
            raise Conflict(
                _("%(name)s cannot be deleted while other records depend on it.") % {"name": instance}
            ) from error


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
