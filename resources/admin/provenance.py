"""Admin saves are the curators' source: each records what the curator set (provenance.py)."""

from resources.hsds.provenance import record_curator_edit


class RecordsCuratorEdits:
    """A ModelAdmin mixin: the record and its inline rows note the fields the curator set (all
    of a new record's fields), so that an import keeps them."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record_curator_edit(obj, form.changed_data if change else list(form.fields))

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for obj in getattr(formset, "new_objects", []):
            record_curator_edit(obj, [field.name for field in obj._meta.concrete_fields])
        for obj, changed in getattr(formset, "changed_objects", []):
            record_curator_edit(obj, changed)
