"""Synthetic landscapes of any size that pass ``retratstoliped check --strict``.

For benchmarks and tests. The same arguments always give byte-identical files:
every random choice comes from one ``random.Random(seed)`` and is made while
planning, in a fixed order; writing the files only formats the plan.

How the result stays valid (MODEL.md, zero errors and zero warnings):

- Dependencies point only at modules planned earlier, so there is no cycle and
  no self-edge, and never at a weak target of the module's status (the sets of
  ``generator.model.statuses``): an available module depends only on available
  ones, planned ones also on planned ones, and none on a retired or out-of-scope one.
- The first two modules are available and every later module that is not out
  of scope depends on at least one earlier module (the first, available one is
  open to every status), so all of them hang together in one piece. A landscape
  of a single module can only be free of islands if that module is out of scope,
  so that is what it gets.
- A ``via`` standard is always one of the target module's ``standards``.
- Consumers (only on available and retired modules) and interested parties are
  disjoint municipalities; history runs oldest first, never after ``today``, and
  ends in the module's status; no adoption predates the first ``available`` entry.

Adoption is skewed like the real thing: a few foundational modules are adopted by
most municipalities, most by a handful (a Pareto tail).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .model.statuses import MAY_HAVE_CONSUMERS, NEEDS_OWNER, WEAK_TARGETS

SCHEMA_HEADER = "# yaml-language-server: $schema=../../schema/module.schema.json"

LAYERS = (
    ("kanalen", "Communicatiekanalen", "Waarlangs inwoners en ondernemers de gemeente bereiken."),
    ("portalen", "Portalen", "Waar inwoners en ondernemers hun eigen zaken en gegevens inzien."),
    ("transactieplatforms", "Transactieplatforms", "Aanvragen, betalingen en afspraken regelen."),
    ("diensten", "Diensten", "De specifieke gemeentelijke producten en processen."),
    ("infrastructuur", "Infrastructuur", "De gedeelde fundering: inloggen en gegevensuitwisseling."),
    ("ondersteuning", "Persoonlijke ondersteuning", "Mensen die helpen waar digitaal niet lukt."),
)
# How often a module lands in each layer (same order as LAYERS).
LAYER_WEIGHTS = (10, 8, 12, 40, 20, 10)

TOPICS = {
    "kanalen": (
        "Chat en chatbot", "Telefonie", "Gemeentelijke website", "Nieuwsbrief", "Berichtenbox",
        "Sociale media", "E-mail en sms-berichten", "Klantfeedback", "Videobellen",
        "Balie op afspraak", "Gemeente-app", "Spraakassistent",
    ),
    "portalen": (
        "Mijn loket", "Ondernemersportaal", "Inwonerportaal", "Medewerkersportaal",
        "Ketenpartnerportaal", "Mijn zaken", "Mijn berichten", "Mijn gegevens",
        "Componentenbibliotheek", "Wijkportaal",
    ),
    "transactieplatforms": (
        "Formulierenbouwer", "Betaalplatform", "Afsprakenplanner", "Notificatiedienst",
        "Documentgenerator", "Digitaal ondertekenen", "Machtigingen", "Productencatalogus",
        "Zaakafhandeling", "Workflow-engine", "Vragenlijsten", "Uploadservice",
    ),
    "diensten": (
        "Meldingen openbare ruimte", "Parkeervergunning", "Verhuizing doorgeven",
        "Subsidie aanvragen", "Wmo-aanvraag", "Afvalpas", "Evenementenvergunning",
        "Uittreksel BRP", "Kwijtschelding", "Bijstand aanvragen", "Bezwaar maken", "Klachten",
        "Grofvuil ophalen", "Schuldhulpverlening", "Gemeentelijke belastingen",
        "Omgevingsvergunning", "Huwelijk plannen", "Hondenbelasting", "Leerlingenvervoer",
        "Kapvergunning", "Standplaatsvergunning", "Reisdocumenten", "Rijbewijs aanvragen",
        "Woonfraude melden", "Bouwtoezicht", "Energietoeslag", "Jeugdhulp", "Zorgloket",
    ),
    "infrastructuur": (
        "Open Zaak", "Objectenregistratie", "Objecttypen", "API-gateway", "Identiteitsbroker",
        "Open Notificaties", "Logboek dataverwerkingen", "Sleutelbeheer", "Documentopslag",
        "Klantregistratie", "Zaakbrug", "Adressen bevragen", "Personen bevragen",
        "Handelsregister bevragen", "Kaartenservice", "Federatieve koppelingen",
        "Certificaatbeheer", "Berichtenverkeer",
    ),
    "ondersteuning": (
        "Digihulp", "Schuldhulpmaatje", "Informatiepunt Digitale Overheid", "Buurthulp",
        "Tolk op afstand", "Digitale vaardigheden", "Formulierenbrigade", "Sociaal raadslieden",
        "Wijkteam", "Huisbezoek",
    ),
}

STATUS_WEIGHTS = (
    ("wanted", 10),
    ("claimed", 5),
    ("developing", 15),
    ("available", 60),
    ("retired", 5),
    ("out-of-scope", 5),
)
# The whole road to each status; a module's history is a tail of it.
PATHS = {
    "wanted": ("wanted",),
    "claimed": ("wanted", "claimed"),
    "developing": ("wanted", "claimed", "developing"),
    "available": ("wanted", "claimed", "developing", "available"),
    "retired": ("claimed", "developing", "available", "retired"),
    "out-of-scope": ("wanted", "out-of-scope"),
}
NOTES = {
    "wanted": "Op de menukaart gezet.",
    "claimed": "{owner} tekent in als trekker.",
    "developing": "De bouw is gestart.",
    "available": "Beschikbaar in permanente bèta.",
    "retired": "Uitgefaseerd; afnemers stappen over op een opvolger.",
    "out-of-scope": "Buiten scope verklaard.",
}
REASONS = (
    "Dit regelt elke gemeente beter zelf, dicht bij de inwoner.",
    "Valt onder een landelijke voorziening en hoort niet op de gemeentelijke kaart.",
    "Te specifiek voor één gemeente om gezamenlijk te bouwen.",
)
ROLES = ("co-developer", "supplier", "funder", "participant")

# (id, name, url, steward or None): standards stewarded by a government body have one.
STANDARDS = (
    ("nl-api-strategie", "NL API Strategie (REST API Design Rules)",
     "https://logius-standaarden.github.io/API-Design-Rules/", "logius"),
    ("digikoppeling", "Digikoppeling",
     "https://www.logius.nl/domeinen/gegevensuitwisseling/digikoppeling", "logius"),
    ("oidc", "NL GOV Assurance profile for OpenID Connect",
     "https://logius-standaarden.github.io/OIDC-NLGOV/", "logius"),
    ("oauth-nl-gov", "NL GOV Assurance profile for OAuth 2.0",
     "https://logius-standaarden.github.io/OAuth-NL-profiel/", "logius"),
    ("cloudevents", "NL GOV profile for CloudEvents",
     "https://logius-standaarden.github.io/NL-GOV-profile-for-CloudEvents/", "logius"),
    ("fsc", "FSC (Federatieve Service Connectiviteit)",
     "https://logius-standaarden.github.io/fsc-core/", "logius"),
    ("pki-overheid", "PKIoverheid", "https://www.logius.nl/domeinen/toegang/pkioverheid", "logius"),
    ("samenwerkende-catalogi", "Samenwerkende Catalogi",
     "https://www.logius.nl/domeinen/interactie/samenwerkende-catalogi", "logius"),
    ("zgw-apis", "API's voor Zaakgericht Werken",
     "https://vng-realisatie.github.io/gemma-zaken/", "vng-realisatie"),
    ("notificaties-api", "Notificaties API",
     "https://vng-realisatie.github.io/gemma-zaken/standaard/notificaties/", "vng-realisatie"),
    ("klantinteracties-api", "Klantinteracties API",
     "https://vng-realisatie.github.io/klantinteracties/", "vng-realisatie"),
    ("stuf", "StUF (Standaard Uitwisseling Formaat)",
     "https://www.gemmaonline.nl/index.php/StUF_Berichtenstandaard", "vng-realisatie"),
    ("gemma", "GEMMA-referentiearchitectuur", "https://www.gemmaonline.nl/", "vng-realisatie"),
    ("common-ground", "Common Ground", "https://commonground.nl/", "vng"),
    ("haal-centraal", "Haal Centraal BRP bevragen",
     "https://github.com/BRP-API/Haal-Centraal-BRP-bevragen", "rvig"),
    ("bag-bevragen", "BAG Individuele Bevragingen API", "https://github.com/lvbag/BAG-API",
     "kadaster"),
    ("openapi", "OpenAPI Specification", "https://spec.openapis.org/oas/latest.html", None),
    ("nl-design-system", "NL Design System", "https://nldesignsystem.nl/", None),
    ("wcag", "Digitoegankelijk (EN 301 549 met WCAG 2.1)",
     "https://www.digitoegankelijk.nl/toegankelijkheid/en-301-549-en-wcag", None),
    ("publiccode-yml", "publiccode.yml", "https://yml.publiccode.tools/", None),
)

# (id, name, kind, website, maintainers): the parties that are not municipalities.
# Governments are real stewards; suppliers, collectives and the rest are made up.
OTHER_PARTIES = (
    ("logius", "Logius", "government", "https://www.logius.nl", ("@logius-standaarden",)),
    ("rvig", "Rijksdienst voor Identiteitsgegevens (RvIG)", "government", "https://www.rvig.nl",
     ()),
    ("kadaster", "Kadaster", "government", "https://www.kadaster.nl", ()),
    ("vng", "Vereniging van Nederlandse Gemeenten (VNG)", "government", "https://vng.nl", ()),
    ("vng-realisatie", "VNG Realisatie", "government", "https://www.vngrealisatie.nl",
     ("@vng-realisatie",)),
    ("polderbits", "Polderbits", "supplier", "https://www.polderbits.example",
     ("@polderbits",)),
    ("dijkwerk-software", "Dijkwerk Software", "supplier", "https://dijkwerk.example", ()),
    ("veenstra-de-wit", "Veenstra & De Wit ICT", "supplier", "https://www.veenstradewit.example",
     ()),
    ("open-haven", "Coöperatie Open Haven", "supplier", "https://openhaven.example", ()),
    ("bewonerscollectief-de-buurt", "Bewonerscollectief De Buurt", "collective",
     "https://debuurt.example", ()),
    ("ondernemerskring-centrum", "Ondernemerskring Centrum", "collective",
     "https://ondernemerskring.example", ()),
    ("stichting-digitaal-samen", "Stichting Digitaal Samen", "other",
     "https://digitaalsamen.example", ()),
)

@dataclass
class _Module:
    """Everything decided about one module before it is written."""

    id: str
    name: str
    topic: str
    layer: str
    status: str
    standards: list[str]
    owner: str | None = None
    partners: list[tuple[str, str]] = field(default_factory=list)
    consumers: list[tuple[str, dt.date | None]] = field(default_factory=list)
    interested: list[str] = field(default_factory=list)
    depends_on: list[tuple[str, str | None]] = field(default_factory=list)
    history: list[tuple[dt.date, str]] = field(default_factory=list)
    reason: str | None = None


@dataclass
class _Parties:
    """The organisations a plan draws from."""

    municipalities: list[str]
    names: dict[str, str]
    others: list[str]

    @property
    def owners(self) -> list[str]:
        """Every party that may lead or build a module."""
        return self.municipalities + self.others


def _q(text: str) -> str:
    """Quotes text as a YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _slug(text: str) -> str:
    """Turns a Dutch name into an id: ``Wmo-aanvraag`` becomes ``wmo-aanvraag``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _landscape_text() -> str:
    """The text of ``landscape.yaml``: title, the six layers and the standards."""
    lines = [
        "title: Synthetisch landschap",
        "description: Een gegenereerd landschap voor tests en metingen; geen echte gegevens.",
        "layers:",
    ]
    for layer_id, name, description in LAYERS:
        lines += [f"  - id: {layer_id}", f"    name: {_q(name)}", f"    description: {_q(description)}"]
    lines.append("standards:")
    for standard_id, name, url, steward in STANDARDS:
        lines += [f"  - id: {standard_id}", f"    name: {_q(name)}", f"    url: {url}"]
        if steward:
            lines.append(f"    steward: {steward}")
    return "\n".join(lines) + "\n"


def _keep_stream(rng: random.Random, count: int) -> None:
    """Draw what the invented municipality names used to draw (a shuffle of 748 name
    stems, then per name a number and sometimes one of 8 prefixes), so a seed gives
    the same landscape as before the names became real: benchmark figures stay
    comparable across that change."""
    rng.shuffle(list(range(748)))
    for _ in range(count):  # at most 342, fewer than the 748 stems
        if rng.random() < 0.15:
            rng.choice(range(8))


def _parties(rng: random.Random, municipalities: int) -> _Parties:
    """``municipalities`` real municipalities of 2025, spread over the table by CBS code
    (so the check's municipality rule holds), plus the other parties."""
    from .municipalities import current

    _keep_stream(rng, municipalities)

    table = current()
    if not 1 <= municipalities <= len(table):
        raise ValueError(f"organisations must be between 1 and {len(table)}, not {municipalities}")
    chosen = [table[i * len(table) // municipalities] for i in range(municipalities)]
    ids = [m.code for m in chosen]
    names = {m.code: m.name for m in chosen}
    for party_id, name, *_ in OTHER_PARTIES:
        names[party_id] = name
    return _Parties(ids, names, [party[0] for party in OTHER_PARTIES])


def _organisations_text(parties: _Parties) -> str:
    """The text of ``organisations.yaml``: municipalities first, then the rest."""
    lines = []
    for mid in parties.municipalities:
        name = parties.names[mid]
        lines += [
            f"- id: {mid}",
            f"  name: {_q(name)}",
            "  kind: municipality",
            f"  website: https://www.{_slug(name)}.example",
        ]
    for party_id, name, kind, website, maintainers in OTHER_PARTIES:
        lines += [f"- id: {party_id}", f"  name: {_q(name)}", f"  kind: {kind}"]
        lines.append(f"  website: {website}")
        if maintainers:
            lines.append(f"  maintainers: [{', '.join(_q(h) for h in maintainers)}]")
    return "\n".join(lines) + "\n"


def _status(rng: random.Random, index: int, total: int) -> str:
    """The status of the ``index``-th module; the first two anchor the whole."""
    if total == 1:
        return "out-of-scope"
    if index < 2:
        return "available"
    return rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]


def _identity(rng: random.Random, seen: dict[str, int]) -> tuple[str, str, str, str]:
    """Picks a layer and topic; returns (id, name, topic, layer), numbering repeats."""
    layer = rng.choices([layer[0] for layer in LAYERS], LAYER_WEIGHTS)[0]
    topic = rng.choice(TOPICS[layer])
    count = seen.get(topic, 0) + 1
    seen[topic] = count
    if count == 1:
        return _slug(topic), topic, topic, layer
    return f"{_slug(topic)}-{count}", f"{topic} {count}", topic, layer


def _history(rng: random.Random, status: str, today: dt.date) -> list[tuple[dt.date, str]]:
    """1–4 dated steps, strictly ascending, ending in ``status`` and never after ``today``."""
    path = PATHS[status]
    steps = path[-rng.randint(1, len(path)):]
    day = today - dt.timedelta(days=rng.randint(800, 2500))
    history = []
    for step in steps:
        history.append((day, step))
        day += dt.timedelta(days=rng.randint(14, 190))  # at most 3 * 190 < 800 days in all
    return history


def _adopters(
    rng: random.Random, index: int, status: str, municipalities: list[str]
) -> list[str]:
    """Consumers: the first modules reach most municipalities, the rest a Pareto few."""
    if status not in MAY_HAVE_CONSUMERS or not municipalities:
        return []
    total = len(municipalities)
    if index < 3:
        size = rng.randint(total // 2, total * 9 // 10)
    else:
        size = min(total, int(1.5 * rng.paretovariate(1.2)))
    return sorted(rng.sample(municipalities, size))


def _since_dates(
    rng: random.Random, adopters: list[str], history: list[tuple[dt.date, str]], today: dt.date
) -> list[tuple[str, dt.date | None]]:
    """Gives about a third of the consumers a ``since`` date while the module was offered."""
    start = next((day for day, step in history if step == "available"), history[0][0])
    end = history[-1][0] if history[-1][1] == "retired" else today
    span = max(0, (end - start).days)
    return [
        (org, start + dt.timedelta(days=rng.randint(0, span)) if rng.random() < 0.33 else None)
        for org in adopters
    ]


def _dependencies(rng: random.Random, dependable: list[_Module]) -> list[tuple[str, str | None]]:
    """1–4 of the ``dependable`` earlier modules, some over a shared standard."""
    first = rng.choice(dependable[-200:])  # one nearby: keeps the whole connected
    picks = {first.id: first}
    for _ in range(rng.randint(0, 3)):
        target = rng.choice(dependable)
        picks.setdefault(target.id, target)
    result = []
    for target_id in sorted(picks):
        via = rng.choice(picks[target_id].standards) if rng.random() < 0.4 else None
        result.append((target_id, via))
    return result


def _partners(rng: random.Random, owner: str, parties: _Parties) -> list[tuple[str, str]]:
    """0–3 partners other than the owner, each with a role."""
    chosen = rng.sample(parties.owners, min(len(parties.owners), rng.randint(0, 3)))
    return [(org, rng.choice(ROLES)) for org in sorted(set(chosen) - {owner})]


def _owner(rng: random.Random, parties: _Parties) -> str:
    """Mostly a municipality leads; sometimes another party."""
    if parties.municipalities and rng.random() < 0.8:
        return rng.choice(parties.municipalities)
    return rng.choice(parties.others)


@dataclass
class _Plan:
    """What planning the next module needs to know about the ones before it."""

    rng: random.Random
    parties: _Parties
    today: dt.date
    total: int
    dependable: dict[frozenset[str], list[_Module]] = field(
        default_factory=lambda: {weak: [] for weak in set(WEAK_TARGETS.values())}
    )
    """The earlier modules each kind of module may depend on, by its weak targets."""
    seen: dict[str, int] = field(default_factory=dict)

    def add(self, module: _Module) -> None:
        """Offers ``module`` as a dependency to every later module that may use it."""
        for weak, modules in self.dependable.items():
            if module.status not in weak:
                modules.append(module)


def _plan_module(plan: _Plan, index: int) -> _Module:
    """Decides everything about the ``index``-th module."""
    rng, parties = plan.rng, plan.parties
    module_id, name, topic, layer = _identity(rng, plan.seen)
    status = _status(rng, index, plan.total)
    module = _Module(
        id=module_id,
        name=name,
        topic=topic,
        layer=layer,
        status=status,
        standards=sorted(rng.sample([s[0] for s in STANDARDS], rng.randint(1, 3))),
        history=_history(rng, status, plan.today),
    )
    if status == "out-of-scope":
        module.reason = rng.choice(REASONS)
        return module
    if status in NEEDS_OWNER:
        module.owner = _owner(rng, parties)
        module.partners = _partners(rng, module.owner, parties)
    adopters = _adopters(rng, index, status, parties.municipalities)
    module.consumers = _since_dates(rng, adopters, module.history, plan.today)
    others = sorted(set(parties.municipalities) - set(adopters))
    module.interested = sorted(rng.sample(others, min(len(others), rng.randint(0, 3))))
    if dependable := plan.dependable[WEAK_TARGETS[status]]:
        module.depends_on = _dependencies(rng, dependable)
    return module


def _plan(rng: random.Random, total: int, parties: _Parties, today: dt.date) -> list[_Module]:
    """Plans ``total`` modules in a topological order (each depends only on earlier ones)."""
    plan = _Plan(rng, parties, today, total)
    modules = []
    for index in range(total):
        module = _plan_module(plan, index)
        modules.append(module)
        plan.add(module)
    return modules


def _relations(m: _Module) -> Iterator[str]:
    """The YAML lines for owner, partners, consumers, interested and depends_on."""
    if m.owner:
        yield f"owner: {m.owner}"
    if m.partners:
        yield "partners:"
        for org, role in m.partners:
            yield f"  - org: {org}"
            yield f"    role: {role}"
    yield from _references("consumers", "org", "since", m.consumers)
    if m.interested:
        yield f"interested: [{', '.join(m.interested)}]"
    yield from _references("depends_on", "module", "via", m.depends_on)


def _references(key: str, id_key: str, extra_key: str, items: list) -> Iterator[str]:
    """A list of references: a bare id, or a mapping when the second value is set."""
    if not items:
        return
    yield f"{key}:"
    for ref, extra in items:
        if extra:
            value = extra.isoformat() if hasattr(extra, "isoformat") else extra
            yield f"  - {id_key}: {ref}"
            yield f"    {extra_key}: {value}"
        else:
            yield f"  - {ref}"


def _links(m: _Module) -> Iterator[str]:
    """The YAML lines of ``links`` (made-up addresses under reserved domains)."""
    yield "links:"
    yield f"  website: https://modules.example.org/{m.id}/"
    if m.status != "wanted":
        yield f"  repository: https://code.example.org/gemeenten/{m.id}"
        yield f"  documentation: https://docs.example.org/{m.id}/"
    if m.status in MAY_HAVE_CONSUMERS:
        yield f"  publiccode: https://code.example.org/gemeenten/{m.id}/-/raw/main/publiccode.yml"
    yield f"  contact: mailto:{m.id}@example.org"


def _history_lines(m: _Module, names: dict[str, str]) -> Iterator[str]:
    """The YAML lines of ``history``, oldest first."""
    yield "history:"
    owner = names.get(m.owner or "", "Een gemeente")
    for day, step in m.history:
        yield f"  - date: {day.isoformat()}"
        yield f"    status: {step}"
        yield f"    note: {_q(NOTES[step].format(owner=owner))}"


def _module_text(m: _Module, names: dict[str, str]) -> str:
    """The whole text of one module file."""
    lines = [
        SCHEMA_HEADER,
        f"name: {_q(m.name)}",
        f"layer: {m.layer}",
        f"summary: {_q(f'{m.topic}: één keer gebouwd, door elke gemeente af te nemen.')}",
        "description: |",
        f"  Synthetische module **{m.topic}** in de laag {m.layer}.",
        "  Zij sluit aan op de gemeenschappelijke standaarden en is herbruikbaar.",
        f"status: {m.status}",
        *_relations(m),
        f"standards: [{', '.join(m.standards)}]",
        *_links(m),
    ]
    if m.reason:
        lines.append(f"reason: {_q(m.reason)}")
    lines += _history_lines(m, names)
    return "\n".join(lines) + "\n"


def synthesize(
    out_dir: Path,
    modules: int,
    organisations: int,
    seed: int = 0,
    today: dt.date = dt.date(2026, 1, 1),
) -> None:
    """Writes a valid landscape of ``modules`` modules into ``out_dir``.

    The result has ``landscape.yaml``, ``organisations.yaml`` and one file per
    module in ``<layer>/<id>.yaml``, and passes the check with no error and no
    warning for any ``modules >= 1``.

    Args:
        out_dir: the model folder to write; created if missing, files in it are
            overwritten (use an empty folder: stale module files stay).
        modules: how many modules.
        organisations: how many municipalities of 2025 (1 to 342, real CBS codes
            and names spread over the table); a dozen
            government, supplier, collective and other parties are added.
        seed: the random seed; the same arguments give byte-identical files.
        today: no history or adoption date lies after it.
    """
    rng = random.Random(seed)
    out_dir = Path(out_dir)
    parties = _parties(rng, organisations)
    plan = _plan(rng, modules, parties, today)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "landscape.yaml").write_text(_landscape_text(), encoding="utf-8")
    (out_dir / "organisations.yaml").write_text(_organisations_text(parties), encoding="utf-8")
    for layer_id, _, _ in LAYERS:
        (out_dir / layer_id).mkdir(exist_ok=True)
    for m in plan:
        (out_dir / m.layer / f"{m.id}.yaml").write_text(
            _module_text(m, parties.names), encoding="utf-8"
        )
