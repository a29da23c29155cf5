from django.db import migrations

from resources.vocabulary import seed_vocabulary


def seed(apps, schema_editor):
    # The vocabulary module only ever grows (slugs are never renamed), so importing it here
    # stays correct for databases migrated later.
    seed_vocabulary(apps.get_model("resources", "Taxonomy"), apps.get_model("resources", "TaxonomyTerm"))


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
