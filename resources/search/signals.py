"""Keep the search index in step with every edit that changes what a service's document says."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from resources.search.index import remove_from_index, schedule_refresh
from resources.search.synonyms import forget_synonyms


def _service_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_refresh([instance.pk])


def _terms_changed(sender, instance, action, pk_set, model, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, model):
        # Changed from the term's side: term.services.add(...)
        schedule_refresh(pk_set or list(instance.services.values_list("pk", flat=True)))
    else:
        schedule_refresh([instance.pk])


def _child_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_refresh([instance.service_id])


def _organization_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_refresh(instance.services.values_list("pk", flat=True))


def _location_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_refresh(instance.service_at_locations.values_list("service_id", flat=True))


def _term_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_refresh(instance.services.values_list("pk", flat=True))


def _service_deleted(sender, instance, **kwargs):
    remove_from_index(instance.pk)


def connect():
    from resources.models import (
        Language,
        Location,
        Organization,
        SearchSynonym,
        Service,
        ServiceArea,
        ServiceAtLocation,
        TaxonomyTerm,
    )

    post_save.connect(forget_synonyms, sender=SearchSynonym, dispatch_uid="search-synonyms")
    post_delete.connect(forget_synonyms, sender=SearchSynonym, dispatch_uid="search-synonyms-del")
    post_delete.connect(_service_deleted, sender=Service, dispatch_uid="search-service-deleted")

    post_save.connect(_service_saved, sender=Service, dispatch_uid="search-service")
    m2m_changed.connect(_terms_changed, sender=Service.terms.through, dispatch_uid="search-terms")
    for model in (Language, ServiceArea, ServiceAtLocation):
        post_save.connect(_child_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(
            _child_changed, sender=model, dispatch_uid=f"search-delete-{model.__name__}"
        )
    post_save.connect(_organization_saved, sender=Organization, dispatch_uid="search-org")
    post_save.connect(_location_saved, sender=Location, dispatch_uid="search-location")
    post_save.connect(_term_saved, sender=TaxonomyTerm, dispatch_uid="search-term")
