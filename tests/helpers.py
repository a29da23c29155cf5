"""Small helpers several test modules share."""

from io import StringIO

from django.core.management import call_command


def command_output(name, *args):
    """What `manage.py name args` prints on its standard output."""
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()
