"""The search's GIN indexes, declared in the models (issue 18).

Migrations 0005 and 0011 made them in raw SQL, on PostgreSQL only, where the models could not
say so: the service's search_vector index and the search words' trigram index. The models now
declare them under the same names, so only the migration state learns of them here; the
database keeps the indexes it has. SQLite has neither (PostgresOnlyGinIndex).
"""

import django.contrib.postgres.indexes
from django.db import migrations

import resources.models.base


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0031_spanish_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="searchword",
                    index=resources.models.base.PostgresOnlyGinIndex(
                        django.contrib.postgres.indexes.OpClass("word", name="gin_trgm_ops"),
                        name="resources_searchword_word_trgm",
                    ),
                ),
                migrations.AddIndex(
                    model_name="service",
                    index=resources.models.base.PostgresOnlyGinIndex(
                        fields=["search_vector"], name="resources_service_search_vector_gin"
                    ),
                ),
            ],
            # Made by 0005 and 0011 (CREATE INDEX ... USING gin), as Django would make them.
            database_operations=[],
        ),
    ]
