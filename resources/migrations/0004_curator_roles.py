"""The two curator roles, as groups: Editors add and edit, Publishers also publish and moderate.

Superusers keep every permission; everyone else is given one of these groups in the admin.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

DIRECTORY_MODELS = [
    "service",
    "organization",
    "location",
    "phone",
    "schedule",
    "serviceatlocation",
    "language",
    "servicearea",
]
# Rows edited inside a service's or a location's form, where removing one is part of editing.
CHILD_MODELS = ["phone", "schedule", "serviceatlocation", "language", "servicearea"]
READ_ONLY_MODELS = ["taxonomy", "taxonomyterm", "suggestion", "problemreport"]

EDITOR_PERMISSIONS = [
    *(f"{action}_{model}" for model in DIRECTORY_MODELS for action in ("view", "add", "change")),
    *(f"delete_{model}" for model in CHILD_MODELS),
    *(f"view_{model}" for model in READ_ONLY_MODELS),
]
PUBLISHER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    "publish_service",
    "verify_service",
    "change_suggestion",
    "change_problemreport",
]
ROLES = {"Editors": EDITOR_PERMISSIONS, "Publishers": PUBLISHER_PERMISSIONS}


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations have run; these groups need them now.
    app_config = apps.get_app_config("resources")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="resources", codename__in=codenames
        )
        assert permissions.count() == len(set(codenames)), name
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0003_curation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
