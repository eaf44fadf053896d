"""The +1 map in a real browser: the shared file's shapes drawn through a ``<use>``,
coloured per page by custom properties, under the site's Content-Security-Policy,
without JavaScript and in both schemes; read back from the pixels on the screen."""

from __future__ import annotations

import struct
import zlib

import pytest

from generator.draw.kaart import BASE, CLASS_BASE, PAINTS, map_data
from generator.views.kaart import module_roles

from .conftest import ARTIFACTS, format_violations, open_session
from .test_pages import LANDSCAPE, PAGES

SHAPES = map_data().municipalities


def _decode_png(data: bytes) -> tuple[int, int, list[bytearray], int]:
    """Width, height, rows and bytes per pixel of an 8-bit RGB(A) PNG, as Chromium writes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 0xFF
        rows.append(line)
        previous = line
    return width, height, rows, channels


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


class Map:
    """The pixels of the map on a page, addressed in map units."""

    def __init__(self, page) -> None:
        svg = page.locator("svg.rt-kaart-svg")
        svg.scroll_into_view_if_needed()
        box = svg.bounding_box()
        self.scale = box["width"] / map_data().width
        self.width, self.height, self.rows, self.channels = _decode_png(svg.screenshot())

    def pixels(self, municipality: str, reach: int = 2) -> list[tuple[int, int, int]]:
        """The pixels within ``reach`` of the point well inside the municipality (where
        its pin is, if it has one)."""
        x, y = SHAPES[municipality].at
        px, py = round(x * self.scale), round(y * self.scale)
        return [
            tuple(row[i * self.channels:i * self.channels + 3])  # type: ignore[misc]
            for row in self.rows[py - reach:py + reach + 1]
            for i in range(px - reach, px + reach + 1)
        ]

    def around(self, municipality: str, reach: int = 2) -> set[tuple[int, int, int]]:
        """The colours within ``reach`` pixels of a point well inside the municipality."""
        return set(self.pixels(municipality, reach))


def _mean(colours: list[tuple[int, ...]]) -> tuple[float, float, float]:
    return tuple(sum(c[i] for c in colours) / len(colours) for i in range(3))  # type: ignore[return-value]


def _swatches(page) -> list[tuple[float, float, float]]:
    """The mean colour inside each legend swatch, in the legend's order."""
    means = []
    for swatch in page.locator("svg.rt-kaart-staal").all():
        width, height, rows, channels = _decode_png(swatch.screenshot())
        inside = [tuple(row[i * channels:i * channels + 3]) for row in rows[5:height - 5]
                  for i in range(5, width - 5)]
        means.append(_mean(inside))
    return means


def _nearest(colour: tuple[float, ...], means: list[tuple[float, float, float]]) -> int:
    def distance(i: int) -> float:
        return sum((a - b) ** 2 for a, b in zip(colour, means[i], strict=True))

    return min(range(len(means)), key=distance)


def _has(colours: set[tuple[int, int, int]], colour: str, tolerance: int = 24) -> bool:
    want = _rgb(colour)
    return any(all(abs(a - b) <= tolerance for a, b in zip(c, want, strict=True)) for c in colours)


def _examples() -> dict[str, tuple[str, str]]:
    """For each role, a module of the shipped model with a municipality of the map in it."""
    found: dict[str, tuple[str, str]] = {}
    for module in LANDSCAPE.modules.values():
        for org, role in module_roles(module).items():
            if org in SHAPES:
                found.setdefault(role, (module.id, org))
    return found


EXAMPLES = _examples()


@pytest.fixture(params=["light", "dark"])
def under_policy(browser, base_url, request):
    """A tab with the site's Content-Security-Policy in force, in either scheme."""
    context, session = open_session(browser, base_url, bypass_csp=False, color_scheme=request.param)
    yield session
    context.close()


def test_every_role_is_drawn_in_its_paint(under_policy):
    """Where a municipality of each role lies, the screen shows the paint of that
    role: of the legend's five swatches, the nearest in colour is the role's."""
    web = under_policy
    assert set(PAINTS) == set(EXAMPLES), EXAMPLES
    roles = list(PAINTS)
    for role, (module_id, org) in sorted(EXAMPLES.items()):
        web.goto(f"modules/{module_id}/")
        picture = Map(web.page)
        swatches = _swatches(web.page)
        assert len(swatches) == len(roles) + 1
        seen = _mean(picture.pixels(org))
        assert _nearest(seen, swatches) == roles.index(role), (role, module_id, org, seen, swatches)
        if PAINTS[role].motif:  # the pattern's lines or dots are there, not one flat colour
            assert len(picture.around(org)) > 4
        # a municipality that takes no part stays grey
        idle = next(m for m in sorted(SHAPES) if m not in module_roles(LANDSCAPE.modules[module_id]))
        assert _has(picture.around(idle, 1), BASE.ground, 8)
    assert web.errors == [] and web.external == []


def test_the_status_map_and_a_municipality_on_its_page(under_policy):
    web = under_policy
    web.goto(PAGES["status"])
    adopting = {c.org for m in LANDSCAPE.modules.values() for c in m.consumers} & set(SHAPES)
    picture = Map(web.page)
    idle = next(m for m in sorted(SHAPES) if m not in adopting)
    assert _has(picture.around(idle, 1), CLASS_BASE.ground, 8)
    busiest = max(sorted(adopting), key=lambda o: sum(
        any(c.org == o for c in m.consumers) for m in LANDSCAPE.modules.values()))
    assert _has(picture.around(busiest, 1), "#081d58", 16)  # the darkest class
    org = PAGES["organisation"].split("/")[1]
    web.goto(PAGES["organisation"])
    assert _has(Map(web.page).around(org), PAINTS["trekker"].ink)
    assert web.errors == [] and web.external == []


def test_the_map_shows_without_javascript(browser, base_url):
    context, web = open_session(browser, base_url, java_script_enabled=False)
    try:
        module_id, org = EXAMPLES["trekker"]
        web.goto(f"modules/{module_id}/")
        assert _has(Map(web.page).around(org), PAINTS["trekker"].ink)
    finally:
        context.close()


def test_every_municipality_keeps_its_name_for_the_hover_text(web):
    """Chromium shows an element's own <title> as the tooltip of a shape copied by a
    <use>, unless the <use> has a title of its own (SVGElement::title())."""
    module_id, _ = EXAMPLES["trekker"]
    web.goto(f"modules/{module_id}/")
    assert web.page.locator("svg.rt-kaart-svg use title").count() == 0
    shared = web.page.evaluate(
        """async () => {
             const href = document.querySelector('svg.rt-kaart-svg use').href.baseVal.split('#')[0];
             const doc = new DOMParser().parseFromString(await (await fetch(href)).text(), 'image/svg+xml');
             return [...doc.querySelectorAll('#kaart > path')]
               .map(p => [p.id, p.querySelector('title').textContent]);
           }"""
    )
    assert len(shared) == 342
    assert ["gm0363", "Amsterdam"] in shared


@pytest.mark.parametrize("kind", ["module", "status", "organisation"])
def test_the_map_fits_a_phone_and_is_labelled(browser, base_url, kind):
    context, web = open_session(browser, base_url, viewport={"width": 390, "height": 844})
    try:
        web.goto(PAGES[kind])
        svg = web.page.locator("svg.rt-kaart-svg")
        box = svg.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        name = web.page.evaluate(
            """() => { const s = document.querySelector('svg.rt-kaart-svg');
                       return document.getElementById(s.getAttribute('aria-labelledby')).textContent; }"""
        )
        assert name.startswith("Kaart van")
        assert "Bron: CBS / PDOK" in web.page.locator("figure.rt-kaart").inner_text()
        violations = web.axe()
        assert violations == [], format_violations(violations)
        ARTIFACTS.mkdir(exist_ok=True)
        web.page.locator("figure.rt-kaart").screenshot(path=str(ARTIFACTS / f"kaart-{kind}-390.png"))
    finally:
        context.close()
