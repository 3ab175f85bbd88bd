"""The sample workshops: they open as they are, tell their stories, and never drift from source.

Samples are opened from copies in tmp_path (the ``sample_copy`` fixture); nothing here writes into
a tracked file.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from journeymapper.model import Document, Layer, PainKind, Servqual, TouchPoint
from journeymapper.store import WorkshopFile

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "workshops" / "src"
SAMPLES = ("surgeon-practice", "tv-subscription", "client-engagement")

SampleCopy = Callable[[str], Path]


def _load_tool() -> ModuleType:
    path = ROOT / "tools" / "make_samples.py"
    spec = importlib.util.spec_from_file_location("make_samples", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_samples", module)
    spec.loader.exec_module(module)
    return module


make_samples = _load_tool()


@pytest.fixture
def open_sample(sample_copy: SampleCopy) -> Iterator[Callable[[str], Document]]:
    """Open a copy of a sample; every file opened is closed at the end of the test."""
    opened: list[WorkshopFile] = []

    def open_(name: str) -> Document:
        wf = WorkshopFile.open(sample_copy(name))
        opened.append(wf)
        assert wf.notice is None, wf.notice  # neither read-only nor migrated
        return wf.document

    yield open_
    for wf in opened:
        wf.close()


def _lane_named(doc: Document, prefix: str) -> str:
    lanes = [ln.id for ln in doc.lanes if ln.name.lower().startswith(prefix.lower())]
    assert len(lanes) == 1, f"expected one lane named {prefix}..., found {lanes}"
    return lanes[0]


def _stage_index(doc: Document) -> dict[str, int]:
    return {s.id: i for i, s in enumerate(doc.stages)}


# -- every sample -------------------------------------------------------------------------------
def test_every_sample_has_a_source_and_a_file() -> None:
    assert sorted(p.stem for p in SOURCES.glob("*.toml")) == sorted(SAMPLES)
    for name in SAMPLES:
        assert (ROOT / "workshops" / f"{name}.jmw").is_file()


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_opens_and_is_a_full_workshop(name: str,
                                             open_sample: Callable[[str], Document]) -> None:
    doc = open_sample(name)
    counts = doc.counts()
    assert 25 <= counts["touchpoints"] <= 60
    assert counts["flows"] >= counts["touchpoints"] * 0.8
    assert counts["pain_points"] >= 5
    assert 3 <= counts["actions"] < counts["pain_points"]  # some pain points wait for an action
    tps = list(doc.touchpoints.values())
    scored = [t for t in tps if t.score is not None]
    assert len(scored) >= len(tps) // 2
    assert len({t.channel for t in tps}) >= 4
    assert any(t.tags for t in tps)
    assert any(t.is_start for t in tps) and any(t.is_end for t in tps)
    assert {ln.layer for ln in doc.lanes} >= {Layer.CUSTOMER, Layer.FRONTSTAGE, Layer.BACKSTAGE}
    assert sum(1 for ln in doc.lanes if ln.layer is Layer.CUSTOMER) == 1
    # Some cards have no accountable owner, on purpose: the analysis has something to find.
    lanes = {ln.id: ln for ln in doc.lanes}
    assert any(not t.owner and not lanes[t.lane_id].owner
               and lanes[t.lane_id].layer is not Layer.CUSTOMER for t in tps)
    pps = list(doc.pain_points.values())
    assert {p.kind for p in pps} == {PainKind.EMOTIONAL, PainKind.OBJECTIVE}
    assert all(1 <= p.severity <= 5 for p in pps) and any(p.votes for p in pps)
    assert any(p.dimension is not None for p in pps)
    assert any(not doc.actions_for_pain_point(p.id) for p in pps)  # a pain point with no action
    for a in doc.actions:
        assert a.pain_point_ids and a.owner_lane_id in lanes
    assert any(a.due is not None for a in doc.actions)
    assert doc.info.title and doc.info.persona and doc.info.job_to_be_done


@pytest.mark.parametrize("name", SAMPLES)
def test_committed_sample_equals_its_source(name: str,
                                            open_sample: Callable[[str], Document]) -> None:
    """The .jmw never drifts from the readable source: regenerate and compare."""
    built = make_samples.build_document(SOURCES / f"{name}.toml")
    assert open_sample(name) == built


@pytest.mark.parametrize("name", SAMPLES)
def test_ids_are_derived_from_keys(name: str) -> None:
    first = make_samples.build_document(SOURCES / f"{name}.toml")
    again = make_samples.build_document(SOURCES / f"{name}.toml")
    assert first == again
    assert all(t.startswith("tp_") for t in first.touchpoints)
    assert all(f.startswith("fl_") and "__" in f for f in first.flows)


def test_check_mode_passes_on_the_committed_samples(capsys: pytest.CaptureFixture[str]) -> None:
    assert make_samples.main(["--check"]) == 0
    assert capsys.readouterr().out.count("matches") == len(SAMPLES)


def test_check_notices_a_sample_that_drifted(sample_copy: SampleCopy) -> None:
    doc = make_samples.build_document(SOURCES / "surgeon-practice.toml")
    copy = sample_copy("surgeon-practice")
    assert make_samples.compare(doc, copy) is None
    with WorkshopFile.open(copy) as wf:
        wf.document.apply(make_samples.edits.update_touchpoint(
            wf.document, "tp_rec-phone-call", score=9))
    assert make_samples.compare(doc, copy) == "differs from its source"
    assert make_samples.compare(doc, copy.with_name("absent.jmw")) == "is missing"


# -- the stories --------------------------------------------------------------------------------
def test_surgeon_story(open_sample: Callable[[str], Document]) -> None:
    doc = open_sample("surgeon-practice")
    reception = _lane_named(doc, "Reception")
    surgeon = _lane_named(doc, "Surgeon")
    patient = _lane_named(doc, "Patient")
    assert doc.lane(patient).layer is Layer.CUSTOMER
    tps = doc.touchpoints

    weak = [t for t in tps.values() if t.lane_id == reception and t.score is not None
            and t.score <= 4]
    assert weak, "the discourteous reception call is missing"
    worst = min(weak, key=lambda t: t.score or 0)
    assert worst.channel.value == "phone"
    pain = max(doc.pain_points_of(worst.id), key=lambda p: p.votes)
    assert (pain.severity, pain.kind, pain.dimension) == (5, PainKind.EMOTIONAL, Servqual.EMPATHY)
    assert pain.votes == max(p.votes for p in doc.pain_points.values())

    surgeon_scores = [t.score for t in tps.values() if t.lane_id == surgeon and t.owner
                      and t.owner.startswith("Mr") and t.score is not None]
    assert surgeon_scores and min(surgeon_scores) >= 9

    def carried(t: TouchPoint) -> bool:
        """Reception -> Patient -> Surgeon: the patient carries the work between departments."""
        if t.lane_id != reception:
            return False
        for f in doc.flows_from(t.id):
            mid = tps[f.target_id]
            if mid.lane_id == patient and any(
                    tps[g.target_id].lane_id == surgeon for g in doc.flows_from(mid.id)):
                return True
        return False

    assert any(carried(t) for t in tps.values())

    # Dead ends before the last stage, and backstage hand-offs between billing and records.
    last = doc.stages[-1].id
    assert any(not doc.flows_from(t.id) and t.stage_id != last for t in tps.values())
    billing, records = _lane_named(doc, "Billing"), _lane_named(doc, "Records")
    assert any(tps[f.source_id].lane_id == records and tps[f.target_id].lane_id == billing
               for f in doc.flows.values())


def test_tv_story(open_sample: Callable[[str], Document]) -> None:
    doc = open_sample("tv-subscription")
    tps = doc.touchpoints
    assert "watch" in doc.info.job_to_be_done.lower()
    assert any("push" in t.tags for t in tps.values())
    # Within one stage the app and the phone disagree strongly.
    gaps = []
    for stage in doc.stages:
        by = {ch: [t.score for t in doc.in_stage(stage.id)
                   if t.channel.value == ch and t.score is not None] for ch in ("app", "phone")}
        if by["app"] and by["phone"]:
            gaps.append(max(by["app"]) - min(by["phone"]))
    assert gaps and max(gaps) >= 5
    # Ping-pong: customer service -> billing -> customer service.
    service, billing = _lane_named(doc, "Customer service"), _lane_named(doc, "Billing")
    assert any(tps[f.source_id].lane_id == service and tps[f.target_id].lane_id == billing
               and any(tps[g.target_id].lane_id == service for g in doc.flows_from(f.target_id))
               for f in doc.flows.values())


def test_client_engagement_story(open_sample: Callable[[str], Document]) -> None:
    doc = open_sample("client-engagement")
    assert [s.name for s in doc.stages] == ["Investigate", "Plan", "Monitor", "Review"]
    tps = doc.touchpoints
    order = _stage_index(doc)
    review = doc.stages[-1].id
    assert any(tps[f.source_id].stage_id == review
               and order[tps[f.target_id].stage_id] < order[review] for f in doc.flows.values())
    assert any("review" in t.tags for t in tps.values())
    assert any("feedback form" in t.title.lower() for t in tps.values())


# -- the script's errors ------------------------------------------------------------------------
GOOD = """
[workshop]
title = "Tiny"

[[stage]]
key = "one"
name = "One"

[[lane]]
key = "customer"
name = "Customer"
layer = "customer"

[[card]]
key = "a"
stage = "one"
lane = "customer"
title = "A"
next = ["b"]

[[card]]
key = "b"
stage = "one"
lane = "customer"
title = "B"
"""


@pytest.mark.parametrize(("change", "message"), [
    (('next = ["b"]', 'next = ["nope"]'),
     "tiny.toml: card 'a': next names no card with key 'nope'"),
    (('lane = "customer"\ntitle = "B"', 'lane = "kitchen"\ntitle = "B"'),
     "tiny.toml: card 'b': lane names no lane with key 'kitchen'"),
    (('key = "b"', 'key = "a"'), "tiny.toml: card 'a': this key is used twice"),
    (('title = "A"', 'title = "A"\nscore = 11'), "tiny.toml: card 'a': score must be"),
    (('title = "A"', 'title = "A"\nchanel = "phone"'),
     "tiny.toml: card 'a': unknown field 'chanel'"),
    (('layer = "customer"', 'layer = "basement"'), "tiny.toml: lane 'customer': layer 'basement'"),
    (('title = "Tiny"', 'title = "Tiny'), "tiny.toml: not valid TOML"),
])
def test_a_bad_source_names_the_file_and_the_entry(tmp_path: Path, change: tuple[str, str],
                                                   message: str) -> None:
    old, new = change
    assert old in GOOD
    src = tmp_path / "tiny.toml"
    src.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(make_samples.SampleError) as err:
        make_samples.build_document(src)
    assert str(err.value).startswith(message)


def test_writing_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "tiny.toml"
    src.write_text(GOOD, encoding="utf-8")
    doc = make_samples.build_document(src)
    out = tmp_path / "tiny.jmw"
    make_samples.write_workshop(doc, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.jmw", "tiny.toml"]
    with WorkshopFile.open(shutil.copy(out, tmp_path / "copy.jmw")) as wf:
        assert wf.document == make_samples.build_document(src)
    before = out.read_bytes()

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(WorkshopFile, "create", broken)
    with pytest.raises(OSError):
        make_samples.write_workshop(make_samples.build_document(src), out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.jmw", "tiny.jmw", "tiny.toml"]
