"""Failed sign-ins in the admin, which Publishers may see and unlock (superusers may anyway)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ["view_failedsignin", "delete_failedsignin"]


def let_publishers_unlock(apps, schema_editor):
    # Permissions are normally made after all migrations have run; the group needs them now.
    app_config = apps.get_app_config("resources")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="resources", codename__in=PERMISSIONS
    )
    for group in Group.objects.filter(name="Publishers"):
        group.permissions.add(*permissions)


def take_them_back(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Publishers"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="resources", codename__in=PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("axes", "0010_accessattemptexpiration"),
        ("resources", "0024_used_form_tokens"),
    ]

    operations = [
        migrations.CreateModel(
            name="FailedSignIn",
            fields=[],
            options={
                "verbose_name": "failed sign-in",
                "verbose_name_plural": "failed sign-ins",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("axes.accessattempt",),
        ),
        migrations.RunPython(let_publishers_unlock, take_them_back),
    ]
