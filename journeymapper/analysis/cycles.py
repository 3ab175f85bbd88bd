"""The bounded loop search of ``nx.simple_cycles(g, length_bound=n)`` (NetworkX 3.x: the
strongly connected components, then Gupta and Suzumura's bounded search per component) written
so that it can pause: the generator yields ``None`` every :data:`PAUSE` steps of work, and each
loop found (as a node list), in exactly NetworkX's order. :func:`handoffs.find_cycles` uses it
for the plain and the sliced analysis alike, so both list the same loops, also when the list is
cut at ``cycle_max_count``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Generator
from typing import Any

PAUSE = 3000  # steps of work between two pauses (well under 2 ms)
EDGES = 800  # edges copied per pause

Found = Generator[list[Any] | None, None, None]


def simple_cycles(g: Any, length_bound: int) -> Found:
    """``nx.simple_cycles(g, length_bound)`` for a DiGraph, with ``None`` pauses between."""
    import networkx as nx

    if length_bound == 0:
        return
    yield from ([v] for v, gv in g.adj.items() if v in gv)
    if length_bound == 1:
        return
    h = nx.DiGraph()
    edges = [(u, v) for u, gu in g.adj.items() for v in gu if v != u]
    yield None
    for i in range(0, len(edges), EDGES):
        h.add_edges_from(edges[i:i + EDGES])
        yield None
    if length_bound == 2:
        visited: set[Any] = set()
        for n, (u, gu) in enumerate(h.adj.items()):
            if n % PAUSE == PAUSE - 1:
                yield None
            yield from ([v, u] for v in visited.intersection(gu) if h.has_edge(v, u))
            visited.add(u)
        return
    components: list[set[Any]] = []
    for c in _scc(h):
        if c is not None and len(c) >= 2:
            components.append(c)
        elif c is None:
            yield None
    while components:
        c = components.pop()
        gc = h.subgraph(c)
        v = next(iter(c))
        yield from _bounded(gc, [v], length_bound)
        h.remove_node(v)
        for cc in _scc(gc):
            if cc is None:
                yield None
            elif len(cc) >= 2:
                components.append(cc)


def _scc(g: Any) -> Generator[set[Any] | None, None, None]:
    """``nx.strongly_connected_components`` (same order, same sets), with ``None`` pauses."""
    preorder: dict[Any, int] = {}
    lowlink: dict[Any, int] = {}
    scc_found: set[Any] = set()
    scc_queue: list[Any] = []
    i = 0
    work = 0
    adj = g._adj
    neighbors = {v: iter(adj[v]) for v in g}
    for source in g:
        if source not in scc_found:
            queue = [source]
            while queue:
                work += 1
                if work % PAUSE == 0:
                    yield None
                v = queue[-1]
                if v not in preorder:
                    i = i + 1
                    preorder[v] = i
                done = True
                for w in neighbors[v]:
                    if w not in preorder:
                        queue.append(w)
                        done = False
                        break
                if done:
                    lowlink[v] = preorder[v]
                    for w in adj[v]:
                        if w not in scc_found:
                            if preorder[w] > preorder[v]:
                                lowlink[v] = min([lowlink[v], lowlink[w]])
                            else:
                                lowlink[v] = min([lowlink[v], preorder[w]])
                    queue.pop()
                    if lowlink[v] == preorder[v]:
                        scc = {v}
                        while scc_queue and preorder[scc_queue[-1]] > preorder[v]:
                            k = scc_queue.pop()
                            scc.add(k)
                        scc_found.update(scc)
                        yield scc
                    else:
                        scc_queue.append(v)


class _Nbrs(dict[Any, list[Any]]):
    def __init__(self, g: Any) -> None:
        self.g = g

    def __missing__(self, v: Any) -> list[Any]:
        gv = self[v] = list(self.g[v])
        return gv


def _bounded(g0: Any, path: list[Any], length_bound: int) -> Found:
    """NetworkX's ``_bounded_cycle_search`` (Gupta and Suzumura), with ``None`` pauses."""
    g = _Nbrs(g0)
    lock = {v: 0 for v in path}
    b: defaultdict[Any, set[Any]] = defaultdict(set)
    start = path[0]
    stack = [iter(g[path[-1]])]
    blen = [length_bound]
    work = 0
    while stack:
        work += 1
        if work % PAUSE == 0:
            yield None
        nbrs = stack[-1]
        for w in nbrs:
            if w == start:
                yield path[:]
                blen[-1] = 1
            elif len(path) < lock.get(w, length_bound):
                path.append(w)
                blen.append(length_bound)
                lock[w] = len(path)
                stack.append(iter(g[w]))
                break
        else:
            stack.pop()
            v = path.pop()
            bl = blen.pop()
            if blen:
                blen[-1] = min(blen[-1], bl)
            if bl < length_bound:
                relax_stack = [(bl, v)]
                while relax_stack:
                    bl, u = relax_stack.pop()
                    if lock.get(u, length_bound) < length_bound - bl + 1:
                        lock[u] = length_bound - bl + 1
                        relax_stack.extend((bl + 1, w) for w in b[u].difference(path))
            else:
                for w in g[v]:
                    b[w].add(v)
