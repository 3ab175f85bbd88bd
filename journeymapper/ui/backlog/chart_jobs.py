"""Chart rendering off the GUI thread, on a copy of the document (no Qt here).

The analysis and the charts read the document while they run, so a worker gets its own copy
(``jsonform``), taken on the GUI thread; the result carries the revision it was made from.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeymapper.model import Document, jsonform

CHART_TITLES = {
    "satisfaction": "Satisfaction along the journey",
    "handoffs": "Hand-offs between lanes",
    "pain-by-stage": "Pain points per stage",
    "pain-by-lane": "Pain points per lane",
    "action-matrix": "Actions by impact and effort",
}


@dataclass(frozen=True, slots=True)
class ChartSet:
    revision: int
    charts: list[tuple[str, bytes]]  # (name, PNG bytes), in the export module's order
    error: str = ""


def snapshot(doc: Document) -> tuple[int, Any]:
    return doc.revision, jsonform.to_data(doc)


def render(revision: int, data: Any) -> ChartSet:
    from journeymapper.export import charts

    try:
        doc = jsonform.from_data(data)
        return ChartSet(revision, charts.render_all(doc, _analysis(doc)))
    except Exception as exc:  # a chart that fails must not take the window with it
        return ChartSet(revision, [], f"{type(exc).__name__}: {exc}")


def save(data: Any, folder: Path) -> list[Path]:
    from journeymapper.export import charts

    doc = jsonform.from_data(data)
    return charts.export_charts(doc, _analysis(doc), folder)


def _analysis(doc: Document) -> Any:
    try:
        from journeymapper.analysis import analyze
    except ImportError:
        return None
    return analyze(doc)


class ChartWorker:
    """One background thread; ``submit`` calls ``done`` (from that thread) with the result."""

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None

    def submit(self, doc: Document, done: Callable[[ChartSet], None]) -> Future[ChartSet]:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="charts")
        future = self._pool.submit(render, *snapshot(doc))
        future.add_done_callback(lambda f: None if f.cancelled() else done(f.result()))
        return future

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
