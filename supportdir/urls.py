from django.contrib import admin
from django.urls import include, path

from resources import views

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on every page that names none, the admin's included.
    path("favicon.ico", views.favicon),
    path("api/", include("resources.api.urls")),
    path("", include("resources.urls")),
]

handler500 = "resources.views.server_error"
