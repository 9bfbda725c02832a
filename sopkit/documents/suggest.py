"""Did-you-mean over the ids of a library, and ids written in look-alike letters.

Built once per library and kind: a broken reference costs the same in a library of 30,000
documents as in one of 300 (``benchmarks/bench_scaling.py``).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable


def suggest(lib, value: str, kind: type, exclude=None) -> str:
    """The id of a ``kind`` document of ``lib`` closest to ``value`` (did you mean), or
    ``""``; never ``exclude`` (a document is not suggested to refer to itself). The
    candidates are indexed once per library and kind, in ``lib.suggesters``."""
    suggester = lib.suggesters.get(kind)
    if suggester is None:
        ids = [d.id for d in lib.documents if isinstance(d, kind)]
        suggester = lib.suggesters[kind] = Suggester(ids)
    return suggester.suggest(value, exclude.id if exclude is not None else None)


def title_owner(lib, text: str, role) -> str:
    """The id of the role of ``lib`` titled ``text`` (ignoring case), other than ``role``, or
    ``""``. The titles are indexed once per library, in ``lib.lookups``: a reference written
    as a title, or an unknown id, does not scan every role."""
    index = lib.lookups.get("exact")
    if index is None:
        index = lib.lookups["exact"] = {}
        for r in lib.roles:
            index.setdefault(r.title.strip().casefold(), []).append(r)
    found = index.get(text.strip().casefold(), ())
    return next((r.id for r in found if r is not role), "")


def loose_id(lib, text: str, role) -> str:
    """The id of the role of ``lib`` that ``text`` spells with other separators or none
    ("KF ZG", "KF—ZG", "kfzg" for KF-ZG), other than ``role``, or ``""``. Indexed once per
    library, in ``lib.lookups``."""
    index = lib.lookups.get("loose")
    if index is None:
        index = lib.lookups["loose"] = {}
        for r in lib.roles:
            index.setdefault(_loose(r.id), []).append(r)
    found = index.get(_loose(text), ()) if _loose(text) else ()
    return next((r.id for r in found if r is not role), "")


def near_title(lib, text: str, role) -> dict[str, str]:
    """The role of ``lib`` whose title is close to ``text`` (客服主任 for 客服主管), other than
    ``role``, as a diagnostic's ``near`` (its id) and ``near_title``; ``{}`` when none. The
    titles are indexed once per library, in ``lib.lookups``, as ids are for :func:`suggest`."""
    index = lib.lookups.get("titles")
    if index is None:
        roles: dict[str, object] = {}
        for r in lib.roles:
            roles.setdefault(r.title.strip(), r)
        index = lib.lookups["titles"] = (Suggester(list(roles)), roles)
    suggester, roles = index
    found = suggester.suggest(text.strip(), role.title.strip() if role is not None else None)
    return {"near": roles[found].id, "near_title": roles[found].title} if found else {}


def _loose(text: str) -> str:
    return "".join(c for c in lookalike_ascii(text).casefold() if c.isalnum())


def closest(value: str, candidates: Iterable[str]) -> str:
    """The candidate closest to ``value`` whatever the case (did you mean), or ``""``."""
    by_key = {c.casefold(): c for c in candidates}
    return by_key.get(_suggest(value.casefold(), by_key), "")


def _suggest(value: str, candidates: Iterable[str]) -> str:
    found = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return found[0] if found else ""


class Suggester:
    """Did-you-mean over many ids, built once: a trigram index picks a short list of
    candidates and only those are compared, so a broken reference costs the same in a
    library of 30,000 documents as in one of 300."""

    SHORTLIST = 64
    COMMON = 2_000  # a trigram in more ids than this (a shared prefix) tells nothing

    def __init__(self, ids: Iterable[str]):
        self.ids = list(dict.fromkeys(ids))
        self.grams: dict[str, list[int]] = defaultdict(list)
        if len(self.ids) > self.SHORTLIST:
            for n, value in enumerate(self.ids):
                for gram in _trigrams(value):
                    self.grams[gram].append(n)

    def suggest(self, value: str, exclude: str | None = None) -> str:
        def allowed(ids: Iterable[str]) -> list[str]:
            return [i for i in ids if exclude is None or i.lower() != exclude.lower()]

        if len(self.ids) <= self.SHORTLIST:
            return _suggest(value, allowed(self.ids))
        counts: Counter[int] = Counter()
        for gram in _trigrams(value):
            posting = self.grams.get(gram)
            if posting and len(posting) <= self.COMMON:
                counts.update(posting)
        shortlist = [self.ids[n] for n, _ in counts.most_common(self.SHORTLIST + 1)]
        return _suggest(value, allowed(shortlist)[: self.SHORTLIST])


def _trigrams(value: str) -> set[str]:
    text = f" {value.lower()} "
    return {text[i : i + 3] for i in range(len(text) - 2)}


_CYRILLIC = str.maketrans("АВЕКМНОРСТУХаеорсухіјѕ", "ABEKMHOPCTYXaeopcyxijs")


def lookalike_ascii(text: str) -> str:
    """``text`` with full-width forms and Cyrillic letters that look Latin made ASCII:
    "ＫＦ-LB" or "КF-LB" (Cyrillic К) is one invalid id, and the references to the "KF-LB"
    it stands for are not errors too."""
    return unicodedata.normalize("NFKC", text).translate(_CYRILLIC)
