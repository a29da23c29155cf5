"""Create the first curator account, as `make run` does, with a password shown only once."""

import os
import secrets
import shlex
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from resources.curation.roles import EDITORS, PUBLISHERS

ROLES = {"editor": EDITORS, "publisher": PUBLISHERS}


class Command(BaseCommand):
    help = (
        "Create a curator with a random password and print how to sign in: a superuser, or with "
        "--role an Editor or a Publisher. An existing user is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="curator", help="Default: curator.")
        parser.add_argument(
            "--role",
            choices=sorted(ROLES),
            help=(
                "editor: adds and edits entries; publisher: also publishes and moderates. "
                "Without it, a superuser."
            ),
        )

    def handle(self, *args, username, role=None, **options):
        user_model = get_user_model()
        login_url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}{reverse('admin:index')}"
        if user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).exists():
            # Its password may have been changed since; never reset or show it.
            self.stdout.write(
                _(
                    "A user named %(username)s already exists; its password was not changed.\n"
                    "Sign in at %(url)s, or set a new password with:\n"
                    "  %(command)s"
                )
                % {"username": username, "url": login_url, "command": _changepassword(username)}
            )
            return
        password = secrets.token_urlsafe(12)
        if role is None:
            user_model._default_manager.create_superuser(
                **{user_model.USERNAME_FIELD: username}, password=password
            )
        else:
            with transaction.atomic():
                user = user_model._default_manager.create_user(
                    **{user_model.USERNAME_FIELD: username}, password=password
                )
                # Joining the role makes the user staff (resources/curation/roles.py).
                user.groups.add(Group.objects.get(name=ROLES[role]))
        self.stdout.write(
            self.style.SUCCESS(_("Created the curator account. Sign in to the admin:"))
            + "\n"
            + _(
                "  address:  %(url)s\n"
                "  username: %(username)s\n"
                "  password: %(password)s\n"
                "The password is shown only this once. Change it with:\n"
                "  %(command)s"
            )
            % {
                "url": login_url,
                "username": username,
                "password": password,
                "command": _changepassword(username),
            }
        )
        if settings.REQUIRE_TWO_FACTOR:
            self.stdout.write(
                _(
                    "On first sign-in you set up two-factor sign-in: have a phone with an "
                    "authenticator app ready to scan the code shown, then keep the recovery codes "
                    "you are shown once."
                )
            )


def _changepassword(username):
    """The changepassword command as it can be typed here: this interpreter, which is the
    virtualenv's under `make run` (a bare `python` is often another one, without Django)."""
    return shlex.join(
        [
            _as_typed(sys.executable),
            _as_typed(settings.BASE_DIR / "manage.py"),
            "changepassword",
            username,
        ]
    )


def _as_typed(path):
    path = Path(path)
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)
