from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from resources.admin import hsds as hsds_admin
from resources.admin import two_factor
from resources.public import views

ADMIN = settings.ADMIN_URL

urlpatterns = [
    path(f"{ADMIN}two-factor/", two_factor.sign_in_step, name="two_factor"),
    path(
        f"{ADMIN}two-factor/recovery-codes/",
        two_factor.recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path(f"{ADMIN}hsds/", hsds_admin.open_data, name="hsds_open_data"),
    path(
        f"{ADMIN}hsds/export/<str:export_format>.zip",
        hsds_admin.export_download,
        name="hsds_export",
    ),
    path(f"{ADMIN}hsds/jobs/<uuid:job_id>/", hsds_admin.import_job, name="hsds_import_job"),
    path(
        f"{ADMIN}hsds/jobs/<uuid:job_id>/progress.json",
        hsds_admin.import_job_progress,
        name="hsds_import_job_progress",
    ),
    path(ADMIN, admin.site.urls),
    # Browsers ask for /favicon.ico on every page that names none, the admin's included.
    path("favicon.ico", views.favicon),
    path("api/", include("resources.api.urls")),
]
# The public site in English at /..., and in each other offered language under its code: /es/...
# (issue 17). The address alone says the language (supportdir.middleware.LanguageFromUrlMiddleware);
# the admin, the API, the health checks and the favicon above are the same in every language.
urlpatterns += i18n_patterns(path("", include("resources.urls")), prefix_default_language=False)

handler400 = "resources.public.views.bad_request"
handler500 = "resources.public.views.server_error"
