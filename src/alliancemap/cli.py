"""The ``alliancemap`` command line: a thin front over the library (parse, call, print, exit code).

Exit status: 0 success, 1 when some input was rejected or a lookup failed, 2 on usage errors.
"""

from __future__ import annotations

import errno
import functools
import importlib
import json
import os
import re
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.table import Table

from alliancemap import __version__
from alliancemap.cli_common import (
    _output_folder_exists,
    data_console,
    db_option,
    format_option,
    output_option,
    styled,
)
from alliancemap.model import DOMAINS, EVENT_TYPES
from alliancemap.store.db import Store, StoreError, open_store

if TYPE_CHECKING:
    from rich.progress import Progress

out = data_console(soft_wrap=True, width=None if sys.stdout.isatty() else 140)  # tables stay readable in pipes
err = data_console(stderr=True, soft_wrap=True)


def _open(db_path: str | None, *, create: bool = False) -> Store:
    """Open the store; only ``ingest`` creates one (a mistyped --db must not leave an empty store)."""
    try:
        return open_store(db_path, create=create)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def _silence_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests), nothing to redirect
        pass


def _raise_broken_pipe(console: Console) -> None:
    console.quiet = True
    raise BrokenPipeError(errno.EPIPE, "broken pipe")


_LAZY = {"actors": "alliancemap.cli_actors:actors", "actor": "alliancemap.cli_actors:actor",
         "event": "alliancemap.cli_event:event", "serve": "alliancemap.cli_serve:serve",
         "run": "alliancemap.cli_run:run", "load": "alliancemap.cli_run:load"}
"""Commands that live beside their stage, imported only when named: a query must not pay for the
imports of ``run`` (the pipeline, cleaning, the readers) or of ``serve``."""


class _Main(click.Group):
    """The command group; a closed pipe (``| head``) ends quietly with 0, a full disk with a clear error."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _LAZY and cmd_name not in self.commands:
            module, _, attr = _LAZY[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        Console.on_broken_pipe = _raise_broken_pipe  # type: ignore[method-assign]  # rich would exit 1
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(0)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                _silence_stdout()
                ctx.exit(0)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO):
                _silence_stdout()
            where = exc.filename or "standard output"
            raise click.ClickException(
                f"cannot write {where}: {exc.strerror or exc} (free some space or choose another --output)"
            ) from exc


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="alliancemap")
def main() -> None:
    """alliancemap: a sourced map of security alliances from Arabic and English news.

    \b
    Example:
        alliancemap ingest examples/
        alliancemap events --country LBY:east
        alliancemap timeline LBY:east PAK

    \b
    Store:  --db PATH, else $ALLIANCEMAP_DB, else ./alliancemap.db.
    Exit:   0 ok, 1 input rejected or lookup failed, 2 usage error.
    """


# -- ingest ------------------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1)
@db_option
@click.option("--feeds", "feeds_file", type=click.Path(exists=True, dir_okay=False),
              help="A file of RSS/Atom feed URLs (one a line) to fetch politely and ingest.")
@click.option("--max-bytes", type=click.IntRange(1), default=5_000_000, show_default=True,
              help="Reject a record larger than this: a JSON Lines line, a JSON array item, a whole other file.")
@click.option("--no-extract", is_flag=True, help="Only store the clean articles; run `extract` later.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True,
              help="Processes that clean and extract; one writer stores (same events as one process).")
def ingest(paths: tuple[str, ...], db_path: str | None, feeds_file: str | None, max_bytes: int,
           no_extract: bool, quiet: bool, workers: int) -> None:
    """Read news pages (text dumps, HTML, JSON, JSON Lines; folders recursively; - for JSONL on stdin),
    clean them, store them once each, and extract their events.

    \b
    Example:
        alliancemap ingest examples/ ../more-news/*.html
        alliancemap ingest --workers 2 crawl.warc.gz feeds/*.rss
        alliancemap ingest --feeds my-feeds.txt
    """
    from alliancemap.pipeline import ingest as run_ingest

    for p in paths:
        if p != "-" and not os.path.lexists(p):  # a broken link or a link loop is read, and rejected by name
            raise click.UsageError(f"no such file or folder: {p}")
    if not paths and not feeds_file:
        raise click.UsageError("give files or folders to read, or --feeds FILE")
    store = _open(db_path, create=True)
    store.on_wait = lambda: err.print("waiting for another ingest on this store to finish…")
    feed_docs: Any = ()
    if feeds_file:
        from alliancemap.fetch import Fetcher, iter_feeds, read_feed_list

        feed_docs = iter_feeds(read_feed_list(feeds_file), Fetcher(Path(store.path + ".feeds.json")))
    with _progress(quiet) as progress:
        tick = document_ticker(progress, "ingest", None)
        report = run_ingest(store, paths, max_bytes=max_bytes, extract=not no_extract, progress=tick,
                            stdin=sys.stdin if "-" in paths else None, workers=workers,
                            documents=feed_docs)
    sys.exit(print_ingest_report(store, report))


def print_ingest_report(store: Store, report: Any) -> int:
    """The summary of an ingest (or ``load``) on stderr; returns the exit status (1 when rejections)."""
    c = report.counts
    gated = {k.removeprefix("gated_"): v for k, v in sorted(c.items()) if k.startswith("gated_") and v}
    if report.interrupted_runs:
        err.print(f"{report.interrupted_runs} earlier run(s) had been interrupted; marked as such")
    if report.recovered_merge:
        err.print("merged the events an interrupted run had left unmerged")
    err.print(styled((f"{c['new']} new", "bold"), f", {c['duplicate']} duplicate, {c['rejected']} rejected"
                     + (f", {sum(gated.values())} not extracted (gate: "
                        + ", ".join(f"{k} {v}" for k, v in gated.items()) + ")" if gated else "")
                     + f" → {store.path}" + (f"; {report.events} events in store" if report.events else "")))
    for origin, note in report.notes:
        err.print(styled(("  stored with a decoding note ", "yellow"), f"{origin}: {note}"))
    print_rejections(report.rejected)
    return 1 if report.rejected else 0


def print_rejections(rejected: list[Any]) -> None:
    for r in rejected:
        err.print(styled(("  rejected ", "red"), f"{r.origin}: {r.reason}" + (f" — {r.detail}" if r.detail else "")))


def document_ticker(bar: Progress, name: str, total: int | None) -> Any:
    """The per-document progress callback of ingest and load: status, file name, documents per second."""
    task = bar.add_task(name, total=total, rate="")

    def tick(origin: str, status: str) -> None:
        speed = bar.tasks[0].speed
        bar.update(task, advance=1, description=f"{status:9} {Path(origin).name[:40]}",
                   rate=f"{speed:.1f} docs/s" if speed else "")

    return tick


class _progress:
    """A rich progress bar on stderr, or nothing when quiet / not a terminal."""

    def __init__(self, quiet: bool) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        rate = TextColumn("{task.fields[rate]}")  # documents per second, filled by ``tick``
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), rate,
                            TimeElapsedColumn(), console=err, transient=True,
                            disable=quiet or not err.is_terminal)

    def __enter__(self) -> Progress:
        return self.bar.__enter__()

    def __exit__(self, *exc: Any) -> None:
        self.bar.__exit__(*exc)


# -- articles --------------------------------------------------------------------------------------
@main.command()
@db_option
@format_option("table", "jsonl")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many.")
def articles(db_path: str | None, fmt: str, limit: int | None) -> None:
    """List stored articles (jsonl: one full record a line: id, url, outlet, title, published, lang, text).

    \b
    Example:
        alliancemap articles --format jsonl | jq .title
    """
    store = _open(db_path)
    rows = store.article_rows(limit)
    if fmt == "jsonl":
        for r in rows:
            out.print(json.dumps({"id": r["article_id"], "url": r["url"], "outlet": r["outlet"], "title": r["title"],
                                  "published": r["published"], "lang": r["lang"], "text": r["text"]},
                                 ensure_ascii=False), markup=False, highlight=False)
        return
    table = Table("id", "published", "lang", "outlet", "title", "chars")
    for r in rows:
        table.add_row(r["article_id"][:10], r["published"] or "", r["lang"], r["outlet"] or "",
                      (r["title"] or "")[:70], str(r["chars"]))
    out.print(table)


@main.command()
@click.argument("article_id")
@db_option
def show(article_id: str, db_path: str | None) -> None:
    """Show one article's clean text with its metadata (ID may be a unique prefix).

    \b
    Example:
        alliancemap show 3f2a9c
    """
    store = _open(db_path)
    art = store.get_article(article_id)
    if art is None:
        raise click.ClickException(f"no article {article_id!r} (see `alliancemap articles`)")
    for key in ("article_id", "title", "url", "outlet", "published", "lang", "origin"):
        out.print(styled((f"{key}:", "bold"), f" {getattr(art, key) or ''}"))
    out.print(styled(("sentences:", "bold"), f" {len(art.sentences)}  ", ("boilerplate lines removed:", "bold"),
                     f" {art.removed_lines}"))
    out.print()
    out.print(art.text, markup=False, highlight=False)


@main.command()
@db_option
@format_option("table", "json")
def stats(db_path: str | None, fmt: str) -> None:
    """Counts of what the store holds.

    \b
    Example:
        alliancemap stats --format json
    """
    data = _open(db_path).stats()
    if fmt == "json":
        out.print(json.dumps(data, ensure_ascii=False, indent=1), markup=False)
        return
    for k, v in data.items():
        out.print(styled((f"{k}:", "bold"), f" {v}"))


# -- extraction and events ---------------------------------------------------------------------------
@main.command()
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def extract(db_path: str | None, quiet: bool) -> None:
    """Run extraction, actor linking and merging again over every stored article.

    \b
    Example:
        alliancemap extract
    """
    from alliancemap.pipeline import reextract

    store = _open(db_path)
    with _progress(quiet) as progress:
        task = progress.add_task("extract", total=store.stats()["articles"], rate="")
        n = reextract(store, lambda _a, _s: progress.update(task, advance=1))
    err.print(f"re-extracted {n} articles; {store.stats().get('events', 0)} events in store")


def _check_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A real date as YYYY, YYYY-MM or YYYY-MM-DD (2025-13 or 2025-02-30 is a usage error)."""
    if value is None:
        return None
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        import datetime

        try:
            datetime.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
            return value
        except ValueError:
            pass
    raise click.BadParameter(f"{value!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD")


COUNTRIES_TSV = Path(__file__).parent / "resolve" / "data" / "countries.tsv"


@functools.cache
def _alpha3_codes() -> frozenset[str]:
    """ISO 3166 alpha-3 codes and Kosovo's XKX: the first column of the KB's country table, which
    ``resolve.build_countries`` generates from ISO 3166 (reading it takes a millisecond; importing
    pycountry takes a fifth of a second, most of a query's start-up)."""
    with open(COUNTRIES_TSV, encoding="utf-8") as f:
        return frozenset(line.split("\t", 1)[0] for line in f if not line.startswith(("#", "iso3\t")))


def known_party(value: str) -> str:
    """``value`` as a party ('PAK', 'LBY:east', 'state:PAK') with a real ISO alpha-3 code, else ValueError."""
    from alliancemap.store.queries import parse_party, party_label

    code, faction = parse_party(value)
    if code not in _alpha3_codes():
        raise ValueError(f"{value!r}: {code} is not an ISO 3166 alpha-3 country code (e.g. PAK, LBY:east)")
    return party_label(code, faction)


def _check_party(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return known_party(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _event_filters(f: Any) -> Any:
    for opt in reversed([
        click.option("--country", callback=_check_party,
                     help="A party: ISO alpha-3, optionally with faction (LBY or LBY:east)."),
        click.option("--faction", help="A party with this faction (east, west, SAF, RSF…)."),
        click.option("--type", "etype", type=click.Choice(EVENT_TYPES, case_sensitive=False), help="Event type."),
        click.option("--domain", type=click.Choice(DOMAINS), help="Cooperation domain."),
        click.option("--from", "date_from", callback=_check_date, help="Earliest date (YYYY[-MM[-DD]])."),
        click.option("--to", "date_to", callback=_check_date, help="Latest date (YYYY[-MM[-DD]])."),
        click.option("--min-sources", type=click.IntRange(1), default=1, show_default=True,
                     help="Only events reported by at least this many independent articles."),
    ]):
        f = opt(f)
    return f


def _query_events(store: Store, country, faction, etype, domain, date_from, date_to, min_sources) -> list[dict]:
    from alliancemap.store.queries import list_events

    return list_events(store.conn, country=country, faction=faction, type_=etype, domain=domain,
                       date_from=date_from, date_to=date_to, min_sources=min_sources)


def _api_filters(country, faction, etype, domain, date_from, date_to, min_sources) -> dict[str, Any]:
    """The CLI's event filters as the API's filter dict (``api.data.event_filters``): one WHERE for both."""
    return {"country": country, "faction": faction, "type": etype, "domain": domain, "date_from": date_from,
            "date_to": date_to, "min_sources": min_sources}


def _stream_events(conn: Any, filters: dict[str, Any], page: int = 1000) -> Any:
    """Every matching event in store order (date, undated last, id), a keyset page of stored summaries at
    a time: memory stays flat whatever the store holds."""
    from alliancemap.api import data

    cursor = None
    while True:
        items, cursor = data.list_events(conn, filters, page, cursor)
        yield from items
        if cursor is None:
            return


TABLE_LIMIT = 50
"""Events the table shows unless --limit or --all: drawing a table costs about a millisecond a row."""


@main.command()
@db_option
@_event_filters
@format_option("table", "jsonl", "csv")
@click.option("--limit", type=click.IntRange(1), default=None,
              help=f"At most this many events [table default: {TABLE_LIMIT}, newest first; jsonl/csv: all].")
@click.option("--all", "show_all", is_flag=True, help="The table shows every matching event.")
def events(db_path: str | None, fmt: str, limit: int | None, show_all: bool, **filters: Any) -> None:
    """List events (merged across outlets) with filters.

    The table shows the newest 50 (undated last) and says how many match; jsonl and csv stream every
    matching event in store order (date, undated last), as `export events` writes them.

    \b
    Example:
        alliancemap events --country LBY:east --type AGREE --min-sources 2
        alliancemap events --from 2025-01 --limit 200
        alliancemap events --format jsonl | jq .type
    """
    import itertools

    from alliancemap.api import data

    conn = _open(db_path).conn
    flt = _api_filters(**filters)
    if fmt != "table":
        from alliancemap.export import get_exporter

        get_exporter(fmt)(itertools.islice(_stream_events(conn, flt), limit), sys.stdout)
        return
    limit = (data.count_events(conn, flt) or 1) if show_all else (limit or TABLE_LIMIT)
    rows = data.latest_events(conn, flt, limit)
    total = data.count_events(conn, flt) if len(rows) == limit else len(rows)
    print_events(rows, total)
    if total > len(rows):
        err.print(f"showing {len(rows):,} of {total:,}; --limit/--all/--format jsonl for more",
                  markup=False, highlight=False)


def print_events(rows: list[dict], total: int | None = None) -> None:
    """A readable table of exported events (full records with --format jsonl); ``total``: how many match."""
    title = f"{len(rows)} events" if total is None or total == len(rows) else f"newest {len(rows)} of {total} events"
    table = Table(title=title, show_lines=False, pad_edge=False)
    for name, kw in (("id", {"no_wrap": True}), ("date", {"no_wrap": True}), ("type", {"no_wrap": True}),
                     ("parties", {"overflow": "fold"}), ("place", {"overflow": "fold"}),
                     ("people", {"overflow": "fold", "ratio": 3}), ("domains", {"overflow": "fold", "ratio": 2}),
                     ("src", {"justify": "right", "no_wrap": True})):
        table.add_column(name, **kw)
    for ev in rows:  # every person and domain is shown: long cells wrap, nothing is cut
        parties = " + ".join(p["country"] + (f":{p['faction']}" if p.get("faction") else "") for p in ev["parties"])
        people = ", ".join(n for n in ((p.get("name_en") or p.get("name") or p.get("name_ar") or "")
                                       for p in ev.get("people", [])) if n)
        table.add_row(ev.get("event_id") or "", ev.get("date") or "—", ev["type"], parties,
                      (ev.get("location") or {}).get("name") or "", people, ", ".join(ev.get("domains", [])),
                      str(ev.get("n_sources", len(ev["sources"]))))
    width = out.width if out.is_terminal else 160
    data_console(width=max(width, 100), soft_wrap=False).print(table)


@main.command()
@db_option
@click.option("--speaker", help="Only claims whose speaker name or role contains this.")
@click.option("--article", "article_id", help="Only claims of this article (id or prefix).")
@format_option("table", "jsonl")
def claims(db_path: str | None, speaker: str | None, article_id: str | None, fmt: str) -> None:
    """Attributed statements: speaker, role as written, and what was said.

    \b
    Example:
        alliancemap claims --speaker المحلل
    """
    from alliancemap.store.extraction import list_claims

    rows = list_claims(_open(db_path).conn, speaker=speaker, article_id=article_id)
    if fmt == "jsonl":
        for c in rows:
            out.print(json.dumps(asdict(c), ensure_ascii=False), markup=False, highlight=False)
        return
    table = Table("speaker", "role", "", "said", "article", title=f"{len(rows)} claims")
    for c in rows:  # a denial is marked: the speaker says what follows is not so
        table.add_row(c.speaker, c.speaker_role or "", "denies" if c.negated else "says",
                      c.text[:120] + ("…" if len(c.text) > 120 else ""), c.article_id[:10])
    out.print(table)


def _graph_filters(f: Any) -> Any:
    for opt in reversed([
        click.option("--from", "date_from", callback=_check_date, help="Earliest date (YYYY[-MM[-DD]])."),
        click.option("--to", "date_to", callback=_check_date, help="Latest date (YYYY[-MM[-DD]])."),
        click.option("--type", "types", multiple=True, type=click.Choice(EVENT_TYPES, case_sensitive=False),
                     help="Only events of this type (repeat for several)."),
        click.option("--domain", "domains", multiple=True, type=click.Choice(DOMAINS),
                     help="Only events with this domain (repeat for several)."),
        click.option("--min-sources", type=click.IntRange(1), default=1, show_default=True,
                     help="Only events reported by at least this many independent articles."),
    ]):
        f = opt(f)
    return f


def _build_graph(db_path: str | None, date_from: str | None, date_to: str | None, types: tuple[str, ...],
                 domains: tuple[str, ...], min_sources: int, with_ids: bool = True) -> Any:
    """The alliance graph as the API builds it (``api.views.alliance_graph_of``): from the store's graph,
    period or summary tables, never from every event. Several types or domains at once (the API takes
    one of each) aggregate the matching events' summaries."""
    conn = _open(db_path).conn
    if len(types) <= 1 and len(domains) <= 1:
        from alliancemap.api.views import alliance_graph_of

        filters = {"type": types[0] if types else None, "domain": domains[0] if domains else None,
                   "date_from": date_from, "date_to": date_to, "min_sources": min_sources}
        return alliance_graph_of(conn, filters, with_ids)
    from alliancemap.graph import alliance_graph
    from alliancemap.store.queries import list_events

    return alliance_graph(list_events(conn, date_from=date_from, date_to=date_to), types=types,
                          domains=domains, min_sources=min_sources)


def _kv(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())


@main.command("graph")
@db_option
@_graph_filters
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="Show this many ties.")
@format_option("table", "json")
def graph_cmd(db_path: str | None, limit: int, fmt: str, **filters: Any) -> None:
    """The strongest alliance ties: who works with whom, how often, on what, since when, says who.

    A tie's weight is the number of independent sources behind its events.

    \b
    Example:
        alliancemap graph --from 2025 --type AGREE --min-sources 2
        alliancemap graph --format json > graph.json
    """
    graph = _build_graph(db_path, **filters, with_ids=fmt == "json")
    if fmt == "json":
        _print_json(graph.to_dict())
        return
    ties = graph.strongest(limit)
    table = Table(title=f"strongest {len(ties)} of {len(graph.ties)} ties among {len(graph.nodes)} parties")
    for name in ("party", "partner", "weight", "events", "types", "domains", "first", "last", "outlets"):
        table.add_column(name, overflow="fold")
    for t in ties:
        table.add_row(t.a, t.b, str(t.weight), str(t.n_events), _kv(dict(t.types.most_common())),
                      _kv(dict(t.domains.most_common())), t.first_date or "undated", t.last_date or "",
                      str(len(t.outlets)))
    out.print(table)
    central = sorted(graph.nodes.items(), key=lambda kv: (-kv[1]["centrality"], kv[0]))[:5]
    if central:
        out.print("most central: " + ", ".join(f"{k} ({v['centrality']:.2f}, {v['degree']} partners)"
                                               for k, v in central), markup=False, highlight=False)


@main.command()
@click.argument("party")
@db_option
@_graph_filters
@format_option("table", "json")
def partners(party: str, db_path: str | None, fmt: str, **filters: Any) -> None:
    """Who PARTY works with, on what, since when, says who (PARTY: PAK, LBY:east, state:TUR; any case).

    A bare state gathers its factions: LBY covers LBY:east and LBY:west.

    \b
    Example:
        alliancemap partners LBY:east
        alliancemap partners PAK --from 2025 --format json
    """
    from alliancemap.graph import partners as graph_partners

    try:
        label = known_party(party)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    rows = graph_partners(_build_graph(db_path, **filters, with_ids=fmt == "json"), label)
    if fmt == "json":
        _print_json(rows)
        return
    table = Table(title=f"{len(rows)} partners of {label}")
    for name in ("partner", "types", "domains", "first", "last", "events", "sources", "outlets"):
        table.add_column(name, overflow="fold")
    for r in rows:
        who = r["partner"] + (f" (with {r['party']})" if r["party"] != label else "")
        table.add_row(who, _kv(r["types"]), ", ".join(r["domains"]), r["first_date"] or "undated",
                      r["last_date"] or "", str(r["n_events"]), str(r["n_sources"]), ", ".join(r["outlets"]))
    out.print(table)


@main.group()
def export() -> None:
    """Export events, actors, claims or the alliance graph for other tools (see docs/export-contract.md).

    \b
    Example:
        alliancemap export events --format plover --output events.plover.jsonl
        alliancemap export graph --format graphml --output alliances.graphml
    """


@export.command("events")
@db_option
@_event_filters
@click.option("--format", "fmt", default="jsonl", show_default=True,
              help="jsonl (the exported-event contract), csv (one row an event), plover (PLOVER 2.0 JSON Lines),"
                   " gdelt or tsv (GDELT-like tab-separated table with CAMEO codes and source URLs) or parquet"
                   " (needs --output).")
@output_option
def export_events(db_path: str | None, fmt: str, output: str | None, **filters: Any) -> None:
    """Write events in the exported-event contract (standard output unless --output).

    \b
    Example:
        alliancemap export events --format csv --output events.csv
        alliancemap export events --format parquet --output events.parquet
        alliancemap export events --format gdelt --country LBY:east > events.tsv
    """
    from alliancemap.export import BINARY_FORMATS, get_exporter, write_parquet

    if fmt in BINARY_FORMATS:
        if not output:
            raise click.UsageError(f"--format {fmt} writes a binary file: give --output FILE")
        rows = _query_events(_open(db_path), **filters)
        _write_file(output, lambda: write_parquet(rows, output))
        err.print(f"{len(rows)} events → {output}")
        return
    try:
        writer = get_exporter(fmt)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    rows = _query_events(_open(db_path), **filters)
    _write_text(output, lambda fp: writer(rows, fp), "events")


def _write_file(output: str, write: Any) -> Any:
    """Run a writer that opens ``output`` itself; a full disk or a refused file names the file."""
    try:
        return write()
    except OSError as exc:
        exc.filename = exc.filename or output
        raise


def _write_text(output: str | None, write: Any, what: str) -> None:
    """Write text to ``output`` (UTF-8) or standard output, and say how many records went where."""
    if not output:
        write(sys.stdout)
        return

    def to_file() -> int:
        with open(output, "w", encoding="utf-8", newline="") as fp:
            return write(fp)
    n = _write_file(output, to_file)
    err.print(f"{n} {what} → {output}", markup=False, highlight=False)


@export.command("actors")
@db_option
@click.option("--kind", type=click.Choice(["person", "organization", "faction", "state"]), default=None,
              help="Only actors of this kind.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="Output format.")
@output_option
def export_actors(db_path: str | None, kind: str | None, fmt: str, output: str | None) -> None:
    """Write every actor (names in both scripts, aliases, country, faction, role).

    \b
    Example:
        alliancemap export actors --kind person --format csv --output people.csv
    """
    from alliancemap.export import write_actors
    from alliancemap.store.queries import all_actors

    rows = all_actors(_open(db_path).conn, kind=kind)
    _write_text(output, lambda fp: write_actors(rows, fp, fmt), "actors")


@export.command("claims")
@db_option
@click.option("--speaker", help="Only claims of this speaker (as written, or the linked person by any name).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="Output format.")
@output_option
def export_claims(db_path: str | None, speaker: str | None, fmt: str, output: str | None) -> None:
    """Write attributed statements with their article and character offsets.

    \b
    Example:
        alliancemap export claims --format csv --output claims.csv
    """
    from alliancemap.export import write_claims
    from alliancemap.store.extraction import list_claims

    rows = [asdict(c) for c in list_claims(_open(db_path).conn, speaker=speaker)]
    _write_text(output, lambda fp: write_claims(rows, fp, fmt), "claims")


@export.command("graph")
@db_option
@_graph_filters
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json"]), default="graphml",
              show_default=True, help="graphml or gexf (networkx; Gephi, yEd) or json ({nodes, ties}).")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), required=True,
              callback=_output_folder_exists, help="File to write.")
def export_graph(db_path: str | None, fmt: str, output: str, **filters: Any) -> None:
    """Write the alliance graph: parties as nodes, ties with types, domains, dates, sources, outlets.

    \b
    Example:
        alliancemap export graph --format gexf --output alliances.gexf
    """
    from alliancemap.export import write_graph

    graph = _build_graph(db_path, **filters)
    _write_file(output, lambda: write_graph(graph, output, fmt))
    err.print(f"{len(graph.nodes)} parties, {len(graph.ties)} ties → {output}", markup=False, highlight=False)


@main.command()
@click.argument("side_a")
@click.argument("side_b")
@db_option
@format_option("table", "json")
@click.option("--limit", type=click.IntRange(1), default=None,
              help=f"The table shows the newest this many, in order [default: {TABLE_LIMIT}; json: all].")
@click.option("--all", "show_all", is_flag=True, help="The table shows the whole timeline.")
def timeline(side_a: str, side_b: str, db_path: str | None, fmt: str, limit: int | None, show_all: bool) -> None:
    """The events between two sides, in order (a side is ISO alpha-3, optionally :faction).

    The table ends with the newest 50 and says how many there are; --all or --format json give all.

    \b
    Example:
        alliancemap timeline LBY:east PAK
        alliancemap timeline pak lby:east --all
    """
    from alliancemap.store.queries import dyad_events
    from alliancemap.timeline import dyad_timeline, newest, render_timeline

    sides = []
    for side in (side_a, side_b):
        try:
            sides.append(known_party(side))
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    rows = dyad_timeline(dyad_events(_open(db_path).conn, *sides), *sides)
    if fmt == "json":
        _print_json(rows if limit is None else newest(rows, limit))
        return
    shown = rows if show_all else newest(rows, limit or TABLE_LIMIT)
    render_timeline(shown, out)
    if len(shown) < len(rows):
        err.print(f"showing the newest {len(shown):,} of {len(rows):,}; --limit/--all/--format json for more",
                  markup=False, highlight=False)


def _print_json(value: Any) -> None:
    """JSON on standard output as is (a rich console would scan every character of a large document)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=1) + "\n")


@main.command("eval")
@click.argument("set_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--events-out", type=click.Path(dir_okay=False), help="Also keep the exported events here.")
def eval_cmd(set_dir: str, as_json: bool, events_out: str | None) -> None:
    """Score the pipeline on a gold set laid out like ../shared/eval/dev (articles/, gold/).

    Runs ingest in a temporary store, exports the events and scores them by the rule of the eval README.

    \b
    Example:
        alliancemap eval ../shared/eval/dev
    """
    from alliancemap.evaluate import format_report, score
    from alliancemap.export import write_jsonl
    from alliancemap.pipeline import ingest as run_ingest
    from alliancemap.store.events import exported_events

    for sub in ("articles", "gold"):
        if not (Path(set_dir) / sub).is_dir():
            raise click.UsageError(f"{set_dir} has no {sub}/ folder (expected the layout of ../shared/eval/dev)")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "eval.db"))
        run_ingest(store, [str(Path(set_dir) / "articles")])
        rows = exported_events(store.conn)
        store.close()
    if events_out:
        with open(events_out, "w", encoding="utf-8") as fp:
            write_jsonl(rows, fp)
    result = score(Path(set_dir), rows)
    if as_json:
        out.print(json.dumps(result, ensure_ascii=False, indent=1), markup=False, highlight=False)
    else:
        format_report(result, out)


if __name__ == "__main__":  # pragma: no cover
    main()
