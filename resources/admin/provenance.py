"""Admin saves are the curators' source: each records what the curator set (provenance.py)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from resources.admin.display import ReadOnlyAdmin
from resources.hsds.provenance import curator_values, kind_of, record_curator_edits, terms_values
from resources.models import Provenance


class RecordsCuratorEdits:
    """A ModelAdmin mixin: a save notes the fields the curator set in the record and its inline
    rows (all the fields of new ones), so that an import keeps them."""

    def construct_change_message(self, request, form, formsets, add=False):
        # Called once for each save, the form's and a revert's, after everything is saved.
        edits = [(form.instance, list(form.fields) if add else form.changed_data)]
        for formset in formsets or []:
            edits += [
                (obj, [field.name for field in obj._meta.concrete_fields])
                for obj in getattr(formset, "new_objects", [])
            ]
            edits += getattr(formset, "changed_objects", [])
        values = [
            (type(obj), obj.pk, curator_values(obj, self.curator_set(obj, names)))
            for obj, names in edits
        ]
        if hasattr(form, "terms_added"):
            values.append(
                (
                    type(form.instance),
                    form.instance.pk,
                    terms_values(form.terms_added, form.terms_removed),
                )
            )
        record_curator_edits(values)
        return super().construct_change_message(request, form, formsets, add)

    def curator_set(self, obj, names):
        """The fields among `names` that the curator set (not filled in for them)."""
        return names

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("Where this record came from"), {"fields": ["sources"]})]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "sources"]

    @admin.display(description=_("sources"))
    def sources(self, obj):
        rows = Provenance.objects.filter(kind=kind_of(type(obj)), record_id=obj.pk).order_by(
            "-modified"
        )
        if not rows:
            return _("No import or curator's save has set this record since sources were kept.")
        listing = format_html_join(
            "",
            "<li>{} — {}</li>",
            (
                (
                    row.source,
                    _("last set %(when)s") % {"when": date_format(row.modified, "DATETIME_FORMAT")},
                )
                for row in rows
            ),
        )
        link = reverse("admin:resources_provenance_changelist") + f"?q={obj.pk}"
        return format_html(
            '<ul>{}</ul><a href="{}">{}</a>', listing, link, _("What each source set")
        )


@admin.register(Provenance)
class ProvenanceAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Where each record came from: read only, written by imports and admin saves."""

    list_display = ["kind", "record_id", "source", "created", "modified"]
    list_filter = ["kind", "source"]
    search_fields = ["=record_id", "source"]
    search_help_text = _("Searches the record's HSDS id (exactly) and the source's name.")
    readonly_fields = ["kind", "record_id", "source", "set_values", "created", "modified"]
    fields = readonly_fields
