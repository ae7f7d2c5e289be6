"""Write docs/cli-reference.md from the real ``--help`` of every alliancemap command.

The reference is generated, never edited by hand, so it cannot drift from the code: tests/test_docs.py
regenerates it in memory and fails when the file on disk differs.

    .venv/bin/python docs/gen_cli_reference.py          # rewrite docs/cli-reference.md
    .venv/bin/python docs/gen_cli_reference.py --check  # exit 1 when the file is stale
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from alliancemap.cli import main

OUT = Path(__file__).with_name("cli-reference.md")
PROG = "alliancemap"
# Fixed at what Click prints on any terminal of 80 columns or more, so the file matches `--help`
# and does not depend on the terminal of whoever regenerates it.
WIDTH = 78  # Click wraps help at min(columns, 80) - 2
# Settings read from the environment that no Click option declares (name -> what it does).
EXTRA_SETTINGS: dict[str, str] = {
    "ALLIANCEMAP_CACHE_DIR": "where `ingest` keeps the built knowledge base and actor registry (default"
                             " `$XDG_CACHE_HOME/alliancemap` or `~/.cache/alliancemap`), rebuilt when the code or"
                             " data change; safe to delete",
    "ALLIANCEMAP_DOC_SECONDS": "time budget of one document in `ingest` (default 120); a slower one is rejected"
                               " as `too_slow`; 0 turns the budget off",
    "ALLIANCEMAP_MERGE_EVERY": "queued event mentions at which `ingest`, `load` and `extract` merge before"
                               " reading on (default 2000), so a big corpus is merged as it goes; 0 merges only"
                               " at the end",
    "ALLIANCEMAP_PAUSE_BEFORE_MERGE": "test hook (docs/robustness.md): a file path; `ingest` creates it after its"
                                      " last article and waits 60 s before merging, so a test can kill it there",
    "ALLIANCEMAP_WRITE_TOKEN": "the bearer token that `serve`'s write endpoints (POST /api/ingest,"
                               " /api/actors/merge, /api/actors/split, /api/review) require; unset: they answer"
                               " 403 `writes_disabled` (never a CLI option, so it does not show in `ps`)",
    "ALLIANCEMAP_NO_GATES": "`1` turns the cheap gates off: every article is extracted in full, also pages in"
                            " other languages or without a trigger or a claim (docs/scale.md)",
}


def walk(
    cmd: click.Command = main, path: tuple[str, ...] = (PROG,), parent: click.Context | None = None,
    include_hidden: bool = False,
) -> Iterator[tuple[tuple[str, ...], click.Command, click.Context]]:
    """Every command and subcommand, depth first in name order, each with the context its --help uses."""
    # the command's own context_settings (e.g. -h for help), as ``make_context`` would apply them
    settings = {**cmd.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    ctx = click.Context(cmd, info_name=path[-1], parent=parent, **settings)
    yield path, cmd, ctx
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None and (include_hidden or not sub.hidden):
                yield from walk(sub, (*path, name), ctx, include_hidden)


def help_text(cmd: click.Command, ctx: click.Context) -> str:
    """Exactly what ``--help`` prints for this command (at the fixed width)."""
    return cmd.get_help(ctx).rstrip() + "\n"


def env_settings() -> dict[str, tuple[str, list[str]]]:
    """Environment variable -> (its option's help, the commands that read it)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for path, cmd, _ctx in walk():
        for param in cmd.params:
            names = param.envvar if isinstance(param.envvar, list | tuple) else [param.envvar]
            for env in filter(None, names):
                help_ = getattr(param, "help", None) or ""
                opt = "/".join(getattr(param, "opts", []))
                entry = found.setdefault(env, (f"`{opt}`: {help_}", []))
                entry[1].append(" ".join(path[1:]) or PROG)
    for env, what in EXTRA_SETTINGS.items():
        found.setdefault(env, (what, []))
    return found


def anchor(path: tuple[str, ...]) -> str:
    return "-".join(path)


def render() -> str:
    """The whole Markdown reference."""
    commands = list(walk())
    lines = [
        "# alliancemap command reference",
        "",
        "Generated from the real `--help` of every command by `docs/gen_cli_reference.py`; do not edit by hand.",
        "Regenerate with `.venv/bin/python docs/gen_cli_reference.py` (`tests/test_docs.py` fails when stale).",
        "",
        "## Settings",
        "",
        "| environment variable | what it sets | read by |",
        "|---|---|---|",
    ]
    for env, (what, users) in sorted(env_settings().items()):
        lines.append(f"| `{env}` | {what} | {', '.join(f'`{u}`' for u in users) or '-'} |")
    lines += [
        "",
        "The store is `--db PATH`, else `$ALLIANCEMAP_DB`, else `./alliancemap.db`; its folder must exist.",
        "",
        "## Exit status",
        "",
        "| code | meaning |",
        "|---|---|",
        "| 0 | success |",
        "| 1 | some input was rejected (`ingest`), a lookup failed (unknown article, actor, link or merge), "
        "or the store cannot be opened (missing folder, not a database) |",
        "| 2 | usage error: unknown command or option, bad option value (unknown export format, "
        "`--output` in a missing folder, `--db` naming a folder), missing argument or path |",
        "",
        "Errors are one line on standard error (`Error: …`), never a traceback.",
        "",
        "## Commands",
        "",
    ]
    for path, cmd, _ctx in commands:
        short = cmd.get_short_help_str(limit=90)
        lines.append(f"- [`{' '.join(path)}`](#{anchor(path)}): {short}")
    for path, cmd, ctx in commands:
        lines += ["", f'<a id="{anchor(path)}"></a>', "", f"## {' '.join(path)}", "", "```text",
                  help_text(cmd, ctx).rstrip(), "```"]
    return "\n".join(lines) + "\n"


def run(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is stale: run python docs/gen_cli_reference.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
