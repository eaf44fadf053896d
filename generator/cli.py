"""The ``retratstoliped`` command line: check, schema, new, synth, next and more.

A thin layer over :mod:`generator.model`: argument handling and output only.
Exit codes: 0 clean, 1 problems, 2 usage, 3 internal error.

Each command imports what it needs when it runs: ``check`` runs on every commit
(pre-commit), so its start-up loads the model and pydantic, never networkx,
MkDocs, Jinja, Markdown or nh3 (``tests/test_cli.py`` holds it to that).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__

if TYPE_CHECKING:
    from .importers.publiccode import Source
    from .model import Landscape

SCHEMA_PATH = Path("schema") / "module.schema.json"
_FORMATS = ("github", "json", "text")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="retratstoliped")
def cli() -> None:
    """Retratstoliped: check and build the shared end-state picture of municipal services."""


@cli.command()
@click.argument(
    "model_dir", default="modules", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format", "fmt", type=click.Choice(_FORMATS), default="text", show_default=True
)
def check(model_dir: Path, strict: bool, fmt: str) -> None:
    """Validate the model in MODEL_DIR (default: modules)."""
    from .model import check_model, format_github, format_json, format_text, has_errors, summary

    formatters = {"text": format_text, "json": format_json, "github": format_github}
    result = check_model(model_dir)
    sys.stdout.write(formatters[fmt](result.problems))
    click.echo(summary(result.problems, result.files), err=True)
    sys.exit(1 if has_errors(result.problems, strict=strict) else 0)


@cli.command()
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file."
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema of a module file."""
    from .model import module_schema

    text = json.dumps(module_schema(), indent=2, ensure_ascii=False) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _layer_ids(model_dir: Path) -> list[str]:
    from .model.entities import LandscapeFile
    from .model.yamlload import LoadError, load_file

    try:
        raw = load_file(model_dir / "landscape.yaml")
        return [layer.id for layer in LandscapeFile.model_validate(raw).layers]
    except (LoadError, ValueError):
        raise click.ClickException(
            f"{model_dir / 'landscape.yaml'} cannot be read; run 'retratstoliped check' first"
        ) from None


def _skeleton(module_id: str, layer: str, schema_ref: str, today: dt.date) -> str:
    name = module_id.replace("-", " ").capitalize()[:80]
    return f"""# yaml-language-server: $schema={schema_ref}
name: {name}
layer: {layer}
summary: Eén regel die zegt wat deze module voor inwoners of ondernemers doet.
description: |
  Beschrijf hier wat de module doet, voor wie, en hoe zij aansluit op het geheel.
status: wanted
interested: []
depends_on: []
standards: []
history:
  - date: {today.isoformat()}
    status: wanted
    note: Op de menukaart gezet.
"""


@cli.command()
@click.argument("module_id")
@click.option("--layer", required=True, help="The layer id (see landscape.yaml).")
@click.option(
    "--model-dir",
    default="modules",
    show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
def new(module_id: str, layer: str, model_dir: Path) -> None:
    """Write a module skeleton MODEL_DIR/LAYER/MODULE_ID.yaml that passes check."""
    from .model.entities import ID_MAX, ID_PATTERN
    from .model.locate import did_you_mean

    if not re.match(ID_PATTERN, module_id) or len(module_id) > ID_MAX:
        raise click.BadParameter(
            "use lower-case letters, digits and single hyphens, at most 64 characters",
            param_hint="MODULE_ID",
        )
    layers = _layer_ids(model_dir)
    if layer not in layers:
        raise click.BadParameter(
            f"'{layer}' is not a layer{did_you_mean(layer, layers, cutoff=0.0)}", param_hint="--layer"
        )
    existing = [p for p in model_dir.rglob(f"{module_id}.y*ml") if p.suffix in (".yaml", ".yml")]
    if existing:
        raise click.ClickException(f"module '{module_id}' already exists: {existing[0]}")
    target = model_dir / layer / f"{module_id}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    schema_ref = os.path.relpath(model_dir.parent / SCHEMA_PATH, target.parent)
    target.write_text(
        _skeleton(module_id, layer, Path(schema_ref).as_posix(), dt.date.today()), encoding="utf-8"
    )
    click.echo(f"wrote {target}")


@cli.command()
@click.option("--modules", "n_modules", type=click.IntRange(1), required=True)
@click.option("--organisations", "n_organisations", type=click.IntRange(1, 342), default=342,
              help="how many municipalities of 2025 (real codes and names)")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
def synth(n_modules: int, n_organisations: int, seed: int, out: Path) -> None:
    """Write a valid synthetic landscape of any size (for benchmarks and tests)."""
    from .synth import synthesize

    synthesize(out, modules=n_modules, organisations=n_organisations, seed=seed)
    click.echo(f"wrote {n_modules} modules and {n_organisations} organisations to {out}")


@cli.command()
@click.argument(
    "model_dir", default="modules", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option("--full", is_flag=True, help="Lay out every module even when the site rolls up.")
def graph(model_dir: Path, full: bool) -> None:
    """Print node, edge and edge-crossing counts of the whole-landscape picture."""
    from .draw.landscape import columns_for, shape_for
    from .draw.layout import crossings, layout
    from .draw.pictures import landscape_picture
    from .graph import LandscapeGraph

    landscape = _landscape_or_exit(model_dir)
    analysis = LandscapeGraph(landscape)
    ids = [(m.id, m.layer) for m in landscape.modules.values() if m.status != "out-of-scope"]
    edges = list(analysis.graph.edges)
    bands = [layer.id for layer in landscape.layers]
    # "unordered": the same columns and node shape as the site's drawing, without the
    # barycentre sweeps, so the two figures compare the ordering alone.
    columns = columns_for(len(ids))
    shape = shape_for(columns)
    unordered = crossings(layout(ids, edges, bands, sweeps=0, per_row=columns, shape=shape))
    if full:
        ordered = crossings(layout(ids, edges, bands, per_row=columns, shape=shape))
        click.echo(f"nodes: {len(ids)}\nedges: {len(edges)}")
        click.echo(f"crossings: {ordered} (unordered: {unordered})\nrolled up: no")
        return
    picture = landscape_picture(landscape, analysis, lambda i: f"../modules/{i}/")
    click.echo(f"nodes: {len(picture.nodes)}\nedges: {len(picture.edges)}")
    if picture.rolled_up:
        click.echo(f"crossings: {picture.crossings}\nrolled up: yes (per layer; "
                   f"{len(ids)} modules, {len(edges)} dependencies, "
                   f"{unordered} crossings if drawn unordered)")
    else:
        click.echo(f"crossings: {picture.crossings} (unordered: {unordered})\nrolled up: no")


@cli.command(name="next")
@click.argument(
    "model_dir", default="modules", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option("--format", "fmt", type=click.Choice(("json", "text")), default="text",
              show_default=True)
def next_command(model_dir: Path, fmt: str) -> None:
    """What to build next: wanted and claimed modules ranked, with the reasons."""
    from .graph import LandscapeGraph
    from .ranking import format_score, rank

    landscape = _landscape_or_exit(model_dir)
    ranking = rank(landscape, LandscapeGraph(landscape))
    if fmt == "json":
        rows = [
            {"rank": r.rank, "id": r.id, "name": r.name, "status": r.status,
             "score": round(float(r.score), 2), "demand": r.demand, "unlock": r.unlock,
             "readiness": round(float(r.readiness), 3), "reasons": r.reasons}
            for r in ranking
        ]
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    for r in ranking:
        click.echo(f"{r.rank:>3}. {r.id}  {format_score(r.score, '.')}  {'; '.join(r.reasons)}")


def _as_of_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    from .model.asof import parse_day

    if value is None:
        return None
    try:
        return parse_day(value, dt.date.today())
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _landscape_stood(config: Path, as_of: dt.date) -> None:
    """A usage error when no module was on the map on ``as_of``, before MkDocs starts.
    A model with errors is left to the build, which lists them."""
    from .generate import read_site_config
    from .model import AsOfError, check_model, landscape_as_of

    landscape = check_model(read_site_config(config).model_dir).landscape
    if landscape is None:
        return
    try:
        landscape_as_of(landscape, as_of)
    except AsOfError as exc:
        raise click.BadParameter(str(exc), param_hint="'--as-of'") from None


@cli.command()
@click.option("--config", "-f", default="mkdocs.yml", show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--site-dir", "-d", default="site", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", callback=_as_of_date,
              help="Build the site as the landscape stood on this date: statuses from the "
                   "history, adopters by their 'since'.")
def build(config: Path, site_dir: Path, as_of: dt.date | None) -> None:
    """Build the site with mkdocs --strict aside, then swap it in.

    A failed or interrupted build (even SIGKILL) leaves the previous SITE_DIR as
    it was: the new site is written to a sibling folder and only renamed into
    place once complete.
    """
    import subprocess

    from .generate import replace_dir

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if as_of is not None:
        _landscape_stood(config, as_of)
        env["RETRATSTOLIPED_AS_OF"] = as_of.isoformat()  # read by the plugin

    def mkdocs_build(fresh: Path) -> bool:
        args = ["build", "--strict", "-q", "-f", str(config), "-d", str(fresh)]
        done = subprocess.run([sys.executable, "-m", "mkdocs", *args], env=env, check=False)
        return done.returncode == 0

    if not replace_dir(site_dir, mkdocs_build):
        click.echo(f"build failed; {site_dir} is unchanged", err=True)
        sys.exit(1)
    when = f" as of {as_of.isoformat()}" if as_of else ""
    click.echo(f"built {site_dir.absolute()}{when}")


@cli.command()
@click.option("--config", "-f", default="mkdocs.yml", show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The docs folder to write (replaced as a whole).")
def generate(config: Path, out: Path) -> None:
    """Write the site's docs folder without MkDocs: the hand-written pages of
    docs_dir and every generated page and file, as Markdown that any
    mkdocs.yml-compatible generator builds without the retratstoliped plugin."""
    from .generate import read_site_config, replace_dir, write_docs

    site = read_site_config(config)
    landscape = _landscape_or_exit(site.model_dir)
    written: list[int] = []

    def fill(fresh: Path) -> bool:
        written.append(write_docs(landscape, site, fresh))
        return True

    replace_dir(out, fill)
    click.echo(f"generated {written[0]} pages and files into {out}")


def _landscape_or_exit(model_dir: Path, *, messages_to_stderr: bool = False) -> Landscape:
    from .model import check_model, format_text

    result = check_model(model_dir)
    if result.landscape is None:
        (sys.stderr if messages_to_stderr else sys.stdout).write(format_text(result.errors))
        click.echo(f"{model_dir}: the model has errors", err=True)
        sys.exit(1)
    return result.landscape


EXPORT_FORMATS = ("archimate", "dot", "graphml")
"""The names of :data:`generator.outputs.exports.FORMATS`, without importing the writers."""


@cli.command(name="export")
@click.argument(
    "model_dir", default="modules", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="graphml: Gephi, yEd, networkx; dot: Graphviz; archimate: Archi and other "
                   "ArchiMate tools (Open Group Model Exchange File Format).")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (replaced only once complete); default: standard output.")
@click.option("--organisations", is_flag=True,
              help="graphml only: the organisations as nodes too, with an edge to each module "
                   "they have a role at.")
def export_command(model_dir: Path, fmt: str, out: Path | None, organisations: bool) -> None:
    """Write the landscape in MODEL_DIR (default: modules) for other tools.

    A model with errors prints the check's messages on standard error, writes
    nothing and exits 1.
    """
    from .graph import LandscapeGraph
    from .outputs.exports import export
    from .outputs.graphml import landscape_graphml
    from .views.common import Index

    if organisations and fmt != "graphml":
        raise click.BadParameter("only with --format graphml", param_hint="--organisations")
    if out is not None and not out.parent.is_dir():
        raise click.BadParameter(f"folder {out.parent} does not exist", param_hint="--out")
    landscape = _landscape_or_exit(model_dir, messages_to_stderr=True)
    index = Index(landscape, LandscapeGraph(landscape))
    text = landscape_graphml(index, organisations=True) if organisations else export(index, fmt)
    if out is None:
        sys.stdout.write(text)
        return
    _write_atomically(out, text)
    click.echo(f"wrote {out}", err=True)


def _write_atomically(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` through a temporary file beside it, renamed into place
    only once complete: an interrupted write leaves the old file (or none)."""
    from .atomic import write_atomically

    try:
        write_atomically(target, text)
    except OSError as exc:
        raise click.ClickException(f"cannot write {target}: {exc.strerror}") from None


@cli.command()
@click.argument("model_dir", default="modules", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
def codeowners(model_dir: Path, output: Path | None) -> None:
    """Print a CODEOWNERS file: module files -> their owner's maintainers."""
    from .forge import codeowners as make

    text = make(_landscape_or_exit(model_dir), model_dir.as_posix().strip("/"))
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@cli.command()
@click.argument("old", metavar="OLD_DIR|REF")
@click.argument(
    "new_dir", default="modules", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
def diff(old: str, new_dir: Path) -> None:
    """Print Markdown for a pull-request comment: what changed from OLD to NEW_DIR.

    OLD is a model folder, or a git ref (such as origin/main) whose copy of
    NEW_DIR is compared.
    """
    import subprocess
    import tempfile

    from .forge import change_summary

    new = _landscape_or_exit(new_dir)
    if Path(old).is_dir():
        sys.stdout.write(change_summary(_landscape_or_exit(Path(old)), new))
        return
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", old, new_dir.as_posix()],
            capture_output=True, check=False,
        )
        if archive.returncode != 0:
            raise click.BadParameter(
                f"'{old}' is neither a folder nor a git ref with {new_dir}", param_hint="OLD"
            )
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        before = _landscape_or_exit(Path(tmp) / new_dir)
    sys.stdout.write(change_summary(before, new))


@cli.group(name="import")
def import_group() -> None:
    """Add modules from public sources to a model folder."""


@import_group.command(name="gemma")
@click.argument("data_dir", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--model", "model_dir", default="modules", show_default=True,
              type=click.Path(path_type=Path), help="The model folder to merge into.")
@click.option("--write", "write_files", is_flag=True,
              help="Write the files; without it, print what would be added.")
@click.option("--include-islands", is_flag=True,
              help="Also add the components no GEMMA relation connects (check warns about each): "
                   "the whole reference architecture, for scale tests.")
@click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The date of each new module's first history entry, 'put on the menu' "
                   "[default: today].")
def import_gemma(
    data_dir: Path, model_dir: Path, write_files: bool, include_islands: bool, on: dt.datetime | None
) -> None:
    """Merge the GEMMA reference components (the CSV exports in DIR) into the model as
    wanted modules; existing modules are never changed. Exit 1 on bad input."""
    from .importers.gemma import GemmaError, run

    day = on.date() if on else dt.date.today()
    try:
        outcome = run(
            data_dir, model_dir, write_files=write_files, include_islands=include_islands, on=day
        )
    except GemmaError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    sys.stdout.write(outcome.report)


def _stdin_is_tty() -> bool:
    return sys.stdin.isatty()


@import_group.command(name="publiccode")
@click.argument("files", metavar="FILE...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--model", "model_dir", default="modules", show_default=True,
              type=click.Path(path_type=Path), help="The model folder to merge into.")
@click.option("--module", "module_id", help="The module to fill or create (one FILE only); "
              "default: found by name or repository url, else the name made an id.")
@click.option("--layer", help="The layer of every new module; asked when stdin is a terminal.")
@click.option("--write", "write_files", is_flag=True,
              help="Write the files; without it, print the diff of what would change.")
def import_publiccode(
    files: tuple[Path, ...], model_dir: Path, module_id: str | None, layer: str | None, write_files: bool
) -> None:
    """Fill modules from publiccode.yml files (versions 0.2 to 0.4): the fields an existing
    module lacks, or a new module. Nothing is written unless every FILE is usable and
    --write is given. Exit 1 on bad input, 2 on a usage error."""
    from .importers.publiccode import ModelUnreadable, WriteError, run
    from .importers.publiccode.report import report
    from .model.entities import ID_MAX, ID_PATTERN
    from .model.locate import did_you_mean
    from .model.problems import format_text

    if module_id is not None:
        if len(files) > 1:
            raise click.UsageError("--module takes one FILE")
        if not re.match(ID_PATTERN, module_id) or len(module_id) > ID_MAX:
            raise click.BadParameter(
                "use lower-case letters, digits and single hyphens, at most 64 characters",
                param_hint="--module",
            )
    layers: list[str] = []

    def choose_layer(source: Source, new_id: str) -> str:
        if not layers:
            layers.extend(_layer_ids(model_dir))
        if layer is not None:
            if layer not in layers:
                raise click.BadParameter(
                    f"'{layer}' is not a layer{did_you_mean(layer, layers, cutoff=0.0)}",
                    param_hint="--layer",
                )
            return layer
        if not _stdin_is_tty():
            raise click.UsageError(
                f"{source.path}: '{source.name}' becomes the new module '{new_id}'; "
                f"give its layer with --layer ({', '.join(layers)})"
            )
        return str(click.prompt(
            f"Layer of the new module '{new_id}' ({source.path})", type=click.Choice(layers)
        ))

    try:
        outcome = run(list(files), model_dir, module_id=module_id, choose_layer=choose_layer,
                      write_files=write_files)
    except (ModelUnreadable, WriteError) as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    sys.stderr.write(format_text(outcome.problems))
    sys.stdout.write(report(outcome))
    sys.exit(1 if outcome.failed else 0)


@import_group.command(name="municipalities")
@click.option("--model", "model_dir", default="modules", show_default=True,
              type=click.Path(path_type=Path), help="The model folder whose organisations.yaml to fill.")
@click.option("--write", "write_files", is_flag=True,
              help="Write the file; without it, print what would be added.")
def import_municipalities(model_dir: Path, write_files: bool) -> None:
    """Add every municipality of 2025 that organisations.yaml lacks (CBS code and name),
    ordered by name; what an editor wrote is kept. Exit 1 on bad input."""
    from .importers.municipalities import MergeError, run

    try:
        report = run(model_dir, write=write_files)
    except MergeError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    sys.stdout.write(report)


def main() -> None:
    """Entry point: run the command line, never showing a traceback."""
    try:
        cli.main(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug, not bad input: say so in one line
        click.echo(f"internal error: {type(exc).__name__}: {exc} (please report this)", err=True)
        sys.exit(3)
