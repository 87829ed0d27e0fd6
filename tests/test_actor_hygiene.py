"""Actors that are actors, across a store (#16): articles of our own, coded and stored, share
only real actors; generic nouns, weapons, substances and scores never join two articles."""

from __future__ import annotations

import re
from pathlib import Path

from eventwire.pipeline import Pipeline
from eventwire.readers import make_document
from eventwire.store import Store

# Each article repeats the generic nouns, weapons and scores of the others; only the named
# people and states are the same actors from one article to the next.
_ARTICLES = [
    (
        "Women marched on Monday. President Emmanuel Macron said the regime "
        "must free the students. The navy fired Tomahawk missiles at a depot near the coast.",
        "2024-03-04",
    ),
    (
        "Women and students gathered in Lyon on Tuesday. Emmanuel Macron said France would "
        "send aid. Rovers 2-1 United was the result on Saturday. Officials said the nerve "
        "agent was found near the station.",
        "2024-03-05",
    ),
    (
        "Students protested as the regime's officials met. Macron told officials "
        "that France would not yield. The navy said Tomahawk missiles were fired. Rovers "
        "2-1 United drew a crowd.",
        "2024-03-06",
    ),
]
_NOT_ACTORS = re.compile(r"women|students|regime|officials|navy|missile|tomahawk|nerve|agent|\d")


def test_only_real_actors_join_articles(pipeline: Pipeline, tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    for text, date in _ARTICLES:
        store.put(pipeline(make_document(text, published=date)))
    actors = store.actors(limit=500).items
    shared = {a["name"] for a in actors if a["articles"] > 1}
    assert "Emmanuel Macron" in shared  # the same person, named in each article
    assert not [name for name in shared if _NOT_ACTORS.search(name.lower())], shared
    assert shared <= {"Emmanuel Macron", "France"}
    # the generic nouns are there, each in its own article
    per_article = [a["articles"] for a in actors if a["name"].lower() in {"women", "students"}]
    assert per_article and set(per_article) == {1}
