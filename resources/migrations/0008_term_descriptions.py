from django.db import migrations

from resources.vocabulary import FACETS, term_id


def describe_terms(apps, schema_editor):
    """HSDS requires a description for every term: ours that had none get the vocabulary's.

    A description a curator wrote is kept.
    """
    TaxonomyTerm = apps.get_model("resources", "TaxonomyTerm")
    for taxonomy_name, facet in FACETS.items():
        for code, _name, description in facet["terms"]:
            TaxonomyTerm.objects.filter(id=term_id(taxonomy_name, code), description="").update(
                description=str(description)
            )


class Migration(migrations.Migration):
    dependencies = [("resources", "0007_service_history_terms")]

    operations = [migrations.RunPython(describe_terms, migrations.RunPython.noop)]
