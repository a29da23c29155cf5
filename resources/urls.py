from django.urls import path

from resources import views

app_name = "resources"

urlpatterns = [
    path("", views.home, name="home"),
    path("support/<slug:slug>/", views.kind_of_support, name="kind_of_support"),
    path("services/<slug:slug>/", views.service_detail, name="service_detail"),
]
