"""Czech lemmas of open answers, for suggesting themes: "bydlení", "bydlením" and "bydlet" meet in one form.

The forms are those of the catalogue search (catalog.text.word_forms: Snowball stem and simplemma lemma,
lower case, no diacritics), without the short function words that would make every answer look alike.
"""

from openkp.catalog.text import word_forms, words

MIN_WORD_LENGTH = 3
STOP_WORDS = frozenset("""
a aby ale ani ano asi az bez bude budou by byl byla byli bylo byt ci co com coz da do ho i jak jake jako je jeho jej
jejich jen jenom jeste ji jich jim jsem jsme jsou jste k kam kde kdo kdyz ke ktera ktere ktery kvuli ma mam mame mate
me mezi mi mit mne mnou moc mohl muze my na nam nas nase ne nebo neni nez nic nich nim no o od on ona oni ono pak po
pod podle pokud pro proc protoze pri s se si sice so sve ta tak take tam te tedy ten to tom tomu toto tu ty u uz v
vam vas ve velmi vice vsak vse vsechno z za ze zde
""".split())


def lemmas(text):
    """The set of normalised forms of the answer's meaningful words."""
    found = set()
    for word in words(text):
        if len(word) < MIN_WORD_LENGTH:
            continue
        forms = word_forms(word)
        if forms & STOP_WORDS:
            continue
        found |= forms
    return found


def lemma_text(text):
    """``lemmas`` as stored in ``Answer.lemmas``: space-delimited, with a leading and trailing space."""
    found = sorted(lemmas(text))
    return f" {' '.join(found)} " if found else ""
