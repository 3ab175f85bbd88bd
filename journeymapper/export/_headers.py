"""Forgiving header matching for touch-point tables: case, spaces, punctuation and synonyms."""

from __future__ import annotations

import re
from collections.abc import Sequence

# field -> normalised header spellings, most specific first. Normalised = lower case letters and
# digits only ("Touch point" -> "touchpoint", "Stage #" -> "stageno").
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "touchpointid", "cardid", "tpid"),
    "stage_description": ("stagedescription", "stagedetails", "stagenotes", "phasedescription"),
    "stage_no": ("stageno", "stagenumber", "stageorder", "stagepos", "stageposition"),
    "stage": ("stage", "stages", "step", "phase", "stagename", "journeystage", "journeyphase",
              "journeystep", "column"),
    "lane_no": ("laneno", "lanenumber", "laneorder", "lanepos", "laneposition"),
    "lane": ("lane", "swimlane", "lanes", "lanename", "department", "dept", "actor", "team",
             "role", "row", "function", "silo"),
    "lane_owner": ("laneowner", "departmentowner", "departmenthead", "lanelead", "teamlead"),
    "layer": ("layer", "blueprintlayer", "level", "blueprint"),
    "title": ("touchpoint", "touchpoints", "touchpointtitle", "touchpointname", "moment",
              "momentoftruth", "title", "name", "card", "interaction", "activity"),
    "channel": ("channel", "medium", "via", "contactchannel", "media"),
    "score": ("satisfaction", "score", "rating", "csat", "satisfactionscore", "nps", "feeling"),
    "owner": ("owner", "responsible", "accountable", "person", "owner person", "contact"),
    "tags": ("tags", "tag", "keywords"),
    "notes": ("notes", "note", "comments", "comment", "description", "details", "remarks"),
    "marks": ("startend", "marks", "startorend"),
    "next": ("nexttouchpoint", "nexttouchpoints", "next", "nextstep", "nextsteps", "goesto",
             "leadsto", "then", "followedby", "successor", "successors"),
    "next_ids": ("nextids", "nextid", "nexttouchpointids"),
    "flow_labels": ("flowlabels", "flowlabel", "nextlabels", "arrowlabels", "flowlabelsinorder"),
    "pain": ("painpoint", "painpoints", "pain", "issue", "problem", "frustration",
             "painpointtext"),
    "severity": ("severity", "painseverity", "sev", "painpointseverity"),
    "pain_kind": ("painkind", "paintype", "painpointkind"),
    "dimension": ("servqual", "dimension", "servqualdimension", "qualitydimension"),
    "votes": ("votes", "vote", "dots", "dotvotes"),
    "pain_id": ("painpointid", "ppid", "painid"),
    "journey": ("journey", "scenario", "journeyname"),
}

# A header that names the lane only when nothing better does (our sheet has both Lane and Owner).
FALLBACK: dict[str, tuple[str, ...]] = {"lane": ("owner", "responsible", "who")}


def normalise(header: object) -> str:
    text = "" if header is None else str(header).lower().replace("#", "no")
    return re.sub(r"[^a-z0-9]", "", text)


def match_headers(headers: Sequence[object]) -> dict[str, int]:
    """Field name -> column index, each column used at most once."""
    norm = [normalise(h) for h in headers]
    out: dict[str, int] = {}
    used: set[int] = set()
    for field, names in SYNONYMS.items():
        for name in names:
            for i, n in enumerate(norm):
                if n and n == name.replace(" ", "") and i not in used and field not in out:
                    out[field] = i
                    used.add(i)
    # Softer: a header that starts with a synonym ("Stage name (phase)", "Touch-point title").
    for field, names in SYNONYMS.items():
        if field in out:
            continue
        for i, n in enumerate(norm):
            if i not in used and n and any(n.startswith(s) for s in names if len(s) >= 4):
                out[field] = i
                used.add(i)
                break
    for field, names in FALLBACK.items():
        if field in out:
            continue
        for i, n in enumerate(norm):
            if n in names:
                out[field] = i
                if out.get("owner") == i:
                    del out["owner"]
                used.add(i)
                break
    return out
