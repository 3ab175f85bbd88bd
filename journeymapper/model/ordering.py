"""Float ranks: insert between two neighbours by changing one entity, renumber when crowded."""

from __future__ import annotations

from collections.abc import Sequence

STEP = 1024.0
MIN_GAP = 1e-6


def rank_at(ranks: Sequence[float], index: int) -> float | None:
    """A rank that sorts at ``index`` among ``ranks`` (sorted), or None if the gap is too small."""
    index = max(0, min(index, len(ranks)))
    if not ranks:
        return 0.0
    if index == 0:
        return ranks[0] - STEP
    if index == len(ranks):
        return ranks[-1] + STEP
    lo, hi = ranks[index - 1], ranks[index]
    if hi - lo < MIN_GAP:
        return None
    return (lo + hi) / 2


def spread(count: int) -> list[float]:
    """Evenly spaced ranks for a renumbered sequence."""
    return [i * STEP for i in range(count)]
