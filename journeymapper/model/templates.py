"""Starting layouts for a new workshop (DESIGN.md §1)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import edits
from .change import combine
from .document import Document
from .entities import WorkshopInfo
from .enums import Layer


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    description: str
    stages: tuple[tuple[str, str], ...]
    lanes: tuple[tuple[str, Layer], ...]


TEMPLATES: dict[str, Template] = {t.name: t for t in (
    Template(
        "blank", "Blank journey",
        "Three stages, a customer lane and a frontstage lane, to start from scratch.",
        (("Before", ""), ("During", ""), ("After", "")),
        (("Customer", Layer.CUSTOMER), ("Frontstage", Layer.FRONTSTAGE)),
    ),
    Template(
        "client-engagement", "Client engagement life cycle",
        "The four phases of a professional-services engagement.",
        (("Investigate", "Investigate, diagnose, prescribe"),
         ("Plan", "Plan, enlist, engage"),
         ("Monitor", "Monitor, alert, intervene"),
         ("Review", "Review, assess, course-correct")),
        (("Client", Layer.CUSTOMER), ("Account team", Layer.FRONTSTAGE),
         ("Delivery", Layer.BACKSTAGE), ("Finance", Layer.SUPPORT)),
    ),
    Template(
        "interaction-cycle", "Customer interaction cycle",
        "Situation, goals and benefits, strategy, review: the cycle a customer goes round.",
        (("Situation", "Where the customer stands today"),
         ("Goals and benefits", "What the customer wants to achieve"),
         ("Strategy", "How we help them get there"),
         ("Review", "Did it work? What next?")),
        (("Customer", Layer.CUSTOMER), ("Sales", Layer.FRONTSTAGE),
         ("Service", Layer.FRONTSTAGE), ("Operations", Layer.BACKSTAGE)),
    ),
    Template(
        "service-blueprint", "Service blueprint",
        "Customer actions, frontstage, backstage and support processes with the three lines.",
        (("Aware", ""), ("Join", ""), ("Use", ""), ("Get help", ""), ("Leave or renew", "")),
        (("Customer actions", Layer.CUSTOMER), ("Frontstage staff", Layer.FRONTSTAGE),
         ("Backstage staff", Layer.BACKSTAGE), ("Support processes", Layer.SUPPORT)),
    ),
)}


def build(template: str, title: str | None = None,
          apply: Callable[[Document], None] | None = None) -> Document:
    """A new in-memory document laid out from ``template`` (see :data:`TEMPLATES`)."""
    tpl = TEMPLATES.get(template)
    if tpl is None:
        raise KeyError(f"unknown template {template!r}; choose one of {', '.join(TEMPLATES)}")
    doc = Document(WorkshopInfo(title=(title or tpl.title).strip() or tpl.title))
    for name, desc in tpl.stages:
        doc.apply(edits.add_stage(doc, name, description=desc))
    for name, layer in tpl.lanes:
        doc.apply(edits.add_lane(doc, name, layer))
    if apply:
        apply(doc)
    doc.revision = 0
    return doc




__all__ = ["TEMPLATES", "Template", "build", "combine"]
