"""The curator roles (the groups made by migration 0004) and the staff status that goes with them.

Being in a role is what makes someone a curator: joining Editors or Publishers makes a user staff,
so they can sign in to the admin, and leaving the last role takes staff status away again (a
superuser keeps it). This follows every change to a user's groups, from the admin's user form, a
group's form, a management command or code, through the m2m_changed signal; and a user in a role
saved without staff status (the box unticked by hand in the user form, whose unchanged groups send
no signal) is saved as staff all the same.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, pre_save

EDITORS = "Editors"
PUBLISHERS = "Publishers"
ROLE_GROUPS = (EDITORS, PUBLISHERS)


def sync_staff_status(user_ids):
    """Make users in a role staff, and users in none not staff (superusers stay staff)."""
    users = get_user_model()._default_manager.filter(pk__in=list(user_ids))
    users.filter(groups__name__in=ROLE_GROUPS, is_staff=False).update(is_staff=True)
    users.exclude(groups__name__in=ROLE_GROUPS).filter(is_superuser=False, is_staff=True).update(
        is_staff=False
    )


def _is_role(group_ids):
    from django.contrib.auth.models import Group

    return Group.objects.filter(pk__in=group_ids, name__in=ROLE_GROUPS).exists()


def _groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    user_model = get_user_model()
    if action == "pre_clear":
        # Which users or groups a clear touches is known only before it.
        if reverse:
            instance._role_users_cleared = (
                list(instance.user_set.values_list("pk", flat=True))
                if instance.name in ROLE_GROUPS
                else []
            )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:
        # group.user_set.add/remove/clear(): instance is the group, pk_set the users.
        if instance.name not in ROLE_GROUPS:
            return
        if action == "post_clear":
            user_ids = getattr(instance, "_role_users_cleared", [])
        else:
            user_ids = pk_set
    else:
        # user.groups.add/remove/clear(): instance is the user, pk_set the groups.
        if action != "post_clear" and not _is_role(pk_set):
            return
        user_ids = [instance.pk]
    if not user_ids:
        return
    sync_staff_status(user_ids)
    if not reverse and isinstance(instance, user_model):
        # Keep the object in hand in step with the row, so a later save does not undo it.
        instance.is_staff = (
            user_model._default_manager.filter(pk=instance.pk)
            .values_list("is_staff", flat=True)
            .get()
        )


def _user_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.is_staff or instance.pk is None:
        return
    if update_fields is not None and "is_staff" not in update_fields:
        return
    if instance.groups.filter(name__in=ROLE_GROUPS).exists():
        instance.is_staff = True


def connect():
    pre_save.connect(
        _user_saved, sender=get_user_model(), dispatch_uid="resources.curation.roles.user_saved"
    )
    m2m_changed.connect(
        _groups_changed,
        sender=get_user_model().groups.through,
        dispatch_uid="resources.curation.roles.groups_changed",
    )
