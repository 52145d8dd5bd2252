"""The people–places–groups network of a survey, and which places and groups bring people together.

A bipartite graph (networkx): respondents on one side; the places they meet people and the groups
they belong to on the other, an edge where a respondent named one. Two measures of each place or
group, both computed by networkx:

* **degree centrality** (``networkx.bipartite.degree_centrality``): the share of respondents
  linked to it;
* **betweenness centrality** (``networkx.betweenness_centrality``, normalised): the share of
  shortest paths between any two nodes of the network that pass through it — high for a place
  that joins people who would otherwise be far apart. Exact up to ``EXACT_LIMIT`` nodes; on a
  larger network it is estimated from ``SAMPLED_SOURCES`` starting nodes chosen with a fixed
  seed (Brandes' algorithm costs a pass over the whole network per starting node), and the page
  says so.

Respondents' own centrality ("the most well-connected people") is never computed for publication:
it is a figure about one person.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import networkx as nx
from networkx.algorithms import bipartite

EXACT_LIMIT = 1_000
SAMPLED_SOURCES = 100
SEED = 20


@dataclass(frozen=True)
class Centrality:
    degree: float
    betweenness: float


@dataclass(frozen=True)
class NetworkMeasures:
    nodes: dict[Hashable, Centrality]  # places and groups only
    exact: bool
    sources: int  # starting nodes used for betweenness (all nodes when exact)


def respondent_network(ties: Iterable[tuple[Hashable, Iterable[Hashable]]]) -> nx.Graph:
    """``ties``: (respondent, the places and groups they named). Node keys of places and groups
    must never equal a respondent's; respondents carry ``bipartite=0``, the rest ``bipartite=1``."""
    graph = nx.Graph()
    for respondent, named in ties:
        graph.add_node(respondent, bipartite=0)
        for node in named:
            graph.add_node(node, bipartite=1)
            graph.add_edge(respondent, node)
    return graph


def network_measures(graph: nx.Graph) -> NetworkMeasures:
    respondents = {node for node, side in graph.nodes(data="bipartite") if side == 0}
    hubs = [node for node in graph if node not in respondents]
    if not respondents or not hubs:
        return NetworkMeasures(nodes={}, exact=True, sources=graph.number_of_nodes())
    degree = bipartite.degree_centrality(graph, respondents)
    exact = graph.number_of_nodes() <= max(EXACT_LIMIT, SAMPLED_SOURCES)
    sources = graph.number_of_nodes() if exact else SAMPLED_SOURCES
    betweenness = nx.betweenness_centrality(graph, k=None if exact else sources, normalized=True, seed=SEED)
    return NetworkMeasures(
        nodes={node: Centrality(degree=degree[node], betweenness=betweenness[node]) for node in hubs},
        exact=exact,
        sources=sources,
    )
