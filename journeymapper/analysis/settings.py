"""Analysis thresholds, read from the workshop's settings (``Document.settings``, text values).

Keys (all optional; a missing or unreadable value falls back to the default):

========================  =======  ================================================================
key                       default  meaning
========================  =======  ================================================================
weak_link_gap             2.0      a card is a weak link when the mean score of the *other* scored
                                   cards is at least this much above its own score
weakest_link_weight       0.3      how hard the weakest card pulls the journey's likely score:
                                   likely = (1 - w) * mean + w * weakest (0 = plain mean)
channel_gap               3.0      a stage is inconsistent across channels when the mean scores of
                                   two channels in it differ by at least this much
cycle_max_length          6        longest loop (in cards) the rework search looks for
ping_pong_max_run         1        how many cards in lane B a ping-pong A -> B -> A may pass
cycle_max_count           100      stop listing loops after this many (the summary says so)
bottleneck_min_handoffs   3        a lane is a bottleneck only with at least this many hand-offs
                                   in and out (and the most of any lane)
bottleneck_top            3        how many touch-points to name by betweenness (ties included)
betweenness_exact_max     500      exact betweenness up to this many cards, sampled above
betweenness_samples       200      sample size (k) for sampled betweenness, seed 42
review_tags               review,feedback
                                   tags (comma-separated, any case) that mark a review/feedback card
========================  =======  ================================================================
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeymapper.model import Document


@dataclass(frozen=True, slots=True)
class Settings:
    weak_link_gap: float = 2.0
    weakest_link_weight: float = 0.3
    channel_gap: float = 3.0
    cycle_max_length: int = 6
    cycle_max_count: int = 100
    ping_pong_max_run: int = 1
    bottleneck_min_handoffs: int = 3
    bottleneck_top: int = 3
    betweenness_exact_max: int = 500
    betweenness_samples: int = 200
    review_tags: tuple[str, ...] = ("review", "feedback")

    @classmethod
    def from_values(cls, values: dict[str, str]) -> Settings:
        """Settings from text values; unknown keys are ignored, bad values keep the default."""
        default = cls()
        out: dict[str, object] = {}
        for f in dataclasses.fields(cls):
            raw = values.get(f.name)
            if raw is None:
                continue
            value = _parse(f.name, raw, getattr(default, f.name))
            if value is not None:
                out[f.name] = value
        return dataclasses.replace(default, **out)  # type: ignore[arg-type]

    @classmethod
    def from_document(cls, doc: Document) -> Settings:
        return cls.from_values(doc.settings)


# Accepted ranges: a value outside them is treated as unreadable.
_RANGES: dict[str, tuple[float, float]] = {
    "weak_link_gap": (0.0, 10.0), "weakest_link_weight": (0.0, 1.0), "channel_gap": (0.0, 10.0),
    "cycle_max_length": (2, 50), "cycle_max_count": (0, 100_000), "ping_pong_max_run": (1, 50),
    "bottleneck_min_handoffs": (1, 1_000_000), "bottleneck_top": (0, 1000),
    "betweenness_exact_max": (0, 1_000_000), "betweenness_samples": (1, 1_000_000),
}


def _parse(name: str, raw: str, default: object) -> object | None:
    text = raw.strip()
    if isinstance(default, tuple):
        tags = tuple(t.strip().lower() for t in text.split(",") if t.strip())
        return tags or None
    try:
        number = float(text) if isinstance(default, float) else int(text)
    except ValueError:
        return None
    low, high = _RANGES[name]
    if not math.isfinite(number) or not low <= number <= high:
        return None
    return number
