"""Option bundles shared by every command (one definition of --db, --format, --output) and the console
every command prints through (stored text is data, never terminal markup)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.text import Text

F = Callable[..., Any]


def db_option(f: F) -> F:
    """``--db PATH`` (or ``$ALLIANCEMAP_DB``; default ``./alliancemap.db``), passed as ``db_path``."""
    return click.option(
        "--db", "db_path", envvar="ALLIANCEMAP_DB", type=click.Path(dir_okay=False), default=None,
        help="SQLite store to use [env: ALLIANCEMAP_DB; default: ./alliancemap.db].",
    )(f)


def format_option(*choices: str, default: str = "table") -> Callable[[F], F]:
    """``--format`` with the given choices, passed as ``fmt``."""
    def decorate(f: F) -> F:
        return click.option(
            "--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True,
            help="Output format.",
        )(f)
    return decorate


def _output_folder_exists(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse an --output whose folder is missing before any work is done (a usage error, exit 2)."""
    if value is not None:
        folder = Path(value).expanduser().parent
        if not folder.is_dir():
            raise click.BadParameter(f"folder {str(folder)!r} does not exist", ctx=ctx, param=param)
    return value


def output_option(f: F) -> F:
    """``--output FILE`` (standard output when absent), passed as ``output``."""
    return click.option(
        "--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), default=None,
        callback=_output_folder_exists, help="Write to FILE instead of standard output.",
    )(f)


def data_console(**kwargs: Any) -> Console:
    """A rich console that prints text as data: stored titles, quotes and names are never read as markup
    (``[/b]``, ``[link=…]``), emoji codes or highlights. Styled labels go through ``styled``."""
    return Console(markup=False, highlight=False, emoji=False, **kwargs)


def styled(*parts: str | tuple[str, str]) -> Text:
    """A line of plain pieces and ``(text, style)`` pieces, e.g. ``styled(("title:", "bold"), " ", title)``."""
    return Text.assemble(*parts)
