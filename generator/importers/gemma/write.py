"""Write a planned GEMMA import: module files, and new standards into landscape.yaml.

The text is rendered first ({relative path: text}), checked in a scratch copy of
the model (the merged model must not have a problem the original lacks), and only
then written: new module files, and landscape.yaml replaced in one rename.
landscape.yaml keeps every byte it had; the new standards are inserted at the end
of its ``standards`` list, and the result must parse to the old content plus them.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from ...atomic import write_atomically
from ...model import check_model
from ...model.problems import Problem
from ...model.yamlload import LoadError, parse, read_text
from ..yamltext import SCHEMA_HEADER, block, scalar
from . import tables, text
from .plan import NewModule, NewStandard, Plan
from .relations import FLOW, INHERITED, KIND_RANK, Evidence
from .source import GemmaError

LANDSCAPE_FILE = "landscape.yaml"

_EVIDENCE_SHOWN = 2
"""How many GEMMA relations a description names per dependency."""


def _label(label: str) -> str:
    """A flow label without GEMMA's step numbering ("3b. aanvraag" -> "aanvraag")."""
    return re.sub(r"^\d+[a-z]?\.\s*", "", label).strip()


def _telling(evidence: Evidence) -> tuple[int, bool, str, str]:
    """The order in which a description names evidence: strongest kind, labelled first."""
    return (KIND_RANK[evidence.kind], not _label(evidence.label), evidence.label, evidence.role)


def _why(evidence: Evidence) -> str:
    if evidence.kind == FLOW:
        label = _label(evidence.label)
        return f'informatiestroom "{label}"' if label else "informatiestroom"
    if evidence.kind == INHERITED:
        label = _label(evidence.label)
        flow = f'informatiestroom "{label}"' if label else "informatiestroom"
        return f"als {evidence.role}: {flow}"
    return f'standaard "{evidence.label}"'


def description(module: NewModule, plan: Plan) -> str:
    """The Markdown description of a new module: GEMMA's text, why it depends on
    what it depends on, its GEMMA standards, and the source."""
    component = module.component
    parts = [text.markdown(component.description), text.markdown(component.explanation)]
    national = component.type == tables.NATIONAL_FACILITY
    if national:
        parts.append(
            "GEMMA rekent dit tot de buitengemeentelijke voorzieningen: een landelijke of "
            "regionale voorziening die gemeenten gebruiken."
        )
    if module.depends_on:
        lines = ["Afhankelijkheden volgens GEMMA:", ""]
        for dependency in module.depends_on:
            evidence = sorted(dependency.evidence, key=_telling)
            shown = [_why(e) for e in evidence[:_EVIDENCE_SHOWN]]
            more = len(evidence) - len(shown)
            if more:
                shown.append(f"en {more} meer")
            lines.append(f"- {plan.name_of(dependency.module)}: {'; '.join(shown)}")
        parts.append("\n".join(lines))
    if module.gemma_standards:
        names = text.sentence_list(list(module.gemma_standards))
        parts.append(f"Standaarden volgens GEMMA: {names}.")
    kind = "buitengemeentelijke voorziening" if national else "referentiecomponent"
    status = f", GEMMA-status: {component.status}" if component.status else ""
    parts.append(
        f"Bron: [GEMMA-referentiearchitectuur]({tables.GEMMA_URL}) van VNG (licentie EUPL), "
        f'{kind} "{component.name}"{status}.'
    )
    return "\n\n".join(p for p in parts if p)


def module_text(module: NewModule, plan: Plan) -> str:
    """The YAML file of a new module."""
    component = module.component
    kind = (
        "voorziening buiten de gemeente"
        if component.type == tables.NATIONAL_FACILITY
        else "referentiecomponent"
    )
    fallback = f"{text.name(component.name)}: {kind} uit de GEMMA-referentiearchitectuur."
    lines = [
        SCHEMA_HEADER,
        f"name: {scalar(text.name(component.name))}",
        f"layer: {module.layer}",
        f"summary: {scalar(text.summary(component.description, fallback))}",
        f"description: {block(description(module, plan))}",
        "status: wanted",
    ]
    if module.depends_on:
        lines.append("depends_on:")
        for dependency in module.depends_on:
            if dependency.via:
                lines += [f"  - module: {dependency.module}", f"    via: {dependency.via}"]
            else:
                lines.append(f"  - {dependency.module}")
    if module.standards:
        lines.append(f"standards: [{', '.join(module.standards)}]")
    if plan.on:
        lines += [
            "history:", f"  - date: {plan.on.isoformat()}", "    status: wanted",
            "    note: Uit de GEMMA-referentiearchitectuur op de menukaart gezet.",
        ]
    return "\n".join(lines) + "\n"


def standard_lines(standard: NewStandard, dash_indent: str) -> list[str]:
    """The lines of one new item of landscape.yaml's ``standards`` list."""
    gemma = standard.standard
    words = [_full_stop(text.plain(gemma.description))] if gemma.description else []
    if gemma.steward and not standard.steward:
        words.append(f"Beheerder volgens GEMMA: {text.plain(gemma.steward)}.")
    words.append("Bron: GEMMA-referentiearchitectuur (VNG).")
    inner = dash_indent + "  "
    lines = [f"{dash_indent}- id: {standard.id}", f"{inner}name: {scalar(text.name(gemma.name))}"]
    if standard.steward:
        lines.append(f"{inner}steward: {standard.steward}")
    lines.append(f"{inner}description: {scalar(' '.join(words))}")
    return lines


def _full_stop(sentence: str) -> str:
    return sentence if not sentence or sentence[-1] in ".!?…" else sentence + "."


def _top_level_key(line: str) -> bool:
    return bool(line) and not line[0].isspace() and line[0] not in "-#"


def patch_landscape(original: str, standards: list[NewStandard]) -> str:
    """``original`` (landscape.yaml) with ``standards`` appended to its ``standards`` list.

    Only inserts lines: every existing byte, comment and blank line stays.

    Raises:
        GemmaError: the list is not in a form lines can safely be added to, or the
            result would not read back as the old content plus the new standards.
    """
    if not standards:
        return original
    lines = original.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    starts = [i for i, line in enumerate(lines) if re.match(r"standards:\s*(#.*)?$", line)]
    empty = [i for i, line in enumerate(lines) if re.match(r"standards:\s*\[\s*\]\s*(#.*)?$", line)]
    if starts:
        start = starts[0]
        end = start
        dash_indent = None
        for i in range(start + 1, len(lines)):
            if _top_level_key(lines[i]):
                break
            stripped = lines[i].lstrip(" ")
            if stripped and not stripped.startswith("#"):
                end = i
                if dash_indent is None and stripped.startswith("- "):
                    dash_indent = lines[i][: len(lines[i]) - len(stripped)]
        if dash_indent is None:
            dash_indent = "  "
        new = [line for s in standards for line in standard_lines(s, dash_indent)]
        lines[end + 1 : end + 1] = new
    elif empty:
        new = [line for s in standards for line in standard_lines(s, "  ")]
        lines[empty[0] : empty[0] + 1] = ["standards:", *new]
    elif any(re.match(r"standards\s*:", line) for line in lines):
        raise GemmaError(
            "landscape.yaml: its standards list is not a block list; "
            "new standards cannot be added safely"
        )
    else:
        lines += ["standards:", *[line for s in standards for line in standard_lines(s, "  ")]]
    patched = "\n".join(lines) + "\n"
    _same_but_standards(original, patched, standards)
    return patched


def _same_but_standards(original: str, patched: str, standards: list[NewStandard]) -> None:
    try:
        before, after = parse(original), parse(patched)
    except LoadError as exc:
        raise GemmaError(f"landscape.yaml: cannot add standards safely: {exc}") from None
    if not isinstance(before, dict) or not isinstance(after, dict):
        raise GemmaError("landscape.yaml: not a mapping; new standards cannot be added")
    old_list = list(before.get("standards") or [])
    expected = {**before, "standards": old_list + [None] * len(standards)}
    got = dict(after)
    got_list = list(after.get("standards") or [])
    ids = [item.get("id") if isinstance(item, dict) else None for item in got_list[len(old_list):]]
    got["standards"] = got_list[: len(old_list)] + [None] * (len(got_list) - len(old_list))
    if got != expected or ids != [s.id for s in standards]:
        raise GemmaError(
            "landscape.yaml: adding the new standards would change its content; not written"
        )


def render(plan: Plan) -> dict[str, str]:
    """Every file the import writes, relative to the model folder: new modules, and
    landscape.yaml when standards are added."""
    files = {m.path: module_text(m, plan) for m in plan.modules}
    if plan.standards:
        path = plan.model_dir / LANDSCAPE_FILE
        try:
            original = read_text(path)
        except LoadError as exc:
            raise GemmaError(f"{path}: {exc.message}") from None
        files[LANDSCAPE_FILE] = patch_landscape(original, list(plan.standards))
    return dict(sorted(files.items()))


def _problems(model_dir: Path) -> set[tuple[str, int, int, str, str, str]]:
    root = os.path.abspath(model_dir)

    def key(problem: Problem) -> tuple[str, int, int, str, str, str]:
        path = os.path.relpath(os.path.abspath(problem.path), root)
        return (path, problem.line, problem.column, problem.severity, problem.code, problem.message)

    return {key(p) for p in check_model(model_dir).problems}


def verify(plan: Plan, files: dict[str, str]) -> None:
    """Check the merged model in a scratch copy: it must add no error or warning.

    Raises:
        GemmaError: the merged model has a problem the model did not have.
    """
    before = _problems(plan.model_dir)
    with tempfile.TemporaryDirectory(prefix="retratstoliped-gemma-") as scratch:
        copy = Path(scratch) / "model"
        shutil.copytree(plan.model_dir, copy, symlinks=True)
        for relative, content in files.items():
            target = copy / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        added = sorted(_problems(copy) - before)
    if plan.include_islands:  # asked for: the islands' own warnings
        added = [p for p in added if p[4] != "island"]
    if added:
        path, line, column, severity, _, message = added[0]
        raise GemmaError(
            f"the import would add {len(added)} problem(s) to the model, nothing written; "
            f"first: {path}:{line}:{column}: {severity}: {message}"
        )


def write(plan: Plan, files: dict[str, str]) -> list[Path]:
    """Write the rendered files into the model folder (after :func:`verify`).

    New module files must not exist yet; landscape.yaml is replaced by a rename.

    Returns:
        The paths written.
    """
    for relative in files:
        target = plan.model_dir / relative
        if relative != LANDSCAPE_FILE and target.exists():
            raise GemmaError(f"{target}: exists already; nothing written")
    written = []
    for relative, content in files.items():
        target = plan.model_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if relative == LANDSCAPE_FILE:
            write_atomically(target, content)
        else:
            with target.open("x", encoding="utf-8") as handle:
                handle.write(content)
        written.append(target)
    return written
