"""Which countries in the news have a titled, dated office holder in the bundled gazetteer.

A country counts when some person holds, on the given day, an office "of" it whose title is
not one of Phoenix's sector codes ("government of RUS", "elite of RUS" say who belongs to a
sector, not who leads). Run from the repository root::

    python training/audit_leaders.py              # on 2025-06-01
    python training/audit_leaders.py 2024-01-01
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_gazetteer import SECTORS

from graphbuilder.gazetteer import Gazetteer

# Countries an analyst of this project's kind of news meets most often: the G20 and NATO's
# larger members, the Middle East and North Africa, the Horn and the Sahel's neighbours,
# the post-Soviet states and East Asia.
COUNTRIES = (
    "USA CHN RUS UKR GBR FRA DEU ITA ESP POL NLD JPN KOR PRK IND PAK BGD AFG IRN IRQ SYR ISR "
    "PSE LBN JOR SAU ARE QAT TUR EGY LBY SDN ETH KEN NGA ZAF BRA ARG MEX COL VEN CAN AUS IDN "
    "PHL MYS THA MMR VNM TWN KAZ BLR HUN SRB GEO MDA ARM AZE YEM SOM VAT FIN SWE NOR DNK GRC "
    "ROU CZE SVK BEL PRT AUT CHE"
).split()
SECTOR_TITLES = frozenset(SECTORS.values())  # titles the Phoenix sector codes become


def leaders_on(gaz: Gazetteer, when: date) -> dict[str, list[str]]:
    """Country code -> "Name (title)" of everyone holding a titled office of it on ``when``."""
    found: dict[str, list[str]] = {code: [] for code in COUNTRIES}
    for entry in gaz:
        if entry.kind != "Person":
            continue
        for role in gaz.roles_at(entry, when):
            code = role.of.removeprefix("gb:")
            if code in found and role.title not in SECTOR_TITLES:
                found[code].append(f"{entry.name} ({role.title})")
    return found


def main() -> None:
    when = date.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else date(2025, 6, 1)
    found = leaders_on(Gazetteer.load(), when)
    for code, holders in found.items():
        print(f"{code}  {'; '.join(holders) or '-'}")
    missing = [code for code, holders in found.items() if not holders]
    print(f"\n{len(COUNTRIES) - len(missing)} of {len(COUNTRIES)} countries have a titled office "
          f"holder on {when}; none: {' '.join(missing) or '-'}")


if __name__ == "__main__":
    main()
