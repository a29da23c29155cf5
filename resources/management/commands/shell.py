"""`manage.py shell`, without django-simple-history's models in its automatic imports.

Those models are made at start-up and cannot be imported by the path Django derives for them,
so the stock command lists them as "could not be automatically imported" on every start. They
stay reachable as `Service.history.model` and the like.
"""

from django.apps import apps
from django.core.management.commands import shell
from simple_history.models import HistoricalChanges


class Command(shell.Command):
    def get_auto_imports(self):
        history_models = {
            f"{model.__module__}.{model.__name__}"
            for model in apps.get_models()
            if issubclass(model, HistoricalChanges)
        }
        return [path for path in super().get_auto_imports() if path not in history_models]
