"""The actor gazetteer: known geopolitical actors, their names, and the offices they held.

Bundled data (``actors.jsonl.gz``, built by ``training/build_gazetteer.py`` from the
PETRARCH2/Phoenix dictionaries, ISO 3166 and a curated list; see ``README.md`` here) can
be extended with a user's YAML or CSV file (``--actors FILE``).

* :class:`Gazetteer` - :meth:`~Gazetteer.load`, :meth:`~Gazetteer.lookup`,
  :meth:`~Gazetteer.get`, :meth:`~Gazetteer.demonym_country`,
  :meth:`~Gazetteer.roles_at`, :meth:`~Gazetteer.holders`;
* :class:`GazetteerEntry`, :class:`Role` - the records it returns;
* :func:`add_actor_ruler` - a spaCy component (factory ``graphbuilder_actor_ruler``) that
  tags known names and sets ``span._.gazetteer_id`` on entities; :func:`is_linked` tells
  whether it linked one.

Examples
--------
>>> from datetime import date
>>> gaz = Gazetteer.load()
>>> gaz.lookup("Ukraine's")[0].id
'gb:UKR'
>>> [e.name for e in gaz.holders("president", "Ukraine", date(2022, 2, 24))]
['Volodymyr Zelensky']
"""

from __future__ import annotations

from graphbuilder.gazetteer._gazetteer import Gazetteer
from graphbuilder.gazetteer._records import GazetteerEntry, Role, normalize
from graphbuilder.gazetteer._ruler import FACTORY, ActorRuler, add_actor_ruler, is_linked

__all__ = [
    "FACTORY",
    "ActorRuler",
    "Gazetteer",
    "GazetteerEntry",
    "Role",
    "add_actor_ruler",
    "is_linked",
    "normalize",
]
