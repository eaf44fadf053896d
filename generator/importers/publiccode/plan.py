"""What one publiccode.yml file does to the model: the module it fills or creates,
and the fields, decided from the mapping documented in the README.

The module a file belongs to is, in this order: the one ``--module`` names; the
one whose id is the file's name made an id ("Open Zaak" -> ``open-zaak``); the one
whose ``links.repository`` or ``links.publiccode`` names the file's ``url``
(compared without scheme, case, ``.git`` or a trailing slash); the one whose name,
or the part of its name before or inside brackets, is the file's name ("Objecten
API (Open Object)" for "Open Object"). None of these: a new module, whose id is
``--module`` or the name made an id, in the layer ``--layer`` gives.

An existing module gets only the fields it lacks; its name, layer, status, owner,
history and every field an editor filled stay as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ... import municipalities
from ...model.entities import ID_MAX, ID_PATTERN
from ...model.problems import Problem
from ...model.statuses import MAY_HAVE_CONSUMERS
from ...model.yamlload import MDict, parse
from ..gemma.text import slug
from ..yamltext import SCHEMA_HEADER
from . import text
from .parties import Directory, Match, Organisation
from .source import Named, Source, repository_key
from .state import ModelState, ModuleState, schema_ref

NAME_MAX = 80
"""The longest module name the model allows (MODEL.md)."""

STATUS_WITH_OWNER = {
    "concept": "claimed",
    "development": "developing",
    "beta": "available",
    "stable": "available",
    "obsolete": "retired",
}
"""``developmentStatus`` -> the status of a new module whose owner is known. Without
a known owner a new module is ``wanted`` (rule 4: every other status but
out-of-scope needs an owner); an obsolete one without an owner is not added."""

PUBLICCODE_STANDARD = "publiccode-yml"
"""The standard a module with a publiccode.yml file implements, when the model has it."""

SUMMARY_PLACEHOLDER = "Eén regel die zegt wat deze module voor inwoners of ondernemers doet."
"""The summary of a new module whose file has none: the one ``retratstoliped new`` writes."""

LayerChooser = Callable[[Source, str], str]
"""Asked for the layer of a new module: (source, module id) -> layer id."""


@dataclass
class FilePlan:
    """What one file does: the module, how it was found, and the fields it fills."""

    source: Source
    module_id: str = ""
    rel: str = ""
    new: bool = False
    how: str = ""
    filled: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Fields the file has a value for that the module already has (left as they are)."""
    used_by: list[tuple[Named, str | None]] = field(default_factory=list)
    """Every usedBy name with the organisation id it matched (None: not matched)."""

    @property
    def problems(self) -> list[Problem]:
        """The file's problems, reading and mapping."""
        return self.source.problems


def plan_file(
    source: Source,
    state: ModelState,
    *,
    module_id: str | None,
    choose_layer: LayerChooser,
    today: dt.date,
) -> FilePlan:
    """Decide what ``source`` does to ``state``, and apply it to ``state`` in memory.

    Problems are added to ``source.problems``; with an error, ``state`` is unchanged.
    """
    plan = FilePlan(source)
    directory = state.directory()
    target, how = _target(source, state, module_id)
    plan.used_by = [(named, _org(directory, named)) for named in source.used_by]
    for named, found in plan.used_by:
        if found is None:
            source.warn(
                named.loc, "publiccode-used-by",
                f"{named.field} '{named.text}' {directory.unknown(named.text)}; not imported",
            )
    if target is None:
        _hint_organisation(source, state)
        _new_module(plan, source, state, directory, module_id or slug(source.name), choose_layer, today)
    else:
        plan.how = how
        _other_repository(source, state, target, how)
        _existing_module(plan, source, state, directory, target)
    return plan


def _org(directory: Directory, named: Named) -> str | None:
    found = directory.find(named.text)
    return found.id if found else None


def _target(source: Source, state: ModelState, module_id: str | None) -> tuple[ModuleState | None, str]:
    if module_id:
        return state.modules.get(module_id), "--module"
    by_id = state.modules.get(slug(source.name))
    if by_id is not None:
        return by_id, "id from name"
    if source.repository_key:
        ids = state.by_repository(source.repository_key)
        if len(ids) == 1:
            return state.modules[ids[0]], "repository url"
        if len(ids) > 1:
            source.warn(
                ("url",), "publiccode-match",
                f"url names the repository of more than one module ({', '.join(ids)}); "
                "none is filled by url (use --module)",
            )
    ids = _by_name(source.name, state)
    if len(ids) == 1:
        return state.modules[ids[0]], "name"
    return None, ""


def _hint_organisation(source: Source, state: ModelState) -> None:
    """Name the modules that link to the organisation the file's repository is in:
    perhaps the same software, never merged without --module."""
    ids = state.organisations_with(source.repository_key) if source.repository_key else []
    if ids:
        source.warn(
            ("url",), "publiccode-match",
            f"the repository of {', '.join(ids)} is the organisation this url is in; "
            f"if it is the same software, fill it with --module {ids[0]}",
        )


def _other_repository(source: Source, state: ModelState, module: ModuleState, how: str) -> None:
    """Warn when a module found by its id or name links to another repository."""
    links = module.raw.get("links") if isinstance(module.raw, MDict) else None
    theirs = links.get("repository") if isinstance(links, MDict) else None
    if how in ("id from name", "name") and isinstance(theirs, str) and source.repository_key and (
        repository_key(theirs) != source.repository_key
    ):
        source.warn(
            ("url",), "publiccode-match",
            f"module '{module.id}' (found by {how}) links to the repository {theirs}, not to this url; "
            "check that it is the same software",
        )


def _by_name(name: str, state: ModelState) -> list[str]:
    key = _fold(name)
    found = []
    for module in state.modules.values():
        other = module.raw.get("name") if isinstance(module.raw, MDict) else None
        if not isinstance(other, str):
            continue
        forms = {_fold(other)}
        bracket = re.match(r"^(?P<long>.+?)\s*\((?P<short>[^()]+)\)$", other)
        if bracket:
            forms |= {_fold(bracket["long"]), _fold(bracket["short"])}
        if key in forms:
            found.append(module.id)
    return sorted(found)


def _fold(name: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.casefold()).split())


# -- the organisations -------------------------------------------------------------


@dataclass
class Parties:
    """The owner and partners the file names, matched; the municipalities to add."""

    owner: str | None = None
    partners: list[dict[str, str]] = field(default_factory=list)
    consumers: list[str] = field(default_factory=list)
    new_municipalities: list[str] = field(default_factory=list)


def _parties(
    source: Source, directory: Directory, plan: FilePlan, *, report: bool, existing: MDict | None = None
) -> Parties:
    """Owner, partners and consumers (usedBy) as organisation ids.

    For a new module the owner is the copyright owner, else the repository owner,
    and the partners are the repository owner and the contractors. For an
    ``existing`` module the owner is its own; the partners are every organisation
    the file names (copyright owner, repository owner, contractors) but that owner.
    A contractor, or an organisation of kind supplier, is a supplier; any other a
    co-developer.
    """
    parties = Parties()

    def find(named: Named | None) -> Match | None:
        if named is None:
            return None
        found = directory.find(named.text)
        if found is None and report:
            source.warn(
                named.loc, "publiccode-organisation",
                f"{named.field} '{named.text}' {directory.unknown(named.text)}; not imported "
                "(add it to organisations.yaml to import it)",
            )
        if found and found.new_municipality and found.id not in parties.new_municipalities:
            parties.new_municipalities.append(found.id)
        return found

    copyright_owner, repo_owner = find(source.copyright_owner), find(source.repo_owner)
    candidates = [(repo_owner, False)] + [(find(c), True) for c in source.contractors]
    if existing is not None:
        owner = existing.get("owner")
        parties.owner = owner if isinstance(owner, str) else None
        candidates.insert(0, (copyright_owner, False))
    else:
        first = copyright_owner or repo_owner
        parties.owner = first.id if first else None
    for found, contractor in candidates:
        if found is None or found.id == parties.owner or any(p["org"] == found.id for p in parties.partners):
            continue
        kind = directory.by_id[found.id].kind if found.id in directory.by_id else "municipality"
        role = "supplier" if contractor or kind == "supplier" else "co-developer"
        parties.partners.append({"org": found.id, "role": role})
    for _, org in plan.used_by:
        if org and org not in parties.consumers:
            parties.consumers.append(org)
            if org not in directory.by_id and org not in parties.new_municipalities:
                parties.new_municipalities.append(org)
    return parties


# -- a new module --------------------------------------------------------------------


def _new_module(
    plan: FilePlan,
    source: Source,
    state: ModelState,
    directory: Directory,
    module_id: str,
    choose_layer: LayerChooser,
    today: dt.date,
) -> None:
    plan.new, plan.how, plan.module_id = True, "new", module_id
    if len(source.name) > NAME_MAX:
        source.error(
            ("name",), "publiccode-name",
            f"name is {len(source.name)} characters; a module name has at most {NAME_MAX} "
            "(shorten it in the file, or fill an existing module with --module)",
        )
    if not re.match(ID_PATTERN, module_id) or len(module_id) > ID_MAX:
        source.error(
            ("name",), "publiccode-name",
            f"name '{source.name}' makes no module id; give one with --module",
        )
    if source.development_status is None:
        source.error(
            (), "publiccode-status",
            "developmentStatus is missing or unknown; a new module needs it for its status "
            "(or fill an existing module with --module)",
        )
    parties = _parties(source, directory, plan, report=True)
    status = _status(source, parties)
    if not source.ok:
        return
    fields: dict[str, Any] = {"name": source.name}
    if source.summary:
        fields["summary"] = source.summary
    else:
        fields["summary"] = SUMMARY_PLACEHOLDER
        source.warn(
            (), "publiccode-summary",
            "no usable description.nl/en.shortDescription: the summary is the placeholder of "
            "'retratstoliped new'; write one",
        )
    if source.description:
        fields["description"] = source.description
    fields["status"] = status
    if parties.owner and status != "wanted":
        fields["owner"] = parties.owner
    if parties.partners:
        fields["partners"] = parties.partners
    consumers = parties.consumers if status in MAY_HAVE_CONSUMERS else []
    if parties.consumers and not consumers:
        source.warn(
            ("usedBy",), "publiccode-used-by",
            f"usedBy: {len(parties.consumers)} organisation(s) not imported as adopters: "
            f"a module that is '{status}' has none (rule 4)",
        )
    if consumers:
        fields["consumers"] = consumers
    fields["depends_on"] = []
    if PUBLICCODE_STANDARD in state.standards:
        fields["standards"] = [PUBLICCODE_STANDARD]
    links = _links(source)
    if links:
        fields["links"] = links
    fields["history"] = [
        {"date": today, "status": status,
         "note": f"Geïmporteerd uit publiccode.yml (developmentStatus: {source.development_status})."}
    ]
    layer = choose_layer(source, module_id)
    fields["layer"] = layer
    rel = f"{layer}/{module_id}.yaml"
    header = SCHEMA_HEADER.split("$schema=")[0] + "$schema=" + schema_ref(state.model_dir, rel)
    content = text.module_text(header, fields)
    partners = [p["org"] for p in fields.get("partners", [])]
    used = {fields.get("owner"), *fields.get("consumers", []), *partners}
    _add_municipalities(state, [c for c in parties.new_municipalities if c in used])
    state.modules[module_id] = ModuleState(module_id, rel, content, parse(content), created=True)
    plan.rel = rel
    plan.filled = [k for k in text.FIELD_ORDER if k in fields]


def _status(source: Source, parties: Parties) -> str:
    development = source.development_status
    if development is None:
        return "wanted"
    if parties.owner:
        return STATUS_WITH_OWNER[development]
    names = [n.text for n in (source.copyright_owner, source.repo_owner) if n]
    who = f" ({', '.join(repr(n) for n in names)} not in organisations.yaml)" if names else ""
    if development == "obsolete":
        source.error(
            ("developmentStatus",), "publiccode-status",
            f"developmentStatus 'obsolete': a retired module needs an owner, and the file names "
            f"none that is known{who}; add it to organisations.yaml, or fill an existing module "
            "with --module",
        )
        return "retired"
    source.warn(
        ("developmentStatus",), "publiccode-status",
        f"developmentStatus '{development}' but no known owner{who}: the new module is 'wanted' "
        "(open to claim); set owner and status in the file",
    )
    return "wanted"


def _links(source: Source) -> dict[str, str]:
    links = {"website": source.website, "repository": source.repository,
             "documentation": source.documentation}
    return {k: v for k, v in links.items() if v}


# -- an existing module ------------------------------------------------------------


def _empty(raw: MDict, key: str) -> bool:
    return key not in raw or raw[key] in (None, "", [], {})


def _existing_module(
    plan: FilePlan, source: Source, state: ModelState, directory: Directory, module: ModuleState
) -> None:
    plan.module_id, plan.rel = module.id, module.rel
    if module.error or not isinstance(module.raw, MDict):
        source.error(
            (), "publiccode-module",
            f"module '{module.id}' cannot be filled: {module.error or 'its file is not a mapping'}",
        )
        return
    raw: MDict = module.raw
    status = raw.get("status")
    wanted = {"partners": _empty(raw, "partners") and status != "out-of-scope",
              "consumers": _empty(raw, "consumers") and status in MAY_HAVE_CONSUMERS}
    parties = _parties(source, directory, plan, report=wanted["partners"], existing=raw)
    interested = set(raw.get("interested") or [])
    additions: dict[str, Any] = {}
    if _empty(raw, "summary") and source.summary:
        additions["summary"] = source.summary
    if _empty(raw, "description") and source.description:
        additions["description"] = source.description
    if wanted["partners"] and parties.partners:
        additions["partners"] = parties.partners
    consumers = [c for c in parties.consumers if c not in interested]
    if wanted["consumers"] and consumers:
        additions["consumers"] = consumers
    if _empty(raw, "standards") and PUBLICCODE_STANDARD in state.standards:
        additions["standards"] = [PUBLICCODE_STANDARD]
    links = raw["links"] if isinstance(raw.get("links"), MDict) else MDict((1, 1))
    new_links = {k: v for k, v in _links(source).items() if k not in links}
    if new_links:
        additions["links"] = new_links
    plan.kept = _kept(raw, source, parties, additions)
    if not additions:
        return
    try:
        content, skipped = text.add_fields(module.text, raw, additions)
    except text.CannotAdd:
        source.warn(
            (), "publiccode-module",
            f"{state.shown(module.rel)}: cannot add {', '.join(additions)} without rewriting the "
            "file; nothing filled",
        )
        return
    for key in skipped:
        source.warn(
            (), "publiccode-module",
            f"{state.shown(module.rel)}: {key} is written in a form lines cannot be added to; not filled",
        )
    module.text, module.raw = content, parse(content)
    plan.filled = [
        f"links.{k}" if key == "links" else key
        for key, value in additions.items()
        for k in (value if key == "links" else [key])
        if (f"links.{k}" if key == "links" else key) not in skipped
    ]
    used = set(additions.get("consumers", [])) | {p["org"] for p in additions.get("partners", [])}
    _add_municipalities(state, [c for c in parties.new_municipalities if c in used])


def _kept(raw: MDict, source: Source, parties: Parties, additions: dict[str, Any]) -> list[str]:
    kept = []
    for key, has in (("summary", source.summary), ("description", source.description),
                     ("partners", parties.partners), ("consumers", parties.consumers)):
        if has and key not in additions and not _empty(raw, key):
            kept.append(key)
    links = raw["links"] if isinstance(raw.get("links"), MDict) else MDict((1, 1))
    kept += [f"links.{k}" for k in _links(source) if k in links]
    return kept


def _add_municipalities(state: ModelState, codes: list[str]) -> None:
    known = {org.id for org in state.organisations}
    for code in codes:
        if code in known:
            continue
        municipality = municipalities.table()[code]
        state.organisations.append(Organisation(code, municipality.name, "municipality"))
        state.added_municipalities.append(code)
        known.add(code)
