"""The curators' admin: every record of the directory, editable at /admin/."""

from resources.admin import (  # noqa: F401  (importing registers each ModelAdmin)
    locations,
    organizations,
    records,
    services,
    taxonomy,
)
