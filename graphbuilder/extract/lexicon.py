"""Closed word lists the rules use (English). Predicates live in the ontology, not here."""

from __future__ import annotations

# Nouns that, modified by a nationality, country or organisation, denote a group actor:
# "Ukrainian forces", "the Syrian regime", "G7 leaders".
GROUP_NOUNS = frozenset({
    "force", "forces", "troops", "military", "army", "armies", "navy", "government",
    "governments", "regime", "administration", "authorities", "authority", "officials",
    "leaders", "leadership", "militants", "fighters", "rebels", "soldiers", "police",
    "militia", "militias", "terrorists", "insurgents", "separatists", "diplomats",
    "delegation", "parliament", "lawmakers", "people", "citizens", "civilians", "coalition",
    "partners", "allies", "marines", "airmen", "sailors", "personnel", "units", "unit",
    "commanders", "ministry", "embassy", "intelligence", "services", "opposition",
    "nationals", "refugees", "population", "guard", "guards", "team", "nations", "countries",
    "states", "members",
})

# Nouns for an unnamed group of people acting together: "militants", "the enemy", "our
# partners", "the international community". Such a phrase is a Group actor of its article
# when it is an argument; plural nouns and the collectives below qualify.
GENERIC_GROUPS = frozenset({
    "militants", "terrorists", "insurgents", "rebels", "fighters", "extremists", "jihadists",
    "gunmen", "attackers", "enemy", "civilians", "residents", "villagers", "refugees",
    "families", "children", "victims", "partners", "allies", "friends", "forces", "troops",
    "soldiers", "militias", "regime", "coalition", "community", "government", "governments",
    "opposition", "people", "population", "citizens", "parties", "members", "leaders",
    "officials", "ministers", "authorities", "airmen", "marines", "sailors", "personnel",
    "units", "operatives", "supporters", "protesters", "demonstrators", "nations",
    "countries", "states", "militia", "administration", "leadership", "police", "army",
    "military", "delegation", "tribes", "tribe", "teams", "journalists", "experts",
    "advisers", "advisors", "trainers", "commanders", "diplomats", "players", "groups",
})
# People who act for someone unnamed: without a word that says whose, no actor of their own.
# (Victims and bystanders, "civilians", "refugees", "people", stay: what happens to them
# and where they are is the fact.)
AGENT_PLURALS = frozenset({
    "officials", "troops", "soldiers", "marines", "personnel", "airmen", "sailors",
    "ministers", "leaders", "authorities", "units", "teams", "forces", "commanders",
    "diplomats", "advisers", "advisors", "trainers", "experts", "journalists", "players",
    "members", "operatives", "delegations", "representatives", "spokesmen", "staff"})
# Unnamed groups that belong to whoever is named with them ("its troops", "members of the
# tribe"): MEMBER_OF rather than an alliance ("its partners") or a target ("its victims").
MEMBER_GROUPS = frozenset({
    "forces", "troops", "soldiers", "fighters", "militants", "members", "units", "personnel",
    "airmen", "marines", "sailors", "officials", "leaders", "ministers", "commanders",
    "diplomats", "citizens", "people", "population", "militias", "operatives", "supporters",
    "advisers", "advisors", "trainers", "delegation", "leadership", "army", "military",
})
# Hostile descriptions that an article uses for the armed group it names ("the enemy",
# "these terrorists").
HOSTILE_NOUNS = frozenset({"enemy", "terrorists", "militants", "insurgents", "extremists",
                           "jihadists", "gunmen", "attackers"})
# Singular collectives that, with "the", name the organisation the article already named
# with the same head word ("the regime" after "the Assad regime").
COLLECTIVE_NOUNS = frozenset({"regime", "coalition", "government", "administration",
                              "opposition", "militia", "alliance", "army", "military",
                              "leadership", "police", "community", "delegation", "tribe"})

# Common nouns that refer to a person: "the billionaire", "the tech mogul".
PERSON_NOUNS = frozenset({
    "billionaire", "millionaire", "mogul", "tycoon", "magnate", "entrepreneur", "businessman",
    "businesswoman", "executive", "founder", "cofounder", "co-founder", "investor", "owner",
    "politician", "leader", "president", "minister", "premier", "chancellor", "official",
    "spokesman", "spokeswoman", "spokesperson", "diplomat", "envoy", "ambassador", "general",
    "commander", "colonel", "officer", "soldier", "lawmaker", "senator", "congressman",
    "governor", "mayor", "king", "queen", "prince", "princess", "monarch", "ruler", "dictator",
    "strongman", "autocrat", "oligarch", "chief", "boss", "head", "ceo", "chairman",
    "chairwoman", "director", "secretary", "man", "woman", "activist", "journalist",
    "reporter", "blogger", "star", "actor", "singer", "author", "writer", "critic", "rival",
    "candidate", "incumbent", "predecessor", "successor", "veteran", "hacker", "genius",
    "visionary", "provocateur", "mother", "father", "son", "daughter", "wife",
    "husband", "brother", "sister", "cleric", "pope", "bishop", "judge", "prosecutor",
    "lawyer", "attorney", "scientist", "engineer", "astronaut", "cosmonaut",
})

# Common nouns that refer to an organisation, country or place ("the company", "the country").
ORG_NOUNS = frozenset({
    "company", "firm", "corporation", "conglomerate", "startup", "start-up", "agency",
    "organization", "organisation", "group", "alliance", "bloc", "coalition", "ministry",
    "government", "regime", "administration", "militia", "network", "platform", "carmaker",
    "automaker", "manufacturer", "giant", "airline", "bank", "party", "union", "council",
    "committee", "venture", "operator", "provider", "service", "broadcaster", "newspaper",
    "outlet", "body", "institution", "department", "army", "navy", "military", "brigade",
    "battalion", "unit", "movement", "federation", "club", "university",
})
COUNTRY_NOUNS = frozenset({"country", "nation", "state", "republic", "kingdom", "homeland"})
PLACE_NOUNS = frozenset({"city", "town", "capital", "region", "province", "village", "port",
                         "district", "governorate", "area", "suburb", "outskirts"})

# Verbs of saying, claiming and believing: their complement is attributed to the subject.
SPEECH_VERBS = frozenset({
    "say", "tell", "claim", "allege", "state", "write", "tweet", "post", "add", "announce",
    "report", "argue", "insist", "assert", "suggest", "boast", "brag", "warn", "deny",
    "believe", "think", "reply", "respond", "note", "stress", "explain", "declare",
    "maintain", "contend", "testify", "confirm", "acknowledge", "admit", "predict",
    "estimate", "accuse", "charge", "speak", "indicate", "reveal", "disclose", "emphasize",
    "emphasise", "complain", "suspect", "imply", "recall", "remark", "comment", "inform",
    "insinuate", "swear", "concede", "retort", "counter", "blame",
})
# Speech verbs whose reported hypothetical use of force makes the statement a threat.
THREAT_SPEECH = frozenset({"boast", "brag", "threaten", "warn", "vow", "say", "declare",
                           "claim", "speak", "tell", "add", "tweet", "write", "announce",
                           "state", "insist", "promise", "pledge"})

# Verbs whose object is the understood subject of the clause they govern
# ("accused Musk of providing", "invited the mogul to visit").
OBJECT_CONTROL = frozenset({
    "accuse", "blame", "charge", "suspect", "urge", "ask", "invite", "order", "force",
    "persuade", "allow", "encourage", "help", "enable", "tell", "convince", "warn",
    "implore", "forbid", "prevent", "stop", "require", "compel", "call", "instruct",
    "authorize", "authorise", "permit", "press", "pressure", "push", "train", "use",
    "send", "direct", "commission", "hire", "recruit", "task", "empower", "praise",
    "thank", "condemn", "criticize", "criticise", "congratulate", "credit", "inspire",
    "deploy", "mobilize", "mobilise", "dispatch", "assign",
})
# Governing verbs/nouns that make the governed action unreal or not yet real.
HEDGE_VERBS = frozenset({
    "try", "attempt", "seek", "want", "plan", "intend", "hope", "aim", "threaten",
    "promise", "prepare", "expect", "consider", "propose", "offer", "wish", "mean", "vow",
    "pledge", "need", "struggle", "strive", "invite", "urge", "ask", "call", "demand",
    "suggest", "decide", "agree", "refuse", "fail", "claim", "allege", "accuse", "deny",
    "suspect", "order", "encourage", "appeal", "push", "press", "pressure", "warn", "likely",
})
HEDGE_NOUNS = frozenset({
    "effort", "attempt", "plan", "bid", "ability", "process", "aim", "goal", "intention",
    "threat", "idea", "proposal", "offer", "plot", "scheme", "ambition", "desire", "wish",
    "capacity", "capability", "readiness", "willingness", "hope", "promise", "pledge",
    "possibility", "chance", "risk", "danger", "campaign", "strategy", "mission", "call",
    "demand", "request", "allegation", "accusation", "claim", "rumour", "rumor", "report",
})
MODALS = frozenset({"could", "can", "may", "might", "would", "should", "will", "shall", "must",
                    "ought", "wo", "ca", "'ll", "'d"})
HEDGE_ADVERBS = frozenset({
    "allegedly", "reportedly", "possibly", "probably", "likely", "apparently", "perhaps",
    "maybe", "supposedly", "purportedly", "seemingly", "potentially", "presumably",
    "ostensibly", "unconfirmed",
})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})

# Verbs that attach a name to something: "what they call the X", "called him a devil".
NAMING_VERBS = frozenset({"call", "name", "dub", "label", "term", "describe", "brand", "nickname"})

# Light verbs that take an event noun from the ontology: "carried out strikes against".
LIGHT_VERBS = frozenset({
    "hold", "have", "conduct", "carry", "launch", "mount", "make", "pay", "give", "express",
    "voice", "issue", "impose", "sign", "reach", "stage", "wage", "deliver", "provide",
    "offer", "lead", "begin", "start", "continue", "intensify", "step", "lodge", "file",
    "announce", "perform", "execute", "undertake", "open", "level", "direct", "unleash",
    "extend", "send", "pledge", "do", "take", "resume", "escalate", "renew",
})

# Partitive heads whose "of" phrase names the actor: "branches of the Ukrainian military".
PARTITIVE_NOUNS = frozenset({
    "branch", "branches", "member", "members", "part", "unit", "units", "division",
    "divisions", "wing", "arm", "elements", "element", "remnants", "forces", "troops",
    "soldiers", "fighters", "officials", "leaders", "leadership", "government", "army",
    "representatives", "delegation", "people", "citizens", "group", "faction", "factions",
    "one", "some", "many", "most", "all", "several", "dozens", "hundreds", "thousands",
})

# What a country or armed group holds or fields: "attacked Russian positions" hits Russia.
ASSET_NOUNS = frozenset({
    "position", "target", "base", "territory", "line", "unit", "troop", "soldier", "ship",
    "vessel", "aircraft", "jet", "plane", "tank", "convoy", "infrastructure", "facility",
    "installation", "outpost", "depot", "embassy", "airfield", "port", "stronghold",
    "headquarters", "warship", "submarine", "drone", "checkpoint", "garrison", "border",
    "satellite", "equipment", "system", "network", "terminal", "device", "weapon", "missile",
})

# Portions of an event or a set: "a round of talks", "a series of strikes"
PORTION_NOUNS = frozenset({"round", "series", "set", "wave", "number", "couple", "spate"})
# Feelings about someone's deed that judge the doer: "grateful for X's support",
# "appalled by the attack by X" (-> PRAISE / CRITICIZE of X).
ATTITUDES: dict[str, str] = {
    **dict.fromkeys(("grateful", "thankful", "encouraged", "heartened", "pleased", "delighted",
                     "impressed", "proud"), "PRAISE"),
    **dict.fromkeys(("appalled", "outraged", "horrified", "disgusted", "dismayed",
                     "disappointed", "angered", "sickened", "shocked", "alarmed"), "CRITICIZE"),
}
# Words that link a set to its members ("G7 leaders including Joe Biden").
INCLUDING_PREPS = frozenset({"including", "such as", "among them", "notably", "especially"})

PRONOUNS_PERSON = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
PRONOUNS_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS_THING = frozenset({"it", "its", "itself"})
PRONOUNS_FIRST = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours",
                            "ourselves"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_NOUNS = frozenset({"mother", "wife", "daughter", "sister", "queen", "princess",
                          "businesswoman", "spokeswoman", "chairwoman", "woman", "aunt",
                          "niece", "grandmother", "widow", "mrs", "ms", "lady"})
MALE_NOUNS = frozenset({"father", "husband", "son", "brother", "king", "prince",
                        "businessman", "spokesman", "chairman", "man", "uncle", "nephew",
                        "grandfather", "widower", "mr", "sir", "lord", "congressman"})

# Words between a name and another name for it: 'Daesh, also known as ISIL'
ALIAS_CUES = ("also known as", "aka", "a.k.a.", "also called", "formerly known as",
              "otherwise known as", "known as")
