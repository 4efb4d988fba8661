"""The registry of the API's resources: each app declares its endpoints in its own `api.py`.

    # contacts/api.py
    from liaison.api.registry import ApiResource, register
    from liaison.api.resources import RecordViewSet

    class OrganisationViewSet(RecordViewSet): ...

    @register
    class Organisations(ApiResource):
        prefix = "organisations"
        viewset = OrganisationViewSet

The room (liaison/api/urls.py) puts every resource under /api/v1/<prefix>/. The viewset says
how records are read (a serializer, the list's FilterSet) and written (the app's form and the
service its pages call), so the API follows the same rules as the pages.
"""

from liaison.web.registry import Entry, Registry


class ApiResource(Entry):
    prefix: str = ""  # the URL segment: /api/v1/<prefix>/
    viewset = None  # a RecordViewSet (or any DRF viewset)
    basename: str = ""  # URL names are api:<basename>-list and api:<basename>-detail
    stage_field: str = ""  # a change of this field is also a `stage_changed` webhook event (webhooks.py)

    def webhook_record(self, instance) -> dict | None:
        """The record as webhooks send it (the API's view of it), or None to send nothing about it."""
        return dict(self.viewset.serializer_class(instance).data)


registry = Registry("api", ApiResource)
register = registry.register
