"""Which interface languages the site offers (issue 17): read by the settings, so no Django."""


def offered_languages(candidates, locale_dir, source_language):
    """The (code, name) `candidates` whose interface is translated: the source language always,
    any other only once its compiled catalogue, <locale_dir>/<code>/LC_MESSAGES/django.mo, is
    there. A language whose catalogue is absent is never offered, so LocaleMiddleware never
    labels an English page with it (lang="es", Content-Language: es over English text)."""
    return [
        (code, name)
        for code, name in candidates
        if code == source_language or (locale_dir / code / "LC_MESSAGES" / "django.mo").is_file()
    ]
