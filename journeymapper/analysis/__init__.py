"""Journey analysis: hand-offs, loops, gaps, weak links and bottlenecks (DESIGN.md §5). No Qt.

Importing this package is cheap: NetworkX is imported only when an analysis runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .findings import finding_id
from .graph import build_graph
from .live import AnalysisJob, LiveAnalysis
from .results import Analysis, Finding, Handoff, HandoffKind, Severity
from .settings import Settings

if TYPE_CHECKING:
    from journeymapper.model import Document


def analyze(doc: Document, settings: Settings | None = None, *,
            include_betweenness: bool = False) -> Analysis:
    """Analyse ``doc`` (settings default to the workshop's own). Betweenness, the one slow step,
    is left out unless asked for: use :func:`betweenness_findings` on demand."""
    from .engine import analyze as run

    return run(doc, settings, include_betweenness=include_betweenness)


def betweenness_findings(doc: Document, settings: Settings | None = None) -> list[Finding]:
    """The ``bottleneck-touchpoint`` findings alone (exact below 500 cards, else sampled)."""
    from .engine import betweenness_findings as run

    return run(doc, settings)


def analysis_to_json(doc: Document, analysis: Analysis) -> dict[str, object]:
    from .jsonout import analysis_to_json as run

    return run(doc, analysis)


__all__ = [
    "Analysis", "AnalysisJob", "Finding", "Handoff", "HandoffKind", "LiveAnalysis", "Settings",
    "Severity", "analysis_to_json", "analyze", "betweenness_findings", "build_graph",
    "finding_id",
]
