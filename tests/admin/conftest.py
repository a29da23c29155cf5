"""Helpers shared by the admin tests in this package."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from resources.models import Taxonomy, TaxonomyTerm

SERVICES_URL = reverse("admin:resources_service_changelist")


def make_taxonomy(**overrides):
    fields = {"name": "open-eligibility", "description": "Open Eligibility taxonomy."}
    fields.update(overrides)
    return Taxonomy.objects.create(**fields)


def make_other_term(**overrides):
    """A term of a taxonomy that is not one of our facets."""
    fields = {"code": "peer-support", "name": "Peer Support"}
    fields.update(overrides)
    if "taxonomy" not in fields:
        fields["taxonomy"] = make_taxonomy()
    return TaxonomyTerm.objects.create(**fields)


def days_ago(days):
    return timezone.localdate() - timedelta(days=days)
