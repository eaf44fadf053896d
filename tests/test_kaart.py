"""The +1 map: the asset against its CBS source, the shared file, the colouring per
role and per class, the words beside it, and the bytes it adds to a page."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys

import pytest

from generator.draw.kaart import (
    BASE,
    CLASS_BASE,
    CLASS_PAINTS,
    GROUND,
    PAINTS,
    SHARED_PATH,
    MapClass,
    class_of,
    classes,
    map_data,
    map_svg,
    shared_svg,
)
from generator.graph import LandscapeGraph
from generator.model import Organisation, check_model
from generator.model.entities import Consumer
from generator.views.common import Index, Linker, module_doc
from generator.views.kaart import (
    adoption_map,
    module_map,
    module_roles,
    municipality_map,
)
from generator.views.module import module_page
from generator.views.organisation import organisation_pages
from generator.views.status import status_page

from .conftest import ROOT, TODAY

SOURCE = ROOT.parent / "shared" / "data" / "kaart" / "gemeente_2025.topojson"
ASSET = ROOT / "generator" / "data" / "kaart.json"
BUDGET = 15 * 1024
"""Bytes a map may add to a page (issue 13)."""

KAARTTEST = """\
name: Kaarttest
layer: diensten
summary: Een module met gemeenten in elke rol.
status: available
owner: gm0363
partners:
  - org: gm0344
    role: co-developer
  - org: vng
    role: funder
  - org: gm0518
    role: participant
consumers: [gm0599, gm0014, gm9999]
interested: [gm0034]
depends_on: [inloggen]
"""
EXTRA_ORGANISATIONS = """\
- id: gm0518
  name: Den Haag
  kind: municipality
- id: gm0014
  name: Groningen
  kind: municipality
- id: gm0034
  name: Almere
  kind: municipality
- id: gm9999
  name: Oudorp
  kind: municipality
"""


@pytest.fixture
def index(model) -> Index:
    """The base fixture with a module that has a municipality in every role, a funder
    that is no municipality and an adopter that is no municipality of 2025."""
    folder = model()
    (folder / "diensten" / "kaarttest.yaml").write_text(KAARTTEST, encoding="utf-8")
    orgs = folder / "organisations.yaml"
    orgs.write_text(orgs.read_text(encoding="utf-8") + EXTRA_ORGANISATIONS, encoding="utf-8")
    landscape = check_model(folder, today=TODAY).landscape
    assert landscape is not None
    return Index(landscape, LandscapeGraph(landscape))


def fills(svg: str) -> dict[str, str]:
    """Municipality id -> the paint a map's ``<use>`` gives it."""
    style = re.search(r'<use href="[^"]*#kaart" style="([^"]*)"', svg)
    assert style is not None, svg
    return dict(re.findall(r"--(gm\d{4}):([^;]+)", style.group(1)))


def base_of(svg: str) -> tuple[str, str]:
    """The fill and border colour of the municipalities a map does not colour."""
    found = re.search(r'style="fill:(#[0-9a-f]{6});stroke:(#[0-9a-f]{6})', svg)
    assert found is not None
    return found.group(1), found.group(2)


# --- the asset and the shared file ---------------------------------------------


def test_the_asset_has_the_342_municipalities_of_the_source():
    data = map_data()
    assert len(data.municipalities) == 342
    assert (data.width, data.height) == (529, 625)
    for m in data.municipalities.values():
        assert re.fullmatch(r"gm\d{4}", m.id)
        assert re.fullmatch(r"(M\d+ \d+l[-\d ]+z)+", m.d), m.id
        assert 0 <= m.at[0] < data.width and 0 <= m.at[1] < data.height
    assert data.municipalities["gm0363"].name == "Amsterdam"
    source = json.loads(SOURCE.read_text(encoding="utf-8"))
    geometries = source["objects"]["gemeente_2025"]["geometries"]
    assert {g["properties"]["statcode"].lower(): g["properties"]["statnaam"] for g in geometries} == {
        m.id: m.name for m in data.municipalities.values()
    }


def test_the_committed_asset_is_what_the_script_derives(tmp_path):
    """The script is deterministic and the asset is not edited by hand (nor stale)."""
    out = tmp_path / "kaart.json"
    script = ROOT / "scripts" / "derive_map.py"
    done = subprocess.run([sys.executable, str(script), str(SOURCE), "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == ASSET.read_bytes()
    assert ASSET.stat().st_size < 50_000


def test_neighbours_share_their_borders():
    """Simplified per shared arc, so a border point of one municipality is a point of
    its neighbour too: Amsterdam and Amstelveen meet in at least two points."""

    def points(d: str) -> set[tuple[int, int]]:
        found = set()
        for ring in re.findall(r"M([^z]+)z", d):
            start, steps = ring.split("l")
            x, y = map(int, start.split())
            found.add((x, y))
            numbers = [int(n) for n in re.findall(r"-?\d+", steps)]
            for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
                x, y = x + dx, y + dy
                found.add((x, y))
        return found

    shapes = map_data().municipalities
    assert len(points(shapes["gm0363"].d) & points(shapes["gm0362"].d)) >= 2


def test_the_shared_file_names_every_municipality_and_holds_the_paints():
    svg = shared_svg()
    path = r'<path id="(gm\d{4})" style="fill:var\(--\1\)" d="[^"]+"><title>([^<]+)</title></path>'
    paths = re.findall(path, svg)
    assert len(paths) == 342
    assert ("gm0363", "Amsterdam") in paths
    assert "<title>&#x27;s-Gravenhage</title>" in svg  # names are escaped
    assert svg.count('<g id="kaart"') == 1
    for paint in [*PAINTS.values(), *CLASS_PAINTS, BASE]:
        assert f'<rect id="s-{paint.id}" ' in svg  # the legend's swatch
        if paint.motif:
            assert f'<pattern id="{paint.id}" ' in svg
    assert shared_svg() == svg


# --- a module's map --------------------------------------------------------------


def test_a_module_map_colours_each_municipality_by_its_role(index):
    to = Linker(module_doc("kaarttest"), index.landscape)
    figure = module_map(index, to, index.landscape.modules["kaarttest"])
    assert figure is not None
    assert fills(figure.svg) == {
        "gm0363": PAINTS["trekker"].css,
        "gm0344": PAINTS["bouwt-mee"].css,
        "gm0518": PAINTS["bouwt-mee"].css,
        "gm0599": PAINTS["afnemer"].css,
        "gm0014": PAINTS["afnemer"].css,
        "gm0034": PAINTS["geinteresseerd"].css,
    }
    assert base_of(figure.svg) == (BASE.ground, BASE.ink)
    assert '<use href="../../assets/kaart/gemeenten.svg#kaart"' in figure.svg
    assert "<title" not in figure.svg  # a title on the <use> would hide every municipality's name
    assert 'role="img" aria-labelledby="kaart-uitleg"' in figure.svg
    assert [(e.label, e.count) for e in figure.legend] == [
        ("Trekker", 1), ("Bouwt mee", 2), ("Afnemer", 2), ("Geïnteresseerd", 1), ("Doet niet mee", 336),
    ]
    assert (
        "Trekker: Amsterdam. Bouwen mee: 2 gemeenten. Afnemers: 2 gemeenten. Geïnteresseerd: 1 gemeente."
    ) in figure.summary
    assert figure.notes == [
        "Niet op de kaart, want geen gemeente: VNG Realisatie (bouwt mee).",
        "Niet op de kaart van 2025: Oudorp (afnemer).",
    ]


def test_few_municipalities_are_pinned_in_their_paint_the_lead_on_top(index):
    to = Linker(module_doc("kaarttest"), index.landscape)
    figure = module_map(index, to, index.landscape.modules["kaarttest"])
    assert figure is not None
    pin = r'<use href="\.\./\.\./assets/kaart/gemeenten\.svg#p-(\w+)" x="(\d+)" y="(\d+)"/>'
    pins = re.findall(pin, figure.svg)
    shapes = map_data().municipalities
    assert pins == [
        ("ki", *map(str, shapes["gm0034"].at)),
        ("ka", *map(str, shapes["gm0014"].at)), ("ka", *map(str, shapes["gm0599"].at)),
        ("km", *map(str, shapes["gm0344"].at)), ("km", *map(str, shapes["gm0518"].at)),
        ("kt", *map(str, shapes["gm0363"].at)),
    ]
    many = module_map(_everyone(index), to, _everyone(index).landscape.modules["kaarttest"])
    assert many is not None and "#p-" not in many.svg and len(fills(many.svg)) == 342


def test_every_role_has_its_own_colour_and_pattern():
    paints = list(PAINTS.values())
    assert len({p.ink for p in paints}) == len({p.motif for p in paints}) == len(paints)


def test_the_strongest_role_wins(index):
    """One colour a municipality: lead before building before adopting before wanting."""
    module = index.landscape.modules["kaarttest"].model_copy(update={
        "consumers": [Consumer(org="gm0363"), Consumer(org="gm0344"), Consumer(org="gm0599")],
        "interested": ["gm0034", "gm0518"],
    })
    assert module_roles(module) == {
        "gm0363": "trekker", "gm0344": "bouwt-mee", "vng": "bouwt-mee", "gm0518": "bouwt-mee",
        "gm0599": "afnemer", "gm0034": "geinteresseerd",
    }


def test_a_module_without_municipalities_has_no_map_but_a_sentence(index):
    to = Linker(module_doc("inloggen"), index.landscape)
    assert module_map(index, to, index.landscape.modules["inloggen"]) is None
    page = module_page(index, "inloggen", None)
    assert "<p>Nog geen gemeente doet mee aan deze module.</p>" in page
    assert "rt-kaart" not in page


def test_the_map_sits_with_the_lists_it_draws(index):
    page = module_page(index, "kaarttest", None)
    assert page.index('<h2 id="op-de-kaart">') < page.index("<figure class=\"rt-kaart\"")
    assert page.index("</figure>") < page.index('<h2 id="wie-bouwt-mee">') < page.index('<h2 id="afnemers">')
    assert '<p class="rt-kaart-bron">Bron: CBS / PDOK</p>' in page
    assert page.count("<svg") == 1 + 1 + 5  # the neighbourhood, the map, five swatches


# --- the status page's map -----------------------------------------------------


def test_classes_are_at_most_six_and_cover_every_count():
    counts = {f"g{i}": (i * 7919) % 97 for i in range(342)}
    found = classes(counts)
    assert len(found) == 6
    assert found[0] == MapClass(0, 0, CLASS_PAINTS[0])
    assert [c.low for c in found[1:]] == [found[0].high + 1, *[c.high + 1 for c in found[1:-1]]]
    assert found[-1].high == max(counts.values())
    assert [c.paint for c in found] == list(CLASS_PAINTS)
    sizes = [sum(class_of(v, found) == c for v in counts.values() if v) for c in found[1:]]
    assert max(sizes) < 2 * min(sizes)  # quantiles: about as many municipalities a class


def test_few_distinct_counts_get_a_class_each_spread_over_the_colours():
    found = classes({"a": 0, "b": 1, "c": 1, "d": 4})
    assert [(c.low, c.high, c.paint.id) for c in found] == [(0, 0, "k0"), (1, 1, "k1"), (2, 4, "k5")]
    assert [c.paint.id for c in classes({"a": 2})] == ["k3"]
    assert classes({}) == [MapClass(0, 0, CLASS_PAINTS[0])]


def test_the_adoption_map_colours_each_municipality_by_its_class(index):
    figure = adoption_map(index, Linker("status/index.md", index.landscape))
    # adopters: zaken (gm0344, gm0599), kaarttest (gm0599, gm0014, gm9999, not on the map)
    assert fills(figure.svg) == {
        "gm0344": CLASS_PAINTS[1].css, "gm0014": CLASS_PAINTS[1].css, "gm0599": CLASS_PAINTS[5].css,
    }
    assert base_of(figure.svg) == (CLASS_BASE.ground, CLASS_BASE.ink)
    assert [(e.label, e.count) for e in figure.legend] == [
        ("Neemt geen module af", 339), ("1 module", 2), ("2 modules", 1),
    ]
    assert [(c.label, c.names) for c in figure.classes] == [
        ("1 module", ["Groningen", "Utrecht"]), ("2 modules", ["Rotterdam"]),
    ]
    assert "3 gemeenten nemen minstens één module af." in figure.summary
    page = status_page(index)
    assert page.index('<h2 id="afname-per-gemeente">') < page.index("rt-kaart--afname")


# --- a municipality's map ------------------------------------------------------


def test_a_municipality_page_shows_it_on_the_map_at_the_top(index):
    pages = organisation_pages(index, "gm0363")
    page = pages["organisaties/gm0363/index.md"]
    assert page.index("rt-kaart--ligging") < page.index('<h2 id="trekker-van">')
    figure = municipality_map(Linker("organisaties/gm0363/index.md", index.landscape), "gm0363")
    assert figure is not None
    assert fills(figure.svg) == {"gm0363": PAINTS["trekker"].css}
    x, y = map_data().municipalities["gm0363"].at
    assert f'<circle class="rt-kaart-ring" cx="{x}" cy="{y}"' in figure.svg
    assert "Amsterdam" in figure.summary


def test_other_parties_and_old_municipalities_get_no_map(index):
    assert "rt-kaart" not in organisation_pages(index, "vng")["organisaties/vng/index.md"]
    assert "rt-kaart" not in organisation_pages(index, "gm9999")["organisaties/gm9999/index.md"]


# --- colours --------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_role_colours_stand_out_on_the_ground_and_on_the_base():
    """WCAG 1.4.11: the colour that tells a role is >= 3:1 against what it meets on
    the map (its white ground in both schemes, the grey of the other municipalities)."""
    for paint in PAINTS.values():
        assert contrast(paint.ink, GROUND) >= 3, paint
        assert contrast(paint.ink, BASE.ground) >= 3, paint
        if paint.motif:  # the lines or dots against the ground between them
            assert contrast(paint.ink, paint.ground) >= 3, paint


def test_classes_get_darker_with_more_modules():
    lightness = [_luminance(p.ground) for p in CLASS_PAINTS]
    assert lightness == sorted(lightness, reverse=True)
    assert contrast(CLASS_PAINTS[-1].ground, CLASS_PAINTS[0].ground) >= 3 * 3


# --- bytes ------------------------------------------------------------------------


def _everyone(index: Index) -> Index:
    """Every municipality of the map an organisation; ``kaarttest`` adopted by all of
    them, and twelve more modules adopted by ever fewer, so the status page has all
    six classes and names every municipality."""
    landscape = index.landscape
    shapes = sorted(map_data().municipalities.values(), key=lambda m: m.id)
    orgs = dict(landscape.organisations)
    for m in shapes:
        orgs.setdefault(m.id, Organisation(id=m.id, name=m.name, kind="municipality"))
    modules = dict(landscape.modules)
    base = modules["kaarttest"]
    modules["kaarttest"] = base.model_copy(update={
        "consumers": [Consumer(org=m.id) for m in shapes if m.id not in {"gm0363", "gm0344", "gm0518"}],
        "interested": [],
    })
    for n in range(12):
        copy = f"kaarttest-{n}"
        modules[copy] = base.model_copy(update={
            "id": copy, "consumers": [Consumer(org=m.id) for m in shapes[: 342 // (n + 2)]],
            "interested": [],
        })
    landscape = dataclasses.replace(landscape, organisations=orgs, modules=modules)
    return Index(landscape, LandscapeGraph(landscape))


def _figure(page: str) -> str:
    start = page.index("<figure class=\"rt-kaart")
    return page[start:page.index("</figure>", start) + len("</figure>")]


def test_a_map_adds_at_most_15_kb_to_a_page(index):
    """The worst case of each page type: a module that all 342 municipalities take
    part in, the status page with every municipality in a class and named, a
    municipality page."""
    big = _everyone(index)
    sizes = {
        "module": len(_figure(module_page(big, "kaarttest", None)).encode()),
        "status": len(_figure(status_page(big)).encode()),
        "organisation": len(_figure(
            organisation_pages(big, "gm0363")["organisaties/gm0363/index.md"]).encode()),
    }
    assert all(size <= BUDGET for size in sizes.values()), sizes
    assert sizes["module"] > 342 * 15  # it does colour all of them
    assert len(fills(_figure(status_page(big)))) == 342
    assert len(shared_svg().encode()) < 60_000  # read once for the whole site


def test_the_shared_file_is_published_once(index):
    from generator.site import build_site

    pages = build_site(index.landscape, workers=1)
    assert pages[SHARED_PATH] == shared_svg()
    with_map = {path for path, text in pages.items() if "gemeenten.svg#kaart" in text}
    assert with_map == {
        "modules/zaken/index.md", "modules/mijn-loket/index.md", "modules/kaarttest/index.md",
        "status/index.md",
        *(f"organisaties/{m}/index.md" for m in ("gm0363", "gm0344", "gm0599", "gm0518", "gm0014", "gm0034")),
    }
    shapes = [m.d for m in map_data().municipalities.values()]
    inlined = [p for p, text in pages.items() if p != SHARED_PATH and any(d in text for d in shapes)]
    assert inlined == []


def test_map_svg_leaves_out_ids_not_on_the_map():
    svg = map_svg("x.svg", {"gm0363": PAINTS["trekker"], "gm9999": PAINTS["afnemer"]}, labelledby="k")
    assert fills(svg) == {"gm0363": PAINTS["trekker"].css}


def test_the_about_page_credits_the_map():
    text = (ROOT / "content" / "over.md").read_text(encoding="utf-8")
    assert "Bron: CBS / PDOK" in text and "CC BY 4.0" in text

