"""Czech-aware normalisation shared by the search index and the search query.

Every word is reduced to a small set of forms — its Snowball stem and its simplemma lemma, both
lower-cased and without diacritics — so that "senioři", "seniorům" and "seniory", or "domy" and
"dum", meet in one form. The same function indexes documents and normalises queries, which makes
SQLite and PostgreSQL behave alike (see shared CZECH_TEXT notes in docs/search.md).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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


def word_alternatives(word):
    """The alternatives of one query word as sorted (form, is_prefix) pairs (lower case, no diacritics).

    Long forms match the beginning of an indexed form, short ones a whole indexed form. A long word
    typed without diacritics ("seniorum") is not stemmed well, so its first letters are tried too. A
    short word matches whole: its own form and its lemma, not its stem ("doma" does not meet the
    stem "dom" of "domov"), and a long word does not match by a short stem either.
    """
    plain = strip_diacritics(word.lower())
    forms = set(word_forms(word))
    # A short stem of a word that is not itself short would meet other words' stems ("dom" of "domov" and "doma").
    forms = {form for form in forms if len(form) >= min(len(plain), MIN_PREFIX_LENGTH) or form in lemma_forms(word)}
    if len(plain) >= MIN_PREFIX_LENGTH + 1:
        forms.add(plain[: len(plain) - 2])
    prefixes = {form for form in forms if len(form) >= MIN_PREFIX_LENGTH}
    return tuple(sorted(
        (form, form in prefixes) for form in forms
        if not any(other != form and form.startswith(other) for other in prefixes)
    ))


def _usable(word):
    return len(word) >= 2 or word.isdigit()  # one-letter prepositions ("v", "s") only add noise


def query_terms(query, *, limit=8):
    """For each word of the query, its alternatives as (form, is_prefix) pairs (every word must match)."""
    return [list(word_alternatives(word)) for word in words(query)[:limit] if _usable(word)]


# Words that carry no meaning for the search ("péče o mámu", "pomoc pro seniory"): prepositions,
# conjunctions, pronouns and the verbs of asking; lower case without diacritics.
STOP_WORDS = frozenset("""
a i o u v k s z ve ke se ze na do od po za pro pri pred nad pod mezi
aby ale ani anebo nebo ci jak jako kde kdy kdyz co ze tak to ten ta ty tu tom toho jsem jsi je jsme jste jsou
byl byla bylo mi me mne mnou si sebe se nam nas vam vas jim jeho jeji jejich muj moje moji mam ma mame mate
potrebuji potrebuju potrebuje potrebujeme hledam hledame chci chce chteli prosim nejaky nejaka nejake
""".split())
MAX_WORDS = 8


@dataclass(frozen=True)
class QueryWord:
    """One meaningful word of a query: its own alternatives and the phrases of its synonyms (each phrase a
    tuple of alternatives of its words; a phrase matches when all its words do)."""

    text: str
    alternatives: tuple
    phrases: tuple = ()

    @property
    def is_short(self):
        return not any(is_prefix for _form, is_prefix in self.alternatives)


@dataclass(frozen=True)
class ParsedQuery:
    """A query parsed once, shared by the search condition, the ranking and the facets."""

    text: str
    words: tuple = ()
    stop_words: tuple = ()
    identifier: str = ""  # the digits of an IČO or a registry identifier

    def __bool__(self):
        return bool(self.words or self.identifier)

    @property
    def needed(self):
        """How many words a service must match: all of one or two, most (more than half) of more."""
        count = len(self.words)
        return count if count <= 2 else count // 2 + 1

    def terms(self):
        """The words' own alternatives in the ``query_terms`` shape (synonyms left out)."""
        return [list(word.alternatives) for word in self.words]


_IDENTIFIER = re.compile(r"^\s*(?:ič(?:o)?\s*:?\s*)?((?:\d\s*){7,8})$", re.IGNORECASE)


def identifier_of(query):
    """The digits of an IČO ("63504260", "635 04 260", "IČO 63504260") or a registry identifier (7 digits), or ""."""
    found = _IDENTIFIER.match(query or "")
    return re.sub(r"\s", "", found.group(1)) if found else ""


def lemma_forms(word):
    """The plain and lemma forms of a word (no stem): what a synonym's word is looked up by ("mámu" meets
    "máma", "mám" does not)."""
    lower = word.lower()
    forms = {strip_diacritics(lower)}
    lemma = simplemma.lemmatize(lower, lang="cs")
    if lemma:
        forms.add(strip_diacritics(lemma.lower()))
    return forms


def parse_synonyms(lines):
    """{lemma form: (phrase, ...)} from lines ``words = phrase; phrase`` (``#`` starts a comment)."""
    table = {}
    for line in lines:
        line = line.split("#", 1)[0]
        if "=" not in line:
            continue
        terms, _sep, meaning = line.partition("=")
        add_synonyms(table, terms, meaning)
    return table


def add_synonyms(table, terms, meaning):
    """Add one entry (``terms`` separated by commas, ``meaning`` phrases separated by semicolons) to ``table``."""
    phrases = tuple(phrase.strip() for phrase in re.split(r"[;\n]", meaning) if words(phrase))
    if not phrases:
        return table
    for term in re.split(r"[,\n]", terms):
        term_words = words(term)
        if len(term_words) != 1:
            continue  # one word per term: the query is looked up word by word
        for form in lemma_forms(term_words[0]):
            table[form] = tuple(dict.fromkeys((*table.get(form, ()), *phrases)))
    return table


@lru_cache(maxsize=1)
def shipped_synonyms():
    """The synonym list shipped with the application (data/synonyms.txt)."""
    path = Path(__file__).parent / "data" / "synonyms.txt"
    return parse_synonyms(path.read_text(encoding="utf-8").splitlines())


@lru_cache(maxsize=4096)
def _phrase_alternatives(phrase):
    return tuple(word_alternatives(word) for word in words(phrase) if _usable(word)
                 and strip_diacritics(word.lower()) not in STOP_WORDS)


def parse_query(query, synonyms=None):
    """``query`` as a ParsedQuery: meaningful words (at most MAX_WORDS, each once) with their forms and synonym
    phrases, the stop words left out, and an identifier when the query is one. ``synonyms`` is a table of
    ``parse_synonyms`` (default: the shipped list)."""
    query = (query or "").strip()
    synonyms = shipped_synonyms() if synonyms is None else synonyms
    identifier = identifier_of(query)
    if identifier:
        return ParsedQuery(text=query, identifier=identifier)
    typed = words(query)
    stop = tuple(word for word in typed if strip_diacritics(word.lower()) in STOP_WORDS)
    usable = [word for word in typed if _usable(word)]
    meaningful = [word for word in usable if word not in stop]
    if not meaningful:
        meaningful = usable  # a query of stop words alone ("pro") still means them
    parsed, seen = [], set()
    for word in meaningful:
        alternatives = word_alternatives(word)
        if alternatives in seen:
            continue
        seen.add(alternatives)
        phrases = []
        for form in sorted(lemma_forms(word)):
            for phrase in synonyms.get(form, ()):
                found = _phrase_alternatives(phrase)
                if found and found not in phrases and found != (alternatives,):
                    phrases.append(found)
        parsed.append(QueryWord(text=word, alternatives=alternatives, phrases=tuple(phrases)))
        if len(parsed) == MAX_WORDS:
            break
    return ParsedQuery(text=query, words=tuple(parsed), stop_words=stop)
