"""Benchmark: the exports for other tools (GraphML, DOT, ArchiMate) at scale.

    .venv/bin/python bench/bench_exports.py [--sizes 1000 5000] [--organisations 342]
                                            [--out bench/results/exports.md]

For each size a synthetic landscape is written (`retratstoliped synth`); it measures,
in-process, each export's time (best of three) and size beside the rest of
``build_site`` (the pages MkDocs is handed, one process, without a drawing cache),
and as a whole process ``retratstoliped export --format F --out FILE`` (check
included) with its peak memory from /usr/bin/time -v.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.graph import LandscapeGraph  # noqa: E402
from generator.model import load_landscape  # noqa: E402
from generator.outputs.exports import EXPORTS  # noqa: E402
from generator.site import build_site  # noqa: E402
from generator.synth import synthesize  # noqa: E402
from generator.views.common import Index  # noqa: E402

BIN = Path(sys.executable).parent


def best_of(runs: int, work) -> tuple[float, str]:
    """The shortest wall time of ``runs`` calls of ``work`` and its (last) result."""
    best, result = float("inf"), ""
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def whole_process(model: Path, fmt: str, out: Path) -> tuple[float, int]:
    """(wall seconds, peak resident MB) of the export command."""
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-v", str(BIN / "retratstoliped"), "export", str(model), "--format", fmt,
         "--out", str(out)],
        capture_output=True, text=True, check=False,
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"export {fmt} failed:\n{done.stderr[-2000:]}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return wall, int(peak.group(1)) // 1024 if peak else 0


def measure(work: Path, modules: int, organisations: int) -> list[dict]:
    model = work / f"m{modules}"
    synthesize(model, modules=modules, organisations=organisations, seed=0)
    landscape = load_landscape(model)
    index = Index(landscape, LandscapeGraph(landscape))
    start = time.perf_counter()
    build_site(landscape, workers=1)
    site = time.perf_counter() - start
    dependencies = sum(len(m.depends_on) for m in landscape.modules.values())
    rows = []
    for e in EXPORTS:
        seconds, text = best_of(3, lambda e=e: e.write(index))
        wall, peak = whole_process(model, e.format, work / f"out-{modules}.{e.format}")
        rows.append({
            "modules": modules, "dependencies": dependencies, "format": e.format, "path": e.path,
            "seconds": seconds, "bytes": len(text.encode("utf-8")), "site": site,
            "command": wall, "peak": peak,
        })
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| modules | dependencies | file | export (s) | size (MB) | share of build_site | "
        "`export` command (s) | peak memory (MB) |",
        "|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['modules']:,} | {r['dependencies']:,} | `{r['path']}` | {r['seconds']:.2f} | "
            f"{r['bytes'] / 1e6:.1f} | {100 * r['seconds'] / r['site']:.1f} % of {r['site']:.1f} s | "
            f"{r['command']:.1f} | {r['peak']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--organisations", type=int, default=342)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "exports.md")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        rows = [r for n in args.sizes for r in measure(Path(tmp), n, args.organisations)]
    load_after = os.getloadavg()[0]
    text = (
        "# Exports at scale\n\n"
        f"Made by `bench/bench_exports.py` on {dt.date.today().isoformat()}: Python "
        f"{platform.python_version()}, {os.cpu_count()} cores, {args.organisations} "
        f"organisations. Load average {load_before:.1f} before the run, {load_after:.1f} after.\n\n"
        + table(rows)
        + "\n\n*export*: the writer alone, in-process, best of three. *share of build_site*: that "
        "time against one `build_site` of the same landscape (every generated page and file, one "
        "process, no drawing cache), which includes it. *`export` command*: the whole process "
        "(start-up, check, graph, writer, atomic write).\n"
    )
    args.out.write_text(text, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
