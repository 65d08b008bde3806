"""Build graphbuilder/data/cameo_verbs.tsv: verb lemma -> CAMEO code, from PETRARCH2's verbs.

Source: CAMEO.verbpatterns.150430.txt of openeventdata/petrarch2 (commit 676801cd, MIT
licence, Copyright (c) 2015 Open Event Data Alliance), kept in ../shared/data/actors.
Only the verb lists of each block are used (the block's code, or a verb's own code),
not the noun patterns. Verbs that mean too little on their own (want, need, take ...)
are left out: the extractor would otherwise read an event into every sentence.

    python training/build_cameo_verbs.py [--source PATH] [-o graphbuilder/data/cameo_verbs.tsv]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "shared/data/actors/CAMEO.verbpatterns.150430.txt"
OUT = Path(__file__).resolve().parents[1] / "graphbuilder/data/cameo_verbs.tsv"

_BLOCK = re.compile(r"^---\s*(\S+)\s*\[([^\]]*)\]")
_CODE = re.compile(r"\[([0-9]{2,4}|---)(?::[0-9-]+)?\]")
# Too general or too ambiguous to name an event without PETRARCH's noun patterns.
GENERIC = frozenset("""
want need take make get go come see look use put set keep hold find show leave call bid
push press campaign match pit stone fell lock run turn bring carry move play stand stay
work help give send seek ask add note say tell state report mention cite refer describe
define depict detail express comment remark announce inform convey communicate narrate
explain assert clarify impart articulate elucidate expound rationalize explicate hit
meet meeting receive return open close start stop begin end continue raise lower cut
drop pass follow lead head deal pay charge file draw face cover mark point order serve
fire rule back check press place post form join remain hope expect plan prepare consider
act offer share spread reach gain lose win claim demand force review study watch hear
visit host talk speak discuss consult struggle conflict engage commit issue target
""".split())
# Verbs the dictionary files under an event code that, read alone, are something else
# (mental states, logistics, quantities, protection): checked by hand, block by block.
MISFILED = frozenset("""
concern distress count score air copy figure measure notice observe echo scatter intrude
involve frustrate impress pry saw anticipate await calculate doubt estimate gauge predict
cancel crumble collapse cave fold insert learn innovate reason depart embark journey egress
mull muse ponder meditate speculate ruminate excogitate contemplate reconsider gather
affect impact influence admit confess expose divulge prefer reckon conspire concert
attach bind blend chain combine compound conflate connect constitute fuse gear link merge
increase expand enlarge magnify heighten intensify escalate exaggerate deepen amplify
augment boost better improve import relate command control dictate direct govern manage
handle oversee oversaw regulate conduct enact institute establish found prescribe
include fill clear detach disconnect retire settle allow approve enable empower permit
relax submit abide bide mine dig comb rake sweep skim scan search compete compensate
contrast counterbalance cry differ despair grieve mourn lament regret humble breach
infract argue aver avow contend table remit object defer risk march demonstrate agonise
agonize garner overfly ship shuttle transport transfer deploy redeploy reassign pull
extract fine levy impose moderate enforce remove contain catch grab pluck bill enclose
defend protect guard shelter shield safeguard tend ward suffer spoil mar crack rip tear
corrupt contaminate aim best blow break bust circle die dominate hang inhabit master
overshadow overtake reside ring infest explode detonate blast beat cage disarray disorder
snitch assign allocate allot apportion attire outfit bequeath award benefit ease abate
mitigate appease assuage ameliorate
""".split())


def parse(path: Path) -> dict[str, str]:
    verbs: dict[str, str] = {}
    code: str | None = None
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        m = _BLOCK.match(line)
        if m:
            code = m.group(2).split(":")[0].strip()
            continue
        if code is None or not line.strip() or line.startswith(("-", "&", " ")):
            continue
        own = _CODE.search(line)
        word = re.sub(r"\{.*?\}|\[.*?\]", "", line).strip()
        if not word or " " in word:
            continue
        lemma = word.lstrip("+").replace("_", " ").lower()
        value = own.group(1) if own else code
        if value == "---" or not value.isdigit():
            continue
        if (lemma.split()[0] in GENERIC and " " not in lemma) or lemma in MISFILED:
            continue
        verbs.setdefault(lemma, value)
    return verbs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    ns = ap.parse_args()
    verbs = parse(ns.source)
    lines = ["# lemma\tCAMEO code. Derived from PETRARCH2 CAMEO.verbpatterns.150430.txt",
             "# (MIT licence, (c) 2015 Open Event Data Alliance); training/build_cameo_verbs.py"]
    lines += [f"{lemma}\t{code}" for lemma, code in sorted(verbs.items())]
    ns.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(verbs)} verbs -> {ns.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
