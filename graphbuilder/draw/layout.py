"""Node positions computed in Python, for graphs too big for the browser's physics.

vis-network's physics settles a few hundred nodes quickly, but with thousands of nodes
the page stays blank (or jittering) for many seconds. Above :data:`PHYSICS_MAX_NODES`
(measured with ``benchmarks/bench_html.py``) the page is drawn from positions computed
here, with physics off.

Small graphs go through ``networkx.spring_layout``. Its sparse variant, which networkx
uses from 500 nodes on, costs about a second per iteration at 5,000 nodes (a Python loop
over nodes), so larger graphs use :func:`force_layout`: the same Fruchterman-Reingold
forces, vectorised with numpy, with repulsion estimated from a random sample of nodes
each iteration.
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np

# Above this many nodes the default layout is "static" (positions from Python, physics off).
PHYSICS_MAX_NODES = 250
# Below this many nodes networkx's dense spring layout is fast enough.
_NX_SPRING_MAX_NODES = 500
# Pixels: the gap between packed pieces; the median edge length (and a star's radius).
_SPACING = 110.0
_EDGE_LENGTH = 170.0


def static_positions(graph: nx.Graph, *, seed: int = 7) -> dict[Hashable, tuple[float, float]]:
    """Positions in pixels for every node of ``graph`` (direction ignored).

    Each connected piece is laid out on its own and the pieces are packed in rows, biggest
    first, so that lone actors do not end up on a far ring around the main network (what
    a single force layout does with them).
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    pieces = sorted(
        (sorted(c, key=str) for c in nx.connected_components(simple)),
        key=lambda c: (-len(c), str(c[0])),
    )
    boxes = [_piece_layout(simple.subgraph(nodes), nodes, seed) for nodes in pieces]
    return _pack(boxes)


def _piece_layout(
    piece: nx.Graph, nodes: list[Hashable], seed: int
) -> dict[Hashable, tuple[float, float]]:
    """One connected piece, in pixels, centred on 0."""
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    hub = max(nodes, key=piece.degree)
    if piece.degree(hub) == n - 1 and piece.number_of_edges() == n - 1:
        # a star (or a pair): the hub in the middle, the others on a circle. News graphs
        # have many of these, and a spring layout per piece costs milliseconds each.
        leaves = [v for v in nodes if v != hub]
        radius = _EDGE_LENGTH * max(1.0, n / (2 * math.pi) * 0.4)
        out = {hub: (0.0, 0.0)}
        for i, v in enumerate(leaves):
            angle = 2 * math.pi * i / len(leaves)
            out[v] = (radius * math.cos(angle), radius * math.sin(angle))
        return out
    if n <= _NX_SPRING_MAX_NODES:
        raw = nx.spring_layout(piece, seed=seed, iterations=60)
        pos = np.array([raw[v] for v in nodes], dtype=float)
    else:
        at = {v: i for i, v in enumerate(nodes)}
        edges = np.array([(at[u], at[v]) for u, v in piece.edges()], dtype=np.int64)
        pos = force_layout(n, edges.reshape(-1, 2), seed=seed)
    pos = pos - pos.mean(axis=0)
    # Scale so that the median edge is _EDGE_LENGTH pixels long: the room between linked
    # actors is what keeps labels and big nodes from overlapping.
    index = {v: i for i, v in enumerate(nodes)}
    ends = np.array([(index[u], index[v]) for u, v in piece.edges()], dtype=np.int64)
    lengths = np.linalg.norm(pos[ends[:, 0]] - pos[ends[:, 1]], axis=1)
    median = float(np.median(lengths)) if len(lengths) else 0.0
    scale = _EDGE_LENGTH / median if median > 1e-9 else _SPACING
    return {v: (float(x) * scale, float(y) * scale) for v, (x, y) in zip(nodes, pos, strict=True)}


def _pack(boxes: list[dict[Hashable, tuple[float, float]]]) -> dict[Hashable, tuple[float, float]]:
    """Shelf packing: place the pieces left to right in rows of about the biggest width."""
    if not boxes:
        return {}
    sized = []
    for box in boxes:
        xs = [p[0] for p in box.values()]
        ys = [p[1] for p in box.values()]
        sized.append((box, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    gap = _SPACING * 0.7
    area = sum((w + gap) * (h + gap) for _, _, _, w, h in sized)
    row_width = max(max(w for _, _, _, w, _ in sized), math.sqrt(area) * 1.3)
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for box, x0, y0, w, h in sized:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for node, (px, py) in box.items():
            out[node] = (round(px - x0 + x, 1), round(py - y0 + y, 1))
        x += w + gap
        row_height = max(row_height, h)
    return out


def force_layout(
    n: int,
    edges: np.ndarray,
    *,
    iterations: int = 50,
    sample: int = 500,
    seed: int = 7,
) -> np.ndarray:
    """Fruchterman-Reingold layout of ``n`` nodes in the unit square.

    ``edges`` is an (m, 2) array of node indices. Repulsion on every node is computed
    against ``sample`` random nodes per iteration and scaled up by ``n / sample``; the
    noise this adds averages out as the temperature cools. A weak pull towards the centre
    keeps disconnected pieces from drifting to the edge. Deterministic for a given seed.
    """
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)).astype(np.float32)
    k = np.float32(1.0 / math.sqrt(n))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    src, dst = edges[:, 0], edges[:, 1]
    block = 4096
    for _ in range(iterations):
        if n > sample:
            others = pos[rng.choice(n, sample, replace=False)]
            boost = np.float32(n / sample)
        else:
            others, boost = pos, np.float32(1.0)
        ox, oy = others[:, 0][None, :], others[:, 1][None, :]
        disp = np.empty_like(pos)
        for lo in range(0, n, block):
            dx = pos[lo : lo + block, 0][:, None] - ox
            dy = pos[lo : lo + block, 1][:, None] - oy
            inv = dx * dx
            inv += dy * dy
            np.maximum(inv, np.float32(1e-9), out=inv)
            np.reciprocal(inv, out=inv)
            disp[lo : lo + block, 0] = np.einsum("ij,ij->i", dx, inv)
            disp[lo : lo + block, 1] = np.einsum("ij,ij->i", dy, inv)
        disp *= k * k * boost
        if len(edges):
            diff = pos[src] - pos[dst]
            dist = np.sqrt(np.einsum("ij,ij->i", diff, diff))
            pull = diff * (dist / k)[:, None]
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        disp -= (pos - np.float32(0.5)) * np.float32(0.3 * k * math.sqrt(n))  # gravity
        length = np.maximum(np.sqrt(np.einsum("ij,ij->i", disp, disp)), np.float32(1e-12))
        pos += disp * (np.minimum(length, np.float32(temperature)) / length)[:, None]
        temperature -= cooling
    return pos.astype(float)
