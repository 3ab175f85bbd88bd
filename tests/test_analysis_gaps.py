"""Every gap kind on a small journey whose answer is worked out by hand."""

from __future__ import annotations

from test_analysis_helpers import Action, PainPoint, ids, journey, of_kind, run

from journeymapper.analysis import Severity
from journeymapper.model import Channel, Layer, Status

C, F, B, S = Layer.CUSTOMER, Layer.FRONTSTAGE, Layer.BACKSTAGE, Layer.SUPPORT
LANES = [("cu", "Customer", C), ("fr", "Front desk", F), ("ba", "Back office", B)]


def test_empty_stage() -> None:
    # S2 has no card.
    doc = journey(["S1", "S2", "S3"], LANES,
                  {"a": ("S1", "fr", "A"), "c": ("S3", "fr", "C")}, ["a-c"])
    a = run(doc)
    assert ids(a, "gap-empty-stage") == ["gap-empty-stage:S2"]
    assert of_kind(a, "gap-empty-stage")[0].stage_ids == ("S2",)


def test_stage_without_customer_contact() -> None:
    # S1: customer card. S2: back office only -> gap. S3: a lane with no layer (frontstage).
    doc = journey(["S1", "S2", "S3"], [*LANES, ("nl", "No layer", None)],
                  {"a": ("S1", "cu", "A"), "b": ("S2", "ba", "B"), "b2": ("S2", "ba", "B2"),
                   "c": ("S3", "nl", "C")}, ["a-b", "b-b2", "b2-c"])
    a = run(doc)
    assert ids(a, "gap-no-customer-contact") == ["gap-no-customer-contact:S2"]
    assert of_kind(a, "gap-no-customer-contact")[0].touchpoint_ids == ("b", "b2")


def test_isolated_card_only_when_others_have_flows() -> None:
    cards = {"a": ("S1", "fr", "A"), "b": ("S2", "fr", "B"), "z": ("S2", "ba", "Lonely")}
    a = run(journey(["S1", "S2"], LANES, cards, ["a-b"]))
    assert ids(a, "gap-isolated") == ["gap-isolated:z"]
    # Reported once: not also as unreachable or as a dead end.
    assert ids(a, "gap-unreachable") == [] and ids(a, "gap-dead-end") == []
    # No flows at all: the room has not drawn the flow yet; no flow-based gaps.
    none = run(journey(["S1", "S2"], LANES, cards))
    for kind in ("gap-isolated", "gap-unreachable", "gap-dead-end"):
        assert ids(none, kind) == []


def test_unreachable_from_the_start() -> None:
    # Starts (no card flagged): cards of S1 with no incoming flow -> a.
    # a -> b is reachable. c (S2) has no incoming flow: root of the unreachable part, with d
    # behind it (c -> d). x <-> y is a loop nothing enters: x is its first card in map order.
    doc = journey(["S1", "S2", "S3"], LANES,
                  {"a": ("S1", "fr", "A"), "b": ("S2", "fr", "B"), "c": ("S2", "ba", "C"),
                   "d": ("S3", "ba", "D", {"is_end": True}), "x": ("S2", "cu", "X"),
                   "y": ("S3", "cu", "Y", {"is_end": True})},
                  ["a-b", "c-d", "x-y", "y-x"])
    a = run(doc)
    got = {f.id: f.touchpoint_ids for f in of_kind(a, "gap-unreachable")}
    assert got == {"gap-unreachable:c": ("c", "d"), "gap-unreachable:x": ("x", "y")}
    msgs = {f.id: f.message for f in of_kind(a, "gap-unreachable")}
    assert "no flow leads to it" in msgs["gap-unreachable:c"]
    assert "1 more unreachable card(s) follow" in msgs["gap-unreachable:c"]
    assert "loop that no flow from the start enters" in msgs["gap-unreachable:x"]


def test_flagged_starts_replace_the_default() -> None:
    # With c flagged as a start, a is no longer a start: a is unreachable, c and d are not.
    doc = journey(["S1", "S2", "S3"], LANES,
                  {"a": ("S1", "fr", "A"), "b": ("S2", "fr", "B"),
                   "c": ("S2", "ba", "C", {"is_start": True}), "d": ("S3", "ba", "D")},
                  ["a-b", "c-d"])
    assert ids(run(doc), "gap-unreachable") == ["gap-unreachable:a"]


def test_first_stage_fallback_when_every_card_has_an_incoming_flow() -> None:
    # a <-> b in S1 (both have incoming flows): all of S1 are starts, so nothing unreachable.
    doc = journey(["S1", "S2"], LANES, {"a": ("S1", "fr", "A"), "b": ("S1", "ba", "B"),
                                        "c": ("S2", "fr", "C")}, ["a-b", "b-a", "b-c"])
    assert ids(run(doc), "gap-unreachable") == []


def test_dead_end_before_the_last_stage() -> None:
    # a -> b, a -> e. b (S2) has no way out and S2 is not the last stage with cards (S3 is).
    # e is in the last stage: not a dead end. f (S2, flagged is_end): not a dead end.
    doc = journey(["S1", "S2", "S3", "S4"], LANES,
                  {"a": ("S1", "fr", "A"), "b": ("S2", "fr", "Wait"),
                   "f": ("S2", "ba", "F", {"is_end": True}), "e": ("S3", "fr", "E")},
                  ["a-b", "a-e", "a-f"])
    a = run(doc)
    assert ids(a, "gap-dead-end") == ["gap-dead-end:b"]
    assert "stops at 'Wait' in S2" in of_kind(a, "gap-dead-end")[0].message


def test_touchpoint_without_accountable_owner() -> None:
    # Lanes have no owner here. x: no owner anywhere -> gap. y: its own owner. c: customer lane
    # (no department owns the customer). o: in a lane that has an owner.
    doc = journey(["S1"], [*LANES, ("ow", "Owned", B)],
                  {"x": ("S1", "ba", "X"), "y": ("S1", "ba", "Y", {"owner": "Bo"}),
                   "c": ("S1", "cu", "C"), "o": ("S1", "ow", "O")}, owners=False)
    doc2 = journey(["S1"], [("ow", "Owned", B)], {"o": ("S1", "ow", "O")})  # lane owned
    a = run(doc)
    assert ids(a, "gap-no-owner") == ["gap-no-owner:x", "gap-no-owner:o"]
    assert ids(run(doc2), "gap-no-owner") == []
    assert of_kind(a, "gap-no-owner")[0].severity is Severity.INFO


def test_pain_point_without_action() -> None:
    # p1 (severity 4, no action) -> warning; p2 has an action -> fine; p3 (severity 2) only has a
    # dropped action -> info.
    extra = [PainPoint("p1", "a", "Rude on the phone", 4, votes=3),
             PainPoint("p2", "a", "Long wait", 3), PainPoint("p3", "a", "Parking", 2),
             Action("ac1", "Callback promise", pain_point_ids=("p2",)),
             Action("ac2", "Free parking", pain_point_ids=("p3",), status=Status.DROPPED)]
    doc = journey(["S1"], LANES, {"a": ("S1", "fr", "Call")}, extra=extra)
    a = run(doc)
    got = {f.id: f.severity for f in of_kind(a, "gap-pain-no-action")}
    assert got == {"gap-pain-no-action:p1": Severity.WARNING,
                   "gap-pain-no-action:p3": Severity.INFO}
    f = next(f for f in a.findings if f.id == "gap-pain-no-action:p1")
    assert f.pain_point_ids == ("p1",) and f.touchpoint_ids == ("a",)
    assert '"Rude on the phone" at \'Call\' (severity 4, 3 votes)' in f.message


def test_no_review_or_feedback_loop() -> None:
    cards = {"a": ("S1", "fr", "A"), "b": ("S2", "fr", "B"), "c": ("S3", "fr", "C")}
    forward = journey(["S1", "S2", "S3"], LANES, cards, ["a-b", "b-c"])
    assert ids(run(forward), "gap-no-review") == ["gap-no-review:journey"]
    # A flow back to an earlier stage is a feedback loop.
    back = journey(["S1", "S2", "S3"], LANES, cards, ["a-b", "b-c", "c-a"])
    assert ids(run(back), "gap-no-review") == []
    # So is a card tagged "Feedback" (any case), or a custom tag from the settings.
    tagged = dict(cards, c=("S3", "fr", "C", {"tags": ("Feedback",)}))
    assert ids(run(journey(["S1", "S2", "S3"], LANES, tagged, ["a-b", "b-c"])),
               "gap-no-review") == []
    custom = dict(cards, c=("S3", "fr", "C", {"tags": ("health check",)}))
    doc = journey(["S1", "S2", "S3"], LANES, custom, ["a-b", "b-c"])
    assert ids(run(doc), "gap-no-review") == ["gap-no-review:journey"]
    assert ids(run(doc, review_tags="Health check, audit"), "gap-no-review") == []


def test_channels_disagree_within_a_stage() -> None:
    # S1: phone 3 and 5 (mean 4.0), web 9 and 7 (mean 8.0): 4.0 apart >= 3 -> finding.
    # S2: phone 6, web 8: 2.0 apart -> fine by default, a finding with channel_gap 2.
    doc = journey(["S1", "S2"], LANES, {
        "p1": ("S1", "fr", "Call", {"channel": Channel.PHONE, "score": 3}),
        "p2": ("S1", "fr", "Call back", {"channel": Channel.PHONE, "score": 5}),
        "w1": ("S1", "fr", "Web form", {"channel": Channel.WEB, "score": 9}),
        "w2": ("S1", "fr", "Web chat", {"channel": Channel.WEB, "score": 7}),
        "e1": ("S1", "fr", "No score", {"channel": Channel.EMAIL}),
        "p3": ("S2", "fr", "Call", {"channel": Channel.PHONE, "score": 6}),
        "w3": ("S2", "fr", "Portal", {"channel": Channel.WEB, "score": 8}),
    })
    a = run(doc)
    (f,) = of_kind(a, "gap-channel-inconsistency")
    assert f.id == "gap-channel-inconsistency:S1"
    assert "web scores 8.0 on average but phone only 4.0" in f.message
    assert set(f.touchpoint_ids) == {"p1", "p2", "w1", "w2"}
    assert ids(run(doc, channel_gap=2), "gap-channel-inconsistency") == [
        "gap-channel-inconsistency:S1", "gap-channel-inconsistency:S2"]
