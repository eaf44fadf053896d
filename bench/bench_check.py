"""Benchmark: `retratstoliped check` against merely parsing the same YAML with libyaml.

    .venv/bin/python bench/bench_check.py [--sizes 1000 5000] [--organisations 342]
                                          [--repeat 5] [--out bench/results/check.md]
                                          [--parse-only]

For each size a synthetic landscape (generator/synth.py, seed 1) is written to a
temporary folder. Then, in-process and after one warm-up run each, it times with
time.perf_counter:

(a) parse: read every YAML file of the folder and yaml.load(text, Loader=CSafeLoader),
    nothing else;
(b) check: generator.model.check_model(folder), the whole check (load with marks,
    schema, every rule), which must find no problem in the synthetic model.

It prints and writes a Markdown table with the best and median of --repeat runs.
The goal is check <= 2x parse. --parse-only skips (b).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = 1


@dataclass
class Row:
    """The measurements for one model size."""

    modules: int
    files: int
    dependencies: int
    adoptions: int
    synth: float
    parse: list[float]
    check: list[float] | None


def yaml_files(folder: Path) -> list[Path]:
    """Every ``*.yaml`` / ``*.yml`` file below ``folder``, sorted."""
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def parse_only(folder: Path) -> list[object]:
    """Reads and parses every YAML file with libyaml; no validation at all.

    Returns:
        The parsed documents, in file order.
    """
    return [
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for path in yaml_files(folder)
    ]


def full_check(folder: Path) -> int:
    """Runs the whole check and insists that the synthetic model is clean.

    Returns:
        The number of files the check read.
    """
    from generator.model import check_model  # lazily: only this part needs the checker

    result = check_model(folder)
    if result.problems:
        shown = "\n".join(str(p) for p in result.problems[:5])
        raise SystemExit(f"the synthetic model has {len(result.problems)} problem(s):\n{shown}")
    return result.files


def timings(func: Callable[[Path], object], folder: Path, repeat: int) -> list[float]:
    """Seconds per run of ``func(folder)``, after one untimed warm-up run."""
    func(folder)  # warm-up: file cache, imports, lazily built schemas
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(folder)
        runs.append(time.perf_counter() - start)
    return runs


def edges(documents: list[object]) -> tuple[int, int]:
    """Counts (dependency edges, adoption edges) in parsed module documents."""
    dependencies = adoptions = 0
    for doc in documents:
        if isinstance(doc, dict) and "status" in doc:
            dependencies += len(doc.get("depends_on") or [])
            adoptions += len(doc.get("consumers") or [])
    return dependencies, adoptions


def measure(size: int, organisations: int, repeat: int, with_check: bool) -> Row:
    """Synthesizes a model of ``size`` modules in a temporary folder and times it."""
    from generator.synth import synthesize

    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        folder = Path(tmp) / "modules"
        start = time.perf_counter()
        synthesize(folder, modules=size, organisations=organisations, seed=SEED)
        synth = time.perf_counter() - start
        documents = parse_only(folder)
        dependencies, adoptions = edges(documents)
        parse = timings(parse_only, folder, repeat)
        check = timings(full_check, folder, repeat) if with_check else None
    return Row(size, len(documents), dependencies, adoptions, synth, parse, check)


def cores() -> int:
    """The number of CPUs this process may use (what ``nproc`` prints)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _seconds(runs: list[float] | None) -> str:
    """``best / median`` in seconds, or a dash."""
    if runs is None:
        return "–"
    return f"{min(runs):.3f} / {statistics.median(runs):.3f}"


def _ratio(row: Row, pick: Callable[[list[float]], float]) -> str:
    """check / parse under ``pick`` (min or median), or a dash."""
    if row.check is None:
        return "–"
    return f"{pick(row.check) / pick(row.parse):.2f}×"


def report(rows: list[Row], organisations: int, repeat: int) -> str:
    """The Markdown report: the machine, then one table row per size."""
    libyaml = "yes" if yaml.__with_libyaml__ else "no"
    machine = (
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"PyYAML {yaml.__version__}, libyaml {libyaml}, nproc {cores()}, "
        f"{platform.system()} {platform.machine()}"
    )
    lines = [
        "# `retratstoliped check` against parsing alone",
        "",
        f"Made by `bench/bench_check.py` on {dt.date.today().isoformat()}.",
        f"Machine: {machine}.",
        (
            f"Synthetic models of {organisations} municipalities (seed {SEED}); times are the "
            f"best and the median of {repeat} in-process runs after a warm-up. "
            "Goal: check ≤ 2× parse."
        ),
        "",
        (
            "| modules | files | dependency edges | adoption edges | synthesize (s) "
            "| parse (s) best / median | check (s) best / median "
            "| check / parse (best) | check / parse (median) |"
        ),
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.modules:,} | {row.files:,} | {row.dependencies:,} | {row.adoptions:,} "
            f"| {row.synth:.2f} | {_seconds(row.parse)} | {_seconds(row.check)} "
            f"| {_ratio(row, min)} | {_ratio(row, statistics.median)} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Runs the benchmark and writes the report."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--organisations", type=int, default=342)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "check.md")
    parser.add_argument("--parse-only", action="store_true", help="time parsing only")
    args = parser.parse_args(argv)
    if args.repeat < 1 or min(args.sizes) < 1:
        parser.error("--repeat and every size must be at least 1")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # run from a checkout without installing

    rows = []
    for size in args.sizes:
        row = measure(size, args.organisations, args.repeat, not args.parse_only)
        rows.append(row)
        print(
            f"{size:>6} modules, {row.files} files: synthesize {row.synth:.2f} s, "
            f"parse {_seconds(row.parse)} s, check {_seconds(row.check)} s, "
            f"check/parse {_ratio(row, min)} (median {_ratio(row, statistics.median)})",
            flush=True,
        )
    text = report(rows, args.organisations, args.repeat)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
