"""Pairing the elements of two versions of a list: by key, then by content; and which
pairs moved.

Each function of ``keys`` is tried in turn; what is still unpaired is paired by the
similarity of its text (:data:`FUZZY`), within :data:`FUZZY_BUDGET` comparisons.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

FUZZY = 0.6  # similarity above which an element counts as changed rather than replaced
FUZZY_BUDGET = 20_000  # most candidate pairs compared by content in one list


def match(
    old: Sequence[Any],
    new: Sequence[Any],
    keys: Iterable[Callable[[Any], Any]],
    text: Callable[[Any], str] | None = None,
) -> dict[int, int]:
    """Pair elements of ``old`` with elements of ``new``: ``{old index: new index}``.

    Each function of ``keys`` is tried in turn on what is still unpaired (``None`` = no
    key); equal keys pair up in order. Then, if ``text`` is given, the most similar
    remaining elements pair up while their similarity is at least :data:`FUZZY`.
    """
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for key in keys:
        waiting: dict[Any, list[int]] = {}
        for j, element in enumerate(new):
            if j not in taken:
                k = key(element)
                if k is not None:
                    waiting.setdefault(k, []).append(j)
        for i, element in enumerate(old):
            if i in pairs:
                continue
            k = key(element)
            if k is not None and waiting.get(k):
                j = waiting[k].pop(0)
                pairs[i] = j
                taken.add(j)
    if text is not None:
        left = [i for i in range(len(old)) if i not in pairs]
        right = [j for j in range(len(new)) if j not in taken]
        if left and right and len(left) * len(right) <= FUZZY_BUDGET:
            candidates = []
            texts = {j: text(new[j]) for j in right}
            for i in left:
                matcher = difflib.SequenceMatcher(None, autojunk=False)
                matcher.set_seq2(text(old[i]))
                for j in right:
                    matcher.set_seq1(texts[j])
                    if matcher.real_quick_ratio() < FUZZY or matcher.quick_ratio() < FUZZY:
                        continue
                    ratio = matcher.ratio()
                    if ratio >= FUZZY:
                        candidates.append((-ratio, i, j))
            for _, i, j in sorted(candidates):
                if i not in pairs and j not in taken:
                    pairs[i] = j
                    taken.add(j)
    return pairs


def moved(pairs: Iterable[tuple[int, int]]) -> set[int]:
    """Old indices whose relative order changed: those off a longest increasing run."""
    ordered = sorted(pairs)
    seq = [j for _, j in ordered]
    if not seq:
        return set()
    # Patience sorting for the longest increasing subsequence, keeping back-links.
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(seq)
    for pos, value in enumerate(seq):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(pos)
        else:
            tails[k] = value
            tail_at[k] = pos
        back[pos] = tail_at[k - 1] if k else -1
    keep = set()
    pos = tail_at[-1]
    while pos != -1:
        keep.add(pos)
        pos = back[pos]
    return {ordered[p][0] for p in range(len(seq)) if p not in keep}


def before(i: int, pairs: dict[int, int]) -> float:
    """Where a removed element ``i`` shows: just before the next element that stayed."""
    following = [j for k, j in pairs.items() if k > i]
    return (min(following) if following else float("inf")) - 0.5
