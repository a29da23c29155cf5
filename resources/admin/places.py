from django.contrib import admin

from resources.models import Place


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    """The gazetteer behind "near" searches, mostly loaded with `manage.py load_places`."""

    list_display = ["postcode", "name", "region", "county", "country", "latitude", "longitude"]
    list_filter = ["country"]
    search_fields = ["postcode", "name", "county"]
    ordering = ["country", "postcode", "name"]
    show_full_result_count = False
