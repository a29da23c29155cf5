"""The starting search synonyms and crisis phrases get the ids every new database seeds them
with (uuid5 of the word), where 0005, 0013 and 0014 gave them random ones: a dump of this
database then loads into a freshly migrated one, its rows taking the place of the seeded rows
instead of colliding with them on the word.

Nothing refers to these rows by a foreign key; the admin's log refers to them by id as text,
and follows them.
"""

from django.db import migrations

from resources.migrations._frozen import (
    STARTING_CRISIS_PHRASES,
    STARTING_PHRASES,
    STARTING_SYNONYMS,
    crisis_phrase_id,
    synonym_id,
)


def give_seeded_rows_stable_ids(apps, schema_editor):
    SearchSynonym = apps.get_model("resources", "SearchSynonym")
    CrisisPhrase = apps.get_model("resources", "CrisisPhrase")
    seeded_words = {**STARTING_SYNONYMS, **STARTING_PHRASES}
    seeded_synonyms = {word: synonym_id(word) for word in seeded_words}
    seeded_phrases = {phrase.lower(): crisis_phrase_id(phrase) for phrase in STARTING_CRISIS_PHRASES}
    moves = {SearchSynonym: [], CrisisPhrase: []}
    for row_id, word in SearchSynonym.objects.values_list("id", "word"):
        if word in seeded_synonyms and row_id != seeded_synonyms[word]:
            moves[SearchSynonym].append((row_id, seeded_synonyms[word]))
    for row_id, phrase in CrisisPhrase.objects.values_list("id", "phrase"):
        stable = seeded_phrases.get(phrase.lower())
        if stable is not None and row_id != stable:
            moves[CrisisPhrase].append((row_id, stable))

    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("admin", "LogEntry")
    for model, pairs in moves.items():
        content_type = ContentType.objects.filter(
            app_label="resources", model=model._meta.model_name
        ).first()
        for old, new in pairs:
            model.objects.filter(id=old).update(id=new)
            if content_type is not None:
                LogEntry.objects.filter(content_type=content_type, object_id=str(old)).update(
                    object_id=str(new)
                )


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0026_history_change_sets"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Backwards the ids stay: they are as good as random ones.
    operations = [migrations.RunPython(give_seeded_rows_stable_ids, migrations.RunPython.noop)]
