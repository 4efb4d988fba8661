"""Merging two people or two organisations into one (DESIGN.md §5): the service, its rules and its pages."""

from . import rules  # noqa: F401  (Contacts' own entries of the `merging` registry)
