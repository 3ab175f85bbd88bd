"""The unreachable part of the map kept up to date edit by edit (used by :mod:`.incremental`).

:func:`gaps.unreachable_roots` takes the *sources* of the unreachable part (cards no flow leads
to) in map order, each claiming the unreachable cards it leads to that no earlier source
claimed; then the cards left over (loops nothing enters) in map order, each claiming what it
leads to among those left. So a card claimed in the first phase belongs to the *first source in
map order among its ancestors*: its label is that source's sort key ``(place, id)``, the least
key over its source ancestors (a min-label over the graph, :data:`INF` when no source leads to
it). Labels change only near an edit:

- a source moved to another cell: its key changes. Earlier: what it claimed takes the new key,
  which then spreads down to cards whose label was greater. Later: what it claimed is labelled
  again from outside (:meth:`Unreach._relabel`);
- a flow u -> v added: v's label can only go down (to u's); if v was a source, what it claimed
  is labelled again;
- a flow u -> v removed: only the cards whose label came through it (v onward, with u's label)
  are labelled again; v may become a source;
- any other moved card: only its root's list is sorted again.

The second phase (cards labelled :data:`INF`) is recomputed when it can have changed; it is
small on real maps. Reachability changes (starts, a flow from the reachable part, several flows
at once) rebuild the labels from scratch (:meth:`Unreach.build`), as fast as the plain pass.
"""

from __future__ import annotations

import heapq
from collections.abc import Generator, Iterable

from .findings import CHUNK
from .gaps import claim_from
from .graph import Journey

Key = tuple[tuple[int, int], str]
INF: Key = ((1 << 62, 1 << 62), "")


class Unreach:
    """Labels of the unreachable cards (``lab``: exactly the unreachable, connected cards),
    the cards of each first-phase root (``mem``) and the second-phase roots (``p2``)."""

    def __init__(self, j: Journey) -> None:
        self.j = j
        self.lab: dict[str, Key] = {}
        self.mem: dict[str, set[str]] = {}
        self.p2: dict[str, list[str]] = {}
        self.p2_of: dict[str, str] = {}
        self.dirty: set[str] = set()  # roots whose card list (or cards) may have changed
        self.p2_dirty = False

    # -- from scratch ----------------------------------------------------------------------------
    def build(self, left: Iterable[str]) -> None:
        """Label ``left`` (the unreachable cards, not lonely) from scratch; every old and new
        root is dirty."""
        for _ in self.build_steps(left):
            pass

    def build_steps(self, left: Iterable[str]) -> Generator[None, None, None]:
        """:meth:`build` in slices (of about :data:`CHUNK` cards claimed)."""
        j = self.j
        place, succ, pred = j.place_of, j.succ, j.pred
        self.dirty.update(self.mem)
        self.dirty.update(self.p2)
        lab: dict[str, Key] = dict.fromkeys(left, INF)
        mem: dict[str, set[str]] = {}
        sources = sorted((place[n], n) for n in lab if not pred[n])
        yield
        work = 0
        for s in sources:
            r = s[1]
            if lab[r] is not INF:
                continue
            if work > CHUNK:
                work = 0
                yield
            lab[r] = s
            got = {r}
            stack = [r]
            while stack:
                for y in succ[stack.pop()]:
                    if lab.get(y) is INF:
                        lab[y] = s
                        got.add(y)
                        stack.append(y)
            mem[r] = got
            work += len(got)
        self.lab, self.mem = lab, mem
        self.dirty.update(mem)
        self._phase2()

    # -- edits -----------------------------------------------------------------------------------
    def enter(self, t: str) -> None:
        """Card ``t`` joined the unreachable part with no flow inside it yet (a source)."""
        k = (self.j.place_of[t], t)
        self.lab[t] = k
        self.mem[t] = {t}
        self.dirty.add(t)

    def leave(self, t: str) -> None:
        """Card ``t`` (no flow left: a source claiming only itself) left the part."""
        del self.lab[t]
        self.mem.pop(t, None)
        self.dirty.add(t)

    def added(self, u: str, v: str) -> None:
        """The flow u -> v was added (both unreachable; v's preds already include u)."""
        lab = self.lab
        lu, lv = lab[u], lab[v]
        if lu is INF and lv is INF:
            self.p2_dirty = True
            return
        if len(self.j.pred[v]) == 1:  # v was a source
            self._relabel(set(self.mem[v]))
        lu = lab[u]
        if lu < lab[v]:
            self._set(v, lu)
            self._lower([v])

    def removed(self, u: str, v: str) -> None:
        """The flow u -> v was removed (both unreachable)."""
        lab = self.lab
        lu = lab[u]
        if lu is INF:
            self.p2_dirty = True
            if not self.j.pred[v]:  # v left a loop nothing enters: now a source
                self._relabel({v})
            return
        if lab[v] != lu:
            return  # v's label came another way
        a = {v}
        stack = [v]
        succ = self.j.succ
        while stack:
            for y in succ[stack.pop()]:
                if y not in a and lab.get(y) == lu:
                    a.add(y)
                    stack.append(y)
        self._relabel(a)

    def moved(self, t: str) -> None:
        """Card ``t`` (unreachable) changed its place."""
        j = self.j
        k = self.lab[t]
        if k is INF:
            self.p2_dirty = True
            return
        if j.pred[t]:
            self.dirty.add(k[1])
            return
        new = (j.place_of[t], t)
        own = self.mem[t]
        if new < k:
            for y in own:
                self.lab[y] = new
            self._lower(list(own))
        else:
            self._relabel(set(own))
        self.dirty.add(t)

    def touched(self, t: str) -> None:
        """Card ``t`` (unreachable) changed in place: its root is drafted again."""
        k = self.lab[t]
        if k is INF:
            r = self.p2_of.get(t)
            if r is not None:
                self.dirty.add(r)
        else:
            self.dirty.add(k[1])

    def settle(self) -> None:
        if self.p2_dirty:
            self._phase2()

    # -- the machinery ---------------------------------------------------------------------------
    def _set(self, y: str, k: Key) -> None:
        old = self.lab[y]
        if old is INF:
            self.p2_dirty = True
        else:
            r = old[1]
            self.mem[r].discard(y)
            self.dirty.add(r)
        self.lab[y] = k
        if k is INF:
            self.p2_dirty = True
        else:
            self.mem.setdefault(k[1], set()).add(y)
            self.dirty.add(k[1])

    def _lower(self, start: list[str]) -> None:
        """Spread the labels of ``start`` down to every card below whose label is greater."""
        lab, succ = self.lab, self.j.succ
        stack = start
        while stack:
            x = stack.pop()
            k = lab[x]
            for y in succ[x]:
                ly = lab.get(y)
                if ly is not None and k < ly:
                    self._set(y, k)
                    stack.append(y)

    def _relabel(self, a: set[str]) -> None:
        """Work out the labels of the cards ``a`` again, from the labels of their predecessors
        outside ``a`` (correct) and their own key for a source."""
        j = self.j
        lab, pred, succ, place = self.lab, j.pred, j.succ, j.place_of
        before = {y: lab[y] for y in a}
        heap: list[tuple[Key, str]] = []
        for y in a:
            if not pred[y]:
                heap.append(((place[y], y), y))
            else:
                best = min((lab[p] for p in pred[y] if p not in a), default=INF)
                if best is not INF:
                    heap.append((best, y))
        heapq.heapify(heap)
        new: dict[str, Key] = {}
        while heap:
            k, y = heapq.heappop(heap)
            if y in new:
                continue
            new[y] = k
            for z in succ[y]:
                if z in a and z not in new:
                    heapq.heappush(heap, (k, z))
        for y, old in before.items():
            k = new.get(y, INF)
            if k != old:
                self._set(y, k)
        self._lower([y for y in a if lab[y] is not INF])

    def _phase2(self) -> None:
        """The second phase from scratch: the cards no source leads to, in map order."""
        self.p2_dirty = False
        j = self.j
        place, succ = j.place_of, j.succ
        left = sorted((place[n], n) for n, k in self.lab.items() if k is INF)
        rest = {n for _, n in left}
        old = self.p2
        p2: dict[str, list[str]] = {}
        p2_of: dict[str, str] = {}
        for _, root in left:
            if root not in rest:
                continue
            got = claim_from(succ, root, rest)
            behind = [n for _, n in sorted((place[n], n) for n in got)]
            p2[root] = behind
            p2_of[root] = root
            for n in behind:
                p2_of[n] = root
        for r in old.keys() | p2.keys():
            if old.get(r) != p2.get(r):
                self.dirty.add(r)
        self.p2, self.p2_of = p2, p2_of

    def behind(self, root: str) -> list[str] | None:
        """The cards ``root`` names (None if it is not a root)."""
        own = self.mem.get(root)
        if own:
            place = self.j.place_of
            return [n for _, n in sorted((place[n], n) for n in own) if n != root]
        got = self.p2.get(root)
        return got

    def roots(self) -> list[tuple[str, list[str]]]:
        """Every root with its cards (any order)."""
        out = []
        for r in dict.fromkeys([*self.mem, *self.p2]):  # a root once: mem keeps emptied roots
            b = self.behind(r)
            if b is not None:
                out.append((r, b))
        return out
