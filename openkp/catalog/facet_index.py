"""An in-process index of an area's public catalogue for searches by facets and text.

Instead of reading every public (or every text-matching) service on every request, each process keeps
per area the ids in list order (sort_name, pk) and, per facet key, a Python int used as a bitset over
those positions (bit i set = the i-th service has the key). Matching, counting and cutting a page are
then a few big-int operations. A text search adds two bitsets made from the ids the database's text
index returns (see selectors.service_search): the services matching the text and, ranked first,
those whose name matches it.

The index is built with one query. The catalogue's stamp (``selectors.search_stamp``, one cheap query per
request, shared with the cache of rendered results) tells whether it is still current: every write path
that changes ``facet_keys``, ``sort_name`` or publicity moves a service's ``updated_at`` (see
``ServiceQuerySet``), and deletions are noted per area. A time limit and a bound on the number of areas
are safety nets.
"""

import threading
import time
from collections import OrderedDict, defaultdict

TTL_SECONDS = 300
MAX_AREAS = 4
_BLOCK = 4096  # bits skipped at once when looking for the first result of a later page

_indexes = OrderedDict()  # key (area id) -> FacetIndex, least recently used first
_lock = threading.Lock()


class FacetIndex:
    """Ids of public services in list order and, per facet key, the bitset of their positions."""

    def __init__(self, rows, stamp):
        rows = list(rows)  # (pk, facet_keys) ordered by (sort_name, pk)
        self.ids = [pk for pk, _keys in rows]
        self.positions = {pk: position for position, pk in enumerate(self.ids)}
        self.row_keys = [keys for _pk, keys in rows]  # ties in the place facet go by first occurrence
        self.stamp = stamp
        self.built_at = time.monotonic()
        self.everything = (1 << len(rows)) - 1
        positions = defaultdict(list)
        for position, keys in enumerate(self.row_keys):
            for key in keys.split():
                positions[key].append(position)
        self.bits = {key: _bitset(found, len(rows)) for key, found in positions.items()}
        self.sizes = {key: len(found) for key, found in positions.items()}
        by_prefix = defaultdict(list)  # "m:" -> [(value, bits, size), ...]
        for key, bits in self.bits.items():
            by_prefix[key[:2]].append((key[2:], bits, self.sizes[key]))
        self.by_prefix = dict(by_prefix)
        self.cached = {}  # what searches derive from the catalogue as it was at the stamp (selectors.py)

    def any_of(self, keys):
        """Positions of services having at least one of ``keys``."""
        bits = 0
        for key in keys:
            bits |= self.bits.get(key, 0)
        return bits

    def bits_of(self, ids):
        """The bitset of the positions of ``ids`` (ids of other areas or not public are ignored)."""
        positions = self.positions
        return _bitset((positions[pk] for pk in ids if pk in positions), len(self.ids))


def add_weighted(slices, bits, weight):
    """Add ``weight`` to the score of the services in ``bits``. A score is kept bit-sliced: ``slices[b]`` is the
    bitset of the services whose score has bit ``b`` set, so a ranking over thousands of services is a few
    big-int operations per component instead of a loop over the services."""
    for level in range(weight.bit_length()):
        if not (weight >> level) & 1:
            continue
        carry, position = bits, level
        while carry:
            while position >= len(slices):
                slices.append(0)
            slices[position], carry = slices[position] ^ carry, slices[position] & carry
            position += 1
    return slices


def score_tiers(slices, within):
    """(score, bitset) of the services of ``within`` by bit-sliced score, highest score first, empty ones left out."""
    tiers = []

    def split(bits, level, value):
        if not bits:
            return
        if level < 0:
            tiers.append((value, bits))
            return
        split(bits & slices[level], level - 1, value | (1 << level))
        split(bits & ~slices[level], level - 1, value)

    split(within, len(slices) - 1, 0)
    return tiers


def _bitset(positions, size):
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def facet_index(services, *, key, stamp):
    """The index of ``services`` (an area's public services; ``key`` names them), rebuilt when the ``stamp``
    (``selectors.search_stamp``: what changes whenever the catalogue changes) differs from the one it was built
    at. A current index costs nothing; a missing or changed one is built with one query."""
    with _lock:
        index = _indexes.get(key)
    if index is not None and time.monotonic() - index.built_at < TTL_SECONDS and index.stamp == stamp:
        with _lock:
            if key in _indexes:
                _indexes.move_to_end(key)
        return index
    index = FacetIndex(services.order_by("sort_name", "pk").values_list("pk", "facet_keys"), stamp)
    with _lock:
        _indexes[key] = index
        _indexes.move_to_end(key)
        while len(_indexes) > MAX_AREAS:
            _indexes.popitem(last=False)
    return index


def forget_indexes():
    """Drop every index of this process (tests, management commands)."""
    with _lock:
        _indexes.clear()


class IndexCounts:
    """Matches and facet counts of a search: each facet counted with the others' selections applied.

    ``within`` limits the search to some services (those matching the text); ``tiers`` (disjoint bitsets, best
    first; see ``score_tiers``) order the results by relevance, each tier in list order, then the services in no
    tier. ``wanted`` gives a facet's matching services as a bitset instead of keys (life situations).
    """

    def __init__(self, index, selected, *, within=None, tiers=(), wanted=None):
        self.index = index
        self.within = index.everything if within is None else within
        self.tiers = [bits & self.within for bits in tiers]
        self.wanted = {facet: index.any_of(keys) for facet, keys in selected.items()}
        self.wanted.update(wanted or {})
        self.matched = self.eligible()

    def eligible(self, except_facet=None):
        bits = self.within
        for facet, wanted in self.wanted.items():
            if facet != except_facet:
                bits &= wanted
        return bits

    def values(self, facet, prefix):
        """{value: count} of the facet's values present among the eligible services."""
        eligible = self.eligible(facet)
        if eligible == self.index.everything:
            return {value: size for value, _bits, size in self.index.by_prefix.get(prefix, ())}
        counts = {}
        for value, bits, _size in self.index.by_prefix.get(prefix, ()):
            number = (bits & eligible).bit_count()
            if number:
                counts[value] = number
        return counts

    def any_of(self, facet, keys):
        return self.count_of(facet, self.index.any_of(keys))

    def count_of(self, facet, bits):
        return (bits & self.eligible(facet)).bit_count()

    def first_seen(self, facet, prefix, values):
        """``values`` in the order in which they first occur in the eligible services' facet keys (results order)."""
        eligible = self.eligible(facet)

        def occurrence(value):
            found = self.index.bits[prefix + value] & eligible
            part = next((number for number, bits in enumerate(self.tiers) if found & bits), len(self.tiers))
            if part < len(self.tiers):
                found &= self.tiers[part]
            position = (found & -found).bit_length() - 1
            return part, position, self.index.row_keys[position].split().index(prefix + value)

        return sorted(values, key=occurrence)

    def ids(self):
        if not self.tiers:
            return MatchedIds(self.index.ids, self.matched)
        parts, ranked = [], 0
        for bits in self.tiers:
            part = bits & self.matched
            if part:
                parts.append(MatchedIds(self.index.ids, part))
                ranked |= part
        if self.matched & ~ranked:
            parts.append(MatchedIds(self.index.ids, self.matched & ~ranked))
        return RankedIds(parts)


class RankedIds:
    """``MatchedIds`` one after the other (the best ranked services first); counted and sliced lazily."""

    def __init__(self, parts):
        self._parts = parts
        self._count = sum(len(part) for part in parts)

    def __len__(self):
        return self._count

    def __getitem__(self, item):
        if not isinstance(item, slice):
            found = self[item:item + 1] if item >= 0 else self[len(self) + item:len(self) + item + 1]
            if not found:
                raise IndexError(item)
            return found[0]
        start, stop, step = item.indices(len(self))
        found, offset = [], 0
        for part in self._parts:
            size = len(part)
            if offset + size > start and offset < stop:
                found += part[max(start - offset, 0):min(stop - offset, size)]
            offset += size
            if offset >= stop:
                break
        return found[::step]


class MatchedIds:
    """Ids of the services whose bit is set, in list order; the Paginator counts and slices it lazily."""

    def __init__(self, ids, bits):
        self._ids = ids
        self._bits = bits
        self._count = bits.bit_count()
        self._digits = None

    def __len__(self):
        return self._count

    def __getitem__(self, item):
        if not isinstance(item, slice):
            found = self[item:item + 1] if item >= 0 else self[self._count + item:self._count + item + 1]
            if not found:
                raise IndexError(item)
            return found[0]
        start, stop, step = item.indices(self._count)
        return [self._ids[position] for position in self._positions(start, stop)][::step]

    def _positions(self, start, stop):
        """Positions of the set bits number ``start`` to ``stop`` - 1."""
        if start >= stop:
            return []
        if self._digits is None:
            self._digits = format(self._bits, "b")[::-1]  # character i is bit i
        digits = self._digits
        offset, skipped = 0, 0
        while True:  # skip whole blocks before the first wanted bit
            ones = digits.count("1", offset, offset + _BLOCK)
            if skipped + ones > start:
                break
            skipped += ones
            offset += _BLOCK
        positions = []
        position = digits.find("1", offset)
        while position != -1 and len(positions) < stop - start:
            if skipped < start:
                skipped += 1
            else:
                positions.append(position)
            position = digits.find("1", position + 1)
        return positions
