from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Support resources")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from resources.curation import change_sets, roles
        from resources.schedules import open_now
        from resources.search import facet_cache, signals

        signals.connect()
        change_sets.connect()
        facet_cache.connect()
        open_now.connect()
        roles.connect()
