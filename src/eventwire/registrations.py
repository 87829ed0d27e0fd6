"""The explicit list of eventwire's own stages, with their contracts.

Importing a stage module registers nothing; this module does it, in one place, so that
`eventwire pipeline` and the runner see exactly what is written here.
"""

from __future__ import annotations

from .stage import Registry, Stage
from .stages.actors import actors_stage
from .stages.entities import entities_stage
from .stages.events import events_stage
from .stages.normalize import normalize_stage
from .stages.places import places_stage
from .stages.quotes import quotes_stage
from .stages.segment import segment_batch, segment_stage
from .stages.times import times_stage

__all__ = ["STAGES", "default_registry"]

STAGES: tuple[Stage, ...] = (
    Stage(
        "normalize", normalize_stage, reads=("text",), writes=("text",),
        help="Unicode NFC, line ends, control characters; refuses empty and non-English text",
    ),
    Stage(
        "segment", segment_stage, reads=("text",), writes=("nlp",), batch=segment_batch,
        help="spaCy en_core_web_sm 3.8.0: tokens, sentences, tags, dependencies, NER",
    ),
    Stage(
        "entities", entities_stage, reads=("nlp",), writes=("nlp", "entities"),
        help="actor knowledge-base entity ruler; role phrases, descriptions and pronouns",
    ),
    Stage(
        "actors", actors_stage, reads=("article", "text", "nlp", "entities"), writes=("actors",),
        help="resolve mentions to canonical actors (KB, fuzzy, roles, offices, coreference)",
    ),
    Stage(
        "quotes", quotes_stage, reads=("text", "nlp", "actors"), writes=("quotes",),
        help="direct, partial and indirect quotes with cue, speaker and outlet",
    ),
    Stage(
        "times", times_stage, reads=("article", "text", "nlp"), writes=("times",),
        help="time expressions with TIMEX3-style values resolved against the article date",
    ),
    Stage(
        "places", places_stage, reads=("article", "text", "nlp", "entities"), writes=("places",),
        help="toponyms resolved to the offline gazetteer, disambiguated by article context",
    ),
    Stage(
        "events", events_stage,
        reads=("article", "text", "nlp", "actors", "quotes", "times", "places"),
        writes=("events", "actors"),
        help="PLOVER events: type, mode, actors, status, date, place, attribution, evidence",
    ),
)  # fmt: skip


def default_registry() -> Registry:
    """A registry holding eventwire's own stages."""
    registry = Registry()
    for stage in STAGES:
        registry.register(stage)
    return registry
