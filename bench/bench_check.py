"""Benchmark: `retratstoliped check` against merely parsing the same YAML with libyaml.

    .venv/bin/python bench/bench_check.py [--sizes 1000 5000] [--organisations 342]
                                          [--repeat 5] [--out bench/results/check.md]

For each size a synthetic landscape is written to a temporary folder; then, after
one warm-up each, it times (a) reading and parsing every file with
yaml.load(..., CSafeLoader), nothing else, and (b) the whole check
(load with marks, schema, every rule). Best and median of --repeat runs. The
goal is check <= 2x parse.
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
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.model import check_model  # noqa: E402
from generator.synth import synthesize  # noqa: E402


def parse_only(folder: Path) -> int:
    """Read and parse every YAML file; returns the number of files."""
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml"))
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return len(files)


def full_check(folder: Path) -> int:
    result = check_model(folder)
    if result.problems:
        raise SystemExit(f"synthetic model is not clean: {result.problems[:3]}")
    return result.files


def timings(func, folder: Path, repeat: int) -> list[float]:
    func(folder)  # warm-up: file cache, imports
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(folder)
        runs.append(time.perf_counter() - start)
    return runs


def edges(folder: Path) -> tuple[int, int]:
    """(dependency edges, adoption edges) of a model."""
    landscape = check_model(folder).landscape
    assert landscape is not None
    deps = sum(len(m.depends_on) for m in landscape.modules.values())
    adoptions = sum(len(m.consumers) for m in landscape.modules.values())
    return deps, adoptions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--organisations", type=int, default=342)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("bench/results/check.md"))
    args = parser.parse_args()

    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "modules"
            synthesize(folder, modules=size, organisations=args.organisations, seed=1)
            deps, adoptions = edges(folder)
            parse = timings(parse_only, folder, args.repeat)
            check = timings(full_check, folder, args.repeat)
            files = parse_only(folder)
        row = (size, files, deps, adoptions, min(parse), statistics.median(parse),
               min(check), statistics.median(check))
        rows.append(row)
        print(
            f"{size:>6} modules: parse {min(parse):.3f} s, check {min(check):.3f} s, "
            f"ratio {min(check) / min(parse):.2f}x (median {statistics.median(check) / statistics.median(parse):.2f}x)",
            flush=True,
        )

    lines = [
        "# `retratstoliped check` against parsing alone",
        "",
        f"Made by `bench/bench_check.py` on {dt.date.today().isoformat()}: Python "
        f"{platform.python_version()}, libyaml {'yes' if yaml.__with_libyaml__ else 'no'}, "
        f"{os.cpu_count()} cores, {args.organisations} municipalities, best of {args.repeat} runs "
        "after a warm-up. Goal: check ≤ 2× parse.",
        "",
        "| modules | files | dependency edges | adoption edges | parse (s) | check (s) "
        "| check / parse (best) | check / parse (median) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, files, deps, adoptions, p_best, p_med, c_best, c_med in rows:
        lines.append(
            f"| {size:,} | {files:,} | {deps:,} | {adoptions:,} | {p_best:.3f} | {c_best:.3f} "
            f"| {c_best / p_best:.2f}× | {c_med / p_med:.2f}× |"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
