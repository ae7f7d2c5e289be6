"""The ``alliancemap`` command line: a thin front over the library (parse, call, print, exit code).

Exit status: 0 success, 1 when some input was rejected or a lookup failed, 2 on usage errors.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from alliancemap import __version__
from alliancemap.cli_common import db_option, format_option, output_option
from alliancemap.model import DOMAINS, EVENT_TYPES
from alliancemap.store.db import Store, StoreError, open_store

out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 140)  # tables stay readable in pipes
err = Console(stderr=True, soft_wrap=True)


def _open(db_path: str | None) -> Store:
    try:
        return open_store(db_path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
              help="Reject files larger than this.")
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
        if p != "-" and not Path(p).exists():
            raise click.UsageError(f"no such file or folder: {p}")
    if not paths and not feeds_file:
        raise click.UsageError("give files or folders to read, or --feeds FILE")
    store = _open(db_path)
    feed_docs: Any = ()
    if feeds_file:
        from alliancemap.fetch import Fetcher, iter_feeds, read_feed_list

        feed_docs = iter_feeds(read_feed_list(feeds_file), Fetcher(Path(store.path + ".feeds.json")))
    with _progress(quiet) as progress:
        task = progress.add_task("ingest", total=None, rate="")

        def tick(origin: str, status: str) -> None:
            speed = progress.tasks[0].speed
            progress.update(task, advance=1, description=f"{status:9} {Path(origin).name[:40]}",
                            rate=f"{speed:.1f} docs/s" if speed else "")

        report = run_ingest(store, paths, max_bytes=max_bytes, extract=not no_extract, progress=tick,
                            stdin=sys.stdin if "-" in paths else None, workers=workers,
                            documents=feed_docs)
    c = report.counts
    err.print(f"[bold]{c['new']} new[/], {c['duplicate']} duplicate, {c['rejected']} rejected"
              f" → {store.path}" + (f"; {report.events} events in store" if report.events else ""))
    for r in report.rejected:
        err.print(f"  [red]rejected[/] {r.origin}: {r.reason}" + (f" — {r.detail}" if r.detail else ""))
    sys.exit(1 if report.rejected else 0)


class _progress:
    """A rich progress bar on stderr, or nothing when quiet / not a terminal."""

    def __init__(self, quiet: bool) -> None:
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
        out.print(f"[bold]{key}:[/] {getattr(art, key) or ''}", highlight=False)
    out.print(f"[bold]sentences:[/] {len(art.sentences)}  [bold]boilerplate lines removed:[/] {art.removed_lines}")
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
        out.print(f"[bold]{k}:[/] {v}", highlight=False)


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
    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise click.BadParameter(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _event_filters(f: Any) -> Any:
    for opt in reversed([
        click.option("--country", help="A party: ISO alpha-3, optionally with faction (LBY or LBY:east)."),
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
    from alliancemap.store.events import exported_events

    return exported_events(store.conn, country=country, faction=faction, type=etype.upper() if etype else None,
                           domain=domain, date_from=date_from, date_to=date_to, min_sources=min_sources)


@main.command()
@db_option
@_event_filters
@format_option("table", "jsonl")
def events(db_path: str | None, fmt: str, **filters: Any) -> None:
    """List events (merged across outlets) with filters.

    \b
    Example:
        alliancemap events --country LBY:east --type AGREE --min-sources 2
    """
    rows = _query_events(_open(db_path), **filters)
    if fmt == "jsonl":
        for ev in rows:
            out.print(json.dumps(ev, ensure_ascii=False), markup=False, highlight=False)
        return
    print_events(rows)


def print_events(rows: list[dict]) -> None:
    """A readable table of exported events (full records with --format jsonl)."""
    table = Table(title=f"{len(rows)} events", show_lines=False, pad_edge=False)
    for name, kw in (("date", {"no_wrap": True}), ("type", {"no_wrap": True}), ("parties", {"no_wrap": True}),
                     ("place", {}), ("people", {"max_width": 34}), ("domains", {"max_width": 28}),
                     ("src", {"justify": "right"})):
        table.add_column(name, **kw)
    for ev in rows:
        parties = "+".join(p["country"] + (f":{p['faction']}" if p.get("faction") else "") for p in ev["parties"])
        people = ", ".join((p.get("name_en") or p.get("name") or "") for p in ev.get("people", [])[:2])
        table.add_row(ev.get("date") or "—", ev["type"], parties, (ev.get("location") or {}).get("name") or "",
                      people, ", ".join(ev.get("domains", [])[:3]), str(ev.get("n_sources", len(ev["sources"]))))
    width = out.width if out.is_terminal else 120
    Console(width=max(width, 100), soft_wrap=False).print(table)


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
    table = Table("speaker", "role", "said", "article", title=f"{len(rows)} claims")
    for c in rows:
        table.add_row(c.speaker, c.speaker_role or "", c.text[:120] + ("…" if len(c.text) > 120 else ""),
                      c.article_id[:10])
    out.print(table)


@main.group()
def export() -> None:
    """Export data for other tools (see docs/export-contract.md).

    \b
    Example:
        alliancemap export events --format plover --output events.plover.jsonl
    """


@export.command("events")
@db_option
@_event_filters
@click.option("--format", "fmt", default="jsonl", show_default=True,
              help="jsonl (the exported-event contract), csv (one row an event) or plover (PLOVER 2.0 JSON Lines).")
@output_option
def export_events(db_path: str | None, fmt: str, output: str | None, **filters: Any) -> None:
    """Write events in the exported-event contract (standard output unless --output).

    \b
    Example:
        alliancemap export events --format csv --output events.csv
    """
    from alliancemap.export import get_exporter

    try:
        writer = get_exporter(fmt)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    rows = _query_events(_open(db_path), **filters)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fp:
            writer(rows, fp)
        err.print(f"{len(rows)} events → {output}")
    else:
        writer(rows, sys.stdout)


@main.command()
@click.argument("side_a")
@click.argument("side_b")
@db_option
@format_option("table", "json")
def timeline(side_a: str, side_b: str, db_path: str | None, fmt: str) -> None:
    """The events between two sides, in order (a side is ISO alpha-3, optionally :faction).

    \b
    Example:
        alliancemap timeline LBY:east PAK
    """
    from alliancemap.store.events import exported_events
    from alliancemap.timeline import dyad_timeline, render_timeline

    rows = dyad_timeline(exported_events(_open(db_path).conn), side_a.upper().replace(":EAST", ":east")
                         .replace(":WEST", ":west"), side_b.upper())
    if fmt == "json":
        out.print(json.dumps(rows, ensure_ascii=False, indent=1), markup=False, highlight=False)
        return
    render_timeline(rows, out)


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


def _register_plugins() -> None:
    """Command groups that live beside their stage (actors)."""
    try:
        from alliancemap.cli_actors import actor, actors
    except ImportError:  # pragma: no cover - during development only
        return
    main.add_command(actors)
    main.add_command(actor)


_register_plugins()

if __name__ == "__main__":  # pragma: no cover
    main()
