"""Words that stand before a person's name as a title ("President", "Gen.", "Foreign Minister").

Shared by the treebank reader (OntoNotes-style PERSON spans leave titles out) and the
pipeline's ``graphbuilder_doc_labels`` (a title inside a name entity ends what comes before it).
"""

from __future__ import annotations

PERSON_TITLES = frozenset(
    "president vice prime minister secretary foreign defense defence deputy chief director "
    "chairman chairwoman professor prof prof. dr dr. mr mr. mrs mrs. ms ms. miss sir dame lord "
    "lady king queen prince princess pope saint st. general gen. colonel col. lieutenant lt. "
    "captain capt. sergeant sgt. admiral commander senator sen. governor gov. mayor judge rep. "
    "representative congressman congresswoman chancellor premier ambassador bishop archbishop "
    "cardinal rabbi imam sheikh emperor empress reverend rev. detective madam speaker justice "
    "regent earl duke duchess baron baroness viscount marquess chair chairperson sheriff shadow "
    "home".split()
)
# Titles that also qualify other nouns ("General Motors", "Home Office", "Foreign Ministry",
# "Chief Executive"): they are titles only before another title ("Foreign Minister")
QUALIFIER_TITLES = frozenset(
    "vice prime foreign defense defence deputy chief general home shadow chair justice saint "
    "st. madam regent".split()
)
