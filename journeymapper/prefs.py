"""The user's preferences, without Qt: theme, default analysis thresholds, recovery folder.

Stored as flat text values (``theme``, ``analysis/<key>``, ``recovery/folder``) so any key-value
store holds them; the Qt side (``journeymapper.ui.preferences``) keeps them in QSettings.

Default thresholds apply to every workshop; a workshop's own settings (``Document.settings``)
still win: see :func:`analysis_values`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from journeymapper.analysis.settings import _RANGES, Settings

THEMES: tuple[str, ...] = ("light", "dark", "projector")
THEME_LABELS: dict[str, str] = {"light": "Light", "dark": "Dark",
                                "projector": "Projector (large type, high contrast)"}
DEFAULT_THEME = "light"

THEME_KEY = "theme"
RECOVERY_KEY = "recovery/folder"
ANALYSIS_PREFIX = "analysis/"

# One line per threshold, for the dialog's labels and tooltips (see analysis/settings.py).
THRESHOLD_HELP: dict[str, tuple[str, str]] = {
    "weak_link_gap": ("Weak link: points below the rest", "A card is a weak link when the other "
                      "cards' mean score is at least this much above its own."),
    "weakest_link_weight": ("Weakest card's pull on the score", "How hard the weakest card "
                            "pulls the journey's likely score down (0 = a plain mean)."),
    "channel_gap": ("Channels disagree: points apart", "A stage is inconsistent across "
                    "channels when two channels' mean scores differ by at least this much."),
    "cycle_max_length": ("Rework loops: longest, in cards", "Longest rework loop, in cards, "
                         "the analysis looks for."),
    "cycle_max_count": ("Rework loops: listed at most", "Stop listing loops after this many."),
    "ping_pong_max_run": ("Ping-pong: cards passed between", "How many cards in the other lane "
                          "a ping-pong A → B → A may pass."),
    "bottleneck_min_handoffs": ("Bottleneck lane: hand-offs, at least", "A lane is a bottleneck "
                                "only with at least this many hand-offs in and out."),
    "bottleneck_top": ("Bottleneck cards named", "How many cards to name as bottlenecks: those "
                       "the most journeys through the map pass (betweenness)."),
    "betweenness_exact_max": ("Bottleneck cards: counted exactly up to", "Up to this many cards "
                              "the journeys through each card are counted exactly; above it, "
                              "from a sample (a large map stays quick)."),
    "betweenness_samples": ("Bottleneck cards: sample above that", "How many cards the sample "
                            "starts from on a larger map."),
    "review_tags": ("Tags of a review card", "Comma-separated tags that mark a review or "
                    "feedback card."),
}
THRESHOLD_KEYS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Settings))


def default_recovery_folder() -> Path:
    return Path.home() / "JourneyMapper" / "Recovered"


def threshold_default(key: str) -> float | int | tuple[str, ...]:
    value: float | int | tuple[str, ...] = getattr(Settings(), key)
    return value


def threshold_range(key: str) -> tuple[float, float] | None:
    """The accepted (low, high) of a numeric threshold; None for text ones (review tags)."""
    return _RANGES.get(key)


def format_threshold(value: object) -> str:
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def normalise_threshold(key: str, text: str) -> str | None:
    """``text`` as the stored form of threshold ``key``, or None when it is not acceptable
    (unknown key, not a number, out of range, empty tag list)."""
    if key not in THRESHOLD_KEYS:
        return None
    parsed = getattr(Settings.from_values({key: text}), key)
    default = threshold_default(key)
    if parsed == default and not _means_default(key, text):
        return None
    return format_threshold(parsed)


def _means_default(key: str, text: str) -> bool:
    """Whether ``text`` parses to the default on purpose (rather than falling back to it)."""
    default = threshold_default(key)
    if isinstance(default, tuple):
        return tuple(t.strip().lower() for t in text.split(",") if t.strip()) == default
    try:
        return float(text.strip()) == float(default)
    except ValueError:
        return False


@dataclass(frozen=True)
class Preferences:
    theme: str = DEFAULT_THEME
    # Only the thresholds the user changed, in their stored text form.
    thresholds: Mapping[str, str] = field(default_factory=dict)
    recovery_folder: Path = field(default_factory=default_recovery_folder)

    def threshold(self, key: str) -> float | int | tuple[str, ...]:
        value: float | int | tuple[str, ...] = getattr(self.analysis_settings(), key)
        return value

    def analysis_settings(self) -> Settings:
        return Settings.from_values(dict(self.thresholds))

    def to_values(self) -> dict[str, str]:
        values = {THEME_KEY: self.theme, RECOVERY_KEY: str(self.recovery_folder)}
        values.update({ANALYSIS_PREFIX + k: v for k, v in self.thresholds.items()})
        return values

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> Preferences:
        """Preferences from stored values; anything unreadable falls back to its default."""
        theme = str(values.get(THEME_KEY, DEFAULT_THEME)).strip().lower()
        thresholds: dict[str, str] = {}
        for key in THRESHOLD_KEYS:
            raw = values.get(ANALYSIS_PREFIX + key)
            if raw is None:
                continue
            text = ",".join(map(str, raw)) if isinstance(raw, list | tuple) else str(raw)
            normal = normalise_threshold(key, text)
            if normal is not None and normal != format_threshold(threshold_default(key)):
                thresholds[key] = normal
        folder = str(values.get(RECOVERY_KEY) or "").strip()
        return cls(theme=theme if theme in THEMES else DEFAULT_THEME, thresholds=thresholds,
                   recovery_folder=Path(folder).expanduser() if folder
                   else default_recovery_folder())


def analysis_values(prefs: Preferences, workshop: Mapping[str, str]) -> dict[str, str]:
    """The text values to analyse a workshop with: the user's defaults, then the workshop's own
    settings on top (``Settings.from_values(analysis_values(prefs, doc.settings))``)."""
    return {**prefs.thresholds, **workshop}
