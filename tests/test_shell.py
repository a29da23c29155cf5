"""`python manage.py shell` starts without noise about models it cannot import."""

from io import StringIO

from django.core.management import call_command


def test_shell_starts_without_complaining_about_history_models(db, capsys):
    messages = StringIO()

    call_command(
        "shell", command="print(Service.history.model.__name__)", stdout=messages, stderr=messages
    )

    assert "could not be automatically imported" not in messages.getvalue()
    assert "objects imported automatically" in messages.getvalue()
    assert capsys.readouterr().out.strip() == "HistoricalService"
