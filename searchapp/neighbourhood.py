"""The neighbourhood picture of an entity page: its strongest co-mentions laid out with networkx, as SVG geometry."""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

WIDTH = 640
HEIGHT = 440
MARGIN = 70  # room for labels around the outermost nodes
SEED = 7  # a fixed seed: the same index gives the same picture
MAX_EDGE_WIDTH = 9.0
LABEL_CHARS = 24
ITERATIONS = 50  # 16 nodes settle well before; each iteration costs ~25 us


@dataclass(frozen=True)
class Node:
    """One entity in the picture, placed in SVG coordinates."""

    value: str
    label: str  # the name, shortened to fit
    kind: str  # "people", "places", "orgs"
    shared: int  # articles shared with the page's entity (0 for the entity itself)
    x: float
    y: float
    r: float
    url: str  # its entity page
    is_center: bool


@dataclass(frozen=True)
class Edge:
    """A line between two nodes; width grows with the articles they share."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    shared: int
    to_center: bool


@dataclass(frozen=True)
class Picture:
    """The whole SVG: its size, the edges (drawn first) and the nodes."""

    width: int
    height: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def pair_counts(doc_sets: list[np.ndarray], docs: np.ndarray) -> np.ndarray:
    """Count, for each pair of nodes, the documents of docs (sorted) that both have.

    doc_sets[i] are node i's docnums within docs; the result is a symmetric matrix. Each
    document gets a bit per node it has; equal bit patterns are counted once with np.unique,
    so the pairs are summed over a few hundred patterns, not over every document (and an
    integer product: a float one goes to BLAS, whose threads stall under load).
    """
    n = len(doc_sets)
    if not len(docs) or not n:
        return np.zeros((n, n), dtype=np.int64)
    bits = np.zeros(len(docs), dtype=np.int64)
    for i, found in enumerate(doc_sets):
        bits[np.searchsorted(docs, found)] |= 1 << i
    patterns, counts = np.unique(bits[bits > 0], return_counts=True)
    member = ((patterns[:, None] >> np.arange(n)) & 1).astype(np.int64)  # patterns x nodes
    return member.T @ (member * counts[:, None])


def _shorten(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1].rstrip() + "…"


def layout(center: tuple[str, str, str], neighbours: list[tuple[str, str, int, str]],
           between: np.ndarray) -> Picture:
    """Place the entity in the middle and its neighbours around it with a spring layout.

    center is (value, kind, url); neighbours are (value, kind, shared, url), strongest first;
    between[i, j] is how many articles neighbours i and j share among the entity's articles.
    """
    graph = nx.Graph()
    graph.add_node(0)
    strongest = max((n[2] for n in neighbours), default=1) or 1
    for i, (_value, _kind, shared, _url) in enumerate(neighbours, start=1):
        graph.add_node(i)
        graph.add_edge(0, i, weight=shared / strongest)
    for i in range(len(neighbours)):
        for j in range(i + 1, len(neighbours)):
            if between[i, j]:
                graph.add_edge(i + 1, j + 1, weight=between[i, j] / strongest)
    if len(neighbours):
        pos = nx.spring_layout(graph, pos={0: (0.0, 0.0)}, fixed=[0], seed=SEED,
                               weight="weight", iterations=ITERATIONS)
    else:
        pos = {0: np.zeros(2)}
    coords = {i: (float(p[0]), float(p[1])) for i, p in pos.items()}
    extent = max((max(abs(x), abs(y)) for x, y in coords.values()), default=0.0) or 1.0
    cx, cy = WIDTH / 2, HEIGHT / 2
    sx, sy = (WIDTH / 2 - MARGIN) / extent, (HEIGHT / 2 - MARGIN / 2) / extent
    placed = {i: (round(cx + x * sx, 1), round(cy + y * sy, 1)) for i, (x, y) in coords.items()}

    def point(i: int) -> tuple[float, float]:
        return placed[i]

    nodes = [Node(center[0], _shorten(center[0]), center[1], 0, *point(0), 16.0, center[2], True)]
    for i, (value, kind, shared, url) in enumerate(neighbours, start=1):
        radius = round(5 + 7 * (shared / strongest) ** 0.5, 1)
        nodes.append(Node(value, _shorten(value), kind, shared, *point(i), radius, url, False))
    edges = []
    for a, b, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = point(a), point(b)
        shared = int(round(data["weight"] * strongest))
        edges.append(Edge(x1, y1, x2, y2, round(1 + (MAX_EDGE_WIDTH - 1) * data["weight"], 1),
                          shared, a == 0 or b == 0))
    # Lines between neighbours first, so the lines to the entity stay on top.
    edges.sort(key=lambda e: (e.to_center, e.shared))
    return Picture(WIDTH, HEIGHT, tuple(nodes), tuple(edges))
