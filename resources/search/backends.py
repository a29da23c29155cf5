"""One search backend per kind of database, each rendering a ParsedQuery its own way.

A backend made with `spanish=True` (for Spanish pages) lets each clause of the query match the
English document or the Spanish one (resources.search.index), so that English words and a mix
of both keep working there; ranking adds the two documents' ranks. English pages search the
English document alone, exactly as before Spanish search.
"""

import difflib
import math
from functools import reduce
from operator import and_, or_

from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Length

from resources.search.index import FTS_TABLE, FTS_TABLE_ES, PG_CONFIG, backend_name
from resources.search.spanish import PG_CONFIG_ES, query_forms, stem

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


def _headline(field, query, config):
    """`field`'s matched words in up to two fragments, marked for the card's snippet."""
    from django.contrib.postgres.search import SearchHeadline

    return SearchHeadline(
        field,
        query,
        config=config,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        max_words=30,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


class FallbackBackend:
    """Every word must appear somewhere in the service's text; works on any database."""

    name = "fallback"

    def __init__(self, spanish=False):
        # The fallback's text holds both languages' words already.
        self.spanish = spanish

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

    def _matching_ids(self, expression, table=FTS_TABLE):
        return RawSQL(f"SELECT service_id FROM {table} WHERE {table} MATCH %s", [expression])

    def _term_es(self, term):
        """The Spanish table's words are stems: each word of the term as its stem, or the stem
        of the word without accents."""
        if term.is_phrase:
            return " OR ".join(
                self._quote(" ".join(stem(word) for word in form.split()))
                for form in query_forms(term.text)
            )
        words = [
            " OR ".join(self._quote(stemmed) for stemmed in dict.fromkeys(map(stem, forms)))
            for forms in map(query_forms, term.words)
        ]
        return "(" + " AND ".join(f"({word})" for word in words) + ")"

    def _clause(self, clause, spanish=False):
        render = self._term_es if spanish else self._term
        return "(" + " OR ".join(render(term) for term in clause.all_terms) + ")"

    def _matching_in_either(self, queryset, parsed):
        for clause in parsed.clauses:
            queryset = queryset.filter(
                Q(pk__in=self._matching_ids(self._clause(clause)))
                | Q(pk__in=self._matching_ids(self._clause(clause, True), FTS_TABLE_ES))
            )
        if parsed.excluded:
            english = " OR ".join(self._term(term) for term in parsed.excluded)
            spanish = " OR ".join(self._term_es(term) for term in parsed.excluded)
            queryset = queryset.exclude(pk__in=self._matching_ids(english)).exclude(
                pk__in=self._matching_ids(spanish, FTS_TABLE_ES)
            )
        return queryset

    def matching(self, queryset, parsed):
        if self.spanish:
            return self._matching_in_either(queryset, parsed)
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
        if self.spanish:
            return queryset.annotate(search_rank=self._rank_in_either(queryset, parsed))
        rank = self._for_each_service(queryset, f"-{self.RANK}", [], positive)
        return queryset.annotate(search_rank=RawSQL(*rank, output_field=FloatField()))

    def _rank_in_either(self, queryset, parsed):
        """Each table's bm25 for the words of any clause (a service may match one clause in
        English and another in Spanish), added up."""
        ranks = []
        for table, spanish in ((FTS_TABLE, False), (FTS_TABLE_ES, True)):
            any_clause = " OR ".join(self._clause(clause, spanish) for clause in parsed.clauses)
            rank = self._for_each_service(
                queryset, f"-{self.RANK.replace(FTS_TABLE, table)}", [], any_clause, table
            )
            ranks.append(Coalesce(RawSQL(*rank, output_field=FloatField()), Value(0.0)))
        return ranks[0] + ranks[1]

    @staticmethod
    def _for_each_service(queryset, expression, params, match, fts_table=FTS_TABLE):
        """SQL and parameters of `expression` (of the FTS match) for the outer query's service.

        The matches are read once, in a subquery that LIMIT -1 keeps SQLite from merging into
        the outer query, and looked up by service through the index SQLite builds for it. Asked
        for each service (`MATCH ... AND service_id = ...`), FTS5 went through every match for
        every service: 10 s for a word in 3,000 services of 10,000."""
        table = queryset.model._meta.db_table
        sql = (
            f"SELECT matched.value FROM (SELECT service_id, {expression} AS value "
            f"FROM {fts_table} WHERE {fts_table} MATCH %s LIMIT -1) AS matched "
            f'WHERE matched.service_id = "{table}"."id"'
        )
        return sql, [*params, match]

    def with_snippets(self, queryset, parsed):
        positive, _negative = self.match_expression(parsed)
        # The Spanish table holds stems, no text to show; and an English snippet on a Spanish
        # page would hide the Spanish description: the card shows the description instead.
        if not positive or self.spanish:
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

    def __init__(self, spanish=False):
        self.spanish = spanish

    def _search_query(self, term, spanish=False):
        from django.contrib.postgres.search import SearchQuery

        search_type = "phrase" if term.is_phrase else "plain"
        if not spanish:
            return SearchQuery(term.text, search_type=search_type, config=PG_CONFIG)
        # The Spanish document holds accented words without accents too (index.py).
        return reduce(
            or_,
            (
                SearchQuery(form, search_type=search_type, config=PG_CONFIG_ES)
                for form in query_forms(term.text)
            ),
        )

    def _clause_query(self, clause, spanish=False):
        return reduce(or_, (self._search_query(term, spanish) for term in clause.all_terms))

    def to_query(self, parsed, spanish=False):
        parts = [self._clause_query(clause, spanish) for clause in parsed.clauses]
        parts += [~self._search_query(term, spanish) for term in parsed.excluded]
        return reduce(and_, parts)

    def matching(self, queryset, parsed):
        if not self.spanish:
            return queryset.filter(search_vector=self.to_query(parsed))
        for clause in parsed.clauses:
            queryset = queryset.filter(
                Q(search_vector=self._clause_query(clause))
                | Q(search_vector_es=self._clause_query(clause, spanish=True))
            )
        for term in parsed.excluded:
            queryset = queryset.exclude(search_vector=self._search_query(term)).exclude(
                search_vector_es=self._search_query(term, spanish=True)
            )
        return queryset

    def ranked(self, queryset, parsed):
        from django.contrib.postgres.search import SearchRank, SearchVectorField

        rank = SearchRank(F("search_vector"), self.to_query(parsed))
        if self.spanish and parsed.clauses:
            no_words = RawSQL("''::tsvector", [], output_field=SearchVectorField())
            spanish_rank = SearchRank(
                Coalesce(F("search_vector_es"), no_words),
                self._any_clause_query(parsed),
            )
            rank = Coalesce(rank, Value(0.0)) + spanish_rank
        return queryset.annotate(search_rank=rank)

    def _any_clause_query(self, parsed):
        """The Spanish query of every clause and none excluded: a service may match some
        clauses in English and others in Spanish, and ranks by what it says in each."""
        return reduce(and_, (self._clause_query(c, spanish=True) for c in parsed.clauses))

    def with_snippets(self, queryset, parsed):
        if not parsed.clauses:
            return queryset
        if self.spanish:
            return self._with_spanish_snippets(queryset, parsed)
        return queryset.annotate(
            search_snippet=_headline("description", self.to_query(parsed), PG_CONFIG)
        )

    def _with_spanish_snippets(self, queryset, parsed):
        """The Spanish description's matched words, where it has one; elsewhere no snippet, so
        that the card shows the description as a Spanish page does (marked as English)."""
        headline = _headline("description_es", self._any_clause_query(parsed), PG_CONFIG_ES)
        return queryset.annotate(
            search_snippet=Case(When(~Q(description_es=""), then=headline), default=None)
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


def backend_for(using=None, spanish=False):
    return {"postgresql": PostgresBackend, "fts5": FTS5Backend, "fallback": FallbackBackend}[
        backend_name(using)
    ](spanish=spanish)
