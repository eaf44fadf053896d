"""Benchmark: the full site build against a bare mkdocs-material site of as many pages.

    .venv/bin/python bench/bench_build.py [--sizes 100 1000 5000] [--organisations 342]
                                          [--out bench/results/build.md]

For each size a synthetic landscape is written into a temporary project (our
content/, site_theme/ and mkdocs.yml); it measures `retratstoliped check`, the
full `mkdocs build --strict` (wall time and peak memory from /usr/bin/time -v),
the output size, the largest page and the whole-landscape graph page. In the
same run it builds the floor: stock mkdocs-material (same theme options and a
small navigation, like ours) with the same number of plain pages. Writes a
Markdown table and, when matplotlib is installed (`pip install -e .[bench]`),
a PNG of build time against module count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.synth import synthesize  # noqa: E402

BIN = Path(sys.executable).parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
BARE_CONFIG = """site_name: Floor
docs_dir: docs
theme:
  name: material
  language: nl
  font: false
  features: [navigation.prune]
plugins:
  - search:
      lang: nl
nav:
  - index.md
not_in_nav: |
  /p/*.md
"""


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """(wall seconds, peak resident KB) of a command, from /usr/bin/time -v."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", *command], cwd=cwd, env=ENV, capture_output=True, text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    hours, minutes, seconds = wall.groups()
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds), peak


def site_size(site: Path) -> tuple[int, int, str]:
    """(total bytes, largest HTML page bytes, its path)."""
    total, largest, where = 0, 0, ""
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html" and size > largest:
                largest, where = size, path.relative_to(site).as_posix()
    return total, largest, where


REBUILD = """
import logging, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.disable(logging.WARNING)
project, module = Path(sys.argv[1]), Path(sys.argv[2])
def run(first=False):
    # as mkdocs serve --dirty does: a fresh config per build; plugins with
    # on_startup (ours) are kept between builds and told the command once
    config = load_config(config_file=str(project / "mkdocs.yml"), strict=False,
                         site_dir=str(project / "live"))
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    start = time.perf_counter()
    build(config, dirty=True)
    return time.perf_counter() - start
run(first=True)
text = module.read_text(encoding="utf-8")
module.write_text(text.replace("\\nname: ", "\\nname: Hernoemd ", 1), encoding="utf-8")
print(run())
"""


def rebuild(project: Path) -> float:
    """Seconds of the live server's rebuild (``--dirty``, same process) after one module is renamed."""
    module = sorted((project / "modules").rglob("*.yaml"))[-1]
    done = subprocess.run(
        [sys.executable, "-c", REBUILD, str(project), str(module)],
        cwd=project, env=ENV, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"rebuild failed:\n{done.stderr[-2000:]}")
    return float(done.stdout.split()[-1])


def our_build(work: Path, modules: int, organisations: int) -> dict:
    project = work / "ours"
    synthesize(project / "modules", modules=modules, organisations=organisations, seed=1)
    for name in ("content", "site_theme"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    check, _ = timed([str(BIN / "retratstoliped"), "check", "modules"], project)
    build, peak = timed([str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", "site"], project)
    # again, with the layouts the first build kept (what CI gets when it restores the cache)
    warm, _ = timed([str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", "site-warm"], project)
    total, largest, where = site_size(project / "site")
    pages = sum(1 for _ in (project / "site").rglob("*.html"))
    graph = (project / "site" / "afhankelijkheden" / "index.html").stat().st_size
    search = (project / "site" / "search" / "search_index.json").stat().st_size
    return dict(check=check, build=build, peak=peak, total=total, largest=largest,
                largest_at=where, pages=pages, graph=graph, search=search, rebuild=rebuild(project),
                warm=warm)


def bare_build(work: Path, pages: int) -> float:
    project = work / "bare"
    (project / "docs" / "p").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(BARE_CONFIG, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Floor\n", encoding="utf-8")
    text = "Een module van de menukaart met een korte beschrijving en een tabel.\n\n"
    for i in range(pages - 1):
        (project / "docs" / "p" / f"{i}.md").write_text(
            f"# Pagina {i}\n\n{text}| a | b |\n|---|---|\n| {i} | {i * 2} |\n", encoding="utf-8"
        )
    build, _ = timed([str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", "site"], project)
    return build


def plot(rows: list[dict], out: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    sizes = [r["modules"] for r in rows]
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    ax.plot(sizes, [r["build"] for r in rows], marker="o", label="Retratstoliped")
    ax.plot(sizes, [r["bare"] for r in rows], marker="s",
            label="kale mkdocs-material, zelfde aantal pagina's")
    ax.set_xlabel("modules")
    ax.set_ylabel("bouwtijd (s)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    from matplotlib.ticker import NullFormatter, ScalarFormatter

    for axis in (ax.xaxis, ax.yaxis):  # plain numbers, not powers of ten
        axis.set_major_formatter(ScalarFormatter())
        axis.set_minor_formatter(NullFormatter())
    ax.set_xticks(sizes)
    times = [t for r in rows for t in (r["build"], r["bare"])]
    ax.set_yticks([t for t in (1, 2, 5, 10, 20, 50, 100, 200, 500) if min(times) / 2 <= t <= max(times) * 2])
    ax.grid(True, which="both", alpha=.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, metadata={"Software": None})
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--organisations", type=int, default=342)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "build.md")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            row = our_build(Path(tmp), size, args.organisations)
            row["bare"] = bare_build(Path(tmp), row["pages"])
        row["modules"] = size
        rows.append(row)
        print(f"{size:>5} modules: check {row['check']:.1f} s, build {row['build']:.1f} s, "
              f"warm {row['warm']:.1f} s "
              f"(bare {row['bare']:.1f} s, {row['build'] / row['bare']:.2f}x), peak "
              f"{row['peak'] / 1024:.0f} MB, largest page {row['largest'] / 1024:.0f} KB "
              f"({row['largest_at']}), graph page {row['graph'] / 1024:.0f} KB, "
              f"serve rebuild {row['rebuild']:.1f} s", flush=True)
    lines = [
        "# Build at scale",
        "",
        f"Made by `bench/bench_build.py` on {dt.date.today().isoformat()}: Python "
        f"{platform.python_version()}, {os.cpu_count()} cores, {args.organisations} municipalities, "
        "one run per size (wall time of the whole command). Targets: build ≤ 1.3× the bare floor, "
        "t(5,000)/t(1,000) ≤ 5.5, peak memory ≤ 1.5 GB, largest page ≤ 150 KB, graph page ≤ 2 MB. "
        f"Load average {load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after.",
        "",
        "| modules | pages | check (s) | build (s) | bare floor (s) | build / floor "
        "| warm cache build (s) | warm / floor | peak memory (MB) "
        "| site (MB) | largest page (KB) | graph page (KB) | search index (MB) | serve rebuild (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['modules']:,} | {r['pages']:,} | {r['check']:.1f} | {r['build']:.1f} | {r['bare']:.1f} "
            f"| {r['build'] / r['bare']:.2f}× | {r['warm']:.1f} | {r['warm'] / r['bare']:.2f}× "
            f"| {r['peak'] / 1024:.0f} | {r['total'] / 2**20:.1f} "
            f"| {r['largest'] / 1024:.0f} (`{r['largest_at']}`) | {r['graph'] / 1024:.0f} "
            f"| {r['search'] / 2**20:.1f} | {r['rebuild']:.1f} |"
        )
    by_size = {r["modules"]: r for r in rows}
    if 1000 in by_size and 5000 in by_size:
        lines += ["", f"Growth t(5,000)/t(1,000) = {by_size[5000]['build'] / by_size[1000]['build']:.2f}."]
    lines += [
        "",
        "*serve rebuild*: what an editor waits for under `make serve` (`mkdocs serve --dirty`) after "
        "renaming one module: the same process builds once, then again after the edit; only pages "
        "whose generated text changed are redone, and unchanged pictures are not redrawn.",
        "",
        "*build* starts without the drawing cache (`.cache/retratstoliped`); *warm cache build* is "
        "the same build again with the layouts the first one kept, as CI runs when it restores "
        "the cache. The load average before and after the run is in the line above the table: "
        "other work on the machine slows every column, the floor included.",
    ]
    png = args.out.with_suffix(".png")
    if plot(rows, png):
        lines += ["", f"![Bouwtijd tegen aantal modules]({png.name})"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
