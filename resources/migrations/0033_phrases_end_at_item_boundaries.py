"""Every service waits in the search index's queue for its document to be built again.

Documents now keep a quoted phrase within one of their items (a name, a topic, the description):
before, "support peer" found a service whose kind of support ends in "support" and whose
description starts with "Peer". `manage.py rebuild_search_index --pending` (cron) rebuilds the
queue with the code of the day; until then a document behaves as before.
"""

from itertools import islice

from django.db import migrations

BATCH_SIZE = 5000


def queue_every_service(apps, schema_editor):
    Service = apps.get_model("resources", "Service")
    PendingSearchRefresh = apps.get_model("resources", "PendingSearchRefresh")
    service_ids = Service.objects.order_by("pk").values_list("pk", flat=True).iterator(BATCH_SIZE)
    while batch := list(islice(service_ids, BATCH_SIZE)):
        PendingSearchRefresh.objects.bulk_create(
            [PendingSearchRefresh(service_id=pk) for pk in batch]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0032_search_indexes_in_models"),
    ]

    operations = [
        migrations.RunPython(queue_every_service, migrations.RunPython.noop),
    ]
