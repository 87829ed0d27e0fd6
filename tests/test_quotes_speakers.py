"""Speaker rules of the quotes stage (issue #16): who speaks when the cue's own subject is not
the speaker. Made-up sentences with hand-built actors."""

from __future__ import annotations

import pytest

from eventwire.record import Actor, Article, Document, Mention
from eventwire.stages.quotes import find_quotes
from tests.test_quotes import NLP, _spoken, make

NAMES = ["Vandermeer", "General Motors", "Maria Diaz", "Tom Hale", "the committee",
         "The committee", "The union", "She", "she", "They", "they", "He", "he"]  # fmt: skip


def _actors() -> dict[str, tuple[str | None, list[str]]]:
    return {f"A{n}": (None, [name]) for n, name in enumerate(NAMES)}


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # object control: the object of the governing verb is the infinitive's subject
        ("The committee forced Maria Diaz to admit that the accounts had been falsified.",
         "the accounts had been falsified", "Maria Diaz", "admit"),
        ("The union urged its members to warn that the plant would close.",
         "the plant would close", "its members", "warn"),
        # ... but a subject-control verb keeps its own subject
        ("Tom Hale promised the workers to announce that the plant would stay open.",
         "the plant would stay open", "Tom Hale", "announce"),
    ],
)  # fmt: skip
def test_object_control_gives_the_speaker(text: str, content: str, speaker: str, cue: str) -> None:
    assert (content, speaker, cue) in _spoken(make(text, _actors()))


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # the same pronoun in the reported clause is the outer speaker
        ("She said she recalls the day the old factory closed its doors for good.",
         "the day the old factory closed its doors for good", "She", "recalls"),
        ("They said they believe the vote in the north was rigged.",
         "the vote in the north was rigged", "They", "believe"),
        # a one-word name the tagger takes for an organisation still agrees with "she"
        ("Vandermeer said she felt the new law was worth a second look.",
         "the new law was worth a second look", "Vandermeer", "felt"),
        # ... a company's name of several words does not
        ("General Motors said he felt the new law was worth a second look.",
         "the new law was worth a second look", "he", "felt"),
        # ... another pronoun is someone else
        ("He said she believes the vote in the north was rigged.",
         "the vote in the north was rigged", "she", "believes"),
    ],
)  # fmt: skip
def test_a_repeated_pronoun_is_the_outer_speaker(
    text: str, content: str, speaker: str, cue: str
) -> None:
    assert (content, speaker, cue) in _spoken(make(text, _actors()))


def test_a_speaker_phrase_stops_where_its_words_stop_being_contiguous() -> None:
    # the parse hangs "the first of the season" on the subject, past the verb and its clause:
    # the speaker is the subject phrase, not a span running over the claim
    text = (
        "A majority of voters expect Maria Diaz to win Monday's debate, the first of the season, "
        "at the city hall on Main Street -- 44 percent to Tom Hale's 30 percent."
    )
    spoken = _spoken(make(text, _actors()))
    assert [speaker for _, speaker, cue in spoken if cue == "expect"] == ["A majority of voters"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("A lesson from Maria Diaz: ‘Listen first, and speak to the voters after that.’\n\n"
         "Maria Diaz, the mayor, spoke on Monday.",
         "Listen first, and speak to the voters after that."),
        ("Maria Diaz Slams City Budget Plan: ‘We Cannot Afford Another Year Of Cuts.’\n\n"
         "The mayor spoke on Monday.", "We Cannot Afford Another Year Of Cuts."),
    ],
)  # fmt: skip
def test_a_headline_intro_without_a_verb_names_its_speaker_first(text: str, content: str) -> None:
    assert (content, "Maria Diaz", ":") in _spoken(make(text, _actors()))


def test_a_lead_in_sentence_with_a_cue_gives_a_frameless_quote_its_speaker() -> None:
    text = (
        "Her old business partner, Tom Hale, called her a master of hard bargains. "
        '"She showed again and again that she could close deals nobody else could."'
    )
    content = "She showed again and again that she could close deals nobody else could."
    assert (content, "Tom Hale", "called") in _spoken(make(text, _actors()))


def test_a_lead_in_sentence_without_a_cue_gives_no_speaker() -> None:
    text = 'The council met late on Monday. "It was a long night for everyone in the room."'
    assert _spoken(make(text, _actors())) == [
        ("It was a long night for everyone in the room.", None, None)
    ]


def _with_kinds(text: str, actors: dict[str, tuple[str, str]]) -> Document:
    """A parsed document whose actors (id -> (surface, kind)) each have one mention."""
    built = []
    for actor_id, (surface, kind) in actors.items():
        at = text.index(surface)
        mention = Mention(at, at + len(surface), surface)
        built.append(Actor(id=actor_id, name=surface, kind=kind, mentions=[mention]))
    return Document(article=Article(id="t"), text=text, nlp=NLP(text), actors=built)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the possessive prefers the sentence's subject, not the nearest body
        ("The Regional Court is investigating Varania over the treatment of miners, its chief "
         "prosecutor said.", "A1"),
        ("The union opposes the plan for the harbor, their spokesman said on Monday.", "A3"),
        # "its" never stands for a person
        ("Maria Diaz opposes the plan for the harbor, its spokesman said on Monday.", None),
    ],
)  # fmt: skip
def test_an_official_named_by_a_possessive_speaks_for_the_body(
    text: str, speaker: str | None
) -> None:
    actors = {"A1": ("The Regional Court", "organization"), "A2": ("Varania", "state"),
              "A3": ("The union", "organization"), "A4": ("Maria Diaz", "person")}  # fmt: skip
    found = _with_kinds(text, {k: v for k, v in actors.items() if v[0] in text})
    assert [q.speaker for q in find_quotes(found) if q.cue == "said"] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Maria Diaz had told police officers that she did not want the escort at all, but the "
        "city overruled that request, the source added.",
        "The mayor had told the council that she would not sign the budget, but the council "
        "passed it anyway, an aide added.",
    ],
)
def test_a_closing_cue_reports_every_clause_before_it(text: str) -> None:
    claim = text[: text.rindex(",")]  # both clauses, up to the closing cue
    speaker = text[text.rindex(",") + 2 : text.index(" added")]
    assert (claim, speaker, "added") in _spoken(make(text, _actors()))


def test_who_speaks_at_an_occasion_of_speech_is_who_attends_it() -> None:
    text = (
        '"We will get there together," Maria Diaz said at a news conference announcing that the '
        "city would sue the company over the spill."
    )
    content = "the city would sue the company over the spill"
    assert (content, "Maria Diaz", "announcing") in _spoken(make(text, _actors()))


def test_a_participle_after_a_relative_clause_belongs_to_the_main_clause() -> None:
    text = (
        "The mayor was defensive when forced to explain not paying a builder who said he was "
        "cheated after he built a school, saying, “Maybe he did not do a good job, and I was "
        "not satisfied with his work.”"
    )
    spoken = _spoken(make(text, _actors()))
    assert [speaker for _, speaker, cue in spoken if cue == "saying"] == ["The mayor"]
