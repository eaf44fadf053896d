"""Typed entities of the landscape model (format 1 of MODEL.md).

The pydantic models below are the single definition of what a file may hold:
the validator uses them, and ``retratstoliped schema`` prints the JSON Schema
derived from them. Field descriptions are Dutch because editors read them in
their editor's hover help.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX = 64

STATUS_LABELS = {
    "wanted": "Gezocht",
    "claimed": "Ingetekend",
    "developing": "In ontwikkeling",
    "available": "Beschikbaar (permanente bèta)",
    "retired": "Uitgefaseerd",
    "out-of-scope": "Buiten scope",
}
SHORT_LABELS = {status: label.removesuffix(" (permanente bèta)") for status, label in STATUS_LABELS.items()}
"""The status word on a card or a node of a drawing; a legend explains each once
(``available`` is the permanente bèta)."""
ORGANISATION_KINDS = ("municipality", "government", "supplier", "collective", "other")
PARTNER_ROLES = ("co-developer", "supplier", "funder", "participant")

Status = Literal["wanted", "claimed", "developing", "available", "retired", "out-of-scope"]
"""The type of a status field; the same values as ``statuses.STATUSES``."""
OrganisationKind = Literal["municipality", "government", "supplier", "collective", "other"]
PartnerRole = Literal["co-developer", "supplier", "funder", "participant"]


def _one_line(value: str) -> str:
    if "\n" in value.strip() or "\r" in value:
        raise PydanticCustomError("one_line", "must be a single line")
    return value


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise PydanticCustomError("url_scheme", "is not an absolute http(s) URL")
    return value


def _contact_url(value: str) -> str:
    if value.startswith("mailto:") and len(value) > len("mailto:") and " " not in value:
        return value
    try:
        return _http_url(value)
    except PydanticCustomError:
        raise PydanticCustomError(
            "url_scheme", "is not an absolute http(s) or mailto: URL"
        ) from None


def _id_or_mapping(key: str):
    def wrap(value: Any) -> Any:
        return {key: value} if isinstance(value, str) else value

    return wrap


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX),
    Field(description="Id: kleine letters, cijfers en enkele streepjes, hoogstens 64 tekens."),
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=80), AfterValidator(_one_line)]
Markdown = Annotated[str, Field(description="Tekst in Markdown; HTML wordt niet uitgevoerd.")]
HttpUrl = Annotated[
    str,
    AfterValidator(_http_url),
    Field(json_schema_extra={"format": "uri", "pattern": "^https?://[^\\s]+$"}),
]
ContactUrl = Annotated[
    str,
    AfterValidator(_contact_url),
    Field(json_schema_extra={"pattern": "^(https?://|mailto:)[^\\s]+$"}),
]
Handle = Annotated[str, StringConstraints(pattern=r"^@[A-Za-z0-9][A-Za-z0-9_.\-/]*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Layer(_Strict):
    """A band of the picture: kanalen, portalen, ... ondersteuning."""

    id: Id
    name: Name
    description: Markdown | None = None


class Standard(_Strict):
    """An agreement on compatibility and connectivity."""

    id: Id
    name: Name
    url: HttpUrl | None = None
    steward: Id | None = Field(None, description="Organisatie die de standaard beheert.")
    description: Markdown | None = None


class LandscapeFile(_Strict):
    """``landscape.yaml``: the frame of the picture."""

    title: Name
    description: Markdown | None = None
    layers: list[Layer] = Field(min_length=1)
    standards: list[Standard] = []


class Organisation(_Strict):
    """A party that owns, builds or adopts a module (an item of organisations.yaml)."""

    id: Id
    name: Name
    kind: OrganisationKind
    website: HttpUrl | None = None
    maintainers: list[Handle] = Field(
        [], description="Forge-handles die de modules van deze partij mogen wijzigen."
    )


class Partner(_Strict):
    """An organisation building a module with its owner."""

    org: Id
    role: PartnerRole


class Consumer(_Strict):
    """An organisation that adopted a module ("afnemer")."""

    org: Id
    since: dt.date | None = Field(None, description="Sinds wanneer (JJJJ-MM-DD).")


class Dependency(_Strict):
    """What a module needs from another module, optionally over a standard."""

    module: Id
    via: Id | None = Field(
        None, description="Standaard waarover de afhankelijkheid loopt; de doelmodule moet hem noemen."
    )


class Links(_Strict):
    """Where to read more. http(s) only; ``contact`` may be mailto:."""

    website: HttpUrl | None = None
    repository: HttpUrl | None = None
    documentation: HttpUrl | None = None
    publiccode: HttpUrl | None = None
    contact: ContactUrl | None = None


class HistoryEntry(_Strict):
    """A dated status change; the list is oldest first."""

    date: dt.date
    status: Status
    note: Annotated[str, AfterValidator(_one_line)] | None = None


ConsumerItem = Annotated[
    Consumer, BeforeValidator(_id_or_mapping("org"), json_schema_input_type=Id | Consumer)
]
DependencyItem = Annotated[
    Dependency, BeforeValidator(_id_or_mapping("module"), json_schema_input_type=Id | Dependency)
]


class ModuleFile(_Strict):
    """One module: ``modules/<layer>/<id>.yaml``. The id is the file name."""

    model_config = ConfigDict(title="Retratstoliped module")

    name: Name = Field(description="Naam van de module, hoogstens 80 tekens.")
    layer: Id = Field(description="De laag (id uit landscape.yaml).")
    summary: Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_one_line)] = (
        Field(description="Eén regel platte tekst, hoogstens 200 tekens.")
    )
    description: Markdown | None = None
    status: Status = Field(
        description="wanted = Gezocht, claimed = Ingetekend, developing = In ontwikkeling, "
        "available = Beschikbaar (permanente bèta), retired = Uitgefaseerd, "
        "out-of-scope = Buiten scope."
    )
    owner: Id | None = Field(None, description="De trekker (organisatie-id).")
    partners: list[Partner] = []
    consumers: list[ConsumerItem] = Field([], description="Afnemers: een id of {org, since}.")
    interested: list[Id] = Field([], description="Organisaties die de module willen afnemen.")
    depends_on: list[DependencyItem] = Field([], description="Een module-id of {module, via}.")
    standards: list[Id] = []
    links: Links = Links()
    reason: Markdown | None = Field(None, description="Alleen en verplicht bij out-of-scope.")
    history: list[HistoryEntry] = Field([], description="Oudste eerst; de laatste status is de huidige.")
    illustrative: StrictBool = Field(
        False, description="Eigenaar of status is illustratief, niet uit een openbare bron."
    )


class Module(ModuleFile):
    """A validated module with its id and the file it came from."""

    id: str
    path: str


def module_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a module file."""
    schema = ModuleFile.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }
