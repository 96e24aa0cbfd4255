"""Czech-aware normalisation shared by the search index and the search query.

Every word is reduced to a small set of forms — its Snowball stem and its simplemma lemma, both
lower-cased and without diacritics — so that "senioři", "seniorům" and "seniory", or "domy" and
"dum", meet in one form. The same function indexes documents and normalises queries, which makes
SQLite and PostgreSQL behave alike (see shared CZECH_TEXT notes in docs/search.md).
"""

import re
import unicodedata
from functools import lru_cache

import simplemma
import snowballstemmer

_stemmer = snowballstemmer.stemmer("czech")
_WORD = re.compile(r"\w+", re.UNICODE)


def strip_diacritics(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=100_000)
def word_forms(word):
    """The normalised forms of one word (at least one)."""
    lower = word.lower()
    forms = {strip_diacritics(_stemmer.stemWord(lower))}
    lemma = simplemma.lemmatize(lower, lang="cs")
    if lemma:
        forms.add(strip_diacritics(lemma.lower()))
    forms.add(strip_diacritics(lower))
    return frozenset(form for form in forms if form)


def words(text):
    return _WORD.findall(text or "")


def index_text(*texts):
    """Space-delimited normalised forms of all words, with a leading and trailing space."""
    forms = []
    seen = set()
    for text in texts:
        for word in words(text):
            for form in sorted(word_forms(word)):
                if form not in seen:
                    seen.add(form)
                    forms.append(form)
    return f" {' '.join(forms)} " if forms else ""


# Forms shorter than this match whole indexed words only: as prefixes, "dom" would also find
# "domácí" and "domluva"; as words they still meet every form that shares the stem.
MIN_PREFIX_LENGTH = 5


def query_terms(query, *, limit=8):
    """For each word of the query, its alternatives as (form, is_prefix) pairs (lower case, no diacritics).

    Long forms match the beginning of an indexed form, short ones a whole indexed form. A long word
    typed without diacritics ("seniorum") is not stemmed well, so its first letters are tried too.
    """
    terms = []
    for word in words(query)[:limit]:
        if len(word) < 2 and not word.isdigit():
            continue  # one-letter prepositions ("v", "s") only add noise
        forms = set(word_forms(word))
        plain = strip_diacritics(word.lower())
        if len(plain) >= MIN_PREFIX_LENGTH + 1:
            forms.add(plain[: len(plain) - 2])
        prefixes = {form for form in forms if len(form) >= MIN_PREFIX_LENGTH}
        alternatives = sorted(
            (form, form in prefixes) for form in forms
            if not any(other != form and form.startswith(other) for other in prefixes)
        )
        terms.append(alternatives)
    return terms
