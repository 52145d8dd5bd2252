"""Duplicate benchmark: precision and recall of the matcher on real, labelled pairs.

    .venv/bin/python -m bench.duplicates                 # the committed set, print the results
    .venv/bin/python -m bench.duplicates --write-docs    # and record them in docs/benchmarks.md
    .venv/bin/python -m bench.duplicates --with-ids      # let the matcher see the UPRNs too

The set is ``tests/fixtures/duplicates/gla_pairs.csv`` (how it was made: README.md there): pairs
of records from the GLA Cultural Infrastructure Map labelled "same" (one venue), "different" or
"unsure" (left out). A pair counts as predicted a duplicate when ``assets_registry.matching.compare``
decides "same" or "likely" (both stop an import from publishing it). By default the matcher does
not see the UPRN: the true pairs were found by it, and most sources have no such id.
Targets (issue 14): precision >= 0.98, recall >= 0.95. No database, no Django: pure functions.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "fixtures" / "duplicates" / "gla_pairs.csv"
PRECISION_TARGET, RECALL_TARGET = 0.98, 0.95


@dataclass
class Result:
    tp: int
    fp: int
    fn: int
    tn: int
    unsure: int
    misses: list  # (row, match) of true pairs not caught
    false_alarms: list  # (row, match) of different pairs called duplicates
    by_origin: dict

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_pairs(path: Path = PAIRS) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def place(row: dict, side: str, *, with_ids: bool = False):
    from assets_registry.matching import Place

    return Place(
        name=row[f"{side}_name"],
        categories=tuple(c for c in row[f"{side}_categories"].split(";") if c),
        latitude=float(row[f"{side}_lat"]),
        longitude=float(row[f"{side}_lon"]),
        precision=row[f"{side}_precision"],
        address=row[f"{side}_address"],
        postcode=row[f"{side}_postcode"],
        external_id=row[f"{side}_uprn"] if with_ids else "",
    )


def evaluate(rows: list[dict], *, with_ids: bool = False) -> Result:
    from assets_registry.matching import compare

    result = Result(0, 0, 0, 0, 0, [], [], {})
    for row in rows:
        if row["label"] == "unsure":
            result.unsure += 1
            continue
        match = compare(place(row, "a", with_ids=with_ids), place(row, "b", with_ids=with_ids))
        truth, said = row["label"] == "same", match.is_duplicate
        counts = result.by_origin.setdefault(row["origin"], {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
        key = ("tp" if said else "fn") if truth else ("fp" if said else "tn")
        counts[key] += 1
        setattr(result, key, getattr(result, key) + 1)
        if key == "fn":
            result.misses.append((row, match))
        elif key == "fp":
            result.false_alarms.append((row, match))
    return result


def _line(row: dict, match) -> str:
    return (
        f"  #{row['pair']:<5} {match.score:.2f} {row['a_name'][:32]!r} / {row['b_name'][:32]!r}: "
        f"{match.summary[:110]}"
    )


def report(result: Result, *, seconds: float, pairs: int, worst: int = 10) -> str:
    lines = [
        f"{pairs} labelled pairs ({result.unsure} unsure, left out), scored in {seconds * 1000:.0f} ms",
        f"precision {result.precision:.3f} (target {PRECISION_TARGET})   "
        f"recall {result.recall:.3f} (target {RECALL_TARGET})",
        "",
        "                      said duplicate   said different",
        f"  same venue          {result.tp:>14}   {result.fn:>14}",
        f"  different venues    {result.fp:>14}   {result.tn:>14}",
        "",
        "by how the pair was found (tp / fn / fp / tn):",
    ]
    for origin, c in sorted(result.by_origin.items()):
        lines.append(f"  {origin:<18} {c['tp']:>4} / {c['fn']:>3} / {c['fp']:>3} / {c['tn']:>4}")
    misses = sorted(result.misses, key=lambda m: m[1].score)[:worst]
    lines += ["", f"worst misses ({len(result.misses)} in all):", *(_line(r, m) for r, m in misses)]
    alarms = sorted(result.false_alarms, key=lambda m: -m[1].score)[:worst]
    lines += [
        "",
        f"worst false alarms ({len(result.false_alarms)} in all):",
        *(_line(r, m) for r, m in alarms),
    ]
    return "\n".join(lines)


def smoke_args(workdir: Path) -> list[str]:
    """The whole set takes well under a second: the smoke run is the real run."""
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="the labelled pairs (CSV)")
    parser.add_argument("--with-ids", action="store_true", help="let the matcher see the UPRNs")
    parser.add_argument("--worst", type=int, default=10, help="how many misses and false alarms to list")
    parser.add_argument("--write-docs", action="store_true", help="record the results in docs/benchmarks.md")
    args = parser.parse_args(argv)
    sys.path[:0] = [str(ROOT)]
    rows = load_pairs(args.pairs)
    started = time.perf_counter()
    result = evaluate(rows, with_ids=args.with_ids)
    text = report(result, seconds=time.perf_counter() - started, pairs=len(rows), worst=args.worst)
    print(text)
    if args.write_docs:
        from bench.harness import command_line, write_docs
        from bench.machine import describe as machine

        write_docs(
            "duplicates",
            "Duplicates: precision and recall on real pairs",
            [
                f"Machine: {machine()}",
                "Data: `tests/fixtures/duplicates/gla_pairs.csv`, built from the GLA Cultural "
                "Infrastructure Map 2018 + 2023 (README.md beside it says how)",
                f"Command: `{command_line('bench.duplicates', argv)}`",
            ],
            text,
        )
    return 0 if result.precision >= PRECISION_TARGET and result.recall >= RECALL_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
