from django.contrib import admin

from resources.models import CrisisPhrase


@admin.register(CrisisPhrase)
class CrisisPhraseAdmin(admin.ModelAdmin):
    list_display = ["phrase", "modified"]
    search_fields = ["phrase"]
    ordering = ["phrase"]
    fields = ["phrase"]
