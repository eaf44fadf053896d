"""Benchmark: `retratstoliped check` against merely parsing the same YAML with libyaml.

    .venv/bin/python bench/bench_check.py [--sizes 1000 5000] [--organisations 342]
                                          [--repeat 5] [--out bench/results/check.md]
                                          [--parse-only]

For each size a synthetic landscape (generator/synth.py, seed 1) is written to a
temporary folder. Then, after one warm-up run each, it times with
time.perf_counter, first in-process:

(a) parse: read every YAML file of the folder and yaml.load(text, Loader=CSafeLoader),
    nothing else;
(b) check: generator.model.check_model(folder), the whole check (load with marks,
    schema, every rule), which must find no problem in the synthetic model;

then as whole processes, start-up included (what an editor and pre-commit feel),
the two runs taking turns so that a busy machine slows both alike:

(c) parse process: a fresh ``python -c`` that imports yaml and does (a);
(d) check process: the installed ``retratstoliped check FOLDER`` console script,
    which must exit 0.

For the processes it also reports their CPU time (user + system, from
getrusage), which a machine busy with other work disturbs less than wall time.

It prints and writes Markdown tables with the best and median of --repeat runs.
The goal is check <= 2x parse, both in-process and as whole processes.
--parse-only skips (b) and (d).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = 1
# The parse-only process: (a) with nothing imported that it does not need.
PARSE_PROCESS = """\
import sys
from pathlib import Path

import yaml

for path in sorted(Path(sys.argv[1]).rglob("*")):
    if path.suffix in (".yaml", ".yml") and path.is_file():
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


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
    parse_process: list[float]
    check_process: list[float] | None
    parse_cpu: list[float]
    check_cpu: list[float] | None


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


def check_command() -> list[str]:
    """The installed console script an editor runs, or the same entry point through python."""
    script = Path(sys.executable).parent / "retratstoliped"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from generator.cli import main; main()"]


def _children_cpu() -> float:
    """CPU seconds (user + system) of every child process waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_process(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one whole process, start-up included; it must exit 0."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()}")
    return elapsed, _children_cpu() - cpu


def process_timings(
    commands: list[list[str]], repeat: int
) -> tuple[list[list[float]], list[list[float]]]:
    """Wall and CPU seconds per whole-process run of each command, after one untimed
    warm-up each.

    The commands take turns, so a load that comes and goes hits each of them alike.
    """
    for command in commands:
        run_process(command)  # warm-up: file cache, byte code
    wall: list[list[float]] = [[] for _ in commands]
    cpu: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for i, command in enumerate(commands):
            seconds, cpu_seconds = run_process(command)
            wall[i].append(seconds)
            cpu[i].append(cpu_seconds)
    return wall, cpu


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
        commands = [[sys.executable, "-c", PARSE_PROCESS, str(folder)]]
        if with_check:
            commands.append([*check_command(), "check", str(folder)])
        wall, cpu = process_timings(commands, repeat)
    return Row(
        size, len(documents), dependencies, adoptions, synth, parse, check,
        wall[0], wall[1] if with_check else None, cpu[0], cpu[1] if with_check else None,
    )


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


def _ratio(
    check: list[float] | None, parse: list[float], pick: Callable[[list[float]], float]
) -> str:
    """check / parse under ``pick`` (min or median), or a dash."""
    if check is None:
        return "–"
    return f"{pick(check) / pick(parse):.2f}×"


def load_average() -> str:
    """The 1-minute load average, or a dash where the system has none."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except (AttributeError, OSError):
        return "–"


def report(rows: list[Row], organisations: int, repeat: int, load: tuple[str, str]) -> str:
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
        f"Machine: {machine}; load average {load[0]} when it started, {load[1]} when it ended "
        f"(other work slows wall times; CPU times suffer less).",
        (
            f"Synthetic models of {organisations} municipalities (seed {SEED}); times are the "
            f"best and the median of {repeat} runs after a warm-up. "
            "Goal: check ≤ 2× parse, in-process and as whole processes."
        ),
        "",
        "In-process: `check_model(folder)` against `yaml.load(..., Loader=CSafeLoader)` "
        "of every file, imports already done.",
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
            f"| {_ratio(row.check, row.parse, min)} "
            f"| {_ratio(row.check, row.parse, statistics.median)} |"
        )
    lines += [
        "",
        "Whole processes, start-up included: `retratstoliped check FOLDER` against "
        "`python -c` importing yaml and parsing every file the same way "
        "(the two take turns).",
        "",
        "| modules | parse process (s) best / median | check process (s) best / median "
        "| check / parse (best) | check / parse (median) "
        "| CPU (s) parse / check, best | check / parse (CPU, best) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        cpu = f"{min(row.parse_cpu):.3f} / " + (
            f"{min(row.check_cpu):.3f}" if row.check_cpu else "–"
        )
        lines.append(
            f"| {row.modules:,} | {_seconds(row.parse_process)} | {_seconds(row.check_process)} "
            f"| {_ratio(row.check_process, row.parse_process, min)} "
            f"| {_ratio(row.check_process, row.parse_process, statistics.median)} "
            f"| {cpu} | {_ratio(row.check_cpu, row.parse_cpu, min)} |"
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

    load_before = load_average()
    rows = []
    for size in args.sizes:
        row = measure(size, args.organisations, args.repeat, not args.parse_only)
        rows.append(row)
        print(
            f"{size:>6} modules, {row.files} files: synthesize {row.synth:.2f} s, "
            f"parse {_seconds(row.parse)} s, check {_seconds(row.check)} s, "
            f"check/parse {_ratio(row.check, row.parse, min)} "
            f"(median {_ratio(row.check, row.parse, statistics.median)}); "
            f"whole processes: parse {_seconds(row.parse_process)} s, "
            f"check {_seconds(row.check_process)} s, "
            f"check/parse {_ratio(row.check_process, row.parse_process, min)} "
            f"(median {_ratio(row.check_process, row.parse_process, statistics.median)}; "
            f"CPU {_ratio(row.check_cpu, row.parse_cpu, min)})",
            flush=True,
        )
    text = report(rows, args.organisations, args.repeat, (load_before, load_average()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
