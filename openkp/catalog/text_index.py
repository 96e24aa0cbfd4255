"""The inverted index behind text searches: SQLite FTS5 or a PostgreSQL GIN index (migration ``catalog.0004``).

``Service.search_text`` and ``search_name`` hold space-delimited normalised forms (see text.py). The
index keeps exactly those space-delimited tokens, so that a query term answers what the ``LIKE``
condition of ``selectors.text_condition`` answers, without scanning:

- an exact term ``dum`` (``LIKE '% dum %'``) is the token ``dum``;
- a prefix term ``senior`` (``LIKE '% senior%'``) is any token starting with ``senior``.

SQLite: the FTS5 table ``catalog_service_fts`` (external content, rowid = service id, kept current by
triggers) uses the ``ascii`` tokenizer with every ASCII punctuation character as a token character, so
tokens end only at spaces, and ASCII letters fold case as SQLite's ``LIKE`` does. PostgreSQL: a GIN
index on ``catalog_search_tokens(column)``, a tsvector made of the column's tokens taken verbatim
(``array_to_tsvector``, no parser, no dictionary; case-sensitive like PostgreSQL's ``LIKE``), each
token cut to ``MAX_TOKEN_LENGTH`` characters because a lexeme must stay under 2 kB.

A query whose terms the index cannot answer exactly (a term with a space or a control character, or
one as long as a cut token) returns ``None``; the caller then uses the ``LIKE`` condition.
"""

import sqlite3
import string
from functools import cache

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, Value
from django.db.models.expressions import RawSQL

from . import text

FTS_TABLE = "catalog_service_fts"
FTS_COLUMNS = ("search_text", "search_name")
TOKEN_FUNCTION = "catalog_search_tokens"
MAX_TOKEN_LENGTH = 500  # characters; 4 bytes at most each, under PostgreSQL's 2,047-byte lexeme limit
# Token characters of the FTS5 tokenizer besides ASCII letters and digits (non-ASCII ones are token characters anyway).
FTS_TOKENCHARS = string.punctuation


@cache
def sqlite_has_fts5():
    """Whether this process's SQLite library has FTS5 (without it the migration creates no index)."""
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
    except sqlite3.Error:
        return False
    return True


def available(vendor=None):
    """Whether the default database has the inverted index."""
    vendor = vendor or connection.vendor
    return vendor == "postgresql" or (vendor == "sqlite" and sqlite_has_fts5())


def _indexable(form):
    return 0 < len(form) < MAX_TOKEN_LENGTH and all(32 < ord(char) != 127 for char in form)


def fts5_expression(terms, column):
    """An FTS5 query: every word (AND) by one of its alternatives (OR), within ``column``."""
    words = []
    for alternatives in terms:
        phrases = ['"' + form.replace('"', '""') + '"' + ("*" if is_prefix else "") for form, is_prefix in alternatives]
        words.append("(" + " OR ".join(phrases) + ")")
    return f"{column} : ({' AND '.join(words)})"


def tsquery_expression(terms):
    """A tsquery literal (cast with ``::tsquery``, which takes lexemes verbatim): ``('senior':* | 'seniori') & 'dum'``."""
    words = []
    for alternatives in terms:
        lexemes = ["'" + form.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if is_prefix else "")
                   for form, is_prefix in alternatives]
        words.append("(" + " | ".join(lexemes) + ")")
    return " & ".join(words)


class TokensMatch(Func):
    """PostgreSQL: ``catalog_search_tokens(column) @@ '<tsquery>'::tsquery``, answered by the GIN index."""

    function = TOKEN_FUNCTION
    output_field = BooleanField()
    conditional = True

    def __init__(self, field_name, tsquery):
        super().__init__(F(field_name), Value(tsquery))

    def as_sql(self, compiler, connection, **extra_context):
        column, tsquery = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        return f"{TOKEN_FUNCTION}({column_sql}) @@ %s::tsquery", (*column_params, tsquery.value)


def _fts5_alternatives(alternatives):
    return " OR ".join('"' + form.replace('"', '""') + '"' + ("*" if is_prefix else "") for form, is_prefix in alternatives)


def _tsquery_alternatives(alternatives):
    return " | ".join("'" + form.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if is_prefix else "")
                      for form, is_prefix in alternatives)


def word_fts5(word, column, *, exact=False):
    """An FTS5 query for one ``text.QueryWord`` within ``column``: its own forms or all words of one of its synonym
    phrases. ``exact``: only its whole-word forms (no prefixes, no synonyms)."""
    if exact:
        return f"{column} : ({_fts5_alternatives([(form, False) for form, is_prefix in word.alternatives if not is_prefix])})"
    parts = [f"({_fts5_alternatives(word.alternatives)})"]
    parts += ["(" + " AND ".join(f"({_fts5_alternatives(alternatives)})" for alternatives in phrase) + ")" for phrase in word.phrases]
    return f"{column} : ({' OR '.join(parts)})"


def word_tsquery(word, *, exact=False):
    """The tsquery of one ``text.QueryWord`` (see ``word_fts5``)."""
    if exact:
        return "(" + _tsquery_alternatives([(form, False) for form, is_prefix in word.alternatives if not is_prefix]) + ")"
    parts = [f"({_tsquery_alternatives(word.alternatives)})"]
    parts += ["(" + " & ".join(f"({_tsquery_alternatives(alternatives)})" for alternatives in phrase) + ")" for phrase in word.phrases]
    return "(" + " | ".join(parts) + ")"


def _word_forms(word):
    yield from (form for form, _prefix in word.alternatives)
    for phrase in word.phrases:
        for alternatives in phrase:
            yield from (form for form, _prefix in alternatives)


def can_answer(parsed, vendor=None):
    """Whether the index answers every word of a ``text.ParsedQuery`` exactly."""
    return available(vendor) and all(_indexable(form) for word in parsed.words for form in _word_forms(word))


def word_condition(word, field_name="search_text", *, vendor=None):
    """The index condition of one QueryWord on ``field_name`` (call only when ``can_answer``)."""
    vendor = vendor or connection.vendor
    if vendor == "sqlite":
        return Q(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", (word_fts5(word, field_name),)))
    return Q(pk__in=RawSQL(f"SELECT id FROM catalog_service WHERE {TOKEN_FUNCTION}({field_name}) @@ %s::tsquery",
                           (word_tsquery(word),)))


# What matched in a row of ``word_matches``.
IN_TEXT, IN_NAME, WHOLE_IN_NAME = 0, 1, 2


def word_matches(parsed):
    """(id, word number, IN_TEXT / IN_NAME / WHOLE_IN_NAME) for every word of a ``text.ParsedQuery`` and every
    service whose text (whose name; whose name by a whole word) matches it, read from the index alone in one
    query (any area, public or not: the caller keeps its area's public services), or None when the index cannot
    answer. Ranking needs to know which words matched where, so the words are not combined in SQL."""
    if not parsed.words or not can_answer(parsed):
        return None
    selects, params = [], []
    sqlite = connection.vendor == "sqlite"
    for number, word in enumerate(parsed.words):
        kinds = [(IN_TEXT, "search_text", False), (IN_NAME, "search_name", False)]
        if not word.is_short and any(not is_prefix for _form, is_prefix in word.alternatives):
            kinds.append((WHOLE_IN_NAME, "search_name", True))
        for kind, column, exact in kinds:
            if sqlite:
                selects.append(f"SELECT rowid, {number:d}, {kind:d} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s")
                params.append(word_fts5(word, column, exact=exact))
            else:
                selects.append(f"SELECT id, {number:d}, {kind:d} FROM catalog_service WHERE {TOKEN_FUNCTION}({column}) @@ %s::tsquery")
                params.append(word_tsquery(word, exact=exact))
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        return cursor.fetchall()


def condition(terms, field_name="search_text", *, vendor=None):
    """The index condition for ``text.query_terms()`` output on ``field_name``, or None when the
    index cannot answer it exactly (no index on this database, or an unusual term)."""
    vendor = vendor or connection.vendor
    if not terms or not available(vendor) or not all(_indexable(form) for forms in terms for form, _prefix in forms):
        return None
    if vendor == "sqlite":
        return Q(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", (fts5_expression(terms, field_name),)))
    if field_name == "search_name":
        # The name decides the rank of rows already matched: a subquery on the GIN index, so that the
        # function is not evaluated on every matched row.
        return Q(pk__in=RawSQL(f"SELECT id FROM catalog_service WHERE {TOKEN_FUNCTION}(search_name) @@ %s::tsquery",
                               (tsquery_expression(terms),)))
    return TokensMatch(field_name, tsquery_expression(terms))


def matches(terms, *, rank_by_name):
    """(id, name matches) of the services whose text matches ``terms``, read from the index alone in
    one query (any area, public or not: the caller keeps its area's public services), or None when
    the index cannot answer. A service whose name matches comes twice."""
    if condition(terms) is None:
        return None
    if connection.vendor == "sqlite":
        sql = f"SELECT rowid, 0 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        name_sql = f" UNION ALL SELECT rowid, 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        params = [fts5_expression(terms, "search_text"), fts5_expression(terms, "search_name")]
    else:
        sql = f"SELECT id, 0 FROM catalog_service WHERE {TOKEN_FUNCTION}(search_text) @@ %s::tsquery"
        name_sql = f" UNION ALL SELECT id, 1 FROM catalog_service WHERE {TOKEN_FUNCTION}(search_name) @@ %s::tsquery"
        params = [tsquery_expression(terms)] * 2
    if rank_by_name:
        sql += name_sql
    else:
        params = params[:1]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def query_condition(query, field_name="search_text"):
    return condition(text.query_terms(query), field_name)
