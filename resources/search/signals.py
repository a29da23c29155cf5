"""Keep the search index in step with every edit that changes what a service's document says."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from resources.search.crisis import forget_crisis_phrases
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
        schedule_refresh(pk_set or instance.services.values_list("pk", flat=True))
    else:
        schedule_refresh([instance.pk])


def _child_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_refresh([instance.service_id])


# What of an organisation, a place or a term the documents of its services say: saving one
# refreshes them only when one of these changed (a term used by thousands gets a new
# description, and nothing needs rebuilding).
SEARCHED_FIELDS = {
    "Organization": ["name", "alternate_name", "name_es", "description_es"],
    "Location": ["name", "city", "region"],
    "TaxonomyTerm": ["name", "taxonomy_id"],
}


def _remember_searched_fields(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding:
        return
    fields = SEARCHED_FIELDS[sender.__name__]
    instance._searched_before = (
        sender._base_manager.filter(pk=instance.pk).values_list(*fields).first()
    )


def _searched_fields_changed(instance):
    before = instance.__dict__.pop("_searched_before", None)
    fields = SEARCHED_FIELDS[type(instance).__name__]
    return before != tuple(getattr(instance, field) for field in fields)


def _organization_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created and _searched_fields_changed(instance):
        schedule_refresh(instance.services.values_list("pk", flat=True))


def _location_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created and _searched_fields_changed(instance):
        schedule_refresh(instance.service_at_locations.values_list("service_id", flat=True))


def _term_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created and _searched_fields_changed(instance):
        links = instance.services.through.objects.filter(taxonomyterm=instance)
        schedule_refresh(links.values_list("service_id", flat=True))


def _service_deleted(sender, instance, **kwargs):
    remove_from_index(instance.pk)


def connect():
    from resources.models import (
        CrisisPhrase,
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
    post_save.connect(forget_crisis_phrases, sender=CrisisPhrase, dispatch_uid="crisis-phrases")
    post_delete.connect(
        forget_crisis_phrases, sender=CrisisPhrase, dispatch_uid="crisis-phrases-del"
    )
    post_delete.connect(_service_deleted, sender=Service, dispatch_uid="search-service-deleted")

    post_save.connect(_service_saved, sender=Service, dispatch_uid="search-service")
    m2m_changed.connect(_terms_changed, sender=Service.terms.through, dispatch_uid="search-terms")
    for model in (Language, ServiceArea, ServiceAtLocation):
        post_save.connect(_child_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(
            _child_changed, sender=model, dispatch_uid=f"search-delete-{model.__name__}"
        )
    for model in (Organization, Location, TaxonomyTerm):
        pre_save.connect(
            _remember_searched_fields, sender=model, dispatch_uid=f"search-before-{model.__name__}"
        )
    post_save.connect(_organization_saved, sender=Organization, dispatch_uid="search-org")
    post_save.connect(_location_saved, sender=Location, dispatch_uid="search-location")
    post_save.connect(_term_saved, sender=TaxonomyTerm, dispatch_uid="search-term")
