"""Satisfaction scores: weak links, the journey's likely zone, consistency across channels."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from journeymapper.model import Layer, Stage, TouchPoint, Zone, zone_of

from .findings import Draft, draft, uniq
from .graph import Journey
from .results import Severity


@dataclass(frozen=True, slots=True)
class ScoreSummary:
    scored: int
    mean: float | None
    weakest_id: str | None
    likely: float | None
    zone: Zone | None


def journey_score(j: Journey) -> ScoreSummary:
    """The journey's likely score: the experience is pulled toward its weakest link.

    A customer does not average their moments: one discourteous call to the surgeon's reception
    took an otherwise excellent surgeon experience back to "7 or 8", the zone of indifference.
    So the likely score blends the mean with the weakest card,
    ``likely = (1 - w) * mean + w * weakest`` with ``w = weakest_link_weight`` (0.3 by default):
    cards of 10, 10, 10, 9 and a rude call at 4 average 8.6 but are likely felt as 7.2. With
    equal scores it is the mean. The zone is :func:`zone_of` of that score.
    """
    scored = [(t.score, t.id) for t in j.tps.values() if t.score is not None]
    if not scored:
        return ScoreSummary(0, None, None, None, None)
    mean = sum(s for s, _ in scored) / len(scored)
    # Ties on the lowest score: the first in map order is named.
    low, weakest = min(scored, key=lambda st: (st[0], j.place(st[1]), st[1]))
    w = j.settings.weakest_link_weight
    likely = (1 - w) * mean + w * low
    return ScoreSummary(len(scored), mean, weakest, likely, zone_of(likely))


def weak_links(j: Journey, summary: ScoreSummary) -> list[Draft]:
    """A card is a weak link when the mean of the *other* scored cards is at least
    ``weak_link_gap`` above its score (needs two scored cards). Critical when the card itself is
    in the at-risk zone (0 to 6), else a warning."""
    tps = j.tps
    scored = [t for t in tps.values() if t.score is not None]
    if len(scored) < 2:
        return []
    total = sum(t.score for t in scored if t.score is not None)
    gap = j.settings.weak_link_gap
    zone = zone_text(summary)
    out = []
    for t in scored:
        assert t.score is not None
        rest = (total - t.score) / (len(scored) - 1)
        if rest - t.score < gap or rest - t.score <= 0:
            continue
        out.append(weak_link_draft(j, t, rest, zone))
    return out


def zone_text(summary: ScoreSummary) -> str:
    return f"{summary.likely:.1f} ({summary.zone})" if summary.likely is not None else "?"


def weak_link_draft(j: Journey, t: TouchPoint, rest: float, zone: str) -> Draft:
    """``t`` (scored) as a weak link: ``rest`` is the mean of the other scored cards."""
    assert t.score is not None
    lane = j.lane_name(t.lane_id)
    if j.layer[t.lane_id] is Layer.CUSTOMER:
        tip = (f"Find which department's step makes {j.card(t.id)} hard for the customer and "
               "fix it there first: lifting the weakest moment moves the whole journey more "
               "than polishing the best ones.")
    else:
        tip = (f"Ask {lane} to redesign {j.card(t.id)} first: lifting the weakest moment moves "
               "the whole journey more than polishing the best ones.")
    return draft(
        "weak-link",
        Severity.CRITICAL if zone_of(t.score) is Zone.AT_RISK else Severity.WARNING,
        f"Weak link: {t.title} ({t.score}/10)",
        f"{j.card(t.id)} in {lane} scores {t.score} while the rest of the journey averages "
        f"{rest:.1f}: one moment like this pulls the whole experience toward it, to about "
        f"{zone}.",
        tip, key=(t.id,), order=(t.score, *j.place(t.id)), touchpoint_ids=(t.id,),
        lane_ids=(t.lane_id,), stage_ids=(t.stage_id,))


def channel_inconsistency(j: Journey) -> list[Draft]:
    """A stage where the mean scores of two channels differ by at least ``channel_gap``."""
    return [d for s in j.doc.stages if (d := channel_draft(j, s)) is not None]


def channel_draft(j: Journey, s: Stage) -> Draft | None:
    by_channel: dict[str, list[str]] = defaultdict(list)
    for t in (j.tps[i] for i in j.by_stage[s.id]):
        if t.score is not None:
            by_channel[t.channel.value].append(t.id)
    if len(by_channel) < 2:
        return None
    tps = j.tps
    means = sorted(
        (sum(tps[i].score or 0 for i in ids) / len(ids), ch) for ch, ids in by_channel.items()
    )
    (low, worst), (high, best) = means[0], means[-1]
    if high - low < j.settings.channel_gap:
        return None
    cards = sorted(by_channel[worst] + by_channel[best], key=lambda i: (j.place(i), i))
    return draft(
        "gap-channel-inconsistency", Severity.WARNING,
        f"Channels disagree in {s.name}: {best} {high:.1f} vs {worst} {low:.1f}",
        f"In {s.name} the customer's experience depends on the channel: {best} scores "
        f"{high:.1f} on average but {worst} only {low:.1f}.",
        f"Bring {worst} up to what {best} already does in {s.name}, so every channel gives "
        "the same experience.",
        key=(s.id,), order=(j.stage_index[s.id],), stage_ids=(s.id,),
        touchpoint_ids=cards, lane_ids=uniq(tps[i].lane_id for i in cards))
