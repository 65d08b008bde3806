"""Build ``graphbuilder/gazetteer/actors.jsonl.gz`` from the Phoenix dictionaries and ISO 3166.

Inputs (development data beside the repository, never needed at run time):

* ``../shared/data/actors`` - PETRARCH2 / Phoenix actor, agent and discard dictionaries
  (openeventdata/petrarch2, MIT licence; attribution kept in the package README);
* ``pycountry`` - ISO 3166 country names and subdivisions (``pip install -e '.[train]'``);
* ``training/gazetteer_curated.yaml`` - facts written for this project: current leaders
  with dated offices, demonyms, armed groups and organisations the 2014 dictionaries
  lack; it uses the same format as a user's ``--actors`` file;
* ``../shared/data/ud`` training documents - only word-case statistics, used to restore
  the case of upper-case Phoenix phrases and to spot common English words.

Run from the repository root::

    python training/build_gazetteer.py            # writes the bundled data file
    python training/build_gazetteer.py --out /tmp/actors.jsonl.gz

The output is deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import io
import itertools
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gazetteer_names import (  # noqa: E402
    HONORIFICS,
    PARTICLES,
    English,
    has_org_word,
    initials,
    readable,
    strip_titles,
    words_of,
)
from gazetteer_phoenix import (  # noqa: E402
    PhoenixCode,
    PhoenixRecord,
    read_actors,
    read_agents,
    read_discards,
)

from graphbuilder.gazetteer._gazetteer import (  # noqa: E402
    DATA_FILE,
    FORMAT,
    FORMAT_VERSION,
    Gazetteer,
    _merge,
)
from graphbuilder.gazetteer._records import (  # noqa: E402
    EntryDraft,
    GazetteerEntry,
    Role,
    entry_to_json,
    normalize,
    slug,
)
from graphbuilder.gazetteer._userfile import UserActor, read_actors_file  # noqa: E402
from graphbuilder.unionfind import UnionFind  # noqa: E402

SHARED = ROOT.parent / "shared"
ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)

# Short English names where ISO 3166 gives the formal one.
COUNTRY_NAMES = {
    "BOL": "Bolivia", "BRN": "Brunei", "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo", "CPV": "Cape Verde", "CIV": "Ivory Coast",
    "FLK": "Falkland Islands", "FSM": "Micronesia", "IRN": "Iran", "KOR": "South Korea",
    "LAO": "Laos", "MDA": "Moldova", "PRK": "North Korea", "PSE": "Palestine",
    "RUS": "Russia", "SYR": "Syria", "TUR": "Turkey", "TWN": "Taiwan", "TZA": "Tanzania",
    "VAT": "Vatican City", "VEN": "Venezuela", "VNM": "Vietnam", "MKD": "North Macedonia",
    "SWZ": "Eswatini", "CZE": "Czech Republic", "BHS": "Bahamas", "GMB": "Gambia",
}
# CAMEO sector codes → the role title a dated code stands for.
SECTORS = {
    "GOV": "government", "ELI": "elite", "MIL": "military", "OPP": "opposition",
    "REB": "rebel", "INS": "insurgent", "LEG": "legislature", "JUD": "judiciary",
    "BUS": "business", "MED": "media", "EDU": "education", "HRI": "human rights",
    "CVL": "civilian", "COP": "police", "SPY": "intelligence", "PTY": "party",
    "LAB": "labour", "AGR": "agriculture", "ENV": "environment", "HLH": "health",
    "REF": "refugee", "CRM": "criminal", "RAD": "radical", "MOD": "moderate",
    "SEP": "separatist", "UAF": "armed group", "DEV": "development", "IGO": "official",
}
# Words that may surround a country's name in its formal name ("Republic of Iraq").
FORMAL_WORDS = frozenset(
    "republic kingdom state states of the democratic people peoples islamic federal federation "
    "united socialist arab commonwealth principality grand duchy sultanate union hashemite "
    "plurinational bolivarian independent dem rep country nation and".split()
)
# Words that start Arabic personal names and kunyas, never a group's name.
NAME_STARTS = {"abu", "abd", "abdul", "abdel", "sheikh", "sheik", "shaykh", "mullah", "mawlawi"}
PERSON_SECTORS = {"GOV", "ELI", "MIL", "OPP", "LEG", "JUD"}
GROUP_SECTORS = {"REB", "INS", "UAF", "SEP", "RAD"}
TRANSNATIONAL = {"IGO", "NGO", "MNC", "IMG"}
# CAMEO's region and religion codes: a transnational code ending in one is a kind of body
# ("IGOLAM", a Latin American body; "IMGKASMUS", Kashmiri Muslim militants), not one body.
CAMEO_REGIONS = frozenset(
    "AFR ARB ASA BLK CAF CAS CAU CEU CFR CRB EAF EEU EIN EUR LAM MDT MEA NAF NMR PGS SAF SAM "
    "SAS SCN SEA WAF WST".split()
)
CAMEO_RELIGIONS = frozenset(
    "ADR ALE ATH BAH BUD CHR CON CPT CTH DOX DRZ HIN HSD ITR JAN JEW JHW LDS MOS MUS NRM PAG "
    "PRO SFI SHI SHN SIK SUN TAO ZRO".split()
)
# Role nouns: a phrase ending in one of these describes someone, it does not name them.
PERSON_NOUNS = HONORIFICS | {
    "envoy", "monitor", "monitors", "peacekeeper", "peacekeepers", "official", "officials",
    "spokesperson", "representative", "resident", "delegate", "delegation", "diplomat",
    "diplomats", "soldier", "soldiers", "officer", "officers", "inspector", "inspectors",
    "observer", "observers", "member", "members", "worker", "workers", "agent", "agents",
    "leaders", "leadership", "justices", "aide", "aides", "adviser", "advisor", "staffer",
    "contingent", "bodies", "body",
}
DEMONYM_ENDINGS = ("ian", "an", "ese", "ish", "i", "ic", "ch", "ean", "ene", "ite", "ot", "ais")
FORCE_NOUNS = ("forces", "armed forces", "military", "army", "troops", "soldiers",
               "security forces", "special forces", "ground forces", "navy", "air force",
               "service members", "servicemen", "coast guard")
GOVERNMENT_NOUNS = ("government", "authorities", "regime", "administration", "officials")


@dataclass
class Sources:
    actors: Path
    ud: Path
    curated: Path


# --- countries -------------------------------------------------------------------------


def country_drafts(pycountry: object) -> dict[str, EntryDraft]:
    """One Country entry per ISO 3166 country, with its ISO names as aliases."""
    drafts = {}
    for country in pycountry.countries:  # type: ignore[attr-defined]
        code = country.alpha_3
        keys = ("name", "official_name", "common_name")
        iso_names = [getattr(country, key, None) for key in keys]
        names = [n for n in iso_names if n]
        canonical = COUNTRY_NAMES.get(code) or getattr(country, "common_name", None) or names[0]
        draft = EntryDraft(f"gb:{code}", canonical, "Country", code, source="iso3166")
        for name in names:
            # "Iran, Islamic Republic of" reads "Islamic Republic of Iran"
            head, comma, tail = name.partition(", ")
            draft.add_alias(f"{tail} {head}" if comma else name)
            if comma and " " not in head:
                draft.add_alias(head)
        drafts[code] = draft
    return drafts


def country_code(code: PhoenixCode, iso: set[str]) -> str | None:
    return code.code if len(code.code) == 3 and code.code in iso else None


def is_country_record(record: PhoenixRecord, iso: set[str]) -> str | None:
    """The ISO code a record stands for, if it names a current country as a whole."""
    for code in record.codes:
        if country_code(code, iso) and code.end is None:
            return code.code
    return None


def demonym_like(word: str, names: list[str]) -> bool:
    """A single adjective built on one of ``names`` ("Afghan" on "Afghanistan")."""
    key = word.lower()
    if " " in key or not key.isalpha() or len(key) < 4 or not key.endswith(DEMONYM_ENDINGS):
        return False
    return any(n[:3] == key[:3] for n in names)


# --- Phoenix actors -----------------------------------------------------------------------


@dataclass
class Context:
    english: English
    agents: dict[str, str]
    discards: set[str]
    iso: set[str]
    place_words: set[str]  # country names and demonyms, dropped from the front of names
    first_names: Counter[str]
    name_words: Counter[str]  # every word of the leaders' names in the country lists
    title_words: set[str] = field(default_factory=set)  # place words and agent phrases

    def __post_init__(self) -> None:
        self.title_words = self.place_words | set(self.agents)


@dataclass
class Candidate:
    """An entry being built from Phoenix records, with the codes it had there."""

    draft: EntryDraft
    codes: list[PhoenixCode]


def code_parts(code: str) -> tuple[str, str, str]:
    """"SYRREBMUS" → ("SYR", "REB", "MUS"); "IGOUNOKID" → ("IGO", "UNO", "KID")."""
    return code[:3], code[3:6], code[6:]


def record_kind(record: PhoenixRecord, ctx: Context) -> str:
    """Person, Organization or Group, from the comment, the code and the words.

    The leaders' lists ("# CountryInfo.txt", "# IGOrulers.txt") are people; otherwise a
    phrase is a person's name when it has two to five words, none of them an
    organisation word or an everyday English word, and starts with a known first name.
    """
    comment = record.comment.lower()
    if "countryinfo" in comment or "igorulers" in comment:
        return "Person"
    prefix, sector, _ = code_parts(record.codes[0].code)
    org_kind = "Group" if prefix == "IMG" or sector in GROUP_SECTORS else "Organization"
    words = strip_titles(words_of(record.names[0]), ctx.place_words)
    if has_org_word(words) or not 2 <= len(words) <= 5:
        return org_kind
    bare = [re.sub(r"[-'.]", "", w).lower() for w in words]
    if not all(b.isalpha() for b in bare):
        return org_kind
    if any(ctx.english.is_common(b) for b in bare if b not in PARTICLES):
        return org_kind
    if ctx.first_names[bare[0]] >= 2 or ctx.english.first_names[bare[0]] >= 1:
        return "Person"
    if any(w.lower() in ("bin", "ibn", "bint") for w in words[1:-1]):
        return "Person"  # "Osama bin Laden": "son of" inside a name
    parts = [p for w in words for p in re.split(r"[-']", w.lower()) if p not in PARTICLES]
    if parts and all(ctx.name_words[p] >= 2 for p in parts):
        return "Person"  # "Bashir Ahmed": every word is a word of known people's names
    if len(words) <= 3 and (prefix in ("IGO", "NGO") or sector in PERSON_SECTORS):
        return "Person"  # officials; bodies in these sectors carry organisation words
    return org_kind


def clean_names(record: PhoenixRecord, kind: str, ctx: Context) -> list[list[str]]:
    """The record's phrases as word lists, titles stripped, junk and duplicates dropped."""
    out: list[list[str]] = []
    seen: set[str] = set()
    for phrase in record.names:
        words = words_of(re.sub(r"\([^)]*\)", " ", phrase))  # "(AAIA)" is read below
        if kind == "Person":
            words = strip_titles(words, ctx.title_words)
            if has_org_word(words) or any(w.lower() in PERSON_NOUNS for w in words[1:]):
                continue
        elif words and words[-1].lower().strip(".") in PERSON_NOUNS:
            continue  # "WHITE HOUSE SPOKESMAN" describes a person, it is no name
        elif out and _person_like(words, ctx):
            continue  # the files list a group's leaders among its names
        key = normalize(" ".join(words))
        if len(key) < 2 or key in seen or key in ctx.discards or key.isdigit():
            continue
        seen.add(key)
        out.append(words)
    for phrase in record.names:  # "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" also gives "AAIA"
        for inner in re.findall(r"\(([A-Z][A-Z.\-]{1,9})\)", phrase):
            if normalize(inner) not in seen:
                seen.add(normalize(inner))
                out.append([inner])
    return out


def _person_like(words: list[str], ctx: Context) -> bool:
    if len(words) < 2 or has_org_word(words):
        return False
    first = words[0].lower().strip(".")
    return first in NAME_STARTS or ctx.first_names[first] >= 3


def is_description(words: list[str], ctx: Context) -> bool:
    """"UN ENVOY", "RUSSIAN PARLIAMENTARIANS": a place or body plus a role noun."""
    rest = strip_titles(words, ctx.place_words)
    phrase = " ".join(w.lower() for w in rest)
    return len(rest) < len(words) and (phrase in ctx.agents or rest[-1].lower() in PERSON_NOUNS)


def phoenix_candidates(records: list[PhoenixRecord], ctx: Context) -> list[Candidate]:
    """Entries for the people, organisations and groups of the Phoenix files."""
    out = []
    for record in records:
        kind = record_kind(record, ctx)
        phrases = clean_names(record, kind, ctx)
        if not phrases or (kind != "Person" and is_description(phrases[0], ctx)):
            continue
        acronyms = {initials(p) for p in phrases if len(p) > 1}
        names = [readable(p, ctx.english, acronyms, person=kind == "Person") for p in phrases]
        homes = Counter(p for c in record.codes if (p := code_parts(c.code)[0]) in ctx.iso)
        home = homes.most_common(1)[0][0] if homes else None
        draft = EntryDraft("", names[0], kind, home, source="phoenix",
                           parent=f"gb:{home}" if home and kind != "Person" else None)
        for name in names[1:]:
            draft.add_alias(name)
        out.append(Candidate(draft, list(record.codes)))
    return out


def roles_of(codes: list[PhoenixCode], iso: set[str], org_codes: dict[str, str]) -> list[Role]:
    """Dated Phoenix codes → roles: "[RUSGOV 991231-080507]" → government of RUS."""
    roles = []
    for code in codes:
        prefix, sector, _ = code_parts(code.code)
        if prefix in iso and sector in SECTORS:
            roles.append(Role(SECTORS[sector], prefix, code.start, code.end))
        elif prefix in TRANSNATIONAL:
            org = _longest_code(code.code, org_codes)
            if org:
                roles.append(Role("member", org, code.start, code.end))
    return roles


def _longest_code(code: str, org_codes: dict[str, str]) -> str | None:
    for size in range(len(code), 5, -3):
        if code[:size] in org_codes:
            return org_codes[code[:size]]
    return None


# --- merging ---------------------------------------------------------------------------


def merge_duplicates(candidates: list[Candidate]) -> list[Candidate]:
    """Join entries that are the same actor listed twice: same kind and home, and a shared
    name. An organisation's one-word acronym also joins the one entry whose name it
    abbreviates ("UN" = "United Nations")."""
    groups: dict[tuple[str, str | None], list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        groups[(candidate.draft.kind, candidate.draft.country)].append(candidate)
    out = []
    for (kind, _), members in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        sets = UnionFind(len(members))
        owner: dict[str, int] = {}
        for i, candidate in enumerate(members):
            draft = candidate.draft
            names = [draft.name] if kind == "Person" else list(draft.names_all())
            for key in {normalize(n) for n in names}:
                if key in owner:
                    sets.join(i, owner[key])
                else:
                    owner[key] = i
        if kind != "Person":
            abbreviated: dict[str, list[int]] = defaultdict(list)
            for i, candidate in enumerate(members):
                words = words_of(candidate.draft.name)
                if len(words) > 1:
                    abbreviated[initials(words)].append(i)
            for i, candidate in enumerate(members):
                name = candidate.draft.name
                if " " not in name and name.isupper() and len(abbreviated[name.lower()]) == 1:
                    sets.join(i, abbreviated[name.lower()][0])
        clusters: dict[int, list[Candidate]] = defaultdict(list)
        for i, candidate in enumerate(members):
            clusters[sets.find(i)].append(candidate)
        out += [_join(cluster) for cluster in clusters.values()]
    return out


def _join(cluster: list[Candidate]) -> Candidate:
    if len(cluster) == 1:
        return cluster[0]
    votes = Counter(normalize(c.draft.name) for c in cluster)

    def score(draft: EntryDraft) -> tuple[int, bool, int, str]:
        key = normalize(draft.name)
        return (-votes[key], " " not in key, -len(key), draft.name)

    best = min((c.draft for c in cluster), key=score)
    joined = EntryDraft("", best.name, best.kind, best.country, parent=best.parent,
                        source=best.source)
    codes: list[PhoenixCode] = []
    for candidate in cluster:
        for name in candidate.draft.names_all():
            joined.add_alias(name)
        codes += [c for c in candidate.codes if c not in codes]
    return Candidate(joined, codes)


def assign_ids(drafts: list[EntryDraft], taken: set[str]) -> None:
    """``gb:<slug>``; a clash gets the country code, then a number, in a stable order."""
    drafts.sort(key=lambda d: (normalize(d.name), d.kind, d.country or "", sorted(d.aliases)))
    for draft in drafts:
        base = f"gb:{slug(draft.name)}"
        options = itertools.chain(
            [base, f"{base}-{draft.country.lower()}"] if draft.country else [base],
            (f"{base}-{n}" for n in itertools.count(2)),
        )
        draft.id = next(o for o in options if o not in taken)
        taken.add(draft.id)


def renumber(entries: list[GazetteerEntry], fixed: set[str]) -> list[GazetteerEntry]:
    """Give every entry outside ``fixed`` its final id from its final name, curated
    entries first (so "Islamic State" gets ``gb:islamic-state``), and rewrite the ids
    that roles and parents refer to."""
    drafts = [EntryDraft.of(e) for e in entries]
    old_ids = [d.id for d in drafts]
    movable = [d for d in drafts if d.id not in fixed]
    taken = set(fixed)
    assign_ids([d for d in movable if d.source == "curated"], taken)
    assign_ids([d for d in movable if d.source != "curated"], taken)
    new_id = {old: d.id for old, d in zip(old_ids, drafts, strict=True)}
    for draft in drafts:
        draft.parent = new_id.get(draft.parent or "", draft.parent)
        draft.roles = [replace(r, of=new_id.get(r.of, r.of)) for r in draft.roles]
    return [d.freeze() for d in drafts]


def org_code_ids(records: list[PhoenixRecord], candidates: list[Candidate],
                 iso: set[str]) -> dict[str, str]:
    """Each transnational code that names one organisation (IGOUNO, IGOEUREEC) → the id of
    the entry most of the undated single-code records with that code belong to. Codes of
    a kind of body ("MNCCAN", a Canadian company; "IGOUNODEV", a UN development body) name
    none: their records are many bodies."""
    by_name = {normalize(n): c.draft.id for c in candidates if c.draft.kind != "Person"
               for n in c.draft.names_all()}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        if len(record.codes) != 1 or record.codes[0].dated:
            continue
        code = record.codes[0].code
        if code[:3] in TRANSNATIONAL and len(code) > 3 and code[-3:] not in (
                iso | SECTORS.keys() | TRANSNATIONAL | CAMEO_REGIONS | CAMEO_RELIGIONS):
            entry_id = by_name.get(normalize(" ".join(words_of(record.names[0]))))
            if entry_id:
                votes[code][entry_id] += 1
    named = {}
    for code, counts in votes.items():
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        # Tied bodies are mostly one body's spellings ("SAARC", "South Asian Association"),
        # but the records of an armed group's code are its members, read as groups
        # ("BASHIR_MALWA [IMGMUSALQ]"): a tie there names no one.
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1] and code.startswith("IMG"):
            continue
        named[code] = ranked[0][0]
    return named


def absorb_duplicates(entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """Fold Phoenix entries into the curated or generated entry they duplicate.

    A Phoenix entry whose canonical name is a name of a curated/generated entry of a
    compatible kind and the same country is that entry ("KREMLIN" → the Russian
    government, "NATO" → North Atlantic Treaty Organization); people need a full name.
    Names a curated entry claims are then taken off the aliases of Phoenix entries
    (the dictionaries list leaders as aliases of their groups), and ids of folded
    entries are rewritten in roles and parents.
    """
    preferred: dict[str, list[GazetteerEntry]] = defaultdict(list)
    claimed: set[str] = set()
    owners: dict[str, set[str]] = defaultdict(set)  # name -> curated entries that claim it
    for entry in entries:
        if entry.source in ("curated", "generated", "iso3166"):
            for name in entry.names:
                preferred[normalize(name)].append(entry)
            if entry.source == "curated":
                claimed.update(normalize(n) for n in entry.names)
                for n in entry.names:
                    owners[normalize(n)].add(entry.id)
    drafts = {e.id: EntryDraft.of(e) for e in entries}
    moved: dict[str, str] = {}
    for entry in entries:
        if entry.source != "phoenix":
            continue
        for target in preferred.get(normalize(entry.name), ()):
            if _compatible(entry, target):
                for name in entry.names:
                    # not a name another curated entry claims: Phoenix lists "Royal Air
                    # Force" as a synonym of "Royal Navy", which has an entry of its own
                    if owners.get(normalize(name), {target.id}) <= {target.id}:
                        drafts[target.id].add_alias(name)
                for role in entry.roles if entry.kind == target.kind else ():
                    drafts[target.id].add_role(role)
                moved[entry.id] = target.id
                del drafts[entry.id]
                break
    for draft in drafts.values():
        if draft.source == "phoenix":
            draft.aliases = [a for a in draft.aliases if normalize(a) not in claimed]
        draft.parent = moved.get(draft.parent or "", draft.parent)
        draft.roles = [replace(r, of=moved.get(r.of, r.of)) for r in draft.roles]
    return [d.freeze() for d in drafts.values()]


def drop_claimed_aliases(entries: list[GazetteerEntry],
                         curated: list[UserActor]) -> list[GazetteerEntry]:
    """Take a name the curated file lists for one actor off the aliases of every other.

    Phoenix lists the Al-Quds Brigades (Islamic Jihad's armed wing) among the names of
    Hamas's Qassam Brigades; the curated file gives them an entry of their own, and a
    name on two entries ties, so the ruler would link neither. An entry keeps its own
    canonical name, and a name two curated records list stays on both.
    """
    by_name: dict[str, list[GazetteerEntry]] = defaultdict(list)
    for entry in entries:
        by_name[normalize(entry.name)].append(entry)
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in curated:  # after the merge, a record's entry carries its name as name
        landed = [e for e in by_name.get(normalize(actor.name), ())
                  if (actor.id is None or e.id == actor.id)
                  and (actor.kind is None or e.kind == actor.kind)]
        for entry in landed:
            for name in (actor.name, *actor.aliases):
                owners[normalize(name)].add(entry.id)
    kept = []
    for entry in entries:
        aliases = tuple(a for a in entry.aliases
                        if entry.id in owners.get(normalize(a), {entry.id}))
        kept.append(entry if aliases == tuple(entry.aliases) else replace(entry, aliases=aliases))
    return kept


def _compatible(entry: GazetteerEntry, target: GazetteerEntry) -> bool:
    family = {"Organization": 0, "Group": 0, "Location": 1, "Country": 1, "Person": 2}
    if entry.kind == "Person" and target.kind != "Person" and " " in entry.name:
        # the build's word rules took "AL_QA'IDA", "THE_UN" or "SAINT_HELENA" for a person's
        # name; an entry of ours of another kind with this very name says what it is
        return True
    if family.get(entry.kind, 3) != family.get(target.kind, 3):
        return False
    if entry.kind == "Person" and (entry.country not in (None, target.country)
                                   or " " not in entry.name):
        return False
    return entry.country is None or target.country is None or entry.country == target.country


# --- generated entries: each country's government and armed forces ------------------------------


def institution_drafts(countries: dict[str, EntryDraft]) -> list[EntryDraft]:
    drafts = []
    for code, country in sorted(countries.items()):
        adjectives = [d for d in country.demonyms if not d.endswith("s") or d.endswith("ss")]
        military = EntryDraft(f"gb:{code}-military", f"Armed forces of {country.name}",
                              "Organization", code, parent=country.id, source="generated")
        government = EntryDraft(f"gb:{code}-government", f"Government of {country.name}",
                                "Organization", code, parent=country.id, source="generated")
        for adjective in adjectives:
            for noun in FORCE_NOUNS:
                military.add_alias(f"{adjective} {noun}")
            for noun in GOVERNMENT_NOUNS:
                government.add_alias(f"{adjective} {noun}")
        military.add_alias(f"{country.name} armed forces")
        for noun in ("military", "armed forces", "forces"):
            military.add_alias(f"{country.name}'s {noun}")
        government.add_alias(f"{country.name} government")
        government.add_alias(f"{country.name}'s government")
        drafts += [military, government]
    return drafts


# --- countries' Phoenix phrases ---------------------------------------------------------------


def classify_country_records(records: list[PhoenixRecord], countries: dict[str, EntryDraft],
                             english: English) -> list[Candidate]:
    """Sort the phrases of Phoenix country records into aliases, demonyms and places.

    A phrase is an alias when it is one of the country's ISO or curated names or contains
    one ("ISLAMIC REPUBLIC OF AFGHANISTAN"); a demonym when it is an adjective on the
    country's name; a misspelling or foreign spelling (dropped) when it is close to a
    name; otherwise a place in that country (a city, province or region).
    """
    iso = set(countries)
    places: list[Candidate] = []
    for record in records:
        code = is_country_record(record, iso)
        if code is None:
            continue
        country = countries[code]
        known = {normalize(n) for n in country.names_all()}
        stems = [k.replace(" ", "") for k in known if len(k) > 3]
        for phrase in record.names:
            words = words_of(re.sub(r"\([^)]*\)", " ", phrase))
            key = normalize(" ".join(words))
            if not key or key in known:
                continue
            inside = [k for k in known if len(k) > 3 and f" {k} " in f" {key} "]
            if inside and set(f" {key} ".replace(f" {inside[0]} ", " ").split()) <= FORMAL_WORDS:
                country.add_alias(readable(words, english))
                continue
            close = max(_similarity(key, k) for k in known)
            if inside:
                pass  # "Mexico City", "Port Sudan": a place named after the country
            elif demonym_like(key, stems) or close >= 0.6:
                continue  # demonyms come from the curated list; the rest are misspellings
            if len(key) >= 4 and not english.is_common(key):
                place = EntryDraft("", readable(words, english, person=True), "Location", code,
                                   parent=country.id, source="phoenix")
                places.append(Candidate(place, []))
    return places


def subdivision_candidates(pycountry: Any, countries: dict[str, EntryDraft],
                           english: English) -> list[Candidate]:
    """ISO 3166-2 subdivisions (provinces, governorates, oblasts) as places in their
    country; names that are everyday words or the country's own name are left out."""
    places = []
    for sub in pycountry.subdivisions:  # type: ignore[attr-defined]
        code = sub.country_code
        country = next((c for c in countries.values() if c.id == f"gb:{_alpha3(pycountry, code)}"),
                       None)
        name = re.sub(r"\s*\([^)]*\)", "", sub.name).strip()
        key = normalize(name)
        if country is None or len(key) < 4 or "," in name or "[" in name:
            continue
        if key in {normalize(n) for n in country.names_all()}:
            continue
        if " " not in key and english.is_common(key):
            continue
        if only_generic_geography(name):
            continue
        places.append(Candidate(EntryDraft("", name, "Location", country.country,
                                           parent=country.id, source="iso3166"), []))
    return drop_shared_names(places)


# Words that name a part of any country: a subdivision called only by them ("Western",
# "North East", "Central Region", "Far North") is far more often an adjective in news text
# than the place, and tagging it would link "Western officials" to Fiji.
_GENERIC_GEOGRAPHY = frozenset(
    "north south east west northern southern eastern western central far upper lower middle "
    "capital territory region province district coast coastal river bank islands littoral "
    "plateaux savanes lakes highlands mountains valley interior".split()
)


def only_generic_geography(name: str) -> bool:
    """True when every word of ``name`` is a direction or a generic geography word."""
    words = re.findall(r"\w+", name.lower())
    return bool(words) and all(w in _GENERIC_GEOGRAPHY or w == "and" for w in words)


def drop_shared_names(places: list[Candidate]) -> list[Candidate]:
    """Leave out subdivision names that several countries use ("Córdoba", "Punjab",
    "Saint George"): a bare mention of one cannot say which country it is in."""
    countries: dict[str, set[str | None]] = {}
    for place in places:
        countries.setdefault(normalize(place.draft.name), set()).add(place.draft.country)
    return [p for p in places if len(countries[normalize(p.draft.name)]) == 1]


def _alpha3(pycountry: Any, alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


# --- the build -----------------------------------------------------------------------------


def build(sources: Sources) -> tuple[list[GazetteerEntry], dict[str, Any], dict[str, int]]:
    import pycountry  # build-time only: pip install -e '.[train]'

    english = English.from_conllu(*_ud_files(sources.ud))
    agents = read_agents(sources.actors / "Phoenix.agents.txt")
    discards = read_discards(sources.actors / "Phoenix.discards.txt")
    countries = country_drafts(pycountry)
    iso = set(countries)
    curated = read_actors_file(sources.curated)
    for actor in curated:  # curated names decide what a Phoenix country phrase means
        if actor.id and actor.id[3:] in countries:
            country = countries[actor.id[3:]]
            for alias in actor.aliases:
                country.add_alias(alias)
            country.demonyms += [d for d in actor.demonyms if d not in country.demonyms]

    records = [r for name in ACTOR_FILES for r in read_actors(sources.actors / name)]
    places = classify_country_records(records, countries, english)
    for country in countries.values():
        country.demonyms += [d + "s" for d in country.demonyms
                             if d.endswith(("an", "i")) and d + "s" not in country.demonyms]
    ctx = Context(
        english, agents, discards, iso,
        place_words={
            normalize(n) for c in countries.values() for n in (*c.names_all(), *c.demonyms)
        },
        first_names=Counter(
            words_of(r.names[0])[0].lower() for r in records
            if "countryinfo" in r.comment.lower() and words_of(r.names[0])
        ),
        name_words=Counter(
            p for r in records if "countryinfo" in r.comment.lower()
            for w in words_of(r.names[0]) for p in re.split(r"[-']", w.lower()) if p
        ),
    )
    others = [r for r in records if not is_country_record(r, iso)]
    places += subdivision_candidates(pycountry, countries, english)
    candidates = merge_duplicates(phoenix_candidates(others, ctx) + places)
    fixed = {f"gb:{c}{suffix}" for c in countries for suffix in ("", "-military", "-government")}
    assign_ids([c.draft for c in candidates], set(fixed))
    org_codes = org_code_ids(others, candidates, iso)
    for candidate in candidates:
        if candidate.draft.kind == "Person":
            candidate.draft.roles = roles_of(candidate.codes, iso, org_codes)

    phoenix = [c.draft for c in candidates]
    base = [d.freeze() for d in (*countries.values(), *institution_drafts(countries), *phoenix)]
    for actor in curated:  # messages name the file, not the machine's path to it
        actor.where = actor.where.replace(str(sources.curated), sources.curated.name)
    merged = _merge(Gazetteer(base, agents), curated, source="curated")
    entries = drop_claimed_aliases(absorb_duplicates(merged), curated)
    entries = sorted(renumber(entries, fixed=fixed), key=lambda e: e.id)

    stats = {"phoenix records": len(records)}
    stats |= {f"entries {k}": n for k, n in sorted(Counter(e.kind for e in entries).items())}
    stats["aliases"] = sum(len(e.aliases) for e in entries)
    stats["roles"] = sum(len(e.roles) for e in entries)
    stats["titles"] = len(agents)
    # Words of names that English also uses as ordinary words ("security", "forces",
    # "Mobile"): the ruler leaves one-word names made of them alone, and lets them be
    # lower case inside a longer name ("Iraqi security forces").
    common = sorted({
        word for e in entries for n in (*e.names, *e.demonyms)
        for word in normalize(n).split() if english.is_common(word)
    })
    stats["common words in names"] = len(common)
    return entries, {"titles": dict(sorted(agents.items())), "common_words": common}, stats


def _ud_files(ud: Path) -> tuple[list[Path], set[str]]:
    """UD training documents: all sources minus documents of the dev and test files."""
    held_out: set[str] = set()
    for split in ud.glob("*/*-ud-*.conllu"):
        for line in split.read_text(encoding="utf-8").splitlines():
            if line.startswith("# newdoc id"):
                held_out.add(line.split("=", 1)[1].strip())
    return sorted(ud.glob("*/sources/**/*.conllu")), held_out


def write(entries: list[GazetteerEntry], extra: dict[str, Any], out: Path) -> None:
    header = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "sources": [
            "PETRARCH2/Phoenix dictionaries (openeventdata/petrarch2, MIT)",
            "ISO 3166 via pycountry",
            "graphbuilder curated facts (training/gazetteer_curated.yaml)",
        ],
        **extra,
    }
    buffer = io.StringIO()
    buffer.write(json.dumps(header, ensure_ascii=False, separators=(",", ":")) + "\n")
    for entry in entries:
        buffer.write(json.dumps(entry_to_json(entry), ensure_ascii=False, separators=(",", ":")))
        buffer.write("\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                                 compresslevel=9, filename="") as gz:
        gz.write(buffer.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors-dir", type=Path, default=SHARED / "data" / "actors")
    parser.add_argument("--ud-dir", type=Path, default=SHARED / "data" / "ud")
    parser.add_argument("--curated", type=Path,
                        default=Path(__file__).resolve().parent / "gazetteer_curated.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "graphbuilder" / "gazetteer" / DATA_FILE)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    entries, extra, stats = build(Sources(args.actors_dir, args.ud_dir, args.curated))
    write(entries, extra, args.out)
    for key, value in stats.items():
        print(f"{key:>24}: {value}")
    print(f"{'file':>24}: {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    print(f"{'seconds':>24}: {time.perf_counter() - started:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
