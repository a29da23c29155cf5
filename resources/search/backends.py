"""One search backend per kind of database, each rendering a ParsedQuery its own way."""

import difflib
import math
from functools import reduce
from operator import and_, or_

from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from resources.search.index import FTS_TABLE, PG_CONFIG

# Marks around matched words in snippets; private-use characters, which queries never contain.
MARK_START = "\ue000"
MARK_END = "\ue001"
SPELLING_MIN_LENGTH = 4
# difflib's ratio of two words is at most 2 * shorter / (shorter + longer): at the cutoff below,
# the shorter is at least this share of the longer, so words further in length are not read.
SPELLING_CUTOFF = 0.75
LENGTH_SHARE = SPELLING_CUTOFF / (2 - SPELLING_CUTOFF)


def _search_words(queryset):
    """The words of the index (resources.models.SearchWord), read where `queryset` would be."""
    from resources.models import SearchWord

    return SearchWord.objects.using(queryset.db)


def _with_two_letters_swapped(word):
    """The words made by swapping two neighbouring letters of `word`: the commonest slip
    (`greif`), and one trigrams miss, since it breaks most of the word's letter triples."""
    return {
        word[:index] + word[index + 1] + word[index] + word[index + 2 :]
        for index in range(len(word) - 1)
    } - {word}


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
        shortest, longest = math.ceil(len(word) * LENGTH_SHARE), int(len(word) / LENGTH_SHARE)
        candidates = list(
            _search_words(queryset)
            .annotate(length=Length("word"))
            .filter(length__range=(shortest, longest))
            .values_list("word", flat=True)
        )
        if word in candidates:
            return None
        matches = difflib.get_close_matches(word, candidates, n=1, cutoff=SPELLING_CUTOFF)
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
        rank = self._for_each_service(queryset, f"-{self.RANK}", [], positive)
        return queryset.annotate(search_rank=RawSQL(*rank, output_field=FloatField()))

    @staticmethod
    def _for_each_service(queryset, expression, params, match):
        """SQL and parameters of `expression` (of the FTS match) for the outer query's service.

        The matches are read once, in a subquery that LIMIT -1 keeps SQLite from merging into
        the outer query, and looked up by service through the index SQLite builds for it. Asked
        for each service (`MATCH ... AND service_id = ...`), FTS5 went through every match for
        every service: 10 s for a word in 3,000 services of 10,000."""
        table = queryset.model._meta.db_table
        sql = (
            f"SELECT matched.value FROM (SELECT service_id, {expression} AS value "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT -1) AS matched "
            f'WHERE matched.service_id = "{table}"."id"'
        )
        return sql, [*params, match]

    def with_snippets(self, queryset, parsed):
        positive, _negative = self.match_expression(parsed)
        if not positive:
            return queryset
        snippet = self._for_each_service(
            queryset,
            f"snippet({FTS_TABLE}, 3, %s, %s, ' … ', 24)",
            [MARK_START, MARK_END],
            positive,
        )
        return queryset.annotate(search_snippet=RawSQL(*snippet))


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
        # `%` (trigram_similar) finds the candidates through the trigram index; the word itself,
        # when known, comes first and means there is nothing to correct.
        from django.contrib.postgres.search import TrigramSimilarity

        closest = (
            _search_words(queryset)
            .filter(word__trigram_similar=word)
            .annotate(
                exact=Case(When(word=word, then=Value(1)), default=Value(0)),
                similarity=TrigramSimilarity("word", word),
            )
            .order_by("-exact", "-similarity", "-service_count")
            .values_list("word", flat=True)
            .first()
        )
        if closest is None:
            closest = (
                _search_words(queryset)
                .filter(word__in=_with_two_letters_swapped(word))
                .order_by("-service_count")
                .values_list("word", flat=True)
                .first()
            )
        if closest is None or closest == word:
            return None
        return closest


def backend_for(using=None):
    from resources.search.index import backend_name

    return {"postgresql": PostgresBackend, "fts5": FTS5Backend, "fallback": FallbackBackend}[
        backend_name(using)
    ]()
