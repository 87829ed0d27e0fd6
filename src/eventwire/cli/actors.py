"""`eventwire actors`: read and extend the actor knowledge base without editing the package.

The user file (JSON Lines, one actor a line, the format of ``docs/actors.md``) is
``$EVENTWIRE_ACTORS`` when set, else ``~/.config/eventwire/actors.jsonl``; `eventwire extract`
merges it over the shipped base (an entry with a shipped id replaces it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..errors import EventwireError
from ..resources.kb import KINDS, ActorKB, KBActor, user_actors_path
from ._common import terminal_safe

__all__ = ["actors", "actors_add", "actors_check", "actors_list", "actors_show"]


def _user_file(ctx: click.Context) -> Path:
    path = ctx.obj.get("file") if ctx.obj else None
    return Path(path) if path else user_actors_path()


def _load(path: Path) -> ActorKB:
    """The shipped base with the user file merged over it (if the file exists)."""
    try:
        return ActorKB.load(extra=(path,) if path.is_file() else ())
    except EventwireError as e:
        raise click.ClickException(str(e)) from e


@click.group(invoke_without_command=True)
@click.option(
    "--file",
    "user_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="User actor file to read and write (default: $EVENTWIRE_ACTORS, else "
    "~/.config/eventwire/actors.jsonl).",
)
@click.pass_context
def actors(ctx: click.Context, user_file: Path | None) -> None:
    """The actor knowledge base: list, show, add and check actors.

    Actors you add go to your user file, which `eventwire extract` merges over the shipped
    base on its next run; an entry whose id is a shipped one replaces it.

    \b
    Examples:
      eventwire actors list --kind group --country IRQ
      eventwire actors show Hezbollah
      eventwire actors add --id LIONS_OF_X --name "Lions of X" --kind group \\
          --country IRQ --sector REB --alias "Usud X"
      eventwire actors check
    """
    ctx.ensure_object(dict)
    ctx.obj["file"] = user_file
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@actors.command("list")
@click.option("--kind", type=click.Choice(sorted(KINDS)), help="Only actors of this kind.")
@click.option("--country", metavar="ISO3", help="Only actors of this country code.")
@click.option("--match", "text", metavar="TEXT", help="Only actors whose name or alias has TEXT.")
@click.option("--user", "user_only", is_flag=True, help="Only the actors of the user file.")
@click.pass_context
def actors_list(
    ctx: click.Context, kind: str | None, country: str | None, text: str | None, user_only: bool
) -> None:
    """List actors, one a line: id, kind, country, sectors, name.

    \b
    Examples:
      eventwire actors list --kind outlet
      eventwire actors list --match nujaba
      eventwire actors list --user
    """
    path = _user_file(ctx)
    if user_only:  # the user's own file: no need to load the base
        try:
            listed = [KBActor.from_dict(row) for row in _read_rows(path)]
        except (KeyError, TypeError, ValueError) as e:
            raise click.ClickException(f"{path}: bad actor: {e}") from e
    else:
        listed = list(_load(path).entries.values())
    for actor in listed:
        if not _selected(actor, kind=kind, country=country, text=text):
            continue
        sectors = ",".join(actor.sectors) or "-"
        line = f"{actor.id}\t{actor.kind}\t{actor.country or '-'}\t{sectors}\t{actor.name}"
        click.echo(terminal_safe(line))


def _selected(
    actor: KBActor,
    *,
    kind: str | None,
    country: str | None,
    text: str | None,
) -> bool:
    if kind and actor.kind != kind:
        return False
    if country and (actor.country or "").upper() != country.upper():
        return False
    return not text or any(text.lower() in n.lower() for n in actor.names())


def _user_ids(path: Path) -> set[str]:
    return {row["id"] for row in _read_rows(path)}


@actors.command("show")
@click.argument("name")
@click.option("--date", metavar="YYYY-MM-DD", help="Rank name matches as of this date.")
@click.pass_context
def actors_show(ctx: click.Context, name: str, date: str | None) -> None:
    """Show one actor as indented JSON, found by id, name, alias or a close spelling.

    \b
    Examples:
      eventwire actors show HEZBOLLAH
      eventwire actors show "Khameini"
    """
    kb = _load(_user_file(ctx))
    actor = kb.get(name) or next(iter(kb.lookup(name, date=date)), None)
    if actor is None:
        fuzzy = kb.fuzzy(name, date=date, limit=1)
        actor = fuzzy[0][0] if fuzzy else None
    if actor is None:
        raise click.ClickException(f"no actor called {name!r}")
    click.echo(terminal_safe(json.dumps(actor.to_dict(), ensure_ascii=False, indent=2)))


@actors.command("add")
@click.option("--id", "kb_id", required=True, help="Upper-case id, e.g. LIONS_OF_X.")
@click.option("--name", required=True, help="Canonical name.")
@click.option("--kind", type=click.Choice(sorted(KINDS)), required=True)
@click.option("--country", metavar="ISO3", help="ISO 3166-1 alpha-3 code (or IGO, NGO, ...).")
@click.option("--sector", "sectors", multiple=True, help="PLOVER sector, primary first.")
@click.option("--alias", "aliases", multiple=True, help="Another name (repeatable).")
@click.option("--wikidata", metavar="QID", help="Wikidata id, e.g. Q1234.")
@click.option("--designation", "designations", multiple=True, help="e.g. 'US FTO (2025)'.")
@click.option("--affiliation", "affiliations", multiple=True, help="Id of a parent actor.")
@click.option("--valid-from", metavar="YYYY-MM-DD", help="First day the actor existed.")
@click.option("--valid-to", metavar="YYYY-MM-DD", help="Last day the actor existed.")
@click.option(
    "--office",
    "offices",
    multiple=True,
    metavar="TITLE|COUNTRY|SECTOR|FROM|TO",
    help="An office held, fields separated by '|' (empty FROM/TO: open).",
)
@click.option("--note", help="Where the facts come from, or how sure they are.")
@click.pass_context
def actors_add(ctx: click.Context, kb_id: str, **fields: Any) -> None:
    """Add an actor to the user file, or replace the user's entry with the same id.

    \b
    Examples:
      eventwire actors add --id LIONS_OF_X --name "Lions of X" --kind group \\
          --country IRQ --sector REB --alias "Usud X"
      eventwire actors add --id JANE_DOE --name "Jane Doe" --kind person --country GBR \\
          --sector GOV --office "Foreign Secretary|GBR|GOV|2027-01-01|"
    """
    path = _user_file(ctx)
    row = _row(kb_id, fields)
    try:
        actor = KBActor.from_dict(row)
    except (KeyError, TypeError, ValueError) as e:
        raise click.ClickException(f"bad actor: {e}") from e
    rows = [r for r in _read_rows(path) if r.get("id") != kb_id]
    replaced = len(rows) < len(_read_rows(path))
    rows.append(actor.to_dict())
    _write_rows(path, rows)
    click.echo(f"{'replaced' if replaced else 'added'} {kb_id} in {path}")
    for problem in _clashes(_load(path), actor):
        click.echo(f"warning: {problem}", err=True)


def _clashes(kb: ActorKB, actor: KBActor) -> list[str]:
    """Names of `actor` that other actors also claim (the full list: `actors check`)."""
    problems = []
    for name in actor.names():
        others = [a.id for a in kb.lookup(name) if a.id != actor.id]
        if others:
            problems.append(f"alias {name!r} also claimed by {', '.join(others)}")
    return problems


def _row(kb_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    offices = [_office(text) for text in fields.pop("offices")]
    row: dict[str, Any] = {"id": kb_id, "offices": offices}
    for key, value in fields.items():
        row[key] = list(value) if isinstance(value, tuple) else value
    return row


def _office(text: str) -> dict[str, str | None]:
    parts = [p.strip() or None for p in text.split("|")]
    if len(parts) != 5 or parts[0] is None:
        raise click.BadParameter(
            f"{text!r}: want TITLE|COUNTRY|SECTOR|FROM|TO", param_hint="--office"
        )
    title, country, sector, start, end = parts
    return {"title": title, "country": country, "sector": sector, "from": start, "to": end}


def _read_rows(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    rows = []
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                rows.append(_json_line(line, f"{path}:{number}"))
    except OSError as e:
        raise click.ClickException(f"cannot read {path}: {e}") from e
    return rows


def _json_line(line: str, where: str) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as e:
        raise click.ClickException(f"{where}: not JSON: {e}") from e
    if not isinstance(data, dict):
        raise click.ClickException(f"{where}: not a JSON object")
    return data


def _write_rows(path: Path, rows: list[dict[str, Any]]) -> None:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)  # never a half-written file
    except OSError as e:
        raise click.ClickException(f"cannot write {path}: {e}") from e


@actors.command("check")
@click.option("--user", "user_only", is_flag=True, help="Only problems that name a user actor.")
@click.pass_context
def actors_check(ctx: click.Context, user_only: bool) -> None:
    """Report conflicts: aliases claimed by two actors, user entries that replace shipped
    ones, duplicate ids, unknown countries and affiliations, offices that end before they
    start. Exit status 1 when there is any problem. Also counts the actors of each source
    and licence (on stderr).

    \b
    Examples:
      eventwire actors check
      EVENTWIRE_ACTORS=mine.jsonl eventwire actors check --user
    """
    path = _user_file(ctx)
    kb = _load(path)
    user_ids = _user_ids(path)
    shipped = ActorKB.load()
    problems = [
        f"{kb_id}: user entry replaces the shipped one" for kb_id in sorted(user_ids)
        if shipped.get(kb_id) is not None
    ]  # fmt: skip
    problems += kb.conflicts()
    if user_only:
        problems = [p for p in problems if any(_names_id(p, i) for i in user_ids)]
    for problem in problems:
        click.echo(problem)
    for (source, licence), count in sorted(kb.sources().items(), key=lambda x: -x[1]):
        click.echo(f"{count:>7,} actors from {source} ({licence})", err=True)
    click.echo(f"{len(problems)} problem(s) in {len(kb):,} actors ({path})", err=True)
    if problems:
        ctx.exit(1)


def _names_id(problem: str, kb_id: str) -> bool:
    return problem.startswith(f"{kb_id}:") or f" {kb_id}" in problem or f"{kb_id}," in problem
