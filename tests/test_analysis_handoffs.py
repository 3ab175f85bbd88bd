"""Hand-offs (backstage, visible, customer-carried), the matrix, per-stage counts, ping-pong and
loops, each on a small journey whose answer is worked out by hand in the comments."""

from __future__ import annotations

import hashlib

from test_analysis_helpers import ids, journey, of_kind, run

from journeymapper.analysis import HandoffKind, Severity
from journeymapper.model import Layer

C, F, B, S = Layer.CUSTOMER, Layer.FRONTSTAGE, Layer.BACKSTAGE, Layer.SUPPORT


def test_handoff_kinds_matrix_and_per_stage() -> None:
    # c1 -> a: customer to Sales, not a hand-off.   a -> a2: same lane, not a hand-off.
    # a -> b: Sales (front) to Delivery (back): visible, in S2.
    # b -> d: Delivery (back) to IT (support): backstage, in S2.
    # d -> e: IT to Reception (front): visible, in S3.
    # b -> n: Delivery to Partners (no layer = frontstage): visible, in S3.
    # e -> c2: to the customer, not a hand-off.
    doc = journey(
        ["S1", "S2", "S3"],
        [("cu", "Customer", C), ("sa", "Sales", F), ("re", "Reception", F),
         ("de", "Delivery", B), ("it", "IT", S), ("pa", "Partners", None)],
        {"c1": ("S1", "cu", "Ask"), "a": ("S1", "sa", "Quote"), "a2": ("S1", "sa", "Revise"),
         "b": ("S2", "de", "Plan"), "d": ("S2", "it", "Set up"), "e": ("S3", "re", "Welcome"),
         "n": ("S3", "pa", "Ship"), "c2": ("S3", "cu", "Arrive")},
        ["c1-a", "a-a2", "a-b", "b-d", "d-e", "b-n", "e-c2"],
    )
    a = run(doc)
    got = {(h.flow_ids, h.kind, h.from_lane_id, h.to_lane_id, h.stage_id) for h in a.handoffs}
    assert got == {
        (("a-b",), HandoffKind.VISIBLE, "sa", "de", "S2"),
        (("b-d",), HandoffKind.BACKSTAGE, "de", "it", "S2"),
        (("d-e",), HandoffKind.VISIBLE, "it", "re", "S3"),
        (("b-n",), HandoffKind.VISIBLE, "de", "pa", "S3"),
    }
    assert a.matrix == {("sa", "de"): 1, ("de", "it"): 1, ("it", "re"): 1, ("de", "pa"): 1}
    assert a.per_stage == {"S1": 0, "S2": 2, "S3": 2}
    # One finding per pair of lanes; backstage only -> info, else warning.
    sev = {f.id: f.severity for f in of_kind(a, "handoff")}
    assert sev == {"handoff:de+sa": Severity.WARNING, "handoff:de+it": Severity.INFO,
                   "handoff:it+re": Severity.WARNING, "handoff:de+pa": Severity.WARNING}
    assert a.summary["handoffs"] == {"backstage": 1, "visible": 3, "customer-carried": 0,
                                     "total": 4}


def test_handoff_pair_counts_both_directions() -> None:
    # a (Sales) -> b (Billing) -> c (Sales): two hand-offs between the same two lanes.
    doc = journey(["S1", "S2", "S3"], [("sa", "Sales", F), ("bi", "Billing", B)],
                  {"a": ("S1", "sa", "Sell"), "b": ("S2", "bi", "Invoice"),
                   "c": ("S3", "sa", "Thank")}, ["a-b", "b-c"])
    (f,) = of_kind(run(doc), "handoff")
    assert f.id == "handoff:bi+sa"
    assert f.flow_ids == ("a-b", "b-c")
    assert "between Sales and Billing 2 times (1 from Sales to Billing, 1 the other way), " \
        "all in view of the customer" in f.message


def surgeon_doc():  # type: ignore[no-untyped-def]
    # r1 (Reception) -> p1 (Patient) -> s1 (Surgeon): the patient carries the work.
    # p1 -> r2 goes back to Reception: the same lane, so not carried.
    return journey(
        ["S1", "S2"],
        [("pat", "Patient", C), ("rec", "Reception", F), ("sur", "Surgeon", F)],
        {"r1": ("S1", "rec", "Call reception", {"score": 4}),
         "p1": ("S1", "pat", "call the other number"),
         "s1": ("S2", "sur", "Consultation", {"score": 10}),
         "r2": ("S2", "rec", "Confirm the date", {"score": 9})},
        ["r1-p1", "p1-s1", "p1-r2"],
    )


def test_customer_carried_handoff() -> None:
    a = run(surgeon_doc())
    (h,) = a.handoffs
    assert h.kind is HandoffKind.CUSTOMER_CARRIED
    assert (h.from_lane_id, h.to_lane_id, h.stage_id) == ("rec", "sur", "S2")
    assert h.touchpoint_ids == ("r1", "p1", "s1")
    assert h.flow_ids == ("r1-p1", "p1-s1")
    assert a.matrix == {("rec", "sur"): 1}
    assert a.per_stage == {"S1": 0, "S2": 1}
    (f,) = of_kind(a, "customer-carried")
    assert f.id == "customer-carried:p1-s1+r1-p1"
    assert f.severity is Severity.CRITICAL
    assert f.message == ("The patient carries the work from Reception to Surgeon: between "
                         "'Call reception' and 'Consultation' it is the patient who has to act "
                         "('call the other number').")


def test_customer_carried_every_pair_of_different_lanes() -> None:
    # Into the customer's card c: a (Sales), b (Billing). Out of it: x (Sales), y (Delivery).
    # Pairs: a->x same lane (no); a->y Sales->Delivery; b->x Billing->Sales; b->y
    # Billing->Delivery: three carried hand-offs.
    doc = journey(
        ["S1", "S2", "S3"],
        [("cu", "Client", C), ("sa", "Sales", F), ("bi", "Billing", B), ("de", "Delivery", B)],
        {"a": ("S1", "sa", "A"), "b": ("S1", "bi", "B"), "c": ("S2", "cu", "C"),
         "x": ("S3", "sa", "X"), "y": ("S3", "de", "Y")},
        ["a-c", "b-c", "c-x", "c-y"],
    )
    a = run(doc)
    assert sorted((h.from_lane_id, h.to_lane_id) for h in a.handoffs) == [
        ("bi", "de"), ("bi", "sa"), ("sa", "de")]
    assert all(h.kind is HandoffKind.CUSTOMER_CARRIED for h in a.handoffs)
    assert sorted(ids(a, "customer-carried")) == [
        "customer-carried:a-c+c-y", "customer-carried:b-c+c-x", "customer-carried:b-c+c-y"]


def test_ping_pong_direct_and_through_a_run_in_the_other_lane() -> None:
    # a1 (Sales) -> b1 (Billing) -> a2 (Sales): ping-pong on flows a1-b1 and b1-a2.
    # a3 (Sales) -> b2 -> b3 (Billing) -> a4 (Sales): ping-pong through two Billing cards, only
    # when ping_pong_max_run allows a run of 2.
    doc = journey(
        ["S1", "S2", "S3"], [("sa", "Sales", F), ("bi", "Billing", B)],
        {"a1": ("S1", "sa", "Order"), "b1": ("S2", "bi", "Check"), "a2": ("S3", "sa", "Fix"),
         "a3": ("S1", "sa", "Order 2"), "b2": ("S2", "bi", "Check 2"),
         "b3": ("S2", "bi", "Query"), "a4": ("S3", "sa", "Fix 2")},
        ["a1-b1", "b1-a2", "a3-b2", "b2-b3", "b3-a4"],
    )
    direct = {f.id: f.touchpoint_ids for f in of_kind(run(doc), "ping-pong")}
    assert direct == {"ping-pong:a1-b1+b1-a2": ("a1", "b1", "a2")}
    a = run(doc, ping_pong_max_run=2)
    got = {f.id: f.touchpoint_ids for f in of_kind(a, "ping-pong")}
    assert got == {"ping-pong:a1-b1+b1-a2": ("a1", "b1", "a2"),
                   "ping-pong:a3-b2+b3-a4": ("a3", "b2", "b3", "a4")}
    f = of_kind(a, "ping-pong")[0]
    assert "from Sales to Billing and back to Sales" in f.message
    assert f.severity is Severity.WARNING


def test_ping_pong_is_bounded_and_skips_the_customer_and_the_same_card() -> None:
    # a -> b1 -> b2 -> b3 -> z: three Billing cards between Sales cards: needs a run of 3.
    # a -> c (customer) -> z: a customer in the middle is a conversation, not ping-pong.
    # q -> r -> q: back to the very same card is a loop, not ping-pong.
    doc = journey(
        ["S1", "S2", "S3"], [("cu", "Customer", C), ("sa", "Sales", F), ("bi", "Billing", B)],
        {"a": ("S1", "sa", "A"), "b1": ("S2", "bi", "B1"), "b2": ("S2", "bi", "B2"),
         "b3": ("S2", "bi", "B3"), "z": ("S3", "sa", "Z"), "c": ("S2", "cu", "C"),
         "q": ("S1", "sa", "Q"), "r": ("S2", "bi", "R")},
        ["a-b1", "b1-b2", "b2-b3", "b3-z", "a-c", "c-z", "q-r", "r-q"],
    )
    assert ids(run(doc, ping_pong_max_run=2), "ping-pong") == []
    assert ids(run(doc, ping_pong_max_run=3), "ping-pong") == ["ping-pong:a-b1+b3-z"]
    assert ids(run(doc), "cycle") == ["cycle:q-r+r-q"]


def test_rework_loop_through_every_lane() -> None:
    # a (Sales) -> b (Billing) -> c (IT) -> a: one loop, three hand-offs, no ping-pong (the
    # lanes go A, B, C, A, never straight back).
    doc = journey(
        ["S1", "S2", "S3"], [("sa", "Sales", F), ("bi", "Billing", B), ("it", "IT", S)],
        {"a": ("S1", "sa", "Sell"), "b": ("S2", "bi", "Bill"), "c": ("S3", "it", "Provision")},
        ["a-b", "b-c", "c-a"],
    )
    a = run(doc)
    (f,) = of_kind(a, "cycle")
    assert f.id == "cycle:a-b+b-c+c-a"
    assert f.severity is Severity.WARNING
    assert f.touchpoint_ids == ("a", "b", "c")
    assert set(f.lane_ids) == {"sa", "bi", "it"}
    assert "'Sell' → 'Bill' → 'Provision' → back to 'Sell'" in f.message
    assert len(a.handoffs) == 3
    assert ids(a, "ping-pong") == []
    assert a.summary["loops"] == 1


def test_loop_through_a_review_card_is_a_feedback_loop() -> None:
    doc = journey(
        ["S1", "S2"], [("cu", "Client", C), ("ac", "Account team", F)],
        {"a": ("S1", "ac", "Kick-off"),
         "r": ("S2", "cu", "Quarterly check", {"tags": ("Review",)})},
        ["a-r", "r-a"],
    )
    (f,) = of_kind(run(doc), "cycle")
    assert (f.severity, f.title) == (Severity.INFO, "Feedback loop")


def test_loop_search_length_bound_cap_and_long_ids() -> None:
    # One loop of 7 cards: beyond the default bound of 6, found with a bound of 7. Its seven
    # flow ids joined are longer than 64 characters, so the id is a SHA-1 prefix.
    names = [f"card{i}" for i in range(7)]
    flows = [f"{names[i]}-{names[(i + 1) % 7]}" for i in range(7)]
    doc = journey(["S1"], [("la", "Lane", F)],
                  {n: ("S1", "la", n.upper()) for n in names}, flows)
    assert ids(run(doc), "cycle") == []
    joined = "+".join(sorted(flows))
    assert len(joined) > 64
    assert ids(run(doc, cycle_max_length=7), "cycle") == [
        "cycle:" + hashlib.sha1(joined.encode()).hexdigest()[:16]]


def test_loop_count_is_capped_and_the_summary_says_so() -> None:
    # Two separate 2-card loops; with a cap of 1 only one is listed.
    doc = journey(["S1"], [("la", "Lane", F)],
                  {"a": ("S1", "la", "A"), "b": ("S1", "la", "B"), "c": ("S1", "la", "C"),
                   "d": ("S1", "la", "D")}, ["a-b", "b-a", "c-d", "d-c"])
    full, capped = run(doc), run(doc, cycle_max_count=1)
    assert len(of_kind(full, "cycle")) == 2 and full.summary["loops_truncated"] is False
    assert len(of_kind(capped, "cycle")) == 1 and capped.summary["loops_truncated"] is True


def test_one_lane_journey_has_no_handoffs() -> None:
    doc = journey(["S1", "S2"], [("la", "Only lane", B)],
                  {"a": ("S1", "la", "A"), "b": ("S2", "la", "B")}, ["a-b", "b-a"])
    a = run(doc)
    assert a.handoffs == [] and a.matrix == {}
    assert a.per_stage == {"S1": 0, "S2": 0}
