"""Benchmark of the whole-landscape drawing on /afhankelijkheden/: how readable it is and
what it costs.

    .venv/bin/python bench/bench_landscape_drawing.py [--before 06a0451] [--no-browser]
                                                      [--no-build] [--out bench/results/landscape-drawing.md]

Landscapes: the shipped one (modules/, about 60 modules), the GEMMA-size one (the shipped
modules and every GEMMA reference component, about 245: ``tests/sitebuild.gemma_model``)
and synthetic ones (``retratstoliped synth --modules N --organisations 342``).

1. Layout: exact edge crossings and seconds of the layout as the site drew it before
   (``generator/draw/layout.py`` of commit ``--before``: 6 nodes a row, barycentre sweeps
   judged by crossings, swaps) and now (the drawing's columns and node shape), and the
   same nodes unordered. When Graphviz ``dot`` is on the PATH or python-igraph can be
   imported, each also orders the bands (given as ranks or layers), placed the same way.
2. Sizes at 1,000 and 5,000 modules: the drawing's page and SVG, the largest other page.
3. The full ``mkdocs build --strict`` at 1,000 and 5,000 modules (seed 1, as
   ``bench_build.py``), to hold against ``bench/results/build.md``, and the drawing's
   share of it (picture and page) without and with the layout cache.
4. In headless Chromium at 1,000 modules: from choosing a module or a filter to the next
   frame after the emphasis changed (``performance.now()``), over many choices.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import http.server
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.draw.cache import DrawingCache  # noqa: E402
from generator.draw.landscape import columns_for, shape_for  # noqa: E402
from generator.draw.layout import MARGIN, _Graph, _layout, _place, crossings  # noqa: E402
from generator.graph import LandscapeGraph  # noqa: E402
from generator.model import load_landscape  # noqa: E402
from generator.synth import synthesize  # noqa: E402
from generator.views.common import Index  # noqa: E402
from generator.views.dependencies import dependencies_page, graph_picture  # noqa: E402

BIN = Path(sys.executable).parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def inputs(model: Path):
    """The drawing's input: (id, layer) of every module in scope, the edges, the bands."""
    landscape = load_landscape(model)
    graph = LandscapeGraph(landscape)
    nodes = tuple(sorted((m.id, m.layer) for m in landscape.modules.values() if m.status != "out-of-scope"))
    known = {n for n, _ in nodes}
    edges = tuple(sorted({(a, b) for a, b in graph.graph.edges if a in known and b in known and a != b}))
    return nodes, edges, tuple(layer.id for layer in landscape.layers)


def before_layout(rev: str):
    """``_layout`` of layout.py as it was at ``rev``."""
    source = subprocess.run(["git", "show", f"{rev}:generator/draw/layout.py"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    folder = Path(tempfile.mkdtemp())
    (folder / "layout_before.py").write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("layout_before", folder / "layout_before.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["layout_before"] = module
    spec.loader.exec_module(module)
    return module._layout.__wrapped__


def timed(call):
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def placed(nodes, edges, bands, order: dict[str, list[str]]) -> int:
    """Crossings of a band order from elsewhere, placed as ours places (columns, slots)."""
    columns = columns_for(len(nodes))
    g = _Graph(nodes, edges, bands, columns, dataclasses.astuple(shape_for(columns)))
    lay = _place(g, order, None)
    pitch = g.pitch_x
    for _ in range(2):  # narrow bands under their neighbours, as ours does
        here = {n: (b.x - MARGIN) / pitch for n, b in lay.boxes.items()}
        want = {}
        for n, at in here.items():
            near = g.up[n] + g.down[n] + g.level[n]
            want[n] = sum(here[m] for m in near) / len(near) if near else at
        lay = _place(g, order, want)
    return crossings(lay)


def dot_order(nodes, edges, bands):
    """Graphviz dot's order within each band: one rank per band, edges downwards."""
    rank = {b: i for i, b in enumerate(bands)}
    band_of = dict(nodes)
    lines = ["digraph G {", "node [shape=box,width=1,height=0.3,fixedsize=true];"]
    for i, band in enumerate(bands):
        members = " ".join(f'"{n}";' for n, b in nodes if b == band)
        lines.append(f'"__band{i}" [style=invis]; {{rank=same; "__band{i}"; {members}}}')
    lines += [f'"__band{i}" -> "__band{i + 1}" [style=invis];' for i in range(len(bands) - 1)]
    for a, b in edges:
        up, down = (a, b) if rank[band_of[a]] <= rank[band_of[b]] else (b, a)
        lines.append(f'"{up}" -> "{down}";')
    lines.append("}")
    plain = subprocess.run(["dot", "-Tplain"], input="\n".join(lines), capture_output=True,
                           text=True, check=True).stdout
    rows = (line.split() for line in plain.splitlines())
    x = {p[1].strip('"'): float(p[2]) for p in rows if p[0] == "node"}
    return {b: sorted((n for n, bb in nodes if bb == b), key=lambda n: (x[n], n)) for b in bands}


IGRAPH = """
import json, sys, igraph
nodes, edges, bands = json.load(sys.stdin)
rank = {b: i for i, b in enumerate(bands)}
index = {n: i for i, (n, _) in enumerate(nodes)}
graph = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in edges], directed=True)
coords = graph.layout_sugiyama(layers=[rank[b] for _, b in nodes], maxiter=100).coords
print(json.dumps({n: coords[i][0] for i, (n, _) in enumerate(nodes)}))
"""


def igraph_order(nodes, edges, bands):
    """python-igraph's Sugiyama layout with the bands as its layers (in a process of its
    own: igraph 1.0's Sugiyama layout has crashed on the GEMMA-size input)."""
    if importlib.util.find_spec("igraph") is None:
        raise ImportError("python-igraph is not installed")
    done = subprocess.run([sys.executable, "-c", IGRAPH], input=json.dumps([nodes, edges, bands]),
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise OSError(f"igraph exited with {done.returncode}")
    x = json.loads(done.stdout)
    return {b: sorted((n for n, bb in nodes if bb == b), key=lambda n: (x[n], n)) for b in bands}


def layout_rows(models: dict[str, Path], before_rev: str, libraries: bool) -> list[str]:
    before = before_layout(before_rev)
    rows = ["| landscape | modules | edges | unordered | before | before (s) | now | now (s) |"
            + (" dot | dot (s) | igraph | igraph (s) |" if libraries else ""),
            "|---|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|---:|---:|" if libraries else "")]
    for name, model in models.items():
        nodes, edges, bands = inputs(model)
        columns = columns_for(len(nodes))
        shape = dataclasses.astuple(shape_for(columns))
        old, old_s = timed(lambda: before(nodes, edges, bands, 6, 12))  # noqa: B023
        new, new_s = timed(lambda: _layout.__wrapped__(nodes, edges, bands, columns, 12, shape))  # noqa: B023
        unordered = _layout.__wrapped__(nodes, edges, bands, columns, 0, shape)
        row = (f"| {name} | {len(nodes)} | {len(edges)} | {crossings(unordered):,} | {crossings(old):,} "
               f"| {old_s:.2f} | **{crossings(new):,}** | {new_s:.2f} |")
        if libraries:
            for order in (dot_order, igraph_order):
                try:
                    got, seconds = timed(lambda: order(nodes, edges, bands))  # noqa: B023
                    row += f" {placed(nodes, edges, bands, got):,} | {seconds:.2f} |"
                except (ImportError, OSError, subprocess.CalledProcessError) as error:
                    row += f" – ({error}) | |"
        rows.append(row)
        print(row, flush=True)
    return rows


def build(model: Path, work: Path) -> tuple[Path, float]:
    """A strict build of ``model`` in a fresh project; the site and the seconds."""
    for name in ("content", "site_theme"):
        shutil.copytree(ROOT / name, work / name)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    if not (work / "modules").exists():
        shutil.copytree(model, work / "modules")
    start = time.perf_counter()
    subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", "site"], cwd=work, env=ENV,
                   check=True, capture_output=True)
    return work / "site", time.perf_counter() - start


def sizes(site: Path) -> tuple[int, int, int, str]:
    page = (site / "afhankelijkheden" / "index.html").stat().st_size
    svg = (site / "afhankelijkheden" / "afhankelijkheden.svg").stat().st_size
    largest, where = 0, ""
    for path in site.rglob("*.html"):
        if path.parent.name != "afhankelijkheden" and path.stat().st_size > largest:
            largest, where = path.stat().st_size, str(path.relative_to(site))
    return page, svg, largest, where


def drawing_share(model: Path) -> tuple[float, float]:
    """Seconds of the drawing's picture and page, without and with a warm layout cache."""
    landscape = load_landscape(model)
    graph = LandscapeGraph(landscape)
    folder = Path(tempfile.mkdtemp())
    result = []
    for _ in range(2):
        index = Index(landscape, graph, DrawingCache(folder))
        _layout.cache_clear()
        _, seconds = timed(lambda: dependencies_page(index, graph_picture(index)))  # noqa: B023
        result.append(seconds)
    return result[0], result[1]


MEASURE = """async ([kind, arg]) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  await frame(); await frame();
  const t0 = performance.now();
  if (kind === 'module') {
    document.querySelector(`#rt-landscape a.rt-node[data-id="${arg}"]`)
      .dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
  } else if (kind === 'reset') {
    document.querySelector('form.rt-filters button[name=reset]').click();
  } else {
    const field = document.querySelector(`form.rt-filters [name=${kind}]`);
    if (field.type === 'checkbox') field.checked = !field.checked; else field.value = arg;
    field.dispatchEvent(new Event('change', {bubbles: true}));
  }
  await frame();
  return performance.now() - t0;
}"""


def emphasis(site: Path, rounds: int = 3) -> dict[str, list[float]]:
    """Milliseconds from a choice to the next frame, per kind of choice, at 1920x1080."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/afhankelijkheden/"
    times: dict[str, list[float]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(url)
        ids = page.eval_on_selector_all("#rt-landscape a.rt-node", "a => a.map(x => x.dataset.id)")
        org = page.eval_on_selector_all("select[name=owner] option", "o => o[7].value")
        for r in range(rounds):
            steps = [("reset", "")] + [("module", ids[(97 * k + 13 * r) % len(ids)]) for k in range(6)]
            steps += [("indirect", ""), ("module", ids[(500 + r) % len(ids)]), ("indirect", ""),
                      ("reset", ""), ("status", "available"), ("owner", org), ("role", "adopt"),
                      ("layer", "diensten"), ("module", ids[(300 + r) % len(ids)]), ("status", ""),
                      ("owner", ""), ("role", ""), ("layer", "")]
            for kind, arg in steps:
                label = "filter" if kind in ("owner", "role", "status", "layer") else kind
                times.setdefault(label, []).append(page.evaluate(MEASURE, [kind, arg]))
        browser.close()
    httpd.shutdown()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="06a0451", help="commit of the layout to compare with")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "landscape-drawing.md")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rt-drawing-"))
    sys.path.insert(0, str(ROOT))
    from tests.sitebuild import gemma_model

    gemma = gemma_model(work / "gemma")
    synth = {}
    for n in (1000, 5000):
        synth[n] = work / f"synth-{n}"
        synthesize(synth[n], modules=n, organisations=342, seed=0)
    libraries = bool(shutil.which("dot")) or importlib.util.find_spec("igraph") is not None
    lines = [
        "# The whole-landscape drawing",
        "",
        f"Made by `bench/bench_landscape_drawing.py` on {dt.date.today().isoformat()}: Python "
        f"{platform.python_version()}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f} at the start.",
        "",
        "## Layout: crossings and seconds",
        "",
        f"Exact crossings of the straight edges as drawn (each at its own place on a node's side). *before*: "
        f"`layout.py` of {args.before}, 6 nodes a row, as `retratstoliped graph --full` drew it. "
        "*now*: the drawing's columns and nodes. *dot*, *igraph*: the bands ordered by Graphviz "
        "dot or by python-igraph's Sugiyama layout (bands given as ranks or layers), placed as ours.",
        "",
    ]
    lines += layout_rows({"shipped": ROOT / "modules", "GEMMA-size": gemma, "synth 1,000": synth[1000]},
                         args.before, libraries)
    if not args.no_build:
        lines += ["", "## Sizes and build time", "",
                  "| modules | drawn | page (KB) | SVG (KB) | page + SVG (KB) | largest other page (KB) "
                  "| build --strict (s) | drawing, cold (s) | drawing, cached (s) |",
                  "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
        sites = {}
        for n in (1000, 5000):
            site, seconds = build(synth[n], work / f"site-{n}")
            sites[n] = site
            page, svg, largest, where = sizes(site)
            cold, warm = drawing_share(synth[n])
            drawn = "per layer" if n > 1000 else "every module"
            row = (f"| {n:,} | {drawn} | {page // 1024} | {svg // 1024} | {(page + svg) // 1024} "
                   f"| {largest // 1024} (`{where}`) | {seconds:.1f} | {cold:.2f} | {warm:.2f} |")
            lines.append(row)
            print(row, flush=True)
        seeded = work / "seed-1"
        for n in (1000, 5000):
            synthesize(seeded / f"m{n}" / "modules", modules=n, organisations=342, seed=1)
            _, seconds = build(seeded / f"m{n}" / "modules", seeded / f"m{n}")
            lines.append(f"\nFull strict build at {n:,} modules with seed 1 (as `bench_build.py`): "
                         f"{seconds:.1f} s (load average {os.getloadavg()[0]:.1f} after it).")
            print(lines[-1], flush=True)
        if not args.no_browser:
            times = emphasis(sites[1000])
            lines += ["", "## Emphasis at 1,000 modules (headless Chromium, 1920x1080)", "",
                      "From the choice (a click on a node, a filter, *ook indirect*, *Alles tonen*) to "
                      "the next frame after the emphasis changed, in milliseconds.", "",
                      "| choice | n | median | max |", "|---|---:|---:|---:|"]
            for kind, values in times.items():
                lines.append(f"| {kind} | {len(values)} | {statistics.median(values):.0f} "
                             f"| {max(values):.0f} |")
            every = [v for values in times.values() for v in values]
            lines.append(f"| all | {len(every)} | {statistics.median(every):.0f} | {max(every):.0f} |")
            print("\n".join(lines[-len(times) - 2:]), flush=True)
    lines.append(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}.")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
