"""Small hand-made journeys for the analysis tests (helpers only; the tests are elsewhere).

Ids are readable on purpose: a card's id is its short name, a flow from card ``a`` to card ``b``
has the id ``a-b``, so expected finding ids can be written out by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journeymapper.analysis import Analysis, Finding, Settings, analyze
from journeymapper.model import (
    Action,
    Dismissal,
    Document,
    Entity,
    Flow,
    Lane,
    Layer,
    PainPoint,
    Setting,
    Stage,
    TouchPoint,
)

CardSpec = tuple[str, str, str] | tuple[str, str, str, dict[str, Any]]


def journey(stages: list[str], lanes: list[tuple[str, str, Layer | None]],
            cards: dict[str, CardSpec], flows: Sequence[str] = (), *,
            owners: bool = True, extra: Sequence[Entity] = (),
            settings: dict[str, str] | None = None) -> Document:
    """``stages``: ids (the name is the id); ``lanes``: (id, name, layer); ``cards``: id ->
    (stage, lane, title[, fields]); ``flows``: "a-b" strings. Lanes get an owner unless
    ``owners`` is False, so the no-owner gap stays out of the way."""
    ents: list[Entity] = [Stage(s, s, float(i)) for i, s in enumerate(stages)]
    ents += [Lane(lid, name, float(i), layer, owner="Ann" if owners else "")
             for i, (lid, name, layer) in enumerate(lanes)]
    for i, (cid, spec) in enumerate(cards.items()):
        fields: dict[str, Any] = spec[3] if len(spec) == 4 else {}  # type: ignore[misc]
        ents.append(TouchPoint(cid, spec[0], spec[1], spec[2], rank=float(i), **fields))
    for f in flows:
        a, b = f.split("-")
        ents.append(Flow(f, a, b))
    ents += list(extra)
    ents += [Setting(k, v) for k, v in (settings or {}).items()]
    doc = Document()
    doc.load(ents)
    return doc


def of_kind(a: Analysis, kind: str) -> list[Finding]:
    return [f for f in a.findings if f.kind == kind]


def ids(a: Analysis, kind: str) -> list[str]:
    return [f.id for f in of_kind(a, kind)]


def run(doc: Document, **settings: Any) -> Analysis:
    s = Settings.from_document(doc)
    if settings:
        s = Settings.from_values({**doc.settings, **{k: str(v) for k, v in settings.items()}})
    return analyze(doc, s, include_betweenness=True)


__all__ = ["Action", "Dismissal", "PainPoint", "ids", "journey", "of_kind", "run"]
