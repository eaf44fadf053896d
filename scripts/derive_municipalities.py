#!/usr/bin/env python3
"""Derive ``generator/data/gemeenten.csv``: the municipalities of 2025 and the former ones.

Stdlib only and deterministic (same input, same bytes), so the asset can be
reproduced and a test can tell when it is stale::

    python3 scripts/derive_municipalities.py            # writes the asset
    python3 scripts/derive_municipalities.py --check    # exit 1 when it differs

Sources (read-only, beside the clone in ``../shared/data``; see their SOURCE.txt):

- ``kaart/gemeente_2025.topojson``: the 342 municipalities of 2025 (CBS code,
  ``statnaam``). These are the current rows, with the CBS spelling of the name.
- ``gemeenten/rvig_tabel33_gemeententabel.utf8.csv``: RvIG table 33, every
  municipality code with its end date and "Nieuwe code" after a merger. Every code
  that is not a municipality of 2025 becomes a former row; its successor is found by
  following "Nieuwe code" until a 2025 code. Table 33 ends on 2022-01-01, so mergers
  from 2023 on (Brielle, Hellevoetsluis and Westvoorne into Voorne aan Zee) are not
  in it: such a code is still known as "not a municipality of 2025", without a
  successor. The administrative codes that never were a municipality (0000
  Onbekend, 0997-0999 "Niet GBA", 1999 RNI) are left out.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "generator" / "data" / "gemeenten.csv"

#: Codes in table 33 that name a register, not a municipality.
NOT_MUNICIPALITIES = {"0000", "0997", "0998", "0999", "1999"}

HEADER = """\
# Gemeenten van 2025 en voormalige gemeentecodes. Gegenereerd door
# scripts/derive_municipalities.py; niet met de hand wijzigen.
# Bronnen: CBS / PDOK (gemeente_2025, via cartomap/nl) voor de 342 gemeenten van 2025;
# RvIG Landelijke Tabel 33 (stand 2022-01-01) voor voormalige codes en opvolgers.
# Tabel 33 eindigt op 2022-01-01: samenvoegingen vanaf 2023 (zoals Voorne aan Zee)
# ontbreken, dus een voormalige code zonder opvolger is wel bekend als "geen gemeente
# van 2025", maar de opvolger is onbekend.
# Kolommen: code (CBS, kleine letters), naam, status (2025 of voormalig),
# opvolger (gemeente van 2025, leeg als onbekend), einde (datum einde uit tabel 33).
"""


def municipalities_2025(topojson: Path) -> dict[str, str]:
    """CBS code (``gm0363``) -> name of every municipality of 2025."""
    topology = json.loads(topojson.read_text(encoding="utf-8"))
    geometries = topology["objects"]["gemeente_2025"]["geometries"]
    return {g["properties"]["statcode"].lower(): g["properties"]["statnaam"] for g in geometries}


def former_rows(table33: Path, current: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(code, name, successor, end date) of every table-33 code that is not of 2025."""
    with table33.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    new_code = {r["92.10 Gemeentecode"]: r["92.12 Nieuwe code"] for r in rows}
    out = []
    for row in rows:
        number = row["92.10 Gemeentecode"]
        code = "gm" + number
        if number in NOT_MUNICIPALITIES or code in current:
            continue
        successor, seen = new_code.get(number, ""), {number}
        while successor and "gm" + successor not in current and successor not in seen:
            seen.add(successor)
            successor = new_code.get(successor, "")
        successor_code = "gm" + successor if successor and "gm" + successor in current else ""
        end = row["99.99 Datum einde"]
        end_iso = f"{end[:4]}-{end[4:6]}-{end[6:]}" if end else ""
        out.append((code, row["92.11 Omschrijving"], successor_code, end_iso))
    return out


def derive(data: Path) -> str:
    """The text of the asset."""
    current = municipalities_2025(data / "kaart" / "gemeente_2025.topojson")
    if len(current) != 342:
        raise SystemExit(f"expected 342 municipalities of 2025, found {len(current)}")
    former = former_rows(data / "gemeenten" / "rvig_tabel33_gemeententabel.utf8.csv", current)
    buffer = io.StringIO()
    buffer.write(HEADER)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "naam", "status", "opvolger", "einde"])
    for code in sorted(current):
        writer.writerow([code, current[code], "2025", "", ""])
    for code, name, successor, end in sorted(former):
        writer.writerow([code, name, "voormalig", successor, end])
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=OUT, help="where the asset goes")
    parser.add_argument("--check", action="store_true", help="exit 1 when the asset is stale")
    args = parser.parse_args(argv)
    text = derive(args.data)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out}: stale; run scripts/derive_municipalities.py", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
