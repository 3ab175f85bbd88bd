"""Weak links and the journey's likely zone; bottleneck lanes and cards; ties."""

from __future__ import annotations

import pytest
from test_analysis_helpers import ids, journey, of_kind, run

from journeymapper.analysis import Severity
from journeymapper.model import Layer

C, F, B, S = Layer.CUSTOMER, Layer.FRONTSTAGE, Layer.BACKSTAGE, Layer.SUPPORT


def scored(*scores: int | None):  # type: ignore[no-untyped-def]
    """One card per score along one stage each, in the Surgeon lane except the last card, which
    is the Reception call."""
    stages = [f"S{i}" for i in range(len(scores))]
    cards = {f"t{i}": (stages[i], "su" if i < len(scores) - 1 else "re", f"Card {i}",
                       {"score": s}) for i, s in enumerate(scores)}
    return journey(stages, [("su", "Surgeon", F), ("re", "Reception", F)], cards)


def test_the_surgeon_story_weak_link_and_indifferent_zone() -> None:
    # 10, 10, 10, 9 and a rude call at 4. Mean 43/5 = 8.6. For the call, the other cards average
    # 39/4 = 9.75: 5.75 above it (>= 2) -> weak link, critical (4 is in the at-risk zone). For
    # the 9: the others average 34/4 = 8.5, below it -> not weak.
    # Likely score: 0.7 * 8.6 + 0.3 * 4 = 7.22 -> indifferent (the "7 or 8" of the story).
    a = run(scored(10, 10, 10, 9, 4))
    (f,) = of_kind(a, "weak-link")
    assert f.id == "weak-link:t4" and f.severity is Severity.CRITICAL
    assert "scores 4 while the rest of the journey averages 9.8" in f.message
    assert "about 7.2 (indifferent)" in f.message
    s = a.summary
    assert (s["mean_score"], s["likely_score"], s["journey_zone"]) == (8.6, 7.22, "indifferent")
    assert s["weakest_touchpoint"]["id"] == "t4"  # type: ignore[index]


def test_weak_link_in_the_indifferent_zone_is_a_warning_and_follows_the_gap_setting() -> None:
    # 10, 10, 10, 7: the others average 10, 3 above 7 -> weak (warning: 7 is indifferent).
    # With weak_link_gap 4 it is not. Likely: 0.7 * 9.25 + 0.3 * 7 = 8.575 -> indifferent.
    doc = scored(10, 10, 10, 7)
    a = run(doc)
    assert [(f.id, f.severity) for f in of_kind(a, "weak-link")] == [
        ("weak-link:t3", Severity.WARNING)]
    assert a.summary["likely_score"] == pytest.approx(8.575, abs=0.006)
    assert a.summary["journey_zone"] == "indifferent"
    assert ids(run(doc, weak_link_gap=4), "weak-link") == []


def test_weight_zero_gives_the_plain_mean() -> None:
    a = run(scored(10, 10, 10, 9, 4), weakest_link_weight=0)
    assert (a.summary["likely_score"], a.summary["journey_zone"]) == (8.6, "indifferent")


def test_equal_scores_have_no_weak_link() -> None:
    a = run(scored(8, 8, 8, 8))
    assert ids(a, "weak-link") == []
    assert (a.summary["mean_score"], a.summary["likely_score"]) == (8.0, 8.0)
    # Tie on the lowest score: the first card in map order is named the weakest.
    assert a.summary["weakest_touchpoint"]["id"] == "t0"  # type: ignore[index]


def test_two_cards_and_unscored_cards() -> None:
    # 9 and 6 (unscored cards ignored): the 6 sits 3 below the other -> critical.
    assert [(f.id, f.severity) for f in of_kind(run(scored(9, None, 6)), "weak-link")] == [
        ("weak-link:t2", Severity.CRITICAL)]
    # One scored card: nothing to compare with.
    a = run(scored(None, 3))
    assert ids(a, "weak-link") == []
    assert a.summary["journey_zone"] == "at risk"
    # No scores: no zone.
    assert run(scored(None, None)).summary["journey_zone"] is None


def hub_doc(n_in: int):  # type: ignore[no-untyped-def]
    # n_in lanes hand work to the Hub, which hands it on to Out.
    lanes = [("hub", "Hub", B), ("out", "Out", B)] + [(f"l{i}", f"Lane {i}", F)
                                                       for i in range(n_in)]
    cards = {"h": ("S2", "hub", "Hub card"), "o": ("S3", "out", "Out card")}
    cards |= {f"c{i}": ("S1", f"l{i}", f"Card {i}") for i in range(n_in)}
    flows = [f"c{i}-h" for i in range(n_in)] + ["h-o"]
    return journey(["S1", "S2", "S3"], lanes, cards, flows)


def test_bottleneck_lane() -> None:
    # Two lanes in and one out: the Hub has 3 hand-offs in and out, every other lane 1.
    a = run(hub_doc(2))
    (f,) = of_kind(a, "bottleneck-lane")
    assert f.id == "bottleneck-lane:hub"
    assert "2 hand-off(s) come in and 1 go out" in f.message
    assert a.summary["busiest_lane"] == {"id": "hub", "name": "Hub", "handoffs": 3}
    # One lane in: the Hub has 2, below the minimum of 3.
    assert ids(run(hub_doc(1)), "bottleneck-lane") == []
    assert ids(run(hub_doc(1), bottleneck_min_handoffs=2), "bottleneck-lane") == [
        "bottleneck-lane:hub"]


def test_bottleneck_lanes_tie() -> None:
    # a (A) -> b (B) -> c (A) -> d (B): A and B both have 3 hand-offs: both named.
    doc = journey(["S1", "S2"], [("la", "A", B), ("lb", "B", B)],
                  {"a": ("S1", "la", "a"), "b": ("S1", "lb", "b"), "c": ("S2", "la", "c"),
                   "d": ("S2", "lb", "d")}, ["a-b", "b-c", "c-d"])
    assert ids(run(doc), "bottleneck-lane") == ["bottleneck-lane:la", "bottleneck-lane:lb"]


def test_betweenness_bottleneck_cards_with_ties() -> None:
    # Diamond a -> b -> d, a -> c -> d plus d -> e. Shortest paths through b: a->d (half of
    # it: b and c share it) and a->e (half): 1.0 for b, likewise c. d: a->e, b->e, c->e: 3.0.
    # Normalised by (n-1)(n-2) = 12: d 0.25, b and c 0.0833. With top 2, b and c tie at the
    # cut and both are named; a and e (0) never are.
    doc = journey(["S1", "S2", "S3", "S4"], [("la", "Lane", F), ("lb", "Other", F)],
                  {"a": ("S1", "la", "A"), "b": ("S2", "la", "B"), "c": ("S2", "lb", "C"),
                   "d": ("S3", "la", "D"), "e": ("S4", "la", "E")},
                  ["a-b", "a-c", "b-d", "c-d", "d-e"])
    a = run(doc, bottleneck_top=2)
    assert a.betweenness["d"] == pytest.approx(0.25)
    assert a.betweenness["b"] == pytest.approx(1 / 12) == a.betweenness["c"]
    assert ids(a, "bottleneck-touchpoint") == [
        "bottleneck-touchpoint:b", "bottleneck-touchpoint:c", "bottleneck-touchpoint:d"]
    assert ids(run(doc, bottleneck_top=1), "bottleneck-touchpoint") == [
        "bottleneck-touchpoint:d"]
    assert a.summary["betweenness"] == "exact"


def test_betweenness_sampled_on_large_maps_is_repeatable() -> None:
    cards = {f"t{i}": ("S1", "la", f"T{i}") for i in range(12)}
    flows = [f"t{i}-t{i + 1}" for i in range(11)]
    doc = journey(["S1"], [("la", "Lane", F)], cards, flows)
    a1 = run(doc, betweenness_exact_max=5, betweenness_samples=4)
    a2 = run(doc, betweenness_exact_max=5, betweenness_samples=4)
    assert a1.summary["betweenness"] == "sampled"
    assert a1.betweenness == a2.betweenness
    assert ids(a1, "bottleneck-touchpoint") == ids(a2, "bottleneck-touchpoint")


def test_betweenness_is_left_out_of_the_live_analysis() -> None:
    from journeymapper.analysis import analyze, betweenness_findings

    doc = hub_doc(2)
    a = analyze(doc)
    assert a.betweenness == {} and ids(a, "bottleneck-touchpoint") == []
    assert a.summary["betweenness"] == "not computed"
    # h sits between each of c0, c1 and o: 2 pairs out of (4-1)(4-2) = 6 -> 1/3.
    assert [f.id for f in betweenness_findings(doc)] == ["bottleneck-touchpoint:h"]
