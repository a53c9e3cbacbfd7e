"""A layered (Sugiyama-style) layout of a directed graph: ranks, crossing reduction, coordinates.

Works top to bottom on abstract sizes (`cross` across the ranks, `along` down them); flowchart_layout turns the
result into a scene for any direction. Steps: cycles broken by reversing DFS back edges; ranks by longest path,
then sources pulled down next to their successors; every edge spans at least two ranks, so a labelled edge gets
its label as a dummy node on the rank between (dagre's trick: labels take part in ordering and spacing like
nodes); crossings reduced by barycentre sweeps, keeping each cluster's members side by side; positions across
the ranks by isotonic regression towards the neighbours' mean (pool adjacent violators), which keeps the order
and the gaps and moves nodes as little as possible.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field


@dataclass(slots=True)
class Vertex:
    key: str
    cross: float  # size across the ranks
    along: float  # size down the ranks
    cluster: str | None = None
    dummy: bool = False
    rank: int = 0
    order: int = 0
    pos: float = 0.0  # centre across the ranks


@dataclass(slots=True)
class Chain:
    """An edge as laid out: the vertices it passes through, from its (laid-out) source to its target."""

    index: int  # the edge's index in the input
    path: list[str]
    reversed: bool
    label_vertex: str | None = None


@dataclass(slots=True)
class Layered:
    vertices: dict[str, Vertex]
    chains: list[Chain]
    ranks: list[list[str]] = field(default_factory=list)
    rank_top: list[float] = field(default_factory=list)  # where each rank starts down the page
    rank_size: list[float] = field(default_factory=list)


def _break_cycles(keys: list[str], edges: list[tuple[str, str]]) -> set[int]:
    """Indices of edges to reverse so that the graph has no cycle (DFS back edges, in input order)."""
    out: dict[str, list[tuple[int, str]]] = {k: [] for k in keys}
    for i, (a, b) in enumerate(edges):
        if a != b:
            out[a].append((i, b))
    state: dict[str, int] = {}
    back: set[int] = set()
    for root in keys:
        if root in state:
            continue
        stack = [(root, iter(out[root]))]
        state[root] = 1
        while stack:
            node, it = stack[-1]
            step = next(it, None)
            if step is None:
                state[node] = 2
                stack.pop()
                continue
            i, nxt = step
            if state.get(nxt) == 1:
                back.add(i)
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(out[nxt])))
    return back


def _rank(keys: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    """Longest path from the sources (each edge two ranks long), then nodes pulled down towards successors."""
    preds: dict[str, list[str]] = {k: [] for k in keys}
    succs: dict[str, list[str]] = {k: [] for k in keys}
    for a, b in edges:
        succs[a].append(b)
        preds[b].append(a)
    order: list[str] = []
    indegree = {k: len(preds[k]) for k in keys}
    ready = [k for k in keys if indegree[k] == 0]
    while ready:
        k = ready.pop(0)
        order.append(k)
        for s in succs[k]:
            indegree[s] -= 1
            if indegree[s] == 0:
                ready.append(s)
    rank = dict.fromkeys(keys, 0)
    for k in order:
        for s in succs[k]:
            rank[s] = max(rank[s], rank[k] + 2)
    for k in reversed(order):
        if succs[k] and not preds[k]:
            rank[k] = max(rank[k], min(rank[s] for s in succs[k]) - 2)
    return rank


def build(vertices: list[Vertex], edges: list[tuple[str, str]], labels: dict[int, tuple[float, float]],
          rank_gap: float, node_gap: float, cluster_margin: tuple[float, float] = (0.0, 0.0)) -> Layered:  # fmt: skip
    """Lay out `vertices` joined by `edges` (self-loops are left to the caller); `labels` maps an edge's index to
    its label's (cross, along) size; `cluster_margin` is the room a cluster needs before its first rank (its
    border and title) and after its last, so that clusters one above the other do not overlap."""
    keys = [v.key for v in vertices]
    table = {v.key: v for v in vertices}
    back = _break_cycles(keys, edges)
    directed = [(b, a) if i in back else (a, b) for i, (a, b) in enumerate(edges)]
    ranks = _rank(keys, [e for e in directed if e[0] != e[1]])
    for key in keys:
        table[key].rank = ranks[key]
    chains: list[Chain] = []
    for i, (a, b) in enumerate(directed):
        if a == b:
            continue
        path = [a]
        ra, rb = table[a].rank, table[b].rank
        mid = ra + max(1, (rb - ra) // 2)
        label_key = None
        same = table[a].cluster if table[a].cluster == table[b].cluster else None
        for r in range(ra + 1, rb):
            key = f"\0{i}:{r}"
            size = labels.get(i) if r == mid else None
            table[key] = Vertex(key, size[0] if size else 0.0, size[1] if size else 0.0, same, True, r)
            if size:
                label_key = key
            path.append(key)
        path.append(b)
        chains.append(Chain(i, path, i in back, label_key))
    layered = Layered(table, chains)
    _order(layered)
    _positions(layered, node_gap)
    _rank_positions(layered, rank_gap, cluster_margin)
    return layered


def _neighbours(layered: Layered) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    up: dict[str, list[str]] = {k: [] for k in layered.vertices}
    down: dict[str, list[str]] = {k: [] for k in layered.vertices}
    for chain in layered.chains:
        for a, b in zip(chain.path, chain.path[1:], strict=False):
            down[a].append(b)
            up[b].append(a)
    return up, down


def _crossings(layered: Layered, down: dict[str, list[str]]) -> int:
    total = 0
    for rank in layered.ranks:
        pairs = sorted((layered.vertices[a].order, layered.vertices[b].order) for a in rank for b in down[a])
        for i, (_, b1) in enumerate(pairs):
            total += sum(1 for _, b2 in pairs[i + 1 :] if b2 < b1)
    return total


def _order(layered: Layered) -> None:
    table = layered.vertices
    count = max(v.rank for v in table.values()) + 1
    layered.ranks = [[] for _ in range(count)]
    for key, v in table.items():  # input order first (DFS-like enough for hand-written diagrams)
        layered.ranks[v.rank].append(key)
    up, down = _neighbours(layered)
    for rank in layered.ranks:
        _settle(rank, {k: i for i, k in enumerate(rank)}, layered)
    best = [list(r) for r in layered.ranks]
    best_cross = _crossings(layered, down)
    for sweep in range(12):
        downward = sweep % 2 == 0
        sequence = range(1, count) if downward else range(count - 2, -1, -1)
        for r in sequence:
            rank = layered.ranks[r]
            near = up if downward else down
            centre = {}
            for k in rank:
                orders = [table[n].order for n in near[k]]
                centre[k] = sum(orders) / len(orders) if orders else float(table[k].order)
            _settle(rank, centre, layered)
        crossings = _crossings(layered, down)
        if crossings < best_cross:
            best, best_cross = [list(r) for r in layered.ranks], crossings
    layered.ranks = best
    for rank in layered.ranks:
        for i, k in enumerate(rank):
            table[k].order = i


def _settle(rank: list[str], centre: dict[str, float], layered: Layered) -> None:
    """Sort a rank by `centre`, each cluster's members kept together (the cluster where its members average)."""
    table = layered.vertices
    groups: dict[str, list[str]] = {}
    for k in rank:
        cluster = table[k].cluster
        groups.setdefault(cluster if cluster is not None else "\0" + k, []).append(k)
    ordered = sorted(groups.values(), key=lambda ks: sum(centre[k] for k in ks) / len(ks))
    rank[:] = [k for ks in ordered for k in sorted(ks, key=lambda k: centre[k])]
    for i, k in enumerate(rank):
        table[k].order = i


def _isotonic(targets: list[float], gaps: list[float]) -> list[float]:
    """Positions as near `targets` as possible (least squares) with position[i+1] - position[i] >= gaps[i]."""
    offsets = [0.0]
    for g in gaps:
        offsets.append(offsets[-1] + g)
    shifted = [t - o for t, o in zip(targets, offsets, strict=True)]
    blocks: list[list[float]] = []  # [mean, weight, count]
    for value in shifted:
        blocks.append([value, 1.0, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            b = blocks.pop()
            a = blocks[-1]
            weight = a[1] + b[1]
            blocks[-1] = [(a[0] * a[1] + b[0] * b[1]) / weight, weight, int(a[2] + b[2])]
    out: list[float] = []
    for mean, _, n in blocks:
        out.extend([mean] * int(n))
    return [v + o for v, o in zip(out, offsets, strict=True)]


def _positions(layered: Layered, node_gap: float) -> None:
    table = layered.vertices
    up, down = _neighbours(layered)

    def gaps(rank: list[str]) -> list[float]:
        out = []
        for a, b in itertools.pairwise(rank):
            va, vb = table[a], table[b]
            gap = node_gap if not (va.dummy and vb.dummy) else node_gap / 2
            if va.cluster != vb.cluster:
                gap += node_gap  # room for the clusters' borders
            out.append((va.cross + vb.cross) / 2 + gap)
        return out

    for rank in layered.ranks:  # packed from 0 first
        x = 0.0
        for a, b in zip([None, *rank], rank, strict=False):
            if a is not None:
                x += (table[a].cross + table[b].cross) / 2 + node_gap
            table[b].pos = x
    count = len(layered.ranks)
    for sweep in range(8):
        downward = sweep % 2 == 0
        for r in range(1, count) if downward else range(count - 2, -1, -1):
            rank = layered.ranks[r]
            near = up if downward else down
            targets = []
            for k in rank:
                both = [table[n].pos for n in up[k] + down[k]]
                side = [table[n].pos for n in near[k]]
                pick = side or both
                targets.append(sum(pick) / len(pick) if pick else table[k].pos)
            for k, pos in zip(rank, _isotonic(targets, gaps(rank)), strict=True):
                table[k].pos = pos
    left = min((v.pos - v.cross / 2 for v in table.values()), default=0.0)
    for v in table.values():
        v.pos -= left


def _rank_positions(layered: Layered, rank_gap: float, cluster_margin: tuple[float, float]) -> None:
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for v in layered.vertices.values():
        if v.cluster is not None and not v.dummy:
            first[v.cluster] = min(first.get(v.cluster, v.rank), v.rank)
            last[v.cluster] = max(last.get(v.cluster, v.rank), v.rank)
    before = {r: cluster_margin[0] for r in first.values()}
    after = {r: cluster_margin[1] for r in last.values()}
    y = 0.0
    for r, rank in enumerate(layered.ranks):
        y += before.get(r, 0.0)
        size = max((layered.vertices[k].along for k in rank), default=0.0)
        has_nodes = any(not layered.vertices[k].dummy for k in rank)
        layered.rank_top.append(y)
        layered.rank_size.append(size)
        if not rank:
            continue
        y += size + (rank_gap if has_nodes or size else rank_gap / 2) + after.get(r, 0.0)
