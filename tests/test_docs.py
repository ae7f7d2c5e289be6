"""The documentation stays true to the code: the CLI reference is current, every command explains itself
with an example that parses, every setting is documented, and the docs name the real contract."""

from __future__ import annotations

import csv
import importlib.util
import re
import shlex
import subprocess
import sys
import warnings
from pathlib import Path

import click
import pytest

from alliancemap.cli import main
from alliancemap.codes import code_table
from alliancemap.export import CSV_FIELDS, plover_record

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_cli_reference", DOCS / "gen_cli_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()
ALL_COMMANDS = list(GEN.walk(include_hidden=True))


def _id(item: tuple) -> str:
    return " ".join(item[0])


def test_cli_reference_is_current() -> None:
    # A fresh process: Click caches each command's help option, so commands that other tests invoked
    # outside the main group would print "--help" without "-h" here.
    res = subprocess.run([sys.executable, str(DOCS / "gen_cli_reference.py"), "--check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, "docs/cli-reference.md is stale: run .venv/bin/python docs/gen_cli_reference.py"


def test_reference_covers_every_visible_command() -> None:
    text = (DOCS / "cli-reference.md").read_text(encoding="utf-8")
    for path, cmd, _ctx in ALL_COMMANDS:
        if not cmd.hidden:
            assert f"## {' '.join(path)}\n" in text


def _examples(help_text: str) -> list[str]:
    """The command lines of the help's "Example:" block (indented lines right after it)."""
    lines = help_text.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip() == "Example:")
    indent = len(lines[start]) - len(lines[start].lstrip())
    found = []
    for ln in lines[start + 1:]:
        if not ln.strip() or len(ln) - len(ln.lstrip()) <= indent:
            break
        found.append(ln.strip())
    return found


@pytest.mark.parametrize("item", ALL_COMMANDS, ids=_id)
def test_every_command_has_help_and_an_example(item: tuple) -> None:
    path, cmd, ctx = item
    assert (cmd.help or "").strip(), f"{' '.join(path)} has no help"
    text = GEN.help_text(cmd, ctx)
    assert re.search(r"^\s+Example:$", text, re.M), f"{' '.join(path)} has no 'Example:' block"
    examples = _examples(text)
    assert examples and all(e.startswith("alliancemap ") for e in examples)


def _parse(argv: list[str]) -> click.Command:
    """Resolve argv to its command and parse its options without running anything."""
    cmd: click.Command = main
    ctx = main.make_context("alliancemap", list(argv), resilient_parsing=True)
    while isinstance(cmd, click.Group):
        with warnings.catch_warnings():  # Click 8.2+ deprecates protected_args; 9.0 folds it into args
            warnings.simplefilter("ignore", DeprecationWarning)
            args = [*getattr(ctx, "protected_args", []), *ctx.args]
        if not args:
            break
        name, sub, rest = cmd.resolve_command(ctx, args)
        assert sub is not None, f"no command {name!r}"
        ctx = sub.make_context(name, rest, parent=ctx, resilient_parsing=True)
        cmd = sub
    return cmd


@pytest.mark.parametrize("item", ALL_COMMANDS, ids=_id)
def test_examples_name_real_commands_and_options(item: tuple) -> None:
    path, cmd, ctx = item
    for example in _examples(GEN.help_text(cmd, ctx)):
        argv = shlex.split(example.split(" | ")[0])[1:]
        _parse(argv)  # raises NoSuchOption / UsageError for a wrong example


@pytest.mark.parametrize("item", ALL_COMMANDS, ids=_id)
def test_every_option_says_what_it_does(item: tuple) -> None:
    path, cmd, _ctx = item
    for param in cmd.params:
        if isinstance(param, click.Option) and param.name not in ("help", "version"):
            assert (param.help or "").strip(), f"{' '.join(path)} {param.opts} has no help"


def _env_vars_read_by_the_code() -> set[str]:
    names: set[str] = set()
    for py in (ROOT / "src" / "alliancemap").rglob("*.py"):
        names |= set(re.findall(r"\bALLIANCEMAP_[A-Z][A-Z0-9_]*", py.read_text(encoding="utf-8")))
    return names


def test_every_setting_and_env_var_is_documented() -> None:
    reference = (DOCS / "cli-reference.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    declared = set(GEN.env_settings())
    read = _env_vars_read_by_the_code()
    assert "ALLIANCEMAP_DB" in read and "ALLIANCEMAP_DB" in declared
    for env in declared | read:
        assert f"| `{env}` |" in reference, f"{env} missing from the Settings table of docs/cli-reference.md"
        assert env in readme, f"{env} missing from README.md"
    for path, cmd, ctx in ALL_COMMANDS:  # an option read from the environment says so in its own --help
        text = GEN.help_text(cmd, ctx)
        for param in cmd.params:
            if getattr(param, "envvar", None):
                assert param.envvar in text, f"{' '.join(path)} --help does not name {param.envvar}"


def test_export_contract_lists_every_csv_column_and_plover_field() -> None:
    text = (DOCS / "export-contract.md").read_text(encoding="utf-8")
    for column in CSV_FIELDS:
        assert f"`{column}`" in text, f"CSV column {column} undocumented"
    record = plover_record({"event_id": "e", "type": "AGREE", "parties": [], "sources": []})
    for key in record:
        assert f"`{key}`" in text, f"PLOVER field {key} undocumented"


def test_event_codes_doc_lists_every_case_of_the_code_table() -> None:
    text = (DOCS / "event-codes.md").read_text(encoding="utf-8")
    for row in code_table():
        assert f"`{row.case}`" in text, f"case {row.type}/{row.case} missing from docs/event-codes.md"
    assert re.search(r"AGREE.*signed.*057.*SUPPORT", text, re.S)


def test_lexicon_doc_names_every_knowledge_file() -> None:
    text = (DOCS / "lexicons.md").read_text(encoding="utf-8")
    pkg = ROOT / "src" / "alliancemap"
    for data in sorted([*pkg.rglob("*.yaml"), *pkg.rglob("*.tsv")]):
        rel = data.relative_to(pkg).as_posix()
        assert rel in text, f"{rel} missing from docs/lexicons.md"


def test_docs_csv_header_matches_writer() -> None:
    """The CSV header printed in the contract is the writer's header, in order."""
    text = (DOCS / "export-contract.md").read_text(encoding="utf-8")
    header = next(ln for ln in text.splitlines() if ln.startswith("event_id,type,"))
    assert tuple(next(csv.reader([header]))) == CSV_FIELDS
