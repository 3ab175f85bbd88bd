"""Report charts with matplotlib's object API on the Agg canvas (no GUI backend, thread-safe).

Each ``*_chart`` function returns PNG bytes; :func:`export_charts` writes PNG and SVG files.
"""

from __future__ import annotations

import io
import textwrap
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from journeymapper.analysis.results import Analysis
from journeymapper.model import Document, Lane, Layer, Stage
from journeymapper.model.text import shorten

from .rows import ordered_touchpoints
from .text import clean

DPI = 150
DENSE_MAP = 150  # above this many cards the satisfaction chart summarises pain per stage
NAVY = "#1F3A5F"
PAIN = "#C92A2A"
ZONES = (  # low, high, colour, label
    (-0.5, 6.5, "#E03131", "at risk 0-6"),
    (6.5, 8.5, "#F08C00", "indifferent 7-8"),
    (8.5, 10.5, "#2F9E44", "advocate 9-10"),
)
SEVERITY_COLOURS = ("#FFE8A3", "#FFC078", "#FF8A4C", "#E8590C", "#A61E1E")
RC: Any = {"font.size": 9, "axes.titlesize": 12, "axes.titleweight": "bold", "axes.labelsize": 10,
      "axes.spines.top": False, "axes.spines.right": False, "svg.fonttype": "none"}


# A title with a character the fonts lack (an emoji, on a machine without an emoji font) is drawn
# with a box for it; matplotlib also warns on stderr, once per figure and format, which told a
# user of `journeymapper export` nothing they could act on.
warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)


def _t(text: str) -> str:
    """User text as matplotlib shows it literally: no control characters, no mathtext."""
    return clean(text).replace("$", r"\$")


def _wrap(name: str, width: int = 14) -> str:
    name = _t(name)
    return "\n".join(textwrap.wrap(name, width, max_lines=3, placeholder="…")) or name


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    return Figure(figsize=(width, height), dpi=DPI,
                  layout=ConstrainedLayoutEngine(w_pad=0.1, h_pad=0.08))


def _save(fig: Any, fmt: str = "png", dpi: int = DPI) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=dpi, facecolor="white")
    return buf.getvalue()


def _empty(ax: Any, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", color="#666666", fontsize=11,
            transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)


def _titles(fig: Any, ax: Any, doc: Document, what: str) -> None:
    """A bold heading over the figure and the workshop's name as a quieter second line."""
    fig.suptitle(what, x=0.01, ha="left", fontsize=13, fontweight="bold", color="#111111")
    ax.set_title(_t(doc.info.title), loc="left", fontsize=9.5, fontweight="normal", color="#555555")


# -- satisfaction along the journey -----------------------------------------------------------
def satisfaction_figure(doc: Document) -> Any:
    import matplotlib

    stages = doc.stages
    fig = _figure(min(16.0, max(8.0, 1.3 * len(stages) + 2.5)), 5.2)
    with matplotlib.rc_context(RC):
        ax = fig.add_subplot()
        _titles(fig, ax, doc, "Satisfaction along the journey")
        if not stages:
            _empty(ax, "No stages yet")
            return fig
        n = len(stages)
        for low, high, colour, _label in ZONES:
            ax.axhspan(low, high, color=colour, alpha=0.09, lw=0)
        idx = {s.id: i for i, s in enumerate(stages)}
        painful = {p.touchpoint_id: p.severity for p in doc.pain_points.values()}
        for p in doc.pain_points.values():
            painful[p.touchpoint_id] = max(painful[p.touchpoint_id], p.severity)
        per_stage: dict[int, list[Any]] = {}
        for t in ordered_touchpoints(doc):
            per_stage.setdefault(idx[t.stage_id], []).append(t)
        xs, ys, pxs, pys, psz, uxs = [], [], [], [], [], []
        means: list[tuple[int, float]] = []
        pains_in: dict[int, int] = {}
        many = len(doc.touchpoints) > DENSE_MAP
        for i, cards in sorted(per_stage.items()):
            scored = [t for t in cards if t.score is not None]
            if scored:
                means.append((i, sum(t.score for t in scored) / len(scored)))
            pains_in[i] = sum(1 for t in cards if t.id in painful)
            k = len(cards)
            for j, t in enumerate(cards):
                x = i + (0.0 if k == 1 else -0.28 + 0.56 * j / (k - 1))
                if t.score is not None:
                    # On a dense map, a little vertical spread shows how many share a score.
                    y = t.score + (((j * 7919) % 21) - 10) * 0.012 if many else t.score
                    xs.append(x)
                    ys.append(y)
                    if t.id in painful:
                        pxs.append(x)
                        pys.append(y)
                        psz.append(30 + 18 * painful[t.id])
                elif t.id in painful:
                    uxs.append(x)
        ax.scatter(xs, ys, s=5 if many else 34, color="#4C6EF5", alpha=0.25 if many else 0.85,
                   edgecolor="white" if not many else "none", linewidth=0.5, zorder=3,
                   label="touch-point score")
        if many:
            # Hundreds of cards: mark the painful ones quietly and count them per stage.
            if pxs:
                ax.scatter(pxs, pys, s=7, color=PAIN, alpha=0.45, lw=0, zorder=4,
                           label="has a pain point")
            for i, count in pains_in.items():
                if count:
                    ax.text(i, 0.15, f"{count} cards with pain", ha="center", va="bottom",
                            fontsize=8, color=PAIN, fontweight="bold", zorder=6,
                            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": PAIN,
                                  "lw": 0.6, "alpha": 0.9})
        else:
            if pxs:
                ax.scatter(pxs, pys, s=psz, marker="D", facecolor="none", edgecolor=PAIN,
                           linewidth=1.4, zorder=4, label="has a pain point (size: severity)")
            if uxs:
                ax.scatter(uxs, [-0.2] * len(uxs), marker="^", color=PAIN, s=28, zorder=4,
                           clip_on=False, label="pain point on an unscored card")
        if means:
            mx, my = zip(*means, strict=True)
            ax.plot(mx, my, color=NAVY, lw=2.4, marker="o", ms=7, zorder=5, label="stage mean")
            for x, y in means:
                ax.annotate(f"{y:.1f}", (x, y), textcoords="offset points", xytext=(0, 9),
                            ha="center", fontsize=9, fontweight="bold", color=NAVY, zorder=6,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                  "alpha": 0.8})
        else:
            ax.text(0.5, 0.5, "No satisfaction scores yet", transform=ax.transAxes,
                    ha="center", color="#666666")
        ax.set_xlim(-0.6, n - 0.4)
        ax.set_ylim(-0.5, 10.5)
        _zone_labels(ax)
        ax.set_xticks(range(n), [_wrap(s.name) for s in stages],
                      rotation=0 if n <= 8 else 35, ha="center" if n <= 8 else "right")
        ax.set_yticks(range(0, 11))
        ax.set_ylabel("Satisfaction (0-10)")
        ax.set_xlabel("Stage")
        ax.grid(axis="y", color="#DDDDDD", lw=0.6)
        ax.set_axisbelow(True)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13 if n <= 8 else -0.28), ncol=4,
                  frameon=False, fontsize=8, markerscale=2.5 if many else 1.0)
    return fig


def _zone_labels(ax: Any) -> None:
    """The zone names as right-hand tick labels (so the layout makes room for them)."""
    right = ax.twinx()
    right.set_ylim(ax.get_ylim())
    right.set_yticks([(max(lo, 0) + min(hi, 10)) / 2 for lo, hi, _, _ in ZONES],
                     [label[::-1].replace(" ", "\n", 1)[::-1] for *_, label in ZONES])
    for tick, (*_, colour, _label) in zip(right.get_yticklabels(), ZONES, strict=True):
        tick.set_color(colour)
        tick.set_fontweight("bold")
    right.tick_params(axis="y", length=0, pad=4)
    for side in ("top", "right", "left", "bottom"):
        right.spines[side].set_visible(False)


# -- hand-off heat map --------------------------------------------------------------------------
def handoff_matrix(doc: Document, analysis: Analysis | None) -> dict[tuple[str, str], int]:
    """The analysis' matrix, or, without one, flows between two different non-customer lanes."""
    if analysis is not None:
        return dict(analysis.matrix)
    out: dict[tuple[str, str], int] = {}
    tps = doc.touchpoints
    for f in doc.flows.values():
        a, b = tps[f.source_id].lane_id, tps[f.target_id].lane_id
        if a != b and Layer.CUSTOMER not in (doc.lane(a).layer, doc.lane(b).layer):
            out[(a, b)] = out.get((a, b), 0) + 1
    return out


def handoff_figure(doc: Document, analysis: Analysis | None) -> Any:
    import matplotlib
    from matplotlib.patches import Rectangle

    matrix = handoff_matrix(doc, analysis)
    involved = {x for pair in matrix for x in pair}
    lanes = [ln for ln in doc.lanes if ln.layer != Layer.CUSTOMER or ln.id in involved]
    if len(lanes) > 20:
        lanes = [ln for ln in lanes if ln.id in involved]
    n = len(lanes)
    side = min(14.0, max(5.5, 0.55 * n + 3.2))
    fig = _figure(side + 1.2, side)
    with matplotlib.rc_context(RC):
        ax = fig.add_subplot()
        _titles(fig, ax, doc, "Hand-offs between departments")
        if not matrix or not lanes:
            _empty(ax, "No hand-offs between departments")
            return fig
        grid = [[matrix.get((a.id, b.id), 0) for b in lanes] for a in lanes]
        top = max(max(r) for r in grid) or 1
        im = ax.imshow(grid, cmap="Oranges", vmin=0, vmax=top, aspect="equal")
        for i, r in enumerate(grid):
            for j, v in enumerate(r):
                if i == j:
                    ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, color="#E9ECEF", lw=0))
                if v:
                    ax.text(j, i, str(v), ha="center", va="center", fontweight="bold",
                            fontsize=10 if n <= 12 else 7,
                            color="white" if v > top * 0.55 else "#222222")
        names = [_wrap(ln.name, 16) for ln in lanes]
        ax.set_xticks(range(n), names, rotation=35, ha="right", rotation_mode="anchor")
        ax.set_yticks(range(n), names)
        ax.set_xlabel("to lane (receives the work)")
        ax.set_ylabel("from lane (hands the work over)")
        ax.set_xticks([x - 0.5 for x in range(1, n)], minor=True)
        ax.set_yticks([y - 0.5 for y in range(1, n)], minor=True)
        ax.grid(which="minor", color="white", lw=1.5)
        ax.tick_params(which="minor", length=0)
        for side_ in ("top", "right", "left", "bottom"):
            ax.spines[side_].set_visible(False)
        bar = fig.colorbar(im, ax=ax, shrink=0.7, pad=0.02)
        bar.set_label("hand-offs")
        bar.ax.yaxis.get_major_locator().set_params(integer=True)
    return fig


# -- pain points per stage and per lane ---------------------------------------------------------
def _pain_counts(doc: Document, by: str) -> tuple[list[str], list[list[int]]]:
    items: Sequence[Stage | Lane] = doc.stages if by == "stage" else doc.lanes
    idx = {e.id: i for i, e in enumerate(items)}
    counts = [[0] * len(items) for _ in range(5)]
    tps = doc.touchpoints
    for p in doc.pain_points.values():
        t = tps[p.touchpoint_id]
        counts[p.severity - 1][idx[t.stage_id if by == "stage" else t.lane_id]] += 1
    return [e.name for e in items], counts


def pain_figure(doc: Document, by: str = "stage") -> Any:
    import matplotlib
    from matplotlib.ticker import MaxNLocator

    names, counts = _pain_counts(doc, by)
    n = len(names)
    horizontal = by == "lane"
    if horizontal:
        fig = _figure(9.0, min(14.0, max(4.0, 0.45 * n + 2.0)))
    else:
        fig = _figure(min(16.0, max(8.0, 1.1 * n + 2.5)), 5.0)
    with matplotlib.rc_context(RC):
        ax = fig.add_subplot()
        _titles(fig, ax, doc, f"Pain points per {by}, by severity")
        if not doc.pain_points:
            _empty(ax, "No pain points recorded")
            return fig
        base = [0] * n
        pos = list(range(n))
        for sev in range(5):
            vals = counts[sev]
            if not any(vals):
                continue
            label = f"{sev + 1}" + (" (mild)" if sev == 0 else " (severe)" if sev == 4 else "")
            if horizontal:
                ax.barh(pos, vals, left=base, color=SEVERITY_COLOURS[sev], label=label,
                        edgecolor="white", lw=0.6, height=0.65)
            else:
                ax.bar(pos, vals, bottom=base, color=SEVERITY_COLOURS[sev], label=label,
                       edgecolor="white", lw=0.6, width=0.65)
            base = [b + v for b, v in zip(base, vals, strict=True)]
        for i, total in enumerate(base):
            if total:
                xy, off = ((total, i), (4, 0)) if horizontal else ((i, total), (0, 3))
                ax.annotate(str(total), xy, textcoords="offset points", xytext=off,
                            ha="left" if horizontal else "center",
                            va="center" if horizontal else "bottom", fontsize=9, color="#333333")
        labels = [_wrap(x, 22 if horizontal else 14) for x in names]
        if horizontal:
            ax.set_yticks(pos, labels)
            ax.invert_yaxis()
            ax.set_xlabel("pain points")
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_xlim(0, max(base) * 1.12 + 0.5)
            ax.grid(axis="x", color="#DDDDDD", lw=0.6)
        else:
            ax.set_xticks(pos, labels, rotation=0 if n <= 8 else 35,
                          ha="center" if n <= 8 else "right")
            ax.set_ylabel("pain points")
            ax.set_xlabel("Stage")
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_ylim(0, max(base) * 1.12 + 0.5)
            ax.grid(axis="y", color="#DDDDDD", lw=0.6)
        ax.set_axisbelow(True)
        ax.legend(title="severity", frameon=False, fontsize=8, title_fontsize=8,
                  loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


# -- the backlog's impact/effort matrix ---------------------------------------------------------
def matrix_figure(doc: Document) -> Any:
    """The improvement actions by impact (up) and effort (across) in the four quadrants, as the
    backlog dock shows them: what the departments can do first (quick wins, top left)."""
    import matplotlib
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    from journeymapper.model.quadrants import CLOSED, CLOSED_COLOUR, PRIORITY_COLOURS, QUADRANTS

    fig = _figure(9.0, 6.4)
    with matplotlib.rc_context(RC):
        ax = fig.add_subplot()
        _titles(fig, ax, doc, "Improvement actions by impact and effort")
        ax.set_xlim(0.5, 5.5)
        ax.set_ylim(0.5, 5.5)
        for name, high_impact, high_effort, fill, ink in QUADRANTS:
            x0, y0 = 3.0 if high_effort else 0.5, 3.0 if high_impact else 0.5
            ax.add_patch(Rectangle((x0, y0), 2.5, 2.5, color=fill, lw=0, zorder=0))
            ax.text(x0 + (2.45 if high_effort else 0.05), y0 + (2.42 if high_impact else 0.08),
                    name, ha="right" if high_effort else "left",
                    va="top" if high_impact else "bottom", fontsize=12, fontweight="bold",
                    color=ink, zorder=1)
        ax.axvline(3, color="#495057", lw=1.2, zorder=1)
        ax.axhline(3, color="#495057", lw=1.2, zorder=1)
        ax.set_xticks(range(1, 6))
        ax.set_yticks(range(1, 6))
        ax.set_xlabel("Effort: little → a lot")
        ax.set_ylabel("Impact: little → a lot")
        if not doc.actions:
            _empty(ax, "No improvement actions yet")
            return fig
        cells: dict[tuple[int, int], list[Any]] = {}
        for a in doc.actions:
            cells.setdefault((a.impact, a.effort), []).append(a)
        for (impact, effort), acts in cells.items():
            shown = acts[:4]  # a crowded cell: four titles and a count
            for n, a in enumerate(shown):
                # at its own values (a 3 on a dividing line, as in the dock), a cell's dots
                # stacked about them
                y = impact + 0.1 * (len(shown) - 1) - 0.2 * n
                done = a.status in CLOSED
                ax.scatter([effort], [y], s=55, zorder=3, edgecolors="white",
                           color=CLOSED_COLOUR if done else PRIORITY_COLOURS[a.priority])
                title = shorten(_t(a.title), 20)
                if n == len(shown) - 1 and len(acts) > len(shown):
                    title += f" +{len(acts) - len(shown)}"
                ax.text(effort + 0.08, y, title, va="center", fontsize=7.5, zorder=3,
                        color="#868E96" if done else "#212529",
                        bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none",
                              "alpha": 0.8})
        handles = [Line2D([], [], ls="", marker="o", markersize=7, color=colour,
                          label=str(priority))
                   for priority, colour in PRIORITY_COLOURS.items()]
        ax.legend(handles=handles, title="priority", frameon=False, fontsize=8,
                  title_fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


# -- public API ---------------------------------------------------------------------------------
def _builders(doc: Document, analysis: Analysis | None) -> list[tuple[str, Callable[[], Any]]]:
    return [
        ("satisfaction", lambda: satisfaction_figure(doc)),
        ("handoffs", lambda: handoff_figure(doc, analysis)),
        ("pain-by-stage", lambda: pain_figure(doc, "stage")),
        ("pain-by-lane", lambda: pain_figure(doc, "lane")),
        ("action-matrix", lambda: matrix_figure(doc)),
    ]


def satisfaction_chart(doc: Document) -> bytes:
    return _save(satisfaction_figure(doc))


def handoff_chart(doc: Document, analysis: Analysis | None = None) -> bytes:
    return _save(handoff_figure(doc, analysis))


def pain_chart(doc: Document, by: str = "stage") -> bytes:
    """Pain points per ``"stage"`` or per ``"lane"``, stacked by severity."""
    if by not in ("stage", "lane"):
        raise ValueError("by must be 'stage' or 'lane'")
    return _save(pain_figure(doc, by))


def render_all(doc: Document, analysis: Analysis | None = None,
               dpi: int = DPI) -> list[tuple[str, bytes]]:
    """Every chart as (name, PNG bytes)."""
    return [(name, _save(build(), dpi=dpi)) for name, build in _builders(doc, analysis)]


def export_charts(doc: Document, analysis: Analysis | None, out_dir: Path | str) -> list[Path]:
    """Write every chart as ``<name>.png`` and ``<name>.svg`` into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, build in _builders(doc, analysis):
        fig = build()
        for fmt in ("png", "svg"):
            path = out / f"{name}.{fmt}"
            path.write_bytes(_save(fig, fmt))
            written.append(path)
    return written
