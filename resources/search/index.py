"""The search index: one document per service, kept in step with the entries curators edit.

Each document has three parts weighted for ranking: the service's name; its organisation, kinds
of support, topics and audiences; and everything else a visitor might search for. PostgreSQL
keeps them as a weighted tsvector on the service row; SQLite as a row of an FTS5 table; every
backend also keeps the plain text (`search_text`), which the fallback and spelling help read.

The same parts in Spanish (the `_es` twins, and the vocabulary's names in Spanish) make a second
document, stemmed as Spanish: PostgreSQL's `spanish` configuration in `search_vector_es`, and on
SQLite a second FTS5 table of words stemmed here (resources.search.spanish), since FTS5 has no
Spanish stemmer of its own. Spanish pages search both documents.
"""

import json
import re
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import CharField, F, IntegerField, QuerySet, Value
from django.utils import timezone, translation

from resources import vocabulary
from resources.languages import language_name
from resources.operations.progress import report as report_progress
from resources.search.facet_cache import forget_counts
from resources.search.spanish import PG_CONFIG_ES, extra_words, stemmed_with_extras

PG_CONFIG = "english"
FTS_TABLE = "resources_service_fts"
FTS_TABLE_ES = "resources_service_fts_es"
BATCH_SIZE = 500
SECONDARY_FACETS = {vocabulary.SUPPORT, vocabulary.TOPIC, vocabulary.AUDIENCE}
WORD = re.compile(r"\w[\w'-]*\w|\w", re.UNICODE)
# Longer runs of letters are no words a visitor would misspell (codes, addresses).
LONGEST_WORD = 40


PARTS = ("name", "secondary", "summary", "body")
WEIGHTS = {"name": "A", "secondary": "B", "summary": "C", "body": "C"}


@dataclass(frozen=True)
class SearchDocument:
    name: str
    secondary: str
    summary: str
    body: str
    name_es: str = ""
    secondary_es: str = ""
    summary_es: str = ""
    body_es: str = ""
    # Only published services lend their words to spelling help (SearchWord).
    published: bool = False

    @property
    def text(self):
        """The plain text of both languages: spelling help knows the Spanish words too."""
        parts = (self.name, self.secondary, self.summary, self.body, *self.spanish_parts)
        return "\n".join(part for part in parts if part)

    @property
    def spanish_parts(self):
        return (self.name_es, self.secondary_es, self.summary_es, self.body_es)


def has_spanish_index(service_model):
    """Whether this (possibly historical) model has the Spanish document (migration 0031)."""
    return any(field.name == "search_vector_es" for field in service_model._meta.fields)


def _spanish_labels(names):
    """{English name: Spanish name} of vocabulary terms the catalogue translates."""
    with translation.override("es"):
        spanish = {name: translation.gettext(name) for name in names}
    return {name: label for name, label in spanish.items() if label != name}


def _join(*items):
    """A document's part, one item a line (a name and its alternate; each topic; each place):
    a quoted phrase does not run from one item into the next (`_phrase_bounded`; the fallback
    asks for the phrase within one line of `search_text`)."""
    return "\n".join(" ".join(item.split()) for item in items if item)


def documents_for(service_model, service_ids):
    """{service id: SearchDocument}, read as plain values in two queries however many services.

    Items come in the order of their names, not as the database happens to give them: a
    service's document is the same whenever it is built (after `loaddata`, on another server).

    Takes the model class so that migrations can pass their historical one.
    """
    from resources.models.services import ServiceStatus

    spanish = has_spanish_index(service_model)
    parts = {
        pk: {"secondary": [], "body": [], "secondary_es": [], "body_es": []} for pk in service_ids
    }
    english = [
        "name",
        "alternate_name",
        "description",
        "eligibility_description",
        "application_process",
        "fees_description",
        "organization__name",
        "organization__alternate_name",
    ]
    in_spanish = [
        "name_es",
        "description_es",
        "eligibility_description_es",
        "application_process_es",
        "fees_description_es",
        "organization__name_es",
        "organization__description_es",
    ]
    for pk, status, *values in service_model.objects.filter(pk__in=service_ids).values_list(
        "pk", "status", *english, *(in_spanish if spanish else [])
    ):
        name, alternate, description, eligibility, process, fees, org, org_alt = values[:8]
        part = parts[pk]
        part.update(
            name=_join(name, alternate),
            summary=_join(description),
            published=status == ServiceStatus.PUBLISHED,
        )
        part["secondary"] += [org, org_alt]
        part["body"] += [eligibility, process, fees]
        if spanish:
            name, description, eligibility, process, fees, org, org_description = values[8:]
            part.update(name_es=_join(name), summary_es=_join(description))
            part["secondary_es"].append(org)
            part["body_es"] += [eligibility, process, fees, org_description]
    rows = list(_parts_of(service_model, service_ids))
    terms = {term for _pk, what, _taxonomy, term, _ in rows if what == TERM}
    in_spanish = _spanish_labels(terms) if spanish else {}
    for pk, what, first, second, third in rows:
        part = parts[pk]
        if what == TERM:
            taxonomy, term = first, second
            kind = "secondary" if taxonomy in SECONDARY_FACETS else "body"
            part[kind].append(term)
            if term in in_spanish:
                part[f"{kind}_es"].append(in_spanish[term])
        elif what == LANGUAGE:
            with translation.override("en"):
                name_in_english = language_name(first)
            part["body"].append(name_in_english)
            if spanish:
                with translation.override("es"):
                    name_in_spanish = language_name(first)
                if name_in_spanish != name_in_english:
                    part["body_es"].append(name_in_spanish)
        elif what == AREA:
            part["body"].append(first)
        else:
            part["body"].append(_join(first, second, third))
    return {
        pk: SearchDocument(
            name=part["name"],
            secondary=_join(*part["secondary"]),
            summary=part["summary"],
            body=_join(*part["body"]),
            name_es=part.get("name_es", ""),
            secondary_es=_join(*part["secondary_es"]),
            summary_es=part.get("summary_es", ""),
            body_es=_join(*part["body_es"]),
            published=part["published"],
        )
        for pk, part in parts.items()
        if "name" in part
    }


# What a row of _parts_of is, in the order a document lists them.
TERM, LANGUAGE, AREA, PLACE = range(4)


def _parts_of(service_model, service_ids):
    """(service id, what, three values) for the terms, languages, service areas and places of
    the services, in one query: each kind in the order the document lists it (terms by
    taxonomy and name, languages by code, areas by name, places by name, city and region)."""
    get_model = service_model._meta.apps.get_model
    text = CharField()

    def rows(queryset, what, *values):
        columns = {
            f"value_{number}": F(value) if value else Value("", output_field=text)
            for number, value in enumerate(values)
        }
        return (
            queryset.filter(service_id__in=service_ids)
            .annotate(what=Value(what, output_field=IntegerField()), **columns)
            .values_list("service_id", "what", *columns)
            .order_by()
        )

    parts = rows(
        service_model.terms.through.objects,
        TERM,
        "taxonomyterm__taxonomy__name",
        "taxonomyterm__name",
        "",
    ).union(
        rows(get_model("resources", "Language").objects, LANGUAGE, "code", "", ""),
        rows(get_model("resources", "ServiceArea").objects, AREA, "name", "", ""),
        rows(
            get_model("resources", "ServiceAtLocation").objects,
            PLACE,
            "location__name",
            "location__city",
            "location__region",
        ),
        all=True,
    )
    return parts.order_by("what", "value_0", "value_1", "value_2")


def fts5_table_exists(using=None, table=FTS_TABLE):
    using = using or connection
    if using.vendor != "sqlite":
        return False
    with using.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [table])
        return cursor.fetchone() is not None


def _pg_vector(config, alias, parts):
    return " || ".join(
        f"setweight(to_tsvector('{config}', {alias}.{part}), '{WEIGHTS[name]}')"
        for name, part in parts
    )


def _phrase_bounded(text):
    """A part's text for PostgreSQL's to_tsvector: `a` before each of its items. The English and
    the Spanish configurations both drop it as a stop word but count its place, so a phrase
    cannot match across it; without it, `||` puts a part's first word right after the previous
    part's last (`"support peer"` found "Emotional support" followed by "Peer support for...")."""
    return " ".join(f"a {item}" for item in text.split("\n"))


def _with_extra_words(text):
    """Spanish text for PostgreSQL: as written, then its accented words without accents."""
    extra = extra_words(text)
    return f"{text}\n{extra}" if extra else text


def backend_name(using=None):
    using = using or connection
    if using.vendor == "postgresql":
        return "postgresql"
    # Probed once per connection: the FTS5 table is made by a migration and never goes away.
    if not getattr(using, "supportdir_has_fts5", False):
        using.supportdir_has_fts5 = fts5_table_exists(using)
    return "fts5" if using.supportdir_has_fts5 else "fallback"


def _store(service_model, service_ids, backend):
    """Write the documents of a batch of services in one statement (and one FTS5 rewrite);
    returns them, as [(service id, SearchDocument)]."""
    documents = list(documents_for(service_model, service_ids).items())
    if not documents:
        return documents
    table = service_model._meta.db_table
    spanish = has_spanish_index(service_model)
    with connection.cursor() as cursor:
        if backend == "postgresql":
            # UPDATE ... FROM VALUES: one pass, where bulk_update's CASE grows with the batch.
            columns = ["text", *PARTS]
            english_parts = [(part, part) for part in PARTS]
            vectors = f"search_vector = {_pg_vector(PG_CONFIG, 'v', english_parts)}"
            if spanish:
                columns += [f"{part}_es" for part in PARTS]
                spanish_parts = [(part, f"{part}_es") for part in PARTS]
                vectors += f", search_vector_es = {_pg_vector(PG_CONFIG_ES, 'v', spanish_parts)}"
            row = "(" + ", ".join(["%s::uuid"] + ["%s"] * len(columns)) + ")"
            params = []
            for pk, document in documents:
                params += [pk, document.text]
                params += [_phrase_bounded(getattr(document, part)) for part in PARTS]
                if spanish:
                    params += [
                        _phrase_bounded(_with_extra_words(part)) for part in document.spanish_parts
                    ]
            cursor.execute(
                f"UPDATE {table} AS s SET search_text = v.text, {vectors} "
                f"FROM (VALUES {', '.join([row] * len(documents))}) "
                f"AS v(id, {', '.join(columns)}) WHERE s.id = v.id",
                params,
            )
            return documents
        cursor.executemany(
            f"UPDATE {table} SET search_text = %s WHERE id = %s",
            [(document.text, pk.hex) for pk, document in documents],
        )
        if backend == "fts5":
            ids = [pk.hex for pk, _document in documents]
            placeholders = ", ".join(["%s"] * len(ids))
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE service_id IN ({placeholders})", ids)
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (service_id, name, secondary, summary, body) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    (pk.hex, document.name, document.secondary, document.summary, document.body)
                    for pk, document in documents
                ],
            )
            if spanish and fts5_table_exists(table=FTS_TABLE_ES):
                _store_fts5_spanish(cursor, documents, placeholders, ids)
    return documents


def _store_fts5_spanish(cursor, documents, placeholders, ids):
    cursor.execute(f"DELETE FROM {FTS_TABLE_ES} WHERE service_id IN ({placeholders})", ids)
    cursor.executemany(
        f"INSERT INTO {FTS_TABLE_ES} (service_id, name, secondary, summary, body) "
        "VALUES (%s, %s, %s, %s, %s)",
        [
            (pk.hex, *(stemmed_with_extras(part) for part in document.spanish_parts))
            for pk, document in documents
            if any(document.spanish_parts)
        ],
    )


def refresh_search_index(service_ids=None, service_model=None, progress=None):
    """Rebuild the documents of the given services (all when None), a batch at a time, and the
    words spelling help knows: all of them anew, or the new words of these services.
    `progress` (see resources.operations.progress) hears of the services done."""
    if service_model is None:
        from resources.models import Service

        service_model = Service
    if service_ids is None:
        ids = list(service_model.objects.order_by("pk").values_list("pk", flat=True))
    else:
        # As the database gives them back (documents are keyed by them); ids of services
        # deleted meanwhile find no document, and are left out.
        to_python = service_model._meta.pk.to_python
        ids = sorted({to_python(pk) for pk in service_ids if pk is not None})
        if not ids:
            return 0
    backend = backend_name()
    # Bulk writers (imports, loaders) send no signals: their refresh is what tells the counts.
    forget_counts()
    stored = 0
    for start in range(0, len(ids), BATCH_SIZE):
        report_progress(progress, "services", start, len(ids))
        documents = _store(service_model, ids[start : start + BATCH_SIZE], backend)
        stored += len(documents)
        if service_ids is not None:
            _add_words(service_model, [doc.text for _pk, doc in documents if doc.published])
    report_progress(progress, "services", len(ids), len(ids))
    if service_ids is None:
        report_progress(progress, "search words", 0)
        rebuild_search_words(service_model)
    # Again once the words are in: a search kept meanwhile knew only the old ones.
    forget_counts()
    return stored


def _words_of(texts):
    """{word: how many of `texts` use it}, in lower case."""
    counts = Counter()
    for text in texts:
        counts.update({word for word in WORD.findall(text.lower()) if len(word) <= LONGEST_WORD})
    return counts


def _search_word_model(service_model):
    try:
        return service_model._meta.apps.get_model("resources", "SearchWord")
    except LookupError:  # a migration from before the table (0005 builds the first index)
        return None


def _add_words(service_model, texts):
    """Add the words of `texts` (published services' documents) that spelling help lacks."""
    search_word = _search_word_model(service_model)
    if search_word is None:
        return
    counts = _words_of(texts)
    if connection.vendor == "postgresql" and counts:
        # One JSON text, taken apart by PostgreSQL: a bulk insert's model instances and the
        # driver's adapting of each word took most of an import's refresh (issue 11).
        meta = search_word._meta
        quote = connection.ops.quote_name
        word, count = (quote(meta.get_field(name).column) for name in ("word", "service_count"))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({word}, {count}) "
                "SELECT pair ->> 0, CAST(pair ->> 1 AS integer) "
                "FROM json_array_elements(CAST(%s AS json)) AS pair ON CONFLICT DO NOTHING",
                [json.dumps(list(counts.items()))],
            )
        return
    search_word.objects.bulk_create(
        [search_word(word=word, service_count=count) for word, count in counts.items()],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )


def rebuild_search_words(service_model=None, search_word=None):
    """Count the words of every published service's document anew. A migration passes both
    its models: a historical model may belong to a state rendered before the other existed."""
    if service_model is None:
        from resources.models import Service

        service_model = Service
    search_word = search_word or _search_word_model(service_model)
    if search_word is None:
        return
    from resources.models.services import ServiceStatus

    texts = (
        service_model.objects.filter(status=ServiceStatus.PUBLISHED)
        .values_list("search_text", flat=True)
        .order_by()
        .iterator(chunk_size=2000)
    )
    counts = _words_of(texts)
    with transaction.atomic():
        search_word.objects.all().delete()
        search_word.objects.bulk_create(
            [search_word(word=word, service_count=count) for word, count in counts.items()],
            batch_size=BATCH_SIZE,
        )


# A change reaching more services than this (a term used by thousands renamed) does not
# rebuild them in the curator's request: they are queued in its transaction, for
# `manage.py rebuild_search_index --pending` (from cron) to rebuild in batches soon after.
REFRESH_IN_REQUEST = 200

_deferred = threading.local()


class _Refresh:
    """The services a piece of work changed, refreshed once when it is done: at the commit of
    its transaction (transaction.on_commit), or at the end of indexing_deferred()."""

    def __init__(self):
        self.service_ids = set()
        self.ran = False

    def add(self, service_ids):
        if isinstance(service_ids, QuerySet):
            first = set(service_ids.order_by()[: REFRESH_IN_REQUEST + 1])
            if len(first) > REFRESH_IN_REQUEST:
                queue_refresh(service_ids)
                return
            service_ids = first
        self.service_ids.update(pk for pk in service_ids if pk is not None)
        if len(self.service_ids) > REFRESH_IN_REQUEST:
            queue_refresh(self.service_ids)
            self.service_ids = set()

    def __call__(self):
        self.ran = True
        if self.service_ids:
            refresh_search_index(self.service_ids)


@contextmanager
def indexing_deferred():
    """Collect index refreshes during a bulk write and do each service once at the end: at the
    commit of the transaction the block runs in, or when it ends outside one."""
    if getattr(_deferred, "refresh", None) is not None:
        yield
        return
    _deferred.refresh = _Refresh()
    try:
        yield
        collected = _deferred.refresh
    finally:
        _deferred.refresh = None
    _after_commit(collected)


def schedule_refresh(service_ids):
    """Refresh these services' documents once the current transaction commits, each once
    however often it is asked; right away outside a transaction; never if it rolls back.

    `service_ids` may be a queryset of ids (`values_list(..., flat=True)`): one reaching more
    than REFRESH_IN_REQUEST services is queued in one statement, without reading them.
    """
    refresh = getattr(_deferred, "refresh", None)
    if refresh is not None:
        refresh.add(service_ids)
        return
    refresh = _Refresh()
    refresh.add(service_ids)
    _after_commit(refresh)


def _after_commit(refresh):
    if not refresh.service_ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        refresh()
        return
    waiting = _waiting_refresh(connection)
    if waiting is None:
        waiting = _Refresh()
        transaction.on_commit(waiting)
    waiting.add(refresh.service_ids)


def _waiting_refresh(connection):
    """The refresh registered at the current savepoint of this transaction, not yet run.

    One per savepoint, not one per transaction: Django drops the callbacks registered in a
    savepoint when it is rolled back, and with them the services whose changes were undone.
    Atomic blocks without a savepoint (None: Django's own, around m2m changes) are no level of
    their own: rolling one back rolls back the block around it.
    """
    savepoints = _savepoints(connection.savepoint_ids)
    for registered_in, callback, _robust in connection.run_on_commit:
        if (
            isinstance(callback, _Refresh)
            and not callback.ran
            and _savepoints(registered_in) == savepoints
        ):
            return callback
    return None


def _savepoints(ids):
    return {sid for sid in ids if sid is not None}


def queue_refresh(service_ids):
    """Queue services for refresh_pending(): ids, or a queryset of ids, queued in one
    INSERT ... SELECT however many it reaches."""
    from resources.models import PendingSearchRefresh

    if not isinstance(service_ids, QuerySet):
        PendingSearchRefresh.objects.bulk_create(
            [PendingSearchRefresh(service_id=pk) for pk in service_ids], batch_size=BATCH_SIZE
        )
        return
    select, params = service_ids.order_by().query.sql_with_params()
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    table = connection.ops.quote_name(PendingSearchRefresh._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (service_id, queued_at) SELECT ids.*, %s FROM ({select}) AS ids",
            [now, *params],
        )


def refresh_pending(limit=None):
    """Refresh the queued services, first queued first, a batch per transaction; about `limit`
    of them (all when None). Returns how many it took from the queue."""
    from resources.models import PendingSearchRefresh

    done = 0
    while limit is None or done < limit:
        size = BATCH_SIZE if limit is None else min(BATCH_SIZE, limit - done)
        with transaction.atomic():
            # Another process working through the queue takes other rows.
            marks = list(
                PendingSearchRefresh.objects.select_for_update(skip_locked=True)
                .order_by("pk")
                .values_list("pk", "service_id")[:size]
            )
            if not marks:
                break
            # A change committed while these documents are built has queued its services
            # again, in rows of its own: only the rows taken here go.
            PendingSearchRefresh.objects.filter(pk__in=[pk for pk, _service in marks]).delete()
            service_ids = {service_id for _pk, service_id in marks}
            refresh_search_index(service_ids)
        done += len(service_ids)
    return done


def remove_from_index(service_id):
    for table in (FTS_TABLE, FTS_TABLE_ES):
        if fts5_table_exists(table=table):
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE service_id = %s", [service_id.hex])
