"""Turning spreadsheet cells into model values, forgivingly; a ValueError's message says why."""

from __future__ import annotations

import datetime as dt
import re

from journeymapper.model import Channel, Layer, PainKind, Servqual

CHANNEL_WORDS: dict[str, Channel] = {
    "phone": Channel.PHONE, "telephone": Channel.PHONE, "call": Channel.PHONE,
    "phonecall": Channel.PHONE, "tel": Channel.PHONE, "hotline": Channel.PHONE,
    "email": Channel.EMAIL, "mail": Channel.EMAIL, "emails": Channel.EMAIL,
    "inperson": Channel.IN_PERSON, "facetoface": Channel.IN_PERSON, "visit": Channel.IN_PERSON,
    "f2f": Channel.IN_PERSON, "onsite": Channel.IN_PERSON, "counter": Channel.IN_PERSON,
    "web": Channel.WEB, "website": Channel.WEB, "online": Channel.WEB, "internet": Channel.WEB,
    "portal": Channel.WEB, "app": Channel.APP, "mobileapp": Channel.APP, "mobile": Channel.APP,
    "letter": Channel.LETTER, "post": Channel.LETTER, "mailpost": Channel.LETTER,
    "other": Channel.OTHER,
}
LAYER_WORDS: dict[str, Layer] = {
    "customer": Layer.CUSTOMER, "customeractions": Layer.CUSTOMER, "customers": Layer.CUSTOMER,
    "frontstage": Layer.FRONTSTAGE, "front": Layer.FRONTSTAGE, "onstage": Layer.FRONTSTAGE,
    "frontoffice": Layer.FRONTSTAGE, "visible": Layer.FRONTSTAGE,
    "backstage": Layer.BACKSTAGE, "back": Layer.BACKSTAGE, "backoffice": Layer.BACKSTAGE,
    "invisible": Layer.BACKSTAGE,
    "support": Layer.SUPPORT, "supportprocesses": Layer.SUPPORT, "supportprocess": Layer.SUPPORT,
    "systems": Layer.SUPPORT,
}
CUSTOMER_WORDS = frozenset({
    "customer", "client", "patient", "guest", "user", "member", "passenger", "consumer", "buyer",
    "shopper", "visitor", "subscriber", "student", "traveller", "traveler", "caller", "resident",
    "tenant", "citizen", "applicant", "learner", "diner", "viewer", "listener", "policyholder",
    "persona", "you",
})
# A lane named "Customer service" is a department, not the customer.
DEPARTMENT_WORDS = frozenset({
    "service", "services", "support", "care", "success", "relations", "team", "desk",
    "department", "dept", "centre", "center", "office", "management", "experience", "insights",
    "research", "admin", "administration", "operations", "ops", "accounts",
})


def key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def text(value: object) -> str:
    """A cell as text: numbers without a spurious ``.0``, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def is_customer_lane(name: str) -> bool:
    words = re.findall(r"[a-z]+", name.lower())
    singular = {w[:-1] if w.endswith("s") and w[:-1] in CUSTOMER_WORDS else w for w in words}
    return bool(singular & CUSTOMER_WORDS) and not (set(words) & DEPARTMENT_WORDS)


def default_layer(lane_name: str) -> Layer:
    return Layer.CUSTOMER if is_customer_lane(lane_name) else Layer.FRONTSTAGE


def layer(value: object) -> Layer | None:
    t = key(text(value))
    if not t:
        return None
    found = LAYER_WORDS.get(t) or LAYER_WORDS.get(t.removesuffix("layer"))
    if found is None:
        raise ValueError(f"unknown layer {text(value)!r} (use customer, frontstage, backstage "
                         "or support)")
    return found


def channel(value: object) -> Channel:
    """Known channels and their common names; anything else is 'other'."""
    return CHANNEL_WORDS.get(key(text(value)), Channel.OTHER)


def number(value: object, label: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{label} must be a number, not {value!r}")
    if isinstance(value, int | float):
        return float(value)
    t = text(value).replace(",", ".")
    m = re.fullmatch(r"([-+]?\d+(?:\.\d+)?)\s*(?:/\s*10|out of 10)?", t)
    if not m:
        raise ValueError(f"{label} must be a number, not {text(value)!r}")
    return float(m.group(1))


def whole(value: object, label: str, low: int, high: int) -> int | None:
    """A whole number in [low, high]; fractions round half up; blank is None."""
    x = number(value, label)
    if x is None:
        return None
    n = int(x + 0.5) if x >= 0 else -int(-x + 0.5)
    if not low <= n <= high:
        raise ValueError(f"{label} must be from {low} to {high}, not {text(value)}")
    return n


def pain_kind(value: object) -> PainKind:
    t = key(text(value))
    if not t:
        return PainKind.EMOTIONAL
    for k in PainKind:
        if key(k.value) == t:
            return k
    raise ValueError(f"unknown pain kind {text(value)!r} (use emotional or objective)")


def dimension(value: object) -> Servqual | None:
    t = key(text(value))
    if not t:
        return None
    for d in Servqual:
        if key(d.value) == t:
            return d
    raise ValueError(f"unknown SERVQUAL dimension {text(value)!r} (use "
                     f"{', '.join(d.value for d in Servqual)})")


def split_list(value: object, seps: str = ";") -> list[str]:
    t = text(value)
    if not t:
        return []
    parts = re.split("[" + re.escape(seps) + "]", t)
    return [p.strip() for p in parts if p.strip()]


def marks(value: object) -> tuple[bool, bool]:
    words = set(re.findall(r"[a-z]+", text(value).lower()))
    return bool(words & {"start", "begin", "first"}), bool(words & {"end", "last", "finish"})


def lines(value: object) -> list[str]:
    """A cell's lines, blank ones kept (they stand for "no label"); an empty cell is []."""
    if not isinstance(value, str):
        t = text(value)
        return [t] if t else []
    if not value.strip():
        return []
    return [line.strip() for line in value.replace("\r\n", "\n").split("\n")]
