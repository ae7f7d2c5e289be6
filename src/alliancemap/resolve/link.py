"""Link person and organization mentions to actors, across scripts, spellings and partial names.

One person appears as "الفريق صدام حفتر", "Saddam Haftar", "Sadam Hafter" and, later in the same
article, just "حفتر" or "صدام". ``link_extraction`` decides, for every person/organization mention,
event person and claim speaker, which actor it names:

1. an id the extractor already found in the knowledge base is kept;
2. a full name is looked up by exact normalized alias, then by romanized (phonetic) key across scripts,
   then by fuzzy similarity (rapidfuzz) with a score;
3. a partial name ("حفتر", "Munir") goes to the nearest preceding full mention in the same article that
   contains it; when two actors share it (Khalifa and Saddam Haftar) the link is flagged doubtful unless
   the written role settles it;
4. what stays unknown becomes a new actor built from what the article says.

Links under ``ACCEPT`` are kept but flagged doubtful: they add no alias until a reviewer accepts them.
The function is pure: the registry is not changed; the ``LinkResult`` says what to write.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from alliancemap.model import (
    ActorQuery,
    ActorRow,
    ActorWrites,
    AliasRow,
    Article,
    Extraction,
    LinkRow,
    Mention,
    RoleRow,
)
from alliancemap.resolve.names import (
    is_anonymous_role,
    looks_like_name,
    speaker_names,
    split_name,
    title_gloss,
)
from alliancemap.resolve.romanize import phonetic_key, romanize, skeleton, slug
from alliancemap.text.normalize import fold

ACCEPT = 0.88
"""A link at or above this score is taken as certain."""
REVIEW = 0.72
"""Between REVIEW and ACCEPT a link is kept but doubtful; below it the name is a new actor."""
_BLOCK_ABOVE = 20_000
"""A registry level with more alias keys than this scores only keys sharing a trigram with the name."""
_FUZZY_CACHE = 50_000  # queries whose closest keys a registry level remembers (then it starts again; ~60 MB at most)

_AR = re.compile(r"[\u0600-\u06ff]")
_KIND_PREFIX = {"person": "person", "organization": "org", "faction": "faction", "state": "state"}
_COMPATIBLE = {"person": {"person"}, "organization": {"organization", "faction", "state"}}


@dataclass
class Actor:
    """A known actor: KB entry or store row, with every alias seen."""

    id: str
    kind: str
    name_en: str | None = None
    name_ar: str | None = None
    country: str | None = None
    faction: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    role: str | None = None
    aliases: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.name_en or self.name_ar or self.id


@dataclass(frozen=True)
class Candidate:
    actor_id: str
    score: float
    reason: str


@dataclass
class Link:
    """One decision: this written name (a mention, event person or claim speaker) is this actor."""

    article_id: str
    target: str  # "mention" | "person" | "claim"
    text: str
    start: int
    end: int
    actor_id: str
    score: float
    reason: str
    doubtful: bool = False
    alias: str = ""  # the name (titles removed) that a reviewer's accept adds as an alias


@dataclass
class AliasObservation:
    actor_id: str
    alias: str
    norm: str
    script: str  # "ar" | "latin"
    article_id: str


@dataclass
class RoleObservation:
    actor_id: str
    role: str
    role_norm: str
    seen_date: str | None
    article_id: str
    start: int
    end: int


@dataclass
class LinkResult:
    """What linking one article decided, and what the store should record."""

    extraction: Extraction
    new_actors: list[Actor] = field(default_factory=list)
    aliases: list[AliasObservation] = field(default_factory=list)
    roles: list[RoleObservation] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    registry: ActorRegistry | None = field(default=None, repr=False, compare=False)
    """The registry the article was linked against; ``commit()`` teaches it what was decided."""

    def commit(self) -> None:
        """Teach the registry this article's new actors and certain aliases, once they are stored, so
        the next article of a batch finds them (the store calls this after writing)."""
        if self.registry is not None:
            self.registry.learn(self)

    def writes(self) -> ActorWrites:
        """The rows the store writes for this article, every key computed here."""
        kinds = {a.id: a.kind for a in self.new_actors}

        def kind(actor_id: str) -> str:
            if actor_id in kinds:
                return kinds[actor_id]
            actor = self.registry.get(actor_id) if self.registry is not None else None
            return actor.kind if actor is not None else "person"

        out = ActorWrites(actors=[actor_row(a, "article") for a in self.new_actors])
        out.aliases = [alias_row(o.actor_id, o.alias, kind(o.actor_id), o.article_id) for o in self.aliases]
        out.roles = [RoleRow(r.actor_id, r.role, r.role_norm, r.seen_date, r.article_id, r.start, r.end)
                     for r in self.roles]
        for lk in self.links:
            keys = alias_row(lk.actor_id, lk.alias, kind(lk.actor_id)) if lk.alias else None
            out.links.append(LinkRow(lk.article_id, lk.target, lk.text, lk.start, lk.end, lk.actor_id, lk.score,
                                     lk.reason, lk.doubtful, lk.alias, keys.norm if keys else "",
                                     keys.phon if keys else "", keys.script if keys else "latin"))
        return out


def actor_row(actor: Actor, origin: str) -> ActorRow:
    """The store row of an actor; marks an English name that is only a romanization of the Arabic one."""
    machine = bool(actor.name_ar and actor.name_en and script_of(actor.name_ar) == "ar"
                   and actor.name_en == romanize(actor.name_ar))
    return ActorRow(actor.id, actor.kind, actor.name_en, actor.name_ar, actor.country, actor.faction,
                    actor.sector, actor.wikidata, actor.role, origin, None, machine)


def alias_row(actor_id: str, alias: str, kind: str, article_id: str | None = None) -> AliasRow:
    """An alias with the keys the store indexes it by."""
    return AliasRow(actor_id, alias, name_key(alias, kind), phonetic_key(alias), script_of(alias), article_id)


def kb_writes(registry: ActorRegistry) -> ActorWrites:
    """The rows that seed a store with the KB's actors and aliases (``registry`` from ``from_kb``)."""
    out = ActorWrites()
    for actor_id in sorted(registry.ids()):
        actor = registry.get(actor_id)
        assert actor is not None
        out.actors.append(actor_row(actor, "kb"))
        out.aliases += [alias_row(actor_id, a, actor.kind) for a in actor.aliases]
    return out


def registry_from_rows(actors: Iterable[ActorRow], aliases: Iterable[AliasRow], kb: Any = None,
                       base: ActorRegistry | None = None) -> ActorRegistry:
    """The registry of a store: ``base`` (or the KB's actors, when given) plus every stored actor with
    its aliases and merge redirects (rows from ``store.actors.load_actor_rows``)."""
    reg = base if base is not None else (ActorRegistry.from_kb(kb) if kb is not None else ActorRegistry())
    by_actor: dict[str, list[str]] = {}
    for row in aliases:
        by_actor.setdefault(row.actor_id, []).append(row.alias)
    for row in actors:
        if row.merged_into:
            reg.redirects[row.id] = row.merged_into
            continue
        actor = reg.get(row.id) or Actor(id=row.id, kind=row.kind, name_en=row.name_en, name_ar=row.name_ar,
                                         country=row.country, faction=row.faction, sector=row.sector,
                                         wikidata=row.wikidata, role=row.role)
        if actor.id not in reg:
            reg.add(actor, index_names=False)
        known = set(actor.aliases)
        for alias in by_actor.get(row.id, []):
            if alias not in known:
                reg.add_alias(actor.id, alias)
                known.add(alias)
    return reg


def actor_query(text: str) -> ActorQuery:
    """A name search as the store runs it: the text with its exact and phonetic keys."""
    return ActorQuery(text, name_key(text), phonetic_key(text))


def script_of(text: str) -> str:
    return "ar" if _AR.search(text) else "latin"


@functools.lru_cache(maxsize=200_000)
def name_key(text: str, kind: str = "person") -> str:
    """Exact-comparison key of a name: normalized, single spaces; for a person, titles removed too."""
    plain = " ".join(fold(text).split())
    return (split_name(text).key or plain) if kind == "person" else plain


def _ordered_subset(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(any(fuzz.ratio(s, t) >= 85 for t in it) for s in short)


def _family_differs(a: str, b: str) -> bool:
    """Two family names in the same script that are not spelling variants (النجار / النمر)."""
    if a == b or skeleton(a) == skeleton(b):
        return False
    if fuzz.ratio(skeleton(a), skeleton(b)) < 60:  # الديباني / الثاني share letters, not consonants
        return True
    return fuzz.ratio(a.removeprefix("ال"), b.removeprefix("ال")) < 75


@functools.lru_cache(maxsize=200_000)  # pure; a popular name meets the same aliases in article after article
def name_similarity(a: str, b: str) -> tuple[float, str]:
    """Similarity of two names (titles already removed) in any scripts, in [0, 1], with its reason.

    Exact normalized match 1.0; same phonetic key 0.9–0.95; a two-or-more-word name inside a longer one
    0.9 (the family names must agree: "Omar Said" is not "Omar Said al-Masri"); otherwise a blend of phonetic and skeleton similarity, capped when the given names differ.
    """
    ka, kb = " ".join(fold(a).split()), " ".join(fold(b).split())
    if ka and ka == kb:
        return 1.0, "exact"
    pa, pb = phonetic_key(a), phonetic_key(b)
    ta, tb = pa.split(), pb.split()
    if not ta or not tb:
        return 0.0, "empty"
    cross = script_of(a) != script_of(b)
    if pa == pb:
        return (0.95 if cross else 0.9), "romanized"
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if 2 <= len(short) < len(long) and fuzz.ratio(short[-1], long[-1]) >= 85 and _ordered_subset(short, long):
        return 0.9, "subset"
    sa, sb = skeleton(a), skeleton(b)
    score = 0.6 * fuzz.ratio(pa, pb) / 100 + 0.4 * fuzz.ratio(sa, sb) / 100
    first_a, first_b = skeleton(" ".join(ta[:1])), skeleton(" ".join(tb[:1]))
    if len(ta) > 1 and len(tb) > 1 and first_a != first_b and fuzz.ratio(ta[0], tb[0]) < 75:
        return min(score, 0.6), "fuzzy:given-name-differs"
    if not cross and len(ta) > 1 and len(tb) > 1 and _family_differs(ka.split()[-1], kb.split()[-1]):
        return min(score, 0.6), "fuzzy:family-name-differs"
    if cross and len(ta) > 1 and len(tb) > 1 and fuzz.ratio(skeleton(ta[-1]), skeleton(tb[-1])) < 50:
        return min(score, 0.6), "fuzzy:family-name-differs"
    return round(score, 3), "fuzzy"


def _kb_entries(kb: Any) -> Iterator[tuple[str, Any]]:
    """(alias, KBEntry) pairs of a knowledge base: ``entries()`` + ``aliases(id)`` when it has them,
    else ``aliases()`` pairs, else the matcher's own table. Demonym aliases come flagged."""
    entries = getattr(kb, "entries", None)
    if callable(entries):
        for entry in entries():
            if entry.kind not in _KIND_PREFIX:
                continue
            for alias in kb.aliases(entry.id):
                if entry.kind == "state" and _is_demonym(kb, alias):
                    continue
                yield alias, entry
        return
    if callable(getattr(kb, "aliases", None)):
        yield from kb.aliases()
        return
    for rows in getattr(kb.matcher, "_by_first", {}).values():
        for _toks, value, phrase in rows:
            yield phrase, value


def _is_demonym(kb: Any, alias: str) -> bool:
    """The KB matches this alias as a demonym ("Pakistani", "الباكستاني"), not as the state's name."""
    hits = kb.find(alias)
    return bool(hits) and all(getattr(h.value, "demonym", False) for h in hits)


class ActorRegistry:
    """In-memory view of known actors with their aliases, indexed by normalized and romanized keys.

    ``overlay()`` gives a child registry that sees its parent and keeps its own additions, so linking
    one article never changes the shared registry.
    """

    def __init__(self, kb: Any = None, parent: ActorRegistry | None = None) -> None:
        self.kb = kb if kb is not None else (parent.kb if parent is not None else None)
        self._parent = parent
        self._actors: dict[str, Actor] = {}
        self._exact: dict[str, set[str]] = {}
        self._tokens: dict[str, set[str]] = {}
        self._phon: dict[str, set[str]] = {}  # phonetic key of an alias → actor ids
        self._keys: list[str] = []  # the same keys in insertion order, scanned in C by rapidfuzz
        self._grams: dict[str, set[int]] = {}  # character trigram → positions in _keys (blocking)
        self._fuzzy: dict[tuple[str, int, bool], tuple[int, list[tuple[float, int, str]]]] = {}
        """query → (keys scored so far, their best): ``_closest_keys`` scores each key once per query"""
        self.redirects: dict[str, str] = {}

    @classmethod
    def from_kb(cls, kb: Any) -> ActorRegistry:
        """Every person/organization/faction/state of the KB with all its (non-demonym) aliases."""
        reg = cls(kb)
        for alias, entry in _kb_entries(kb):
            if getattr(entry, "kind", None) not in _KIND_PREFIX or getattr(entry, "demonym", False):
                continue
            if reg.get(entry.id) is None:
                reg.add(actor_from_entry(entry))
            reg.add_alias(entry.id, alias)
        return reg

    def learn(self, result: LinkResult) -> None:
        """Add the new actors and the certain aliases of a linked article (doubtful links add none)."""
        for actor in result.new_actors:
            if self.get(actor.id) is None:
                self.add(copy.copy(actor), index_names=False)
        for obs in result.aliases:
            actor = self.get(obs.actor_id)
            if actor is not None and obs.norm not in {name_key(a, actor.kind) for a in actor.aliases}:
                self.add_alias(self.resolve(obs.actor_id), obs.alias)

    def overlay(self) -> ActorRegistry:
        return ActorRegistry(parent=self)

    def __contains__(self, actor_id: str) -> bool:
        return self.get(actor_id) is not None

    def __len__(self) -> int:
        if self._parent is None:
            return len(self._actors)
        return len(self._parent) + sum(1 for a in self._actors if self._parent.get(a) is None)

    def ids(self) -> set[str]:
        return set(self._actors) | (self._parent.ids() if self._parent is not None else set())

    def resolve(self, actor_id: str) -> str:
        """Follow merges: the id an actor now lives under."""
        seen = set()
        while actor_id not in seen:
            seen.add(actor_id)
            nxt = self.redirects.get(actor_id) or (self._parent.resolve(actor_id) if self._parent is not None else actor_id)
            if nxt == actor_id:
                break
            actor_id = nxt
        return actor_id

    def get(self, actor_id: str) -> Actor | None:
        actor_id = self.resolve(actor_id)
        if actor_id in self._actors:
            return self._actors[actor_id]
        return self._parent.get(actor_id) if self._parent is not None else None

    def add(self, actor: Actor, index_names: bool = True) -> None:
        """Register an actor; its canonical names become aliases unless ``index_names`` is False
        (a machine romanization is not something anyone wrote, so it must not match as an alias)."""
        self._actors[actor.id] = actor
        names = (actor.name_en, actor.name_ar) if index_names else ()
        for name in (*names, *list(actor.aliases)):
            if name:
                self.add_alias(actor.id, name)

    def add_alias(self, actor_id: str, alias: str) -> None:
        actor = self._actors.get(actor_id)
        if actor is None:
            parent = self._parent.get(actor_id) if self._parent is not None else None
            if parent is None:
                raise KeyError(actor_id)
            actor = copy.copy(parent)
            actor.aliases = list(parent.aliases)
            self._actors[actor_id] = actor
        if alias not in actor.aliases:
            actor.aliases.append(alias)
        for key in {name_key(alias), name_key(alias, "organization")}:
            self._exact.setdefault(key, set()).add(actor_id)
        for tok in skeleton(alias).split():
            self._tokens.setdefault(tok, set()).add(actor_id)
        key = phonetic_key(alias)
        if key not in self._phon:
            self._phon[key] = set()
            for gram in _grams(key):
                self._grams.setdefault(gram, set()).add(len(self._keys))
            self._keys.append(key)
        self._phon[key].add(actor_id)

    def exact(self, name: str, kind: str = "person") -> set[str]:
        """Ids whose alias has this exact normalized key."""
        key = name_key(name, kind)
        out = set(self._exact.get(key, ()))
        if self._parent is not None:
            out |= self._parent.exact(name, kind)
        return {self.resolve(i) for i in out}

    def _by_token(self, tok: str) -> set[str]:
        out = set(self._tokens.get(tok, ()))
        if self._parent is not None:
            out |= self._parent._by_token(tok)
        return out

    def _levels(self) -> Iterator[ActorRegistry]:
        reg: ActorRegistry | None = self
        while reg is not None:
            yield reg
            reg = reg._parent

    def _similar_keys(self, name: str, limit: int = 10) -> set[str]:
        """Ids whose alias spells close to ``name`` (catches spellings no skeleton token shares).

        Each registry level keeps its alias keys in a list that rapidfuzz scans in C; a level with more
        than ``_BLOCK_ABOVE`` keys scores only the keys sharing a character trigram with the name
        (blocking): on the KB's own keys this keeps every pair of spelling variants and drops a few
        chance matches at ratio 65–67 between unrelated names ("indi armi" / "nigari").
        """
        query = phonetic_key(name)
        scored: list[tuple[float, int, str]] = []
        for depth, reg in enumerate(self._levels()):
            for score, _, key in reg._closest_keys(query, limit):
                scored.append((-score, depth, key))
        out: set[str] = set()
        for _, _, key in sorted(scored)[:limit]:
            for reg in self._levels():
                out |= {self.resolve(i) for i in reg._phon.get(key, ())}
        return out

    def _closest_keys(self, query: str, limit: int) -> list[tuple[float, int, str]]:
        """This level's ``limit`` best keys for ``query`` as (score, position, key), best first.

        ``process.extract`` orders equal scores by position, so the best of all keys are the best of
        (the best of the keys scored before, the best of the keys added since): a query seen before
        scores only the new keys. Above ``_BLOCK_ABOVE`` keys only keys sharing a trigram are scored.
        """
        blocked = len(self._keys) > _BLOCK_ABOVE
        seen, best = self._fuzzy.get((query, limit, blocked), (0, []))
        if seen == len(self._keys):
            return best
        if blocked:
            pool: set[int] = set()
            for gram in _grams(query):
                pool |= self._grams.get(gram, set())
            positions = sorted(i for i in pool if i >= seen)
        else:
            positions = list(range(seen, len(self._keys)))
        keys = [self._keys[i] for i in positions]
        found = [(score, positions[i], key) for key, score, i in
                 process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=65, limit=limit)]
        best = sorted(best + found, key=lambda x: (-x[0], x[1]))[:limit]
        if len(self._fuzzy) >= _FUZZY_CACHE:
            self._fuzzy.clear()
        self._fuzzy[(query, limit, blocked)] = (len(self._keys), best)
        return best

    def candidates(self, name: str, kind: str | None = None, limit: int = 5) -> list[Candidate]:
        """Actors that may be ``name``, best first, each scored on its closest alias."""
        allowed = _COMPATIBLE.get(kind or "")
        exact = self.exact(name, kind or "person")
        ids = set(exact) | self._similar_keys(name)
        for tok in skeleton(name).split():
            ids |= {self.resolve(i) for i in self._by_token(tok)}
        out = []
        for actor_id in ids:
            actor = self.get(actor_id)
            if actor is None or (allowed and actor.kind not in allowed):
                continue
            if actor_id in exact:
                out.append(Candidate(actor_id, 1.0, "exact"))
                continue
            best = max((name_similarity(name, a) for a in actor.aliases), default=(0.0, "none"))
            out.append(Candidate(actor_id, best[0], best[1]))
        out.sort(key=lambda c: (-c.score, c.actor_id))
        return out[:limit]

    def country_of(self, text: str | None) -> str | None:
        """Country named in a role ("قائد الجيش الباكستاني" → PAK), through the KB when there is one."""
        if not text or self.kb is None:
            return None
        for hit in self.kb.find(text):
            entry = hit.value
            if getattr(entry, "country", None) and (entry.kind == "state" or entry.demonym):
                return entry.country
        return None


def _grams(key: str) -> set[str]:
    """Character trigrams of a phonetic key, word edges marked, for candidate blocking."""
    padded = f" {key} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def actor_from_entry(entry: Any) -> Actor:
    """An Actor from a KB entry (duck-typed: id, kind, name_en, name_ar, country, faction …)."""
    return Actor(
        id=entry.id, kind=entry.kind, name_en=entry.name_en, name_ar=entry.name_ar,
        country=entry.country, faction=entry.faction, sector=entry.sector, wikidata=entry.wikidata,
        role=getattr(entry, "role", None),
    )


@dataclass
class _Seen:
    """A full name already linked in this article, for partial names that follow."""

    pos: int
    actor_id: str
    tokens: list[str]
    role: str | None


@dataclass
class _Ask:
    """One written name to link."""

    target: str
    text: str
    start: int
    end: int
    kind: str
    role: str | None = None
    country: str | None = None
    faction: str | None = None
    preset: str | None = None
    obj: Any = None


class _Linker:
    """State for one article: the overlay registry, the names seen, the result being built."""

    def __init__(self, article: Article, registry: ActorRegistry, result: LinkResult) -> None:
        self.article = article
        self.reg = registry.overlay()
        self.result = result
        self.seen: list[_Seen] = []
        self.cache: dict[tuple[str, str], tuple[str, float, str, bool]] = {}

    def link(self, ask: _Ask) -> str | None:
        if ask.target == "claim" and not ask.preset:
            spoken = self._speaker(ask)
            if spoken is None:  # a role, a description or an outlet: nobody to link
                return None
            name, role = spoken
        elif ask.kind == "person":
            parts = split_name(ask.text)
            name, role = parts.name or ask.text.strip(), ask.role or parts.role
        else:  # an institution's name is all name: "الجيش الليبي" keeps its first word
            name, role = self._institution_name(ask), ask.role
        if not name:
            return None
        key = (ask.kind, name_key(name, ask.kind), ask.country, ask.faction)
        if ask.preset:
            decision = (self.reg.resolve(ask.preset), 1.0, "kb", False)
        elif key in self.cache:
            decision = self.cache[key]
        else:
            found = self._decide(ask, name, role)
            if found is None:
                return None
            decision = found
            if not _is_partial(ask):  # a partial name may mean another person further on
                self.cache[key] = decision
        actor_id, score, reason, doubtful = decision
        self._record(ask, name, role, actor_id, score, reason, doubtful)
        return actor_id

    def _speaker(self, ask: _Ask) -> tuple[str, str | None] | None:
        """The name in a claim speaker as written and its role; None when it names no person.

        A speaker runs on past the name ("فؤاد حسين، في تدوينة …") or is only a role
        ("المتحدث باسم الجيش"); when the text holds no name the role may ("وقال السوداني").
        """
        for parts in [*speaker_names(ask.text), *speaker_names(ask.role or "")[:1]]:
            if self._not_a_person(parts.name):
                continue
            role = " ".join(x for x in (ask.role, parts.role) if x) or None
            if parts.name in (ask.role or "") and parts.name not in ask.text:
                role = None
            return parts.name, role
        return None

    def _not_a_person(self, name: str) -> bool:
        """The KB reads ``name`` as a state, place, institution or faction, or it opens with a
        demonym ("عراقي كبير"): a speaker's description, not a person."""
        kb = self.reg.kb
        if kb is None:
            return False
        for hit in kb.find(name):
            entry = hit.value
            kind = getattr(entry, "kind", None)
            if getattr(entry, "demonym", False):
                if hit.start == 0:
                    return True
            elif kind in ("state", "place", "organization", "faction"):
                return True
        return False

    def _institution_name(self, ask: _Ask) -> str:
        """An Arabic institution cut after "لل" ("لجيش الليبي" of "للجيش الليبي") gets its article back
        when that is the name the registry knows."""
        name = ask.text.strip()
        if _AR.match(name[:1]) and name.startswith("ل") and not name.startswith("ال"):
            restored = "ا" + name
            known = self.reg.exact(restored, ask.kind)
            if known and (not self.reg.exact(name, ask.kind)) and (not ask.preset or ask.preset in known):
                return restored
        return name

    def _decide(self, ask: _Ask, name: str, role: str | None) -> tuple[str, float, str, bool] | None:
        tokens = phonetic_key(name).split()
        if ask.kind == "person" and len(tokens) == 1:
            found = self._partial(tokens[0], ask.start, role)
            if found:
                return found
        cands = self.reg.candidates(name, ask.kind)
        if cands and len(tokens) == 1 and ask.kind == "person":
            exact = [c for c in cands if c.score == 1.0]
            if len(exact) == 1:
                return exact[0].actor_id, 0.9, "partial:alias", False
            if cands[0].score >= REVIEW and ask.target != "claim" and len(tokens[0]) >= 4:
                return cands[0].actor_id, 0.6, "partial:registry", True
        elif cands:
            exact = [c for c in cands if c.score == 1.0]
            if len(exact) > 1:
                return self._ambiguous(exact, ask)
            best = self._adjust(cands[0], ask)
            if ask.kind != "person" and best.reason.startswith("fuzzy"):
                # "Pakistan Army" is close to "Uzbekistan Army": institutions never link on spelling alone
                best = Candidate(best.actor_id, min(best.score, ACCEPT - 0.01), best.reason)
            if best.score >= REVIEW:
                return best.actor_id, best.score, best.reason, best.score < ACCEPT
        if ask.kind == "person" and not self._may_create(ask, name, role, tokens):
            return None
        actor = self._new_actor(ask, name, role)
        return actor.id, 1.0, "new", False

    def _may_create(self, ask: _Ask, name: str, role: str | None, tokens: list[str]) -> bool:
        """A new person needs a full name (two words or more) that looks like one; a lone word
        ("حفتر", "Islamabad"), a description or an unnamed source's words make no actor."""
        if len(tokens) < 2 or is_anonymous_role(role) or not looks_like_name(name):
            return False
        return ask.target == "claim" or not self._not_a_person(name)

    def _ambiguous(self, exact: list[Candidate], ask: _Ask) -> tuple[str, float, str, bool]:
        """An alias shared by several actors ("الجيش الليبي"): the country/faction the article gives
        decides; otherwise the first is kept, doubtful."""
        def fits(c: Candidate) -> bool:
            a = self.reg.get(c.actor_id)
            return bool(a) and (not ask.country or a.country == ask.country) and \
                (not ask.faction or a.faction == ask.faction)
        fitting = [c for c in exact if fits(c)] if (ask.country or ask.faction) else []
        if len(fitting) == 1:
            return fitting[0].actor_id, 0.95, "exact+context", False
        pick = (fitting or exact)[0]
        return pick.actor_id, 0.7, "exact:ambiguous", True

    def _adjust(self, cand: Candidate, ask: _Ask) -> Candidate:
        """Lower a candidate whose known country contradicts the one the article gives."""
        actor = self.reg.get(cand.actor_id)
        if actor and ask.country and actor.country and actor.country != ask.country and cand.score < 1.0:
            return Candidate(cand.actor_id, round(cand.score - 0.15, 3), cand.reason + "+country-differs")
        return cand

    def _partial(self, token: str, pos: int, role: str | None) -> tuple[str, float, str, bool] | None:
        """A one-word name: the person of this article whose full name contains it."""
        hits = [s for s in self.seen if any(fuzz.ratio(token, t) >= 85 for t in s.tokens)]
        if not hits:
            return None
        actors = {s.actor_id for s in hits}
        before = sorted((s for s in hits if s.pos <= pos), key=lambda s: -s.pos)
        nearest = before[0] if before else min(hits, key=lambda s: s.pos)
        if len(actors) == 1:
            if role and nearest.role and not _same_role(role, nearest.role):
                # "المشير حفتر" after "الفريق صدام حفتر": the rank says it may be another Haftar
                return nearest.actor_id, 0.6, "partial:article+role-differs", True
            return nearest.actor_id, 0.92 if before else 0.85, "partial:article", False
        if role:
            same_role = {s.actor_id for s in hits if s.role and _same_role(role, s.role)}
            if len(same_role) == 1:
                return same_role.pop(), 0.85, "partial:article+role", False
        return nearest.actor_id, 0.6, "partial:ambiguous", True

    def _new_actor(self, ask: _Ask, name: str, role: str | None) -> Actor:
        latin = romanize(name)
        prefix = _KIND_PREFIX.get(ask.kind, ask.kind)
        actor_id = f"{prefix}:{slug(latin)}"
        if actor_id in self.reg:
            digest = hashlib.sha1(f"{name}|{self.article.article_id}".encode()).hexdigest()[:6]
            actor_id = f"{actor_id}-{digest}"
        actor = Actor(
            id=actor_id, kind=ask.kind,
            name_en=latin if script_of(name) == "ar" else name,
            name_ar=name if script_of(name) == "ar" else None,
            country=ask.country or self.reg.country_of(role),
            faction=ask.faction, role=role, aliases=[name],
        )
        self.reg.add(actor, index_names=False)
        self.result.new_actors.append(actor)
        return actor

    def _record(self, ask: _Ask, name: str, role: str | None, actor_id: str, score: float,
                reason: str, doubtful: bool) -> None:
        art = self.article
        self.result.links.append(Link(art.article_id, ask.target, ask.text, ask.start, ask.end, actor_id,
                                      round(score, 3), reason, doubtful, name))
        if doubtful:
            return
        if ask.kind == "person" and len(phonetic_key(name).split()) > 1:
            self.seen.append(_Seen(ask.start, actor_id, phonetic_key(name).split(), role))
        if actor_id in self.reg and name_key(name, ask.kind) not in {name_key(a, ask.kind) for a in self.reg.get(actor_id).aliases}:
            self.reg.add_alias(actor_id, name)
        self.result.aliases.append(AliasObservation(actor_id, name, name_key(name, ask.kind), script_of(name),
                                                    art.article_id))
        if role and ask.kind == "person":
            self.result.roles.append(RoleObservation(actor_id, role, " ".join(fold(role).split()),
                                                     art.published, art.article_id, ask.start, ask.end))


def _same_role(a: str, b: str) -> bool:
    ga, gb = title_gloss(a) or a, title_gloss(b) or b
    return fuzz.token_set_ratio(fold(ga), fold(gb)) >= 80 or fuzz.token_set_ratio(fold(a), fold(b)) >= 80


def _asks(ext: Extraction) -> list[_Ask]:
    asks: list[_Ask] = []
    for m in ext.mentions:
        if m.kind in ("person", "organization"):
            asks.append(_Ask("mention", m.text, m.start, m.end, m.kind, m.role, m.country, m.faction,
                             m.actor_id, m))
    for ev in ext.events:
        pos = ev.sources[0].start if ev.sources else 0
        end = ev.sources[0].end if ev.sources else 0
        for p in ev.people:
            asks.append(_Ask("person", p.name, pos, end, "person", p.role, p.country, None, p.actor_id, p))
    for c in ext.claims:
        asks.append(_Ask("claim", c.speaker, c.start, c.end, "person", c.speaker_role, None, None,
                         c.speaker_actor_id, c))
    return asks


def _is_partial(ask: _Ask) -> bool:
    name = split_name(ask.text).name or ask.text
    return ask.kind == "person" and len(phonetic_key(name).split()) <= 1


def link_extraction(extraction: Extraction, article: Article, registry: ActorRegistry) -> LinkResult:
    """Decide the actor of every person/organization mention, event person and claim speaker.

    Args:
        extraction: what ``extract`` found in ``article`` (not modified).
        article: the article (its id and publication date go into aliases and roles).
        registry: known actors (not modified; new actors are returned in the result).

    Returns:
        A ``LinkResult`` with a copy of the extraction whose actor ids are filled in.
    """
    ext = _writable_copy(extraction)
    result = LinkResult(ext, registry=registry)
    linker = _Linker(article, registry, result)
    asks = _asks(ext)
    # full names (and KB-matched mentions) first, so partial names can look back and forward
    ordered = sorted(asks, key=lambda a: (_is_partial(a) and not a.preset, a.start, a.target != "mention"))
    for ask in ordered:
        actor_id = linker.link(ask)
        if actor_id is not None:
            _fill(ask.obj, actor_id, linker.reg.get(actor_id))
    return result


def _writable_copy(extraction: Extraction) -> Extraction:
    """A copy of ``extraction`` whose objects ``_fill`` writes (mentions, claims, events and their people)
    are new; what linking only reads (sources, places, attributes) is shared. A deep copy cost about as
    much as the linking itself."""
    ext = copy.copy(extraction)
    ext.mentions = [copy.copy(m) for m in extraction.mentions]
    ext.claims = [copy.copy(c) for c in extraction.claims]
    ext.events = [copy.copy(ev) for ev in extraction.events]
    for ev in ext.events:
        ev.people = [copy.copy(p) for p in ev.people]
    return ext


def _fill(obj: Any, actor_id: str, actor: Actor | None) -> None:
    if isinstance(obj, Mention):
        obj.actor_id = actor_id
    elif hasattr(obj, "speaker_actor_id"):
        obj.speaker_actor_id = actor_id
    elif hasattr(obj, "name_en"):  # event Person
        obj.actor_id = actor_id
        if actor:
            obj.name_ar = obj.name_ar or actor.name_ar
            obj.name_en = obj.name_en or actor.name_en
            obj.country = obj.country or actor.country


@dataclass
class PairScores:
    """How often the linker puts two names on the same actor exactly when they are the same person."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def link_pair(a: str, b: str, registry: ActorRegistry) -> tuple[bool, Link]:
    """Write ``a`` then ``b`` as two person mentions of one article; same actor and not doubtful?"""
    text = f"{a} … {b}"
    start_b = len(a) + 3
    ext = Extraction("pair", mentions=[
        Mention("pair", "person", a, 0, len(a)),
        Mention("pair", "person", b, start_b, start_b + len(b)),
    ])
    result = link_extraction(ext, Article("pair", text), registry)
    first = next((lk for lk in result.links if lk.start == 0), None)
    second = next((lk for lk in result.links if lk.start == start_b), None)
    if first is None or second is None:  # a name that links to nobody (not a name, a lone word)
        return False, second or Link("pair", "mention", b, start_b, start_b + len(b), "", 0.0, "unlinked")
    return first.actor_id == second.actor_id and not second.doubtful, second


def evaluate_pairs(pairs: Iterable[tuple[str, str, bool, str]], registry: ActorRegistry) -> PairScores:
    """Precision/recall of "linked to the same actor" over (a, b, same, note) pairs."""
    scores = PairScores()
    for a, b, same, note in pairs:
        predicted, link = link_pair(a, b, registry)
        if predicted and same:
            scores.tp += 1
        elif predicted:
            scores.fp += 1
        elif same:
            scores.fn += 1
        else:
            scores.tn += 1
        if predicted != same:
            scores.errors.append({"a": a, "b": b, "same": same, "note": note, "score": link.score,
                                  "reason": link.reason, "doubtful": link.doubtful})
    return scores


def read_pairs(path: str) -> list[tuple[str, str, bool, str]]:
    """Read a pairs TSV (a, b, same, note; '#' comments and a header allowed); errors name the line."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#") or line.startswith("a\tb\t"):
                continue
            cols = line.split("\t")
            if len(cols) < 3 or cols[2].strip() not in ("0", "1"):
                raise ValueError(f"{path}:{lineno}: expected a<TAB>b<TAB>0|1[<TAB>note], got {line!r}")
            out.append((cols[0].strip(), cols[1].strip(), cols[2].strip() == "1",
                        cols[3].strip() if len(cols) > 3 else ""))
    return out
