from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("resources.urls")),
]

handler500 = "resources.views.server_error"
