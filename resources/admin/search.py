from django.contrib import admin

from resources.models import SearchSynonym


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["word", "means", "modified"]
    search_fields = ["word", "means"]
    ordering = ["word"]
    fields = ["word", "means"]
