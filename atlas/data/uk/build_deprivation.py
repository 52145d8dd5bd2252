"""Rebuild imd2025_lad_summaries.csv (maintainers only; never run by the site or the tests).

    python atlas/data/uk/build_deprivation.py imd2025_england_ltla24.rda

The input is MHCLG's File 10 (local authority district summaries, lower tier, v2) as published
in the public repository humaniverse/IMD (``data/imd2025_england_ltla24.rda``: the workbook's
IMD, Income and Employment sheets joined on the district code, values unchanged). Reading it
needs ``pyreadr`` and ``pandas`` in a scratch environment; the project does not depend on them.
The output keeps File 10's own column headings, so a CSV exported from the workbook imports the
same way.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "imd2025_lad_summaries.csv"

# File 10 heading -> column name in the humaniverse data frame (janitor::clean_names of the heading).
COLUMNS = {
    "Local Authority District code (2024)": "ltla24_code",
    "Local Authority District name (2024)": "ltla24_name",
    "IMD - Average rank": "imd_average_rank",
    "IMD - Rank of average rank": "imd_rank_of_average_rank",
    "IMD - Average score": "imd_average_score",
    "IMD - Rank of average score": "imd_rank_of_average_score",
    "IMD - Proportion of LSOAs in most deprived 10% nationally": (
        "imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally"
    ),
    "IMD - Rank of proportion of LSOAs in most deprived 10% nationally": (
        "imd_rank_of_proportion_of_lso_as_in_most_deprived_10_percent_nationally"
    ),
    "Income - Average score": "income_average_score",
    "Income - Rank of average score": "income_rank_of_average_score",
    "Employment - Average score": "employment_average_score",
    "Employment - Rank of average score": "employment_rank_of_average_score",
}


def cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # ranks are stored as doubles in R
    return str(value)


def main(rda: Path) -> None:
    import pyreadr

    frame = next(iter(pyreadr.read_r(str(rda)).values()))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in frame.sort_values("ltla24_code").itertuples(index=False):
            record = row._asdict()
            writer.writerow(cell(record[column]) for column in COLUMNS.values())


if __name__ == "__main__":
    main(Path(sys.argv[1]))
