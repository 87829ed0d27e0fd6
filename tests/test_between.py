"""Acts read between a subject actor and another actor (`events/between.py`): each test names
the phenomenon it covers, on sentences written for these tests."""

from __future__ import annotations

import pytest

from .coding import Code, Row
from .coding import rows as _events


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the second party hangs from the act's object, further than a verb's frame reaches
        ("Chile agreed to a ceasefire with Peru.", [("AGREE", ["Chile"], ["Peru"], "occurred")]),
        # ... or sits inside a phrase of the object
        (
            "The Chilean government supports discussions about the future of Peru.",
            [("SUPPORT", ["Chilean government"], ["Peru"], "occurred")],
        ),
    ],
)
def test_a_trigger_between_the_parties_links_them(code: Code, text: str, want: list[Row]) -> None:
    assert _events(code(text)) == want


@pytest.mark.parametrize(
    "text",
    [
        "A Chilean spokesman said the Peruvian navy had blocked the port.",
        # the addressee is under the reporting verb, the act in the clause it reports
        "A Chilean spokesman told Peru that the Bolivian navy had blocked the port.",
    ],
)
def test_an_act_of_a_reported_clause_is_not_the_reporters(code: Code, text: str) -> None:
    # "blocked" has its own subject in the clause "said" reports: the spokesman blocked nothing
    assert all(source != ["Chilean spokesman"] for _, source, _, _ in _events(code(text)))


def test_an_object_noun_is_the_subjects_act_under_a_support_verb(code: Code) -> None:
    # "made" carries out the accusation; whom it concerns hangs from the noun's phrase
    rows = _events(code("Chile made an accusation about the conduct of Peru."))
    assert [(t, s, g) for t, s, g, _ in rows] == [("ACCUSE", ["Chile"], ["Peru"])]


def test_a_by_phrase_names_who_does_the_act_not_whom_it_is_done_to(code: Code) -> None:
    # "an attack by the army of Peru": Peru's army attacks; Chile's warning is not aimed at it
    rows = _events(code("Chile warned of an attack by the army of Peru."))
    assert not any(t == "THREATEN" and g for t, _, g, _ in rows)


@pytest.mark.parametrize(
    "text",
    ["Chilean troops fought alongside the Peruvian army.", "Chile fought together with Peru."],
)
def test_a_partner_in_company_is_not_the_target(code: Code, text: str) -> None:
    # "alongside X", "together with X": X acts with the subject, not against it
    assert all(not target for _, _, target, _ in _events(code(text)))


def test_a_fronted_phrase_is_the_setting_not_a_party(code: Code) -> None:
    # the talks are where the ceasefire was agreed; the frames code the meeting itself
    rows = _events(code("During talks with Peru, Chile agreed to a ceasefire."))
    assert not any(t == "AGREE" for t, _, _, _ in rows)


def test_an_act_read_between_is_less_sure_than_a_framed_one(code: Code) -> None:
    between = code("Chile made an accusation about the conduct of Peru.").events
    framed = code("Chile attacked Peru.").events
    assert len(between) == len(framed) == 1
    assert between[0].confidence < framed[0].confidence - 0.1


def test_a_pronoun_subject_is_not_read_between(code: Code) -> None:
    # whom "It" stands for is already a guess; the path reading adds no act on top of it
    text = "Chile warned Peru. It made an accusation about the conduct of Bolivia on Monday."
    rows = _events(code(text))
    assert [(t, s, g) for t, s, g, _ in rows] == [("THREATEN", ["Chile"], ["Peru"])]


def test_a_sentence_the_frames_coded_is_not_read_again(code: Code) -> None:
    # the frames found the refusal; the path reading would give a second event for it
    rows = _events(code("Chile will not end the blockade until Peru pays its debts."))
    assert [t for t, _, _, _ in rows].count("REJECT") == 1


@pytest.mark.parametrize(
    "text",
    [
        # a noun's own clause: the plan is criticised, not the fishermen
        "Chilean farmers criticized a plan to attack Peruvian fishermen.",
        # an adjective's complement weighs or compares, it does not act
        "Chile is likely to attack Peru.",
    ],
)
def test_a_clause_of_its_own_keeps_its_actor(code: Code, text: str) -> None:
    assert _events(code(text)) == []


def test_a_noun_object_is_not_the_subjects_act_under_another_verb(code: Code) -> None:
    # "studied" does not carry the ceasefire out, as "made" carries out an accusation above
    assert _events(code("Chile studied a ceasefire with Peru.")) == []


def test_an_act_coded_without_target_takes_the_one_between(code: Code) -> None:
    # the frames find who announced the sanctions; whom they concern hangs further down
    rows = _events(code("The Chilean minister announced sanctions in relation to Peru."))
    assert [(t, s, g) for t, s, g, _ in rows] == [("COERCE", ["Chilean minister"], ["Peru"])]


def test_a_completed_act_does_not_reach_into_a_clause_of_its_own(code: Code) -> None:
    # what the claim says is not what the senate rejected
    rows = _events(code("The Chilean senate rejected the claim that the Peruvian consul won."))
    assert [(t, s, g) for t, s, g, _ in rows] == [("REJECT", ["Chilean senate"], [])]


def test_whoever_tells_of_the_act_is_not_its_target(code: Code) -> None:
    # "according to X" attributes the report to X (coding conventions, rule 3)
    text = (
        "Chilean soldiers shot and wounded fleeing family members trying to escape from the"
        " town, according to a Bolivian commander."
    )
    rows = _events(code(text))
    assert [(t, s, g) for t, s, g, _ in rows] == [("ASSAULT", ["Chilean soldiers"], [])]
