"""The people–places–groups network (connections.network) against answers worked out by hand."""

import pytest

from connections import network


def test_a_path_respondent_place_respondent_place_respondent():
    # r1 - A - r2 - B - r3: five nodes, 6 pairs not involving a given node (4·3/2).
    # A lies on the shortest paths r1–r2, r1–B, r1–r3: 3 of 6 = 0.5; so does B (r3–r2, r3–A, r3–r1).
    graph = network.respondent_network([("r1", ["A"]), ("r2", ["A", "B"]), ("r3", ["B"])])
    measures = network.network_measures(graph)
    assert set(measures.nodes) == {"A", "B"}
    assert measures.nodes["A"].betweenness == pytest.approx(0.5)
    assert measures.nodes["B"].betweenness == pytest.approx(0.5)
    # Degree: A is linked to 2 of the 3 respondents.
    assert measures.nodes["A"].degree == pytest.approx(2 / 3)
    assert measures.exact


def test_a_hub_joining_two_otherwise_separate_circles():
    # r1, r2 meet at Library; r3, r4 at Mosque; r2 and r3 also at Café, the only bridge.
    #   Library: r1, r2 — Café: r2, r3 — Mosque: r3, r4. A path of 7 nodes:
    #   r1 - Library - r2 - Café - r3 - Mosque - r4.
    # Café is in the middle: pairs (one of 3 left nodes, one of 3 right nodes) = 9 of the
    # 15 pairs not involving it (6·5/2): 0.6. Library: pairs (r1, any of the 5 right of it) = 5 of 15.
    graph = network.respondent_network(
        [("r1", ["Library"]), ("r2", ["Library", "Café"]), ("r3", ["Café", "Mosque"]), ("r4", ["Mosque"])]
    )
    nodes = network.network_measures(graph).nodes
    assert nodes["Café"].betweenness == pytest.approx(9 / 15)
    assert nodes["Library"].betweenness == pytest.approx(5 / 15)
    assert nodes["Mosque"].betweenness == pytest.approx(5 / 15)
    assert nodes["Café"].degree == pytest.approx(2 / 4)


def test_a_star_every_respondent_at_one_place():
    # Four respondents all at the Hall and nowhere else: every pair of respondents (4·3/2 = 6)
    # goes through the Hall, which is every pair not involving it: betweenness 1, degree 1.
    graph = network.respondent_network([(f"r{i}", ["Hall"]) for i in range(4)])
    nodes = network.network_measures(graph).nodes
    assert nodes["Hall"].betweenness == pytest.approx(1.0)
    assert nodes["Hall"].degree == pytest.approx(1.0)


def test_a_large_network_is_estimated_from_seeded_starting_nodes(monkeypatch):
    monkeypatch.setattr(network, "EXACT_LIMIT", 10)
    monkeypatch.setattr(network, "SAMPLED_SOURCES", 8)
    ties = [(f"r{i}", [f"p{i % 4}", f"p{(i + 1) % 4}"]) for i in range(20)]
    first = network.network_measures(network.respondent_network(ties))
    again = network.network_measures(network.respondent_network(ties))
    assert not first.exact and first.sources == 8
    assert first.nodes == again.nodes  # seeded: the same estimate every time


def test_nobody_named_a_place():
    measures = network.network_measures(network.respondent_network([("r1", []), ("r2", [])]))
    assert measures.nodes == {}
