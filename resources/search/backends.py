"""One search backend per kind of database, each rendering a ParsedQuery its own way."""

import difflib
import re
from functools import reduce
from operator import and_, or_

from django.db import connections
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL

from resources.search.index import FTS_TABLE, PG_CONFIG

# Marks around matched words in snippets; private-use characters, which queries never contain.
MARK_START = "\ue000"
MARK_END = "\ue001"
WORD = re.compile(r"\w[\w'-]*\w|\w", re.UNICODE)
SPELLING_MIN_LENGTH = 4


def _lexicon(queryset):
    words = set()
    for text in queryset.values_list("search_text", flat=True):
        words.update(word.lower() for word in WORD.findall(text))
    return words


class FallbackBackend:
    """Every word must appear somewhere in the service's text; works on any database."""

    name = "fallback"

    def _term_q(self, term):
        if term.is_phrase:
            return Q(search_text__icontains=term.text)
        return reduce(and_, (Q(search_text__icontains=word) for word in term.words))

    def matching(self, queryset, parsed):
        for clause in parsed.clauses:
            queryset = queryset.filter(reduce(or_, (self._term_q(t) for t in clause.all_terms)))
        for term in parsed.excluded:
            queryset = queryset.exclude(self._term_q(term))
        return queryset

    def ranked(self, queryset, parsed):
        name_matches = [
            When(Q(name__icontains=term.text), then=Value(1.0))
            for clause in parsed.clauses
            for term in clause.all_terms
        ]
        return queryset.annotate(
            search_rank=Case(*name_matches, default=Value(0.5), output_field=FloatField())
        )

    def with_snippets(self, queryset, parsed):
        return queryset

    def closest_word(self, word, queryset):
        lexicon = _lexicon(queryset)
        if word in lexicon:
            return None
        matches = difflib.get_close_matches(word, lexicon, n=1, cutoff=0.75)
        return matches[0] if matches else None


class FTS5Backend(FallbackBackend):
    """SQLite's FTS5 with the Porter stemmer, ranked by bm25 with the name weighted highest."""

    name = "fts5"
    RANK = f"bm25({FTS_TABLE}, 0.0, 10.0, 4.0, 1.0, 1.0)"

    @staticmethod
    def _quote(text):
        return '"' + text.replace('"', '""') + '"'

    def _term(self, term):
        if term.is_phrase:
            return self._quote(term.text)
        return "(" + " AND ".join(self._quote(word) for word in term.words) + ")"

    def match_expression(self, parsed):
        positive = [
            "(" + " OR ".join(self._term(term) for term in clause.all_terms) + ")"
            for clause in parsed.clauses
        ]
        negative = [self._term(term) for term in parsed.excluded]
        return " AND ".join(positive), " OR ".join(negative)

    def _matching_ids(self, expression):
        return RawSQL(
            f"SELECT service_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expression]
        )

    def matching(self, queryset, parsed):
        positive, negative = self.match_expression(parsed)
        if negative:
            queryset = queryset.exclude(pk__in=self._matching_ids(negative))
        if positive:
            queryset = queryset.filter(pk__in=self._matching_ids(positive))
        return queryset

    def ranked(self, queryset, parsed):
        positive, _negative = self.match_expression(parsed)
        if not positive:
            return queryset.annotate(search_rank=Value(0.5, output_field=FloatField()))
        table = queryset.model._meta.db_table
        rank = RawSQL(
            f"SELECT -{self.RANK} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f'AND {FTS_TABLE}.service_id = "{table}"."id"',
            [positive],
            output_field=FloatField(),
        )
        return queryset.annotate(search_rank=rank)

    def with_snippets(self, queryset, parsed):
        positive, _negative = self.match_expression(parsed)
        if not positive:
            return queryset
        table = queryset.model._meta.db_table
        snippet = RawSQL(
            f"SELECT snippet({FTS_TABLE}, 3, %s, %s, ' … ', 24) FROM {FTS_TABLE} "
            f'WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.service_id = "{table}"."id"',
            [MARK_START, MARK_END, positive],
        )
        return queryset.annotate(search_snippet=snippet)


class PostgresBackend:
    """PostgreSQL full text on the stored, weighted vector; pg_trgm for spelling help."""

    name = "postgresql"

    def _search_query(self, term):
        from django.contrib.postgres.search import SearchQuery

        return SearchQuery(
            term.text, search_type="phrase" if term.is_phrase else "plain", config=PG_CONFIG
        )

    def to_query(self, parsed):
        parts = [
            reduce(or_, (self._search_query(term) for term in clause.all_terms))
            for clause in parsed.clauses
        ]
        parts += [~self._search_query(term) for term in parsed.excluded]
        return reduce(and_, parts)

    def matching(self, queryset, parsed):
        return queryset.filter(search_vector=self.to_query(parsed))

    def ranked(self, queryset, parsed):
        from django.contrib.postgres.search import SearchRank

        return queryset.annotate(search_rank=SearchRank(F("search_vector"), self.to_query(parsed)))

    def with_snippets(self, queryset, parsed):
        from django.contrib.postgres.search import SearchHeadline

        if not parsed.clauses:
            return queryset
        return queryset.annotate(
            search_snippet=SearchHeadline(
                "description",
                self.to_query(parsed),
                config=PG_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )

    def closest_word(self, word, queryset):
        # ts_stat takes the text of a query: Django's own SQL for the services searched, with
        # its parameters bound by psycopg. The visitor's word only ever travels as a parameter.
        # It runs where the queryset would (a read replica for a visitor's search).
        connection = connections[queryset.db]
        texts_sql = connection.ops.compose_sql(
            *queryset.values("search_text").query.sql_with_params()
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM ts_stat(%s) "
                "WHERE word = %s OR similarity(word, %s) > 0.3 "
                "ORDER BY word = %s DESC, similarity(word, %s) DESC, nentry DESC LIMIT 1",
                [
                    f"SELECT to_tsvector('simple', search_text) FROM ({texts_sql}) AS texts",
                    word,
                    word,
                    word,
                    word,
                ],
            )
            row = cursor.fetchone()
        if row is None or row[0] == word:
            return None
        return row[0]


def backend_for(using=None):
    from resources.search.index import backend_name

    return {"postgresql": PostgresBackend, "fts5": FTS5Backend, "fallback": FallbackBackend}[
        backend_name(using)
    ]()
