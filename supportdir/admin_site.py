"""The curators' admin site: Django's, with its list of records arranged for curators
(resources/admin/sidebar.py), installed as `admin.site` through DirectoryAdminConfig.

It lives outside the `resources.admin` package: importing that package registers every
ModelAdmin on `admin.site`, which must by then be this site.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class DirectoryAdminSite(admin.AdminSite):
    site_header = format_lazy(_("{site_name} curators"), site_name=settings.SITE_NAME)
    site_title = site_header
    index_title = _("Keep the directory true")

    def get_app_list(self, request, app_label=None):
        from resources.admin import sidebar

        app_list = super().get_app_list(request, app_label)
        # An app's own page (/admin/resources/) keeps Django's one list of its models.
        return app_list if app_label is not None else sidebar.arrange(app_list)


class DirectoryAdminConfig(AdminConfig):
    """`django.contrib.admin`, with DirectoryAdminSite as `admin.site`."""

    default_site = "supportdir.admin_site.DirectoryAdminSite"
