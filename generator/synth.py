"""Synthetic landscapes of any size that pass ``retratstoliped check --strict``.

For benchmarks and tests: the same arguments always give byte-identical files.
Dependencies only point at modules made earlier (no cycles), at ones that are
claimed, developing or available (no weak dependencies), and every module but
the first hangs on an earlier one (no islands). Adoption is skewed like the real
thing: a few modules are adopted by most municipalities, most by a handful.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

LAYERS = (
    ("kanalen", "Communicatiekanalen"),
    ("portalen", "Portalen"),
    ("transactieplatforms", "Transactieplatforms"),
    ("diensten", "Diensten"),
    ("infrastructuur", "Infrastructuur"),
    ("ondersteuning", "Persoonlijke ondersteuning"),
)
STATUS_WEIGHTS = (
    ("wanted", 10),
    ("claimed", 5),
    ("developing", 15),
    ("available", 60),
    ("retired", 5),
    ("out-of-scope", 5),
)
DEPENDABLE = ("claimed", "developing", "available")
ROLES = ("co-developer", "supplier", "funder", "participant")
WORDS = (
    "afspraken", "betalen", "burgerzaken", "documenten", "formulieren", "inloggen", "klant",
    "meldingen", "notificaties", "objecten", "parkeren", "producten", "registratie", "subsidies",
    "vergunningen", "wmo", "zaken", "berichten", "archief", "geo", "belastingen", "afval",
)
PLACES = (
    "Aa", "Berg", "Broek", "Dam", "Dijk", "Haven", "Hoven", "Kerk", "Meer", "Veen", "Wijk",
    "Zand", "Linde", "Horst", "Lo", "Rijn", "Waal", "Eem", "Dal", "Hout",
)
SCHEMA_HEADER = "# yaml-language-server: $schema=../../schema/module.schema.json\n"
NON_MUNICIPALITIES = 12


@dataclass
class _Module:
    id: str
    layer: str
    status: str
    standards: list[str]
    owner: str | None = None
    depends_on: list[tuple[str, str | None]] = field(default_factory=list)
    consumers: list[str] = field(default_factory=list)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _landscape(n_standards: int) -> tuple[str, list[str]]:
    standards = [f"standaard-{i:02d}" for i in range(n_standards)]
    lines = [
        "title: Synthetisch landschap",
        "description: Een gegenereerd landschap voor metingen.",
        "layers:",
    ]
    for layer_id, name in LAYERS:
        lines += [f"  - id: {layer_id}", f"    name: {name}"]
    lines.append("standards:")
    for i, sid in enumerate(standards):
        lines += [
            f"  - id: {sid}",
            f"    name: Standaard {i}",
            f"    url: https://standaarden.example.org/{sid}",
            "    steward: rijk-0",
        ]
    return "\n".join(lines) + "\n", standards


def _organisations(n_municipalities: int) -> tuple[str, list[str], list[str]]:
    municipalities = [f"gm{i:04d}" for i in range(1, n_municipalities + 1)]
    others = [
        (f"rijk-{i}", "government") if i < 4 else
        (f"leverancier-{i}", "supplier") if i < 9 else
        (f"collectief-{i}", "collective")
        for i in range(NON_MUNICIPALITIES)
    ]
    lines = []
    for i, mid in enumerate(municipalities):
        name = PLACES[i % len(PLACES)] + PLACES[(i // len(PLACES)) % len(PLACES)].lower()
        lines += [f"- id: {mid}", f"  name: {name} {i}", "  kind: municipality"]
        lines.append(f"  website: https://www.{mid}.example.nl")
    for oid, kind in others:
        lines += [f"- id: {oid}", f"  name: {oid.replace('-', ' ').title()}", f"  kind: {kind}"]
        if kind == "government":
            lines.append(f"  maintainers: ['@{oid}-team']")
    return "\n".join(lines) + "\n", municipalities, [o for o, _ in others]


def _adopters(rng: random.Random, municipalities: list[str]) -> list[str]:
    """Skewed: a few modules reach most municipalities, most reach a handful."""
    size = min(len(municipalities), int(rng.paretovariate(1.2) * 2))
    return sorted(rng.sample(municipalities, size))


def _plan(
    rng: random.Random, n: int, standards: list[str], owners: list[str], municipalities: list[str]
) -> list[_Module]:
    statuses = [s for s, _ in STATUS_WEIGHTS]
    weights = [w for _, w in STATUS_WEIGHTS]
    modules: list[_Module] = []
    dependable: list[_Module] = []
    for i in range(n):
        status = "available" if i < 3 else rng.choices(statuses, weights)[0]
        module = _Module(
            id=f"{WORDS[i % len(WORDS)]}-{i}",
            layer=LAYERS[rng.randrange(len(LAYERS))][0],
            status=status,
            standards=sorted(rng.sample(standards, rng.randint(1, 3))),
        )
        if status not in ("wanted", "out-of-scope"):
            module.owner = rng.choice(owners)
        if status in ("available", "retired"):
            module.consumers = _adopters(rng, municipalities)
        if status != "out-of-scope" and dependable:
            picks = {rng.choice(dependable[-200:]).id: None}
            for _ in range(rng.randint(0, 3)):
                picks.setdefault(rng.choice(dependable).id, None)
            by_id = {m.id: m for m in dependable[-200:]}
            for target_id in sorted(picks):
                target = by_id.get(target_id)
                via = target.standards[0] if target and rng.random() < 0.5 else None
                module.depends_on.append((target_id, via))
        modules.append(module)
        if status in DEPENDABLE:
            dependable.append(module)
    return modules


def _history(rng: random.Random, status: str, today: dt.date) -> list[str]:
    path = {
        "wanted": ["wanted"],
        "claimed": ["wanted", "claimed"],
        "developing": ["claimed", "developing"],
        "available": ["claimed", "developing", "available"],
        "retired": ["developing", "available", "retired"],
        "out-of-scope": ["wanted", "out-of-scope"],
    }[status]
    day = today - dt.timedelta(days=rng.randint(400, 2000))
    lines = ["history:"]
    for step in path:
        day += dt.timedelta(days=rng.randint(0, 120))
        day = min(day, today)
        lines += [f"  - date: {day.isoformat()}", f"    status: {step}"]
        lines.append(f"    note: {_q(f'Status {step} vastgelegd.')}")
    return lines


def _module_text(
    rng: random.Random, m: _Module, partners: list[str], municipalities: list[str], today: dt.date
) -> str:
    word, number = m.id.rsplit("-", 1)
    lines = [
        SCHEMA_HEADER.rstrip("\n"),
        f"name: {_q(word.capitalize() + ' ' + number)}",
        f"layer: {m.layer}",
        f"summary: {_q(f'Inwoners en ondernemers regelen {word} online, op één plek.')}",
        "description: |",
        f"  Deze module regelt **{word}** voor alle gemeenten die haar afnemen.",
        "  Zij sluit aan op de gemeenschappelijke standaarden en is herbruikbaar.",
        f"status: {m.status}",
    ]
    if m.owner:
        lines.append(f"owner: {m.owner}")
        chosen = sorted(rng.sample(partners, rng.randint(0, 2)))
        if chosen:
            lines.append("partners:")
            for org in chosen:
                if org != m.owner:
                    lines += [f"  - org: {org}", f"    role: {rng.choice(ROLES)}"]
            if lines[-1] == "partners:":
                lines.pop()
    if m.consumers:
        lines.append("consumers:")
        for j, org in enumerate(m.consumers):
            if j % 3 == 0:
                since = today - dt.timedelta(days=30 + j)
                lines += [f"  - org: {org}", f"    since: {since.isoformat()}"]
            else:
                lines.append(f"  - {org}")
    if m.status != "out-of-scope":
        taken = set(m.consumers)
        interested = sorted(o for o in rng.sample(municipalities, rng.randint(0, 3)) if o not in taken)
        if interested:
            lines.append(f"interested: [{', '.join(interested)}]")
    if m.depends_on:
        lines.append("depends_on:")
        for target, via in m.depends_on:
            lines += [f"  - module: {target}", f"    via: {via}"] if via else [f"  - {target}"]
    lines.append(f"standards: [{', '.join(m.standards)}]")
    lines += [
        "links:",
        f"  website: https://modules.example.org/{m.id}",
        f"  repository: https://code.example.org/{m.id}",
        f"  contact: mailto:{m.id}@example.org",
    ]
    if m.status == "out-of-scope":
        lines.append(f"reason: {_q('Dit doet elke gemeente beter zelf.')}")
    lines += _history(rng, m.status, today)
    return "\n".join(lines) + "\n"


def synthesize(
    out_dir: Path,
    modules: int,
    organisations: int,
    seed: int = 0,
    today: dt.date = dt.date(2026, 1, 1),
) -> None:
    """Write a valid landscape of ``modules`` modules into ``out_dir``.

    Args:
        out_dir: the model folder to write (created; existing files are overwritten).
        modules: how many modules.
        organisations: how many municipalities (a dozen other parties are added).
        seed: the random seed; the same arguments give byte-identical files.
        today: no history date lies after it.
    """
    rng = random.Random(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    landscape_text, standards = _landscape(20)
    organisations_text, municipalities, others = _organisations(organisations)
    (out_dir / "landscape.yaml").write_text(landscape_text, encoding="utf-8")
    (out_dir / "organisations.yaml").write_text(organisations_text, encoding="utf-8")
    owners = municipalities + others
    plan = _plan(rng, modules, standards, owners, municipalities)
    for layer_id, _ in LAYERS:
        (out_dir / layer_id).mkdir(exist_ok=True)
    for m in plan:
        text = _module_text(rng, m, owners, municipalities, today)
        (out_dir / m.layer / f"{m.id}.yaml").write_text(text, encoding="utf-8")
