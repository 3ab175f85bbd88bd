"""The pausing loop search lists exactly the loops ``nx.simple_cycles`` lists, in its order."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from journeymapper.analysis import Settings
from journeymapper.analysis.cycles import simple_cycles
from journeymapper.analysis.handoffs import find_cycles_steps


def random_graph(seed: int, n: int, m: int) -> nx.DiGraph:
    rnd = random.Random(seed)
    g = nx.DiGraph()
    g.add_nodes_from(f"n{i:03d}" for i in range(n))
    while g.number_of_edges() < m:
        a = rnd.randrange(n)
        b = a if rnd.random() < 0.02 else (a + rnd.randrange(-6, 12)) % n
        g.add_edge(f"n{a:03d}", f"n{b:03d}")
    return g


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("bound", [1, 2, 3, 6, 9])
def test_same_loops_in_the_same_order(seed: int, bound: int) -> None:
    g = random_graph(seed, 60 + 40 * seed, 150 + 110 * seed)
    want = list(nx.simple_cycles(g, length_bound=bound))
    got = [c for c in simple_cycles(g, bound) if c is not None]
    assert got == want


def test_sliced_search_pauses_and_cuts_like_islice() -> None:
    g = random_graph(9, 3000, 9000)
    want = list(nx.simple_cycles(g, length_bound=6))
    assert len(want) > 20
    pauses = sum(1 for c in simple_cycles(g, 6) if c is None)
    assert pauses > 3  # the search gives the GUI its turn many times
    for cap in (1, 7, len(want), len(want) + 5):
        steps = find_cycles_steps(g, Settings(cycle_max_length=6, cycle_max_count=cap))
        while True:
            try:
                next(steps)
            except StopIteration as done:
                found, cut = done.value
                break
        assert (found, cut) == (want[:cap], len(want) > cap)
