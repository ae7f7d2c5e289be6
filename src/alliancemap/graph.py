"""The alliance graph: parties as nodes, ties weighted by the events that join them.

A pure function over exported-event dicts (DESIGN.md contract), so a store, the API or a JSON Lines file
all give the same graph. A party is a state (``PAK``) or a state and faction (``LBY:east``); a faction is
its own node. A tie between two parties gathers every event that has both as sides, with its types,
domains, first and last date, supporting articles and outlets. Weight is the number of distinct articles
behind the tie (an event reported by three unrelated articles counts more than one report; one article
that reports three events of the tie counts once).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx

from alliancemap.store.queries import parse_party, party_label, party_matches


@dataclass
class Tie:
    """What two parties did together, and who says so."""

    a: str
    b: str
    types: Counter = field(default_factory=Counter)
    domains: Counter = field(default_factory=Counter)
    first_date: str | None = None
    last_date: str | None = None
    event_ids: list[str] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    _unlisted: int = 0  # sources counted without their article ids (events listing none; store aggregates)
    _unlisted_events: int = 0  # events counted without their ids (store aggregates read without them)

    @property
    def n_sources(self) -> int:
        """Distinct supporting articles: one article reporting three events of the tie counts once."""
        return len(self.articles) + self._unlisted

    @property
    def n_events(self) -> int:
        return len(self.event_ids) + self._unlisted_events

    @property
    def weight(self) -> int:
        return self.n_sources

    def add(self, ev: dict[str, Any]) -> None:
        self.event_ids.append(ev.get("event_id") or "")
        self.types[ev.get("type") or "?"] += 1
        self.domains.update(ev.get("domains") or [])
        listed = {s["article_id"] for s in ev.get("sources") or [] if s.get("article_id")}
        self.articles.update(listed)
        if not listed:
            self._unlisted += int(ev.get("n_sources") or 1)
        self.outlets.update(s["outlet"] for s in ev.get("sources") or [] if s.get("outlet"))
        date = ev.get("date")
        if date:
            self.first_date = min(self.first_date or date, date)
            self.last_date = max(self.last_date or date, date)

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "weight": self.weight, "n_events": self.n_events,
                "n_sources": self.n_sources, "n_outlets": len(self.outlets), "outlets": sorted(self.outlets),
                "types": dict(self.types.most_common()), "domains": dict(self.domains.most_common()),
                "first_date": self.first_date, "last_date": self.last_date, "event_ids": list(self.event_ids)}


@dataclass
class AllianceGraph:
    """Nodes (party label -> attributes) and ties (sorted label pair -> Tie)."""

    nodes: dict[str, dict[str, Any]]
    ties: dict[tuple[str, str], Tie]

    def tie(self, a: str, b: str) -> Tie | None:
        return self.ties.get(tuple(sorted((a, b))))  # type: ignore[arg-type]

    def strongest(self, n: int | None = None) -> list[Tie]:
        """Ties by weight, then events, then most recent."""
        ranked = sorted(self.ties.values(), key=lambda t: (t.a, t.b))
        ranked.sort(key=lambda t: (t.last_date or "") + _UNDATED, reverse=True)  # stable sorts: later keys first
        ranked.sort(key=lambda t: (-t.weight, -t.n_events))
        return ranked[:n] if n else ranked

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready ``{"nodes": [...], "ties": [...]}`` (ties strongest first)."""
        nodes = [dict(id=k, **v) for k, v in sorted(self.nodes.items())]
        return {"nodes": nodes, "ties": [t.to_dict() for t in self.strongest()]}


_UNDATED = "\U0010ffff"
"""Appended to a tie's last date, then sorted descending: the most recent first, an undated tie before
all, and a date before the longer dates it prefixes ("2025" before "2025-07"), as ever."""


def _in_period(date: str | None, date_from: str | None, date_to: str | None) -> bool:
    if not date_from and not date_to:
        return True
    if not date:
        return False
    if date_from and date[:len(date_from)] < date_from:
        return False
    return not (date_to and date[:len(date_to)] > date_to)


def _keep(ev: dict[str, Any], date_from: str | None, date_to: str | None, types: set[str] | None,
          domains: set[str] | None, min_sources: int) -> bool:
    if not _in_period(ev.get("date"), date_from, date_to):
        return False
    if types and (ev.get("type") or "").upper() not in types:
        return False
    if domains and not domains & set(ev.get("domains") or []):
        return False
    return int(ev.get("n_sources") or len(ev.get("sources") or [])) >= min_sources


def alliance_graph(
    events: Iterable[dict[str, Any]],
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    types: Iterable[str] | None = None,
    domains: Iterable[str] | None = None,
    min_sources: int = 1,
) -> AllianceGraph:
    """Build the graph of ties from exported events.

    Args:
        events: exported-event dicts.
        date_from / date_to: inclusive period, YYYY[-MM[-DD]]; undated events are left out when given.
        types: keep only these event types (any case).
        domains: keep only events with at least one of these domains.
        min_sources: keep only events with at least this many independent sources.

    Returns:
        The graph; every node has ``country``, ``faction``, ``degree``, ``strength`` (sum of tie
        weights), ``centrality`` (weighted degree centrality, 0..1) and ``n_events``.
    """
    type_set = {t.upper() for t in types} if types else None
    domain_set = set(domains) if domains else None
    nodes: dict[str, dict[str, Any]] = {}
    ties: dict[tuple[str, str], Tie] = {}
    for ev in events:
        if not _keep(ev, date_from, date_to, type_set, domain_set, min_sources):
            continue
        labels = sorted({party_label(p["country"], p.get("faction"))
                         for p in ev.get("parties") or [] if p.get("country")})
        for label in labels:
            node = nodes.setdefault(label, _node(label))
            node["n_events"] += 1
        for a, b in combinations(labels, 2):
            ties.setdefault((a, b), Tie(a, b)).add(ev)
    graph = AllianceGraph(nodes, ties)
    _centrality(graph)
    return graph


def graph_from_aggregates(ties: dict[tuple[str, str], dict[str, Any]], node_events: dict[str, int]) -> AllianceGraph:
    """The same graph as ``alliance_graph``, from the per-tie aggregates the store keeps
    (``store.summary.tie_aggregates``/``stored_graph``) instead of every event.

    Args:
        ties: (a, b) -> n_events, n_sources, first_date, last_date, types, domains, outlets, event_ids
            (None: not read; the ties then count their events without listing them).
        node_events: party label -> number of events.
    """
    nodes = {lab: dict(_node(lab), n_events=n) for lab, n in node_events.items()}
    out: dict[tuple[str, str], Tie] = {}
    for (a, b), agg in ties.items():
        for lab in (a, b):
            if lab not in nodes:
                nodes[lab] = _node(lab)
        out[(a, b)] = Tie(a, b, types=Counter(agg["types"]), domains=Counter(agg["domains"]),
                          first_date=agg["first_date"], last_date=agg["last_date"],
                          event_ids=list(agg["event_ids"] or []), outlets=set(agg["outlets"]),
                          _unlisted=int(agg["n_sources"]),
                          _unlisted_events=0 if agg["event_ids"] is not None else int(agg["n_events"]))
    graph = AllianceGraph(nodes, out)
    _centrality(graph)
    return graph


def _node(label: str) -> dict[str, Any]:
    country, faction = parse_party(label)
    return {"country": country, "faction": faction, "kind": "faction" if faction else "state",
            "n_events": 0, "degree": 0, "strength": 0, "centrality": 0.0}


def _centrality(graph: AllianceGraph) -> None:
    """Degree, strength and weighted degree centrality (strength over the largest possible)."""
    for t in graph.ties.values():
        for label in (t.a, t.b):
            graph.nodes[label]["degree"] += 1
            graph.nodes[label]["strength"] += t.weight
    total = sum(t.weight for t in graph.ties.values())
    for node in graph.nodes.values():
        node["centrality"] = round(node["strength"] / total, 4) if total else 0.0


def to_networkx(graph: AllianceGraph) -> nx.Graph:
    """A networkx graph with plain (GraphML/GEXF-safe) node and edge attributes."""
    g = nx.Graph()
    for label, attrs in sorted(graph.nodes.items()):
        g.add_node(label, label=label, country=attrs["country"], faction=attrs["faction"] or "",
                   kind=attrs["kind"], n_events=attrs["n_events"], degree=attrs["degree"],
                   strength=attrs["strength"], centrality=float(attrs["centrality"]))
    for t in graph.strongest():
        g.add_edge(t.a, t.b, weight=t.weight, n_events=t.n_events, n_sources=t.n_sources,
                   n_outlets=len(t.outlets), outlets=";".join(sorted(t.outlets)),
                   types=";".join(f"{k}:{v}" for k, v in t.types.most_common()),
                   domains=";".join(f"{k}:{v}" for k, v in t.domains.most_common()),
                   first_date=t.first_date or "", last_date=t.last_date or "",
                   event_ids=";".join(t.event_ids))
    return g


def _matching_nodes(graph: AllianceGraph, party: str) -> set[str]:
    """Node labels that stand for ``party``: ``PAK`` -> PAK; ``LBY`` -> LBY and LBY:east, LBY:west…"""
    wanted = parse_party(party)
    return {label for label, n in graph.nodes.items()
            if party_matches({"country": n["country"], "faction": n["faction"]}, wanted)}


def partners(graph: AllianceGraph, party: str) -> list[dict[str, Any]]:
    """Who ``party`` works with, on what, since when, says who — strongest first.

    A bare state (``LBY``) gathers its factions too; each partner row is one tie.

    Returns:
        Dicts with ``party`` (the side of ``party`` in this tie), ``partner``, ``types``, ``domains``,
        ``first_date``, ``last_date``, ``n_events``, ``n_sources``, ``n_outlets``, ``outlets``,
        ``weight`` and ``event_ids``.

    Raises:
        ValueError: a malformed party.
    """
    mine = _matching_nodes(graph, party)
    rows = []
    for t in graph.strongest():
        if t.a in mine and t.b not in mine:
            own, other = t.a, t.b
        elif t.b in mine and t.a not in mine:
            own, other = t.b, t.a
        else:
            continue
        d = t.to_dict()
        del d["a"], d["b"]
        rows.append({"party": own, "partner": other, **d})
    return rows


def new_partners(graph_or_events: AllianceGraph | Iterable[dict[str, Any]], period_from: str,
                 period_to: str | None = None) -> list[dict[str, Any]]:
    """Ties whose first dated event falls inside the period (none before ``period_from``).

    Args:
        graph_or_events: a graph built without a period filter, or the exported events.
        period_from: first day of the period, YYYY[-MM[-DD]].
        period_to: last day, inclusive (open when None).

    Returns:
        Tie dicts (as ``Tie.to_dict``), strongest first.
    """
    graph = graph_or_events if isinstance(graph_or_events, AllianceGraph) else alliance_graph(graph_or_events)
    return [t.to_dict() for t in graph.strongest()
            if t.first_date and _in_period(t.first_date, period_from, period_to)]
