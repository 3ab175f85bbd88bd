"""The .jmw tables as SQLAlchemy 2 typed ORM classes, one table per kind of entity.

This is the schema at the newest revision; the migrations in ``migrations/versions`` build it
step by step (a test checks that both agree). Enums are stored as their string values, dates as
ISO text, tuples (tags, linked ids) as JSON lists.

Importing SQLAlchemy costs a few hundred milliseconds, so only writing and migrating import this
module; opening a file reads it with :mod:`.rows`, which derives the same columns from the model
(a test checks that they agree).
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from journeymapper.model.entities import KINDS

from .rows import APPLICATION_ID as APPLICATION_ID  # re-exported from its old home


def _fk(target: str) -> ForeignKey:
    # Deferred: one edit may delete a stage and its cards in any order; checked at COMMIT.
    return ForeignKey(target, deferrable=True, initially="DEFERRED")


class Base(DeclarativeBase):
    pass


class InfoRow(Base):
    __tablename__ = "info"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str] = mapped_column(Text)
    facilitator: Mapped[str] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String)  # ISO date
    notes: Mapped[str] = mapped_column(Text)
    persona: Mapped[str] = mapped_column(Text)
    job_to_be_done: Mapped[str] = mapped_column(Text)


class StageRow(Base):
    __tablename__ = "stage"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    position: Mapped[float] = mapped_column(Float)
    color: Mapped[str | None] = mapped_column(String)
    description: Mapped[str] = mapped_column(Text)


class LaneRow(Base):
    __tablename__ = "lane"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    position: Mapped[float] = mapped_column(Float)
    layer: Mapped[str | None] = mapped_column(String)
    color: Mapped[str | None] = mapped_column(String)
    owner: Mapped[str] = mapped_column(Text)


class TouchPointRow(Base):
    __tablename__ = "touchpoint"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    stage_id: Mapped[str] = mapped_column(_fk("stage.id"), index=True)
    lane_id: Mapped[str] = mapped_column(_fk("lane.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    rank: Mapped[float] = mapped_column(Float)
    notes: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String)
    score: Mapped[int | None] = mapped_column(Integer)
    tags: Mapped[list[str]] = mapped_column(JSON)
    owner: Mapped[str] = mapped_column(Text)
    is_start: Mapped[bool] = mapped_column(Boolean)
    is_end: Mapped[bool] = mapped_column(Boolean)


class FlowRow(Base):
    __tablename__ = "flow"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    source_id: Mapped[str] = mapped_column(_fk("touchpoint.id"), index=True)
    target_id: Mapped[str] = mapped_column(_fk("touchpoint.id"), index=True)
    label: Mapped[str] = mapped_column(Text)


class PainPointRow(Base):
    __tablename__ = "painpoint"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    touchpoint_id: Mapped[str] = mapped_column(_fk("touchpoint.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    severity: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String)
    dimension: Mapped[str | None] = mapped_column(String)
    votes: Mapped[int] = mapped_column(Integer)


class ActionRow(Base):
    __tablename__ = "action"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    pain_point_ids: Mapped[list[str]] = mapped_column(JSON)
    finding_ids: Mapped[list[str]] = mapped_column(JSON)
    owner_lane_id: Mapped[str | None] = mapped_column(_fk("lane.id"), index=True)
    owner_person: Mapped[str] = mapped_column(Text)
    priority: Mapped[str] = mapped_column(String)
    impact: Mapped[int] = mapped_column(Integer)
    effort: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String)
    due: Mapped[str | None] = mapped_column(String)  # ISO date
    rank: Mapped[float] = mapped_column(Float)


class SettingRow(Base):
    """Added in revision 2: analysis settings (thresholds), key -> value text."""

    __tablename__ = "setting"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DismissalRow(Base):
    """Added in revision 2: findings the room dismissed, by the finding's stable id."""

    __tablename__ = "dismissal"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    note: Mapped[str] = mapped_column(Text)
    dismissed_on: Mapped[str | None] = mapped_column(String)  # ISO date


ROW_CLASSES: dict[str, type[Base]] = {
    "info": InfoRow, "stage": StageRow, "lane": LaneRow, "touchpoint": TouchPointRow,
    "flow": FlowRow, "painpoint": PainPointRow, "action": ActionRow, "setting": SettingRow,
    "dismissal": DismissalRow,
}
assert tuple(ROW_CLASSES) == KINDS, "one table per kind of entity, parents first"


def table_of(kind: str) -> Table:
    table: Table = ROW_CLASSES[kind].__table__  # type: ignore[assignment]
    return table

