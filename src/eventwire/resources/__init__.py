"""What stages consult, loaded once per process and shared read-only.

`Resources` loads each part on first use, so a stage test that needs only the time rules
never loads spaCy, and a worker process pays each load once.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from .gazetteer import Gazetteer
    from .kb import ActorKB
    from .spacy_model import KBRuler

__all__ = ["Resources"]


class Resources:
    """The spaCy pipeline, the actor knowledge base, its entity ruler and the gazetteer.

    `actor_files` are user knowledge-base files merged over the shipped base (later wins).
    """

    def __init__(self, *, actor_files: tuple[Path, ...] = ()) -> None:
        self.actor_files = actor_files

    def load_all(self) -> Resources:
        """Load every part now, so that a missing or broken resource fails before any work."""
        _ = self.nlp, self.kb, self.ruler, self.gazetteer
        return self

    @cached_property
    def nlp(self) -> Language:
        from .spacy_model import load_nlp

        return load_nlp()

    @cached_property
    def ruler(self) -> KBRuler:
        """The knowledge base's entity ruler (see `spacy_model.KBRuler`)."""
        from .spacy_model import build_ruler

        return build_ruler(self.nlp, self.kb)

    @cached_property
    def kb(self) -> ActorKB:
        from .kb import ActorKB

        return ActorKB.load(extra=self.actor_files)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from .gazetteer import Gazetteer

        return Gazetteer.load()
