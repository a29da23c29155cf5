"""The curators' admin: every record of the directory, editable at /admin/."""

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
