"""Actor resolution: candidate mentions -> one canonical actor each, every mention kept.

The method, in text order over `doc.entities`:
1. Named spans (PERSON, ORG, GPE, NORP) resolve to the knowledge base: the entity ruler's id,
   else an exact alias, else a fuzzy, transliteration-aware match. Where several actors share
   the name, one of a country the article names wins; a match whose country the name's own
   demonym contradicts is refused ("Chile's Defense Department" is not the US one). A demonym
   used as a noun ("the Israelis") is its state; a people named in the plural that is no
   state's ("the Kurds") is an unnamed group of them; a GPE after a locative preposition ("in
   Iran") is a place, not an actor; a demonym that modifies an agent noun or a name ("Lebanese
   militia commander X") describes, it does not act. A state named by its name has no sector
   (PLOVER's convention: "Brazil" is all of it); by a metonym ("Tehran", "the Kremlin") it
   is its government, GOV.
2. A later name that is a spelling variant or a surname of an earlier one in the same article
   ("Khameini", "Lami") joins that actor first: the article is the best context.
3. A role phrase ("an anonymous senior Israeli official", "Iraqi security forces") takes its
   country from the demonym or state inside it, or from a place after it ("protesters in
   Lagos", "an official of Mali's junta": towns and cities through the gazetteer), and its
   sector from the agent noun; "former"/"retired" make an office holder PLOVER's ELI. A
   country's office ("Iran's Supreme Leader", "the US president") resolves to whoever held it
   on the article date.
   Modifiers give the sector of the noun they qualify ("breakaway state": PRE, "wanted
   persons": CRM, "indigenous leader": CVL); "X of Y" takes Y's country and, for an office,
   its sector ("president of the Riigikogu": LEG); a noun that acts, placed in a country, is
   an unnamed actor there ("a clinic in Kabul said"). A known person out of every office on
   the article date is ELI unless the text titles them ("Prime Minister Scott Morrison").
4. Names the base does not know get country and sector from their own phrase: titles before
   a name, the office before a rank ("Hezbollah official Mahmoud Qmati", "Deputy Minister of
   Defense Colonel-General X": GOV), appositions ("X, a member of the political bureau of Y":
   X is affiliated with Y and takes its country and sector), a demonym, province or city and
   a type word inside an organisation's name ("Saudi Coastal Guard", "Santa Marta Self Defense
   Forces": COL, PRM; "... Red Crescent Society": SOC); else the one country their sentence
   names ("Kenya: X said"); `kb_id` stays null.
5. Pronouns and definite descriptions ("he", "the official", "the group") join the most
   recent compatible actor before them: a person for he/she/"the official", an organisation
   for it/its/"the group"/"the ministry" (not a plural role like "reporters", but plural
   members of an organisation or armed group: "Hezbollah fighters"), a state for
   "the country"; "his organization" is the person's affiliated organisation named in the
   article, else the most recent organisation, and "his" itself is a mention of the person.
   A singular role phrase in apposition to a named person ("Jan Egeland, a humanitarian
   adviser to the UN") is that person described again, not a new actor.
6. A state's forces, bodies and offices ("the army", "troops", "the government", "the
   president") refer back only to a state's side: the last state body of their sector, else
   an unnamed body of the state in play (the one that acts of several in a sentence), else of
   the sentence's or the article's one country; "the militants", "the rebels" never refer
   back to a state. Either, with nothing to refer to, is an unnamed actor so its events have
   a source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .resolve import resolve_actors

if TYPE_CHECKING:
    from ...record import Document
    from ...resources import Resources

__all__ = ["actors_stage", "resolve_actors"]


def actors_stage(doc: Document, *, resources: Resources) -> Document:
    """Resolve `doc.entities` into `doc.actors`."""
    doc.actors = resolve_actors(doc, kb=resources.kb, gazetteer=resources.gazetteer)
    return doc
