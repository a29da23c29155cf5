"""The curators' admin: every record of the directory, editable at /admin/."""

from django.conf import settings
from django.contrib import admin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from resources.admin import (  # noqa: F401  (importing registers each ModelAdmin)
    crisis,
    curation,
    harvest,
    locations,
    organizations,
    places,
    provenance,
    records,
    review,
    search,
    services,
    sign_in,
    taxonomy,
)

admin.site.site_header = format_lazy(_("{site_name} curators"), site_name=settings.SITE_NAME)
admin.site.site_title = admin.site.site_header
admin.site.index_title = _("Keep the directory true")
