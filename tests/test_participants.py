"""Participant frames (`events/participants.py`, `data/event_frames.tsv`): each test names the
syntactic phenomenon it covers, on sentences written for these tests."""

from __future__ import annotations

import pytest

from eventwire.errors import ResourceError
from eventwire.resources import plover
from eventwire.resources.plover import TYPES, frames

from .coding import Code, Row
from .coding import rows as _events


def test_every_type_has_a_frame() -> None:
    table = frames()
    assert set(table) == set(TYPES)
    assert "with" in table["ASSAULT"].skip_preps  # "struck with drones": an instrument
    assert table["CONSULT"].reciprocal == "yes"
    assert table["SUPPORT"].reciprocal == "pairs"


def test_bad_frame_table_is_a_named_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plover, "data_text", lambda name: "BOGUS\tat\tat\tno\tno\t\n")
    plover.frames.cache_clear()
    try:
        with pytest.raises(ResourceError, match="unknown PLOVER type"):
            plover.frames()
    finally:
        plover.frames.cache_clear()


@pytest.mark.parametrize(
    ("phenomenon", "text", "want"),
    [
        (
            "the object phrase holds the actor (of)",
            "Chile rejected the appeal of Peru.",
            ("REJECT", ["Chile"], ["Peru"]),
        ),
        (
            "the object phrase holds the actor (from)",
            "Chile rejected a request from Peru.",
            ("REJECT", ["Chile"], ["Peru"]),
        ),
        (
            "the object phrase holds the actor (possessor)",
            "Chile condemned Peru's violations of the border.",
            ("ACCUSE", ["Chile"], ["Peru"]),
        ),
        (
            "the complement's target (agree to ... to X)",
            "Chile agreed to lend $1 billion to Peru.",
            ("AGREE", ["Chile"], ["Peru"]),
        ),
        (
            "the complement's target (refuse to ... with X)",
            "Chile refused to meet with Peru.",
            ("REJECT", ["Chile"], ["Peru"]),
        ),
        (
            "a participle inside the object carries the preposition",
            "Chile lifted the sanctions imposed on Peru.",
            ("RETREAT", ["Chile"], ["Peru"]),
        ),
        (
            "a noun carried out by the verb's subject (ordered an investigation)",
            "Chile ordered an investigation into Peru.",
            ("ACCUSE", ["Chile"], ["Peru"]),
        ),
        (
            "a modifier-noun trigger is a noun carried out by the verb's subject",
            "Chile launched legal action against Peru.",
            ("ACCUSE", ["Chile"], ["Peru"]),
        ),
        (
            "a modifier-noun trigger's partner hangs on the noun",
            "Chile opened peace talks with Peru.",
            ("CONSULT", ["Chile"], ["Peru"]),
        ),
        (
            "the phrase a preposition of the object marks holds the actor",
            "Chile lifted its ban on imports from Peru.",
            ("CONCEDE", ["Chile"], ["Peru"]),
        ),
        (
            "the complement's object's preposition holds the actor",
            "Chile agreed to lift its ban on imports from Peru.",
            ("AGREE", ["Chile"], ["Peru"]),
        ),
        (
            "the source's own possessive on the object does not hide the object's holder",
            "Chile lifted its blockade of Peru.",
            ("RETREAT", ["Chile"], ["Peru"]),
        ),
        (
            "an actor modifies a modifier of the object's head",
            "Chilean jets bombed a Shining Path weapons depot.",
            ("ASSAULT", ["Chile"], ["Shining Path"]),
        ),
        (
            "a noun trigger's own verb reaches the target",
            "A bombing by Chilean rebels killed three Peruvian soldiers.",
            ("ASSAULT", ["Chilean rebels"], ["Peruvian soldiers"]),
        ),
        (
            "a refused request names whom it is for",
            "Chile rejected an extradition request for the Peruvian general.",
            ("REJECT", ["Chile"], ["Peruvian general"]),
        ),
        (
            "what the object is for lies in a place that stands for its polity",
            "Chile provided $40 million for relief in northern Peru.",
            ("AID", ["Chile"], ["Peru"]),
        ),
        (
            "the place the act's purpose lies in stands for its polity",
            "Chile gave $5 million to rebuild schools in northern Peru.",
            ("AID", ["Chile"], ["Peru"]),
        ),
        (
            "the parties between whom the act's purpose lies",
            "Chile launched a mediation effort to end the dispute between Peru and Bolivia.",
            ("CONSULT", ["Chile"], ["Peru", "Bolivia"]),
        ),
        (
            "the object marks the target with the type's noun prepositions",
            "Chile suspended its military aid for Peru.",
            ("SANCTION", ["Chile"], ["Peru"]),
        ),
        (
            "the complement's act, read through its own frame, names the target",
            "Chile agreed to allow the return of the Peruvian fishermen.",
            ("AGREE", ["Chile"], ["Peruvian fishermen"]),
        ),
        (
            "a partitive noun stands in the clause for the act it counts",
            "Chile launched a series of attacks on Peru.",
            ("ASSAULT", ["Chile"], ["Peru"]),
        ),
        (
            "a late 'to' phrase the parser hangs inside the object names the recipient",
            "Chile returned the paintings that date back to 1600 to Peru on Monday.",
            ("RETREAT", ["Chile"], ["Peru"]),
        ),
        (
            "a modifier-noun names the act more closely than the verb-object pair",
            "Chile issued a travel warning for Peru.",
            ("SANCTION", ["Chile"], ["Peru"]),
        ),
        (
            "a truce noun's other side (with)",
            "Chile's ceasefire with Peru held.",
            ("RETREAT", ["Chile"], ["Peru"]),
        ),
    ],
)
def test_target_frames(code: Code, phenomenon: str, text: str, want: tuple[object, ...]) -> None:
    got = [(t, s, g) for t, s, g, _ in _events(code(text))]
    assert want in got, phenomenon


@pytest.mark.parametrize(
    "text",
    [
        "Chile and Peru agreed to open the border.",  # reciprocal verb
        "Chile and Peru are in talks over the border.",  # noun after "be in"
        "Chile and Peru signed a border treaty.",  # verb-object pair
        "Chile and Peru began a new round of talks.",  # a partitive noun's act
    ],
)
def test_coordinated_subject_of_a_two_sided_act(code: Code, text: str) -> None:
    sides = [(s, t) for _, s, t, _ in _events(code(text))]
    assert (["Chile"], ["Peru"]) in sides


def test_a_coordinated_subject_names_both_sides_before_the_matter(code: Code) -> None:
    # the two sides agree with each other; what they agree on comes after them
    rows = _events(code("Chile and Peru agreed to share intelligence on Bolivia."))
    assert ("AGREE", ["Chile"], ["Peru", "Bolivia"]) in [r[:3] for r in rows]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a text its issuer adopts speaks for the issuer
        ("Chile's senate passed a resolution condemning Peru.", ("ACCUSE", ["senate"], ["Peru"])),
        ("Chile released a statement criticising Peru.", ("ACCUSE", ["Chile"], ["Peru"])),
    ],
)
def test_a_text_issued_speaks_for_its_issuer(
    code: Code, text: str, want: tuple[str, list[str], list[str]]
) -> None:
    assert want in [r[:3] for r in _events(code(text))]


def test_a_participle_on_a_person_is_not_the_verbs_subjects_act(code: Code) -> None:
    # the man carries the letter: the police only arrest him
    rows = _events(code("Chilean police arrested a man carrying a letter criticizing Peru."))
    assert all(s != ["Chilean police"] for t, s, _, _ in rows if t == "ACCUSE")


def test_an_adjective_keeps_its_own_to_phrase(code: Code) -> None:
    # "similar to X" complements the adjective: X is not whom the act reaches
    rows = _events(code("Chile gave weapons that are similar to Peru's."))
    assert all("Peru" not in target for _, _, target, _ in rows)


def test_one_sided_acts_keep_a_coordinated_source(code: Code) -> None:
    # condemning is not done to one another: both condemn
    rows = _events(code("Chile and Peru condemned Bolivia."))
    assert rows and rows[0][1] == ["Chile", "Peru"] and rows[0][2] == ["Bolivia"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # an act between two parties whose second the parse did not find is no event ...
        ("Chile condemned the vote on Monday.", []),
        ("Peru's president held a call on Monday.", []),
        # ... while violence, demands and refusals are told without one
        ("Chilean police arrested dozens on Monday.", ["COERCE"]),
        ("Peru called for an immediate ceasefire.", ["REQUEST"]),
        ("Chile refused to sign the statement.", ["REJECT"]),
    ],
)
def test_two_party_acts_need_their_second_party(code: Code, text: str, want: list[str]) -> None:
    assert [t for t, *_ in _events(code(text))] == want


@pytest.mark.parametrize(
    ("text", "target_country"),
    [
        ("Chilean jets struck Lima on Monday.", "PER"),  # a city the act is aimed at
        ("Chilean jets launched raids in southern Peru.", "PER"),  # "raids in X"
        ("The Chilean attack struck air defence sites near Lima.", "PER"),  # "sites near X"
        # a region the actors stage made an actor of its own is that actor
        ("Chilean troops imposed blockades in some parts of Darfur.", "SDN"),
    ],
)
def test_a_place_attacked_stands_for_its_polity(code: Code, text: str, target_country: str) -> None:
    doc = code(text)
    (event,) = [e for e in doc.events if e.type == "ASSAULT"]
    (target,) = [doc.actor(t) for t in event.target]
    assert target is not None and target.country == target_country
    # the place's span is a mention of the polity, so the target is auditable
    assert any(m.text in text for m in target.mentions)


def test_a_state_of_an_act_stands_for_the_act(code: Code) -> None:
    # "a state of siege": the state is declared, and it holds where the siege is
    rows = _events(code("The Chilean army declared a state of siege in Tacna."))
    assert [r[:3] for r in rows] == [("COERCE", ["Chilean army"], ["Peru"])]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Maria Lopez gave birth in Lima.", []),  # where a common word happens is no party
        ("Chile gave $40 million to Peru.", [("AID", ["Chile"], ["Peru"])]),
        ("Chile gave $40 million for relief in southern Peru.", [("AID", ["Chile"], ["Peru"])]),
    ],
)
def test_a_common_word_is_no_act_towards_where_it_happens(
    code: Code, text: str, want: list[tuple[object, ...]]
) -> None:
    assert [r[:3] for r in _events(code(text))] == want


def test_people_undergoing_the_act_are_not_replaced_by_the_place(code: Code) -> None:
    doc = code("Chilean police arrested the suspects in Lima.")
    # the suspects undergo the arrest: they are the target whatever the place adds (#15)
    (event,) = doc.events
    targets = [doc.actor(t) for t in event.target]
    assert any(a is not None and a.mentions[0].text == "the suspects" for a in targets)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Chile released a statement on Monday.", []),  # a message, not a captive
        ("Chile released the fishermen on Monday.", ["RETREAT"]),
        ("Chile was leaving the trade deal, officials said.", []),  # a standing deal
        ("Chile and Peru reached a deal on Monday.", ["SUPPORT"]),  # a deal made
    ],
)
def test_precision_guards(code: Code, text: str, want: list[str]) -> None:
    assert [t for t, *_ in _events(code(text))] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a denied act with no one it would have hit: nothing happened to anyone
        ("Ruritanian troops did not open fire, the ministry said.", []),
        ("The Ruritanian army never attacked.", []),
        # denied against someone, or done to no one named: still events
        (
            "Ruritanian troops did not open fire on the Freedonian protesters.",
            [("ASSAULT", "negated")],
        ),
        ("Ruritanian troops opened fire.", [("ASSAULT", "occurred")]),
    ],
)
def test_a_denied_act_needs_whom_it_spared(
    code: Code, text: str, want: list[tuple[str, str]]
) -> None:
    assert [(t, status) for t, _, _, status in _events(code(text))] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # whoever fears an act of harm is whom it would hit; feared, it is a possibility
        (
            "Peruvian farmers fear an attack by Chile.",
            [("ASSAULT", ["Chile"], ["Peruvian farmers"], "hypothetical")],
        ),
        (
            "Peruvian farmers fear that Chile will attack.",
            [("ASSAULT", ["Chile"], ["Peruvian farmers"], "future")],
        ),
        # whoever is shielded from it, likewise
        (
            "UN observers were sent to protect Peruvian farmers from a Chilean assault.",
            [("ASSAULT", ["Chile"], ["Peruvian farmers"], "occurred")],
        ),
        # warned of by its target's own minister: a possibility, aimed at no one named
        (
            "The Peruvian minister warned of an attack by Chile.",
            [("ASSAULT", ["Chile"], [], "hypothetical")],
        ),
    ],
)
def test_a_feared_act_is_aimed_at_whoever_fears_it(code: Code, text: str, want: list[Row]) -> None:
    assert _events(code(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a meeting named as the occasion of the subject's presence or act has it as a party
        (
            "Annalena Baerbock was in Ankara for talks with Turkish officials.",
            [("CONSULT", ["Annalena Baerbock"], ["Turkish officials"], "occurred")],
        ),
        (
            "Olaf Scholz spoke at a meeting with Emmanuel Macron.",
            [("CONSULT", ["Olaf Scholz"], ["Emmanuel Macron"], "occurred")],
        ),
        # a passive subject underwent the verb: no party of the talks
        ("Olaf Scholz was detained during talks with Emmanuel Macron.", []),
    ],
)
def test_the_subject_takes_part_in_the_meeting_it_is_there_for(
    code: Code, text: str, want: list[Row]
) -> None:
    assert _events(code(text)) == want


def test_a_clause_read_as_a_prepositions_object_keeps_its_subject(code: Code) -> None:
    # the parser gives "as" the minister as its object and "visited" no subject
    rows = _events(
        code(
            "A new row between the two Nato allies broke out as the German foreign minister, "
            "Annalena Baerbock, visited Ankara to row back on a promise by Olaf Scholz.",
            "2023-01-08",
        )
    )
    assert rows == [("CONSULT", ["Annalena Baerbock"], ["Turkey"], "occurred")]


def test_a_hyphenated_word_is_the_solid_trigger(code: Code) -> None:
    # the parser splits "cease-fire" into three tokens; the lexicon writes "ceasefire"
    rows = _events(code("Chile announced a cease-fire on Monday."))
    assert [(t, s) for t, s, _, _ in rows] == [("RETREAT", ["Chile"])]


def test_a_failed_act_is_negated(code: Code) -> None:
    rows = _events(code("Chilean police failed to arrest the Peruvian smugglers."))
    assert [(t, status) for t, _, _, status in rows] == [("COERCE", "negated")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a common verb is an event when it links two actors ...
        ("Chile gave medical equipment to Peru.", [("AID", ["Chile"], ["Peru"])]),
        (
            "Chile summoned the Peruvian ambassador.",
            [("ACCUSE", ["Chile"], ["Peruvian ambassador"])],
        ),
        # ... and not on its own
        ("Chile gave a long speech on Monday.", []),
        ("Chile held its breath as the results came in.", []),
        # a common verb whose object acts in its complement is a demand on that object
        ("Chile pressured Peru to cancel the strike.", [("REQUEST", ["Chile"], ["Peru"])]),
        # "hold" over a partitive noun is the act it counts, not a detention
        ("Chile held a second round of talks with Peru.", [("CONSULT", ["Chile"], ["Peru"])]),
    ],
)
def test_common_words_need_both_sides(code: Code, text: str, want: list[object]) -> None:
    assert [(t, s, g) for t, s, g, _ in _events(code(text))] == want


def test_an_arrest_implies_the_police_of_the_place(code: Code) -> None:
    doc = code("Dozens of protesters were arrested in Lima on Friday.")
    (event,) = doc.events
    (agent,) = [doc.actor(a) for a in event.source]
    assert agent is not None and (agent.country, agent.sector) == ("PER", "COP")
    assert event.inferred == [agent.id] and agent.mentions == []  # nothing in the text names it
    assert event.type == "COERCE" and [doc.actor(t).name for t in event.target] == ["protesters"]  # type: ignore[union-attr]


def test_no_place_no_implied_agent(code: Code) -> None:
    # with no identifiable actor there is still no event
    assert code("Three journalists were detained, the ministry said.").events == []


def test_named_agents_are_not_inferred(code: Code) -> None:
    (event,) = code("Peruvian police arrested the smugglers in Lima.").events
    assert event.inferred == []


def test_a_nouns_holder_acts_in_its_infinitive(code: Code) -> None:
    # nominal control: "Chile's decision to withdraw" is Chile's withdrawal
    rows = _events(code("Chile's decision to withdraw its troops from Peru angered Bolivia."))
    assert ("RETREAT", ["Chile"], ["Peru"]) in [(t, s, g) for t, s, g, _ in rows]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Chile withdrew Chilean troops from Peru.", ["Peru"]),  # own forces move
        ("Chile released two Peruvian soldiers on Monday.", ["Peruvian soldiers"]),  # others'
    ],
)
def test_own_forces_are_moved_not_targeted(code: Code, text: str, target: list[str]) -> None:
    (row,) = _events(code(text))
    assert row[2] == target


def test_an_apposition_names_who_not_the_possessor(code: Code) -> None:
    rows = _events(code("Chile arrested his rival, Alberto Fujimori, on Monday."))
    assert [(t, g) for t, _, g, _ in rows] == [("COERCE", ["Alberto Fujimori"])]


def test_an_unresolved_subject_is_not_replaced_by_an_implied_agent(code: Code) -> None:
    # the parse has a subject ("the rivals of the gang"): who did it is said, if not resolved
    doc = code("The rivals of the gang arrested two smugglers in Lima.")
    assert all(not e.inferred for e in doc.events)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a noun that only classifies another noun is no act
        ("Chile built new detention centres near Lima.", []),
        # words are attacked with words: an accusation, not an assault
        ("Chile hit back at comments made by Peru.", [("ACCUSE", ["Chile"], ["Peru"])]),
        ("Chile attacked Peruvian positions near the border.", [("ASSAULT", ["Chile"], ["Peru"])]),
    ],
)
def test_classifying_nouns_and_attacks_on_words(code: Code, text: str, want: list[object]) -> None:
    assert [(t, s, g) for t, s, g, _ in _events(code(text))] == want


def test_a_participle_s_noun_underwent_the_act(code: Code) -> None:
    # reduced relative clause: "smugglers detained in Lima" were detained
    rows = _events(code("Peru will try the Chilean smugglers detained in Lima last week."))
    assert [(t, g) for t, _, g, _ in rows] == [("COERCE", ["Chilean smugglers"])]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a common word over an act only frames it: the denial negates the firing
        ("Chile denied firing on a Peruvian patrol boat.", [("ASSAULT", "negated")]),
        # naming is not acting; a pronoun subject is too weak for a common word
        ("Chile rejected the plan of Peru, calling it interference.", [("REJECT", "occurred")]),
        (
            "Chile warned Peru that it would keep blocking the talks with Bolivia.",
            [("THREATEN", "occurred")],
        ),
    ],
)
def test_common_words_in_weak_frames(code: Code, text: str, want: list[tuple[str, str]]) -> None:
    assert [(t, status) for t, _, _, status in _events(code(text))] == want


def test_a_pronoun_that_is_the_speaker_binds_a_common_word(code: Code) -> None:
    # "Chile said it will not allow X to ...": the reported clause's pronoun is the speaker
    rows = _events(code("Chile said it will not allow Peruvian fishermen to enter its waters."))
    assert ("REJECT", ["Chile"], ["Peruvian fishermen"], "occurred") in rows
    # ... and a pronoun that is not the speaker stays too weak ("the envoy said it will")
    rows = _events(code("The Chilean envoy said it will not allow Peruvian forces to return."))
    assert [row for row in rows if row[0] in {"REJECT", "RETREAT"}] == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a gift the trigger tables give AID with, or an amount of money
        ("The Chilean army gave medical equipment to Peru.", ["AID"]),
        ("Chile has given away lots of money to Peru.", ["AID"]),
        # nothing given as aid
        ("Chile gave Peru a lesson in diplomacy.", []),
        ("A Chilean woman gave birth to a child in a Peruvian camp.", []),
    ],
)
def test_giving_is_aid_only_when_the_gift_is(code: Code, text: str, want: list[str]) -> None:
    assert [t for t, *_ in _events(code(text))] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # "return" hands back what its object names, also in the passive
        ("Chile returned the prisoners to Peru.", ["RETREAT"]),
        ("The stolen statue was returned by Chile to Peru.", ["RETREAT"]),
        # an armed force returning withdraws
        ("Chilean troops returned to their bases in Peru.", ["RETREAT"]),
        # with no object anyone else returning is a journey, no event
        ("The exiled Peruvian leader returned to Lima on Monday.", []),
        ("The Chilean woman wants to return to Chile.", []),
    ],
)
def test_return_without_an_object_is_a_journey(code: Code, text: str, want: list[str]) -> None:
    assert [t for t, *_ in _events(code(text))] == want


def test_a_common_word_does_not_borrow_two_sides_from_a_coordinated_subject(code: Code) -> None:
    # "receive" is a visit only when it binds a guest itself, not by splitting "X and Y"
    rows = _events(code("Chile and Peru will receive a crushing response, Bolivia said."))
    assert [t for t, *_ in rows if t == "CONSULT"] == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a promise: the sayer announces its own cooperative act (rule 1), which is coded too
        (
            "Chile said it will release the Peruvian fishermen.",
            [("RETREAT", "future"), ("AGREE", "occurred")],
        ),
        # a threat: the sayer announces its own hostile act
        (
            "Chile's army said it would strike the camps of Peru.",
            [("ASSAULT", "hypothetical"), ("THREATEN", "occurred")],
        ),
        # a refusal in the actor's own clause: a cooperative act that will not happen
        ("Chile will not lift the ban on Peru.", [("CONCEDE", "negated"), ("REJECT", "occurred")]),
        # not a statement of the actor's own: a schedule, a report by someone else
        ("Chile's president will meet Peru's president on Friday.", [("CONSULT", "future")]),
        (
            "Analysts said Chile will release the Peruvian fishermen.",
            [("RETREAT", "future")],
        ),
    ],
)
def test_statements_of_future_acts_perform_promises_threats_and_refusals(
    code: Code, text: str, want: list[tuple[str, str]]
) -> None:
    assert [(t, status) for t, _, _, status in _events(code(text))] == want


def test_a_promised_act_s_place_named_by_a_toponym_modifier(code: Code) -> None:
    # "the Tacna border posts": the toponym modifying a noun of place is where the act lies
    rows = _events(code("Chile is willing to withdraw its troops from the Tacna border posts."))
    assert ("AGREE", ["Chile"], ["Peru"]) in [r[:3] for r in rows]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the subject of the condition clause must fulfil it
        ("Chile will not end the blockade until Peru pays its debts.", ["Peru"]),
        # the agent of a passive condition; the refuser's own demands are not a party
        (
            "Chilean teachers said they will not end the strike"
            " unless their demands are met by Peru.",
            ["Peru"],
        ),
        # a condition held by a predicate of the condition clause
        ("Chile will not lift the embargo until it is convinced Peru is complying.", ["Peru"]),
        # a condition on the refuser alone names no target
        ("Chile will not lift the embargo until it has consulted its lawyers.", []),
    ],
)
def test_whoever_must_fulfil_a_refusals_condition_is_its_target(
    code: Code, text: str, want: list[str]
) -> None:
    refusals = [g for t, _, g, _ in _events(code(text)) if t == "REJECT"]
    assert refusals == [want]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a predicative adjective of commitment: its subject promises its infinitive's act
        (
            "Chile is willing to withdraw its troops from Peru.",
            [
                ("AGREE", ["Chile"], ["Peru"], "occurred"),
                ("RETREAT", ["Chile"], ["Peru"], "future"),
            ],
        ),
        (
            "Peru is ready to send medical aid to Chile.",
            [("AGREE", ["Peru"], ["Chile"], "occurred"), ("AID", ["Peru"], ["Chile"], "future")],
        ),
        # other adjectives commit nobody; an attributive adjective is no predicate
        ("Chile is likely to attack Peru.", []),
        (
            "The ready troops of Chile attacked Peru.",
            [("ASSAULT", ["troops"], ["Peru"], "occurred")],
        ),
    ],
)
def test_predicative_adjectives_of_commitment(code: Code, text: str, want: list[Row]) -> None:
    assert _events(code(text)) == want


def test_a_force_withdrawn_leaves_the_place_it_left_as_target(code: Code) -> None:
    # the troops moved are the source's own, not the target: whence they go is
    rows = _events(code("Chile is withdrawing troops from northern Peru."))
    assert [(t, s, g) for t, s, g, _ in rows] == [("RETREAT", ["Chile"], ["Peru"])]


def test_a_noun_that_names_an_actor_is_no_act(code: Code) -> None:
    # "opposition" names who acts here, it reports no act of opposing
    rows = _events(code("Chile sent weapons to Peru's opposition."))
    assert [(t, s, g) for t, s, g, _ in rows] == [("AID", ["Chile"], ["Peru opposition"])]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Chile refused to let Peruvian ships dock in Arica.", ("REJECT", ["Chile"], ["Peru"])),
        (
            "Peru agreed to allow Chilean aid workers to enter the country.",
            ("AGREE", ["Peru"], ["Chilean aid workers"]),
        ),
    ],
)
def test_who_is_let_act_is_the_target_of_a_permission(
    code: Code, text: str, want: tuple[str, list[str], list[str]]
) -> None:
    # "refused to allow X to land": the clause of the complement's verb names whom it concerns
    assert want in [(t, s, g) for t, s, g, _ in _events(code(text))]


def test_what_a_leader_heads_is_its_own(code: Code) -> None:
    # "led a delegation to Lima": the delegation is the leader's; its phrases name the target
    rows = _events(code("The Chilean foreign minister led a delegation to Lima on Monday."))
    assert [(t, g) for t, _, g, _ in rows] == [("AGREE", ["Peru"])]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Protesters demanding the release of the Chilean journalist rallied in Lima.",
            ("REQUEST", ["Protesters"], ["Chilean journalist"]),
        ),
        (
            "The Chilean brigade fighting the Peruvian rebels declared a ceasefire.",
            ("ASSAULT", ["Chilean brigade"], ["Peruvian rebels"]),
        ),
        # in an apposition, what the apposition describes
        (
            "Sendero, the group fighting the Peruvian army, claimed the attack.",
            ("ASSAULT", ["Sendero"], ["Peruvian army"]),
        ),
    ],
)
def test_an_active_participle_s_noun_acts(code: Code, text: str, want: tuple[object, ...]) -> None:
    # "a delegation touring X": the noun an -ing participle modifies does what it says
    assert want in [(t, s, g) for t, s, g, _ in _events(code(text))]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a definite noun for something said answers the last claim reported before it
        (
            "Chile said Peru had broken the treaty. Peru rejected the accusation.",
            ("REJECT", ["Peru"], ["Chile"]),
        ),
        (
            "Chile said Peru had broken the treaty. Bolivia welcomed the statement.",
            ("SUPPORT", ["Bolivia"], ["Chile"]),
        ),
        (
            "Chile declared that the war was over, but the claim was disputed by Peru.",
            ("ACCUSE", ["Peru"], ["Chile"]),
        ),
        # no claim reported before: no one to answer; nor the answering side's own speakers
        ("Peru rejected the accusation.", ("REJECT", ["Peru"], [])),
        (
            "Chile accused Peru of spying. 'This is baseless,' the Peruvian foreign minister"
            " said. Peru rejected the accusation.",
            ("REJECT", ["Peru"], ["Chile"]),
        ),
        (
            "'The talks are over,' a Chilean newspaper reporter said. Peru rejected the claim.",
            ("REJECT", ["Peru"], []),
        ),
        # a government answering its own opposition answers someone
        (
            "'The vote was stolen,' the Peruvian opposition leader said. The Peruvian"
            " government rejected the accusation.",
            ("REJECT", ["Peruvian government"], ["Peruvian opposition leader"]),
        ),
        # verbs of verbal conflict (CAMEO 110)
        ("Chile disputed Peru's claim to the islands.", ("ACCUSE", ["Chile"], ["Peru"])),
        ("Chile contradicted Peru on the border.", ("ACCUSE", ["Chile"], ["Peru"])),
    ],
)
def test_an_answer_to_what_was_said(code: Code, text: str, want: tuple[object, ...]) -> None:
    assert want in [(t, s, g) for t, s, g, _ in _events(code(text))]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # parties that fail to agree reject each other's terms (CAMEO FAIL, 120)
        (
            "Chile and Peru failed to reach a deal on fishing rights.",
            [("REJECT", ["Chile"], ["Peru"], "occurred")],
        ),
        (
            "Chile failed to agree with Peru on the border.",
            [("REJECT", ["Chile"], ["Peru"], "occurred")],
        ),
        # any other failed act is only not done: no rejection of anyone
        ("Chilean jets failed to strike Lima.", [("ASSAULT", ["Chile"], ["Peru"], "negated")]),
        ("Chile failed to support Peru.", [("SUPPORT", ["Chile"], ["Peru"], "negated")]),
        # one side alone failing to agree rejects no one
        ("Chilean lawmakers failed to agree on the budget.", []),
    ],
)
def test_a_failed_agreement_is_a_rejection(code: Code, text: str, want: list[Row]) -> None:
    assert _events(code(text)) == want


def test_a_promised_act_s_place_stands_for_its_polity(code: Code) -> None:
    # "agreed to a ceasefire in southern Peru": the act agreed to lies in Peru
    rows = _events(code("Chile agreed to a ceasefire in southern Peru."))
    assert [(t, s, g) for t, s, g, _ in rows] == [("AGREE", ["Chile"], ["Peru"])]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Peru's president fired his defence minister on Tuesday.", []),  # dismissal
        ("Chilean gunmen fired rockets at Peru.", [("ASSAULT", ["Chilean gunmen"], ["Peru"])]),
    ],
)
def test_firing_a_person_is_a_dismissal_not_an_attack(
    code: Code, text: str, want: list[object]
) -> None:
    assert [(t, s, g) for t, s, g, _ in _events(code(text))] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # an unnamed group where the act happened stands with the place's polity ...
        (
            "Chilean rebels killed 48 people in two attacks in Peru on Tuesday.",
            ["people", "Peru"],
        ),
        # ... unless the polity is the source's own: a domestic act
        ("Peruvian police arrested ten protesters in Lima.", ["protesters"]),
    ],
)
def test_an_unnamed_group_stands_with_the_polity_where_the_act_happened(
    code: Code, text: str, want: list[str]
) -> None:
    assert next(g for _, _, g, _ in _events(code(text))) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Chile called on Peru to reopen the border.", ("REQUEST", ["Chile"], ["Peru"])),
        ("The mayor appealed to Bolivia for help.", ("REQUEST", ["mayor"], ["Bolivia"])),
    ],
)
def test_a_prepositional_verb_s_own_preposition_marks_the_target(
    code: Code, text: str, want: tuple[str, list[str], list[str]]
) -> None:
    assert _events(code(text))[0][:3] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Chile refused to respond to a request from Peru for data.",
            ("REJECT", ["Chile"], ["Peru"]),
        ),
        (
            "Chile refused to comply with a demand from Bolivia.",
            ("REJECT", ["Chile"], ["Bolivia"]),
        ),
    ],
)
def test_a_complement_s_prepositional_object_holds_the_target(
    code: Code, text: str, want: tuple[str, list[str], list[str]]
) -> None:
    assert _events(code(text))[0][:3] == want


def test_a_toponym_modifying_a_noun_of_place_stands_for_its_polity(code: Code) -> None:
    assert _events(code("Chile shelled the Tacna border area."))[0][:3] == (
        "ASSAULT",
        ["Chile"],
        ["Peru"],
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The Chilean president called the Peruvian president on Saturday.",
            [("CONSULT", "phone")],
        ),
        ("Chile called on Peru to reopen the border.", [("REQUEST", "change")]),
        # a label, not a call: a stigmatising one accuses (`events/labels.py`)
        ("The Chilean president called the Peruvian president a liar.", [("ACCUSE", "disapprove")]),
    ],
)
def test_calling_a_person_is_a_telephone_call_unless_a_demand_or_a_label(
    code: Code, text: str, want: list[tuple[str, str]]
) -> None:
    assert [(e.type, e.mode) for e in code(text).events] == want


def test_the_object_of_any_verb_of_request_is_who_would_act(code: Code) -> None:
    # "implore" is no control verb of the lexicon, but a verb of request: its object acts
    rows = _events(code("The Chilean envoy implored Peru to free the prisoners."))
    assert ("REQUEST", ["Chilean envoy"], ["Peru"]) in [r[:3] for r in rows]
    assert all(r[1] == ["Peru"] for r in rows if r[0] != "REQUEST")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The Chilean envoy resigned over Boric's decision to close the border.",
            ("RETREAT", ["Chilean envoy"], ["Gabriel Boric"]),
        ),
        (
            "Farmers protested over the Peruvian government's decision.",
            ("PROTEST", ["Farmers"], ["Peruvian government"]),
        ),
    ],
)
def test_the_cause_of_a_protest_or_resignation_holds_its_target(
    code: Code, text: str, want: tuple[str, list[str], list[str]]
) -> None:
    assert _events(code(text))[0][:3] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Chilean troops left Tacna on Friday.", [("RETREAT", ["Chilean troops"])]),
        ("The Chilean president left Santiago on Friday.", []),
    ],
)
def test_leaving_a_place_is_a_withdrawal_only_for_an_armed_force(
    code: Code, text: str, want: list[tuple[str, list[str]]]
) -> None:
    assert [r[:2] for r in _events(code(text))] == want


@pytest.mark.parametrize(
    "text",
    [
        "The Chilean envoy begged Peru to reopen its border.",
        "Chile has been lobbying Peru to help find a solution.",
    ],
)
def test_begging_and_lobbying_are_requests_of_their_object(code: Code, text: str) -> None:
    rows = [r[:3] for r in _events(code(text))]
    assert rows[0][0] == "REQUEST" and rows[0][2] == ["Peru"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The rebels, whom the Chilean army attacked on Monday, fled north.",
            ("ASSAULT", ["Chilean army"], ["rebels"]),
        ),
        (
            "The guerrillas, against whom Peru launched an offensive, crossed into Chile.",
            ("ASSAULT", ["Peru"], ["guerrillas"]),
        ),
    ],
)
def test_a_relative_pronoun_in_a_slot_stands_for_its_antecedent(
    code: Code, text: str, want: tuple[str, list[str], list[str]]
) -> None:
    assert want in [r[:3] for r in _events(code(text))]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Bolivia vowed to continue expelling the guerrillas.", ["guerrillas"]),
        ("The militia threatened to start firing rockets at Peru.", ["Peru"]),
        ("Bolivia threatened to strike Peru.", ["Peru"]),
    ],
)
def test_a_threat_s_target_is_reached_through_verbs_of_phase(
    code: Code, text: str, target: list[str]
) -> None:
    threats = [r for r in _events(code(text)) if r[0] == "THREATEN"]
    assert threats and threats[0][2] == target


@pytest.mark.parametrize(
    "text",
    [
        "Bolivia begged Chile to release the fishermen.",
        "The Bolivian envoy implored Chile to free the fishermen.",
    ],
)
def test_what_any_verb_of_request_asks_for_is_not_done(code: Code, text: str) -> None:
    # not only the lexicon's [ask_or_refuse_verb]: every verb the lexicon codes REQUEST
    assert [r[0] for r in _events(code(text))] == ["REQUEST"]


def test_what_an_authority_orders_is_carried_out(code: Code) -> None:
    # a command is not a mere request: the ordered arrest stays an act of its own
    rows = _events(code("The Chilean president ordered the army to arrest the smugglers."))
    assert ("COERCE", ["army"]) in [r[:2] for r in rows]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a statement that another side must or should act is a demand on it (rule 1)
        (
            "The Chilean president said Peru should withdraw its troops.",
            [("REQUEST", ["Gabriel Boric"], ["Peru"])],
        ),
        ("Bolivia told Peru it must reopen the border.", [("REQUEST", ["Bolivia"], ["Peru"])]),
        ("Bolivia said Peru has to reopen the border.", [("REQUEST", ["Bolivia"], ["Peru"])]),
        # the sayer's own resolve, or an obligation on no one named: no demand
        ("Bolivia said it must defend itself.", []),
        ("Bolivia said neighbouring countries must act.", []),
    ],
)
def test_saying_that_another_must_act_is_a_demand(
    code: Code, text: str, want: list[tuple[str, list[str], list[str]]]
) -> None:
    assert [r[:3] for r in _events(code(text)) if r[0] == "REQUEST"] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The Bolivian government said Chilean smugglers were responsible.",
            [("ACCUSE", ["Bolivian government"], ["Chilean smugglers"])],
        ),
        (
            "Peru said Chile was behind the attack on the border post.",
            [("ACCUSE", ["Peru"], ["Chile"])],
        ),
        # a wrong made or committed blames its doer
        ("Peru said Chile had made a serious mistake.", [("ACCUSE", ["Peru"], ["Chile"])]),
        (
            "Peru said Chilean troops had committed crimes against civilians.",
            [("ACCUSE", ["Peru"], ["Chilean troops"])],
        ),
        # denied blame, or the sayer's own: no accusation; an offer made is no wrong
        ("Chile said Peru was not responsible.", []),
        ("Chile said it was not responsible.", []),
        ("Peru said Chile had not made a mistake.", []),
        ("Peru said Chile had made an offer.", []),
    ],
)
def test_saying_that_another_is_to_blame_is_an_accusation(
    code: Code, text: str, want: list[tuple[str, list[str], list[str]]]
) -> None:
    assert [r[:3] for r in _events(code(text)) if r[0] == "ACCUSE"] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a meeting a clause sets its subject in: the subject meets whoever the noun names
        ("In a meeting with Peruvian farmers, Chilean trade unionists agreed to a strike.",
         [("CONSULT", ["Chilean trade unionists"], ["Peruvian farmers"], "occurred")]),
        ("Chilean trade unionists spoke at talks with Peruvian farmers.",
         [("CONSULT", ["Chilean trade unionists"], ["Peruvian farmers"], "occurred")]),
        # undergone, not done: the passive subject takes no part in the meeting
        ("Chilean activists were arrested at a meeting with Peruvian farmers.", []),
    ],
)  # fmt: skip
def test_a_clause_sets_its_subject_at_a_meeting(code: Code, text: str, want: list[Row]) -> None:
    assert _events(code(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a message that says something: who issued or holds the message says it
        ("Chilean farmers issued a statement condemning Peruvian fishermen.",
         [("ACCUSE", ["Chilean farmers"], ["Peruvian fishermen"], "occurred")]),
        ("The Chilean senate passed a resolution criticizing the Peruvian consul.",
         [("ACCUSE", ["Chilean senate"], ["Peru"], "occurred")]),
        # a plan to act is not the act of whoever speaks of it
        ("Chilean farmers criticized a plan to attack Peruvian fishermen.", []),
    ],
)  # fmt: skip
def test_a_message_says_what_its_issuer_says(code: Code, text: str, want: list[Row]) -> None:
    assert _events(code(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a concession is told with what is given up, its beneficiary often unnamed
        ("The Chilean government lifted the travel restriction.",
         [("CONCEDE", ["Chilean government"], [], "occurred")]),
        ("Chilean students backed down.", [("CONCEDE", ["Chilean students"], [], "occurred")]),
    ],
)  # fmt: skip
def test_a_concession_needs_no_named_beneficiary(code: Code, text: str, want: list[Row]) -> None:
    assert _events(code(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # coordinated modifiers share one head: each names a party of the act
        (
            "Chilean and Peruvian jets bombed the rebel camp on Monday.",
            [("ASSAULT", ["Chile", "Peru"], [], "occurred")],
        ),
        (
            "Bolivian troops attacked Chilean and Peruvian positions on Monday.",
            [("ASSAULT", ["Bolivian troops"], ["Chile", "Peru"], "occurred")],
        ),
    ],
)
def test_coordinated_modifiers_of_one_head_are_each_a_party(
    code: Code, text: str, want: list[Row]
) -> None:
    assert _events(code(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the subject stands in the place it leaves
        ("Nobody knows how quickly the Chilean troops in Peru are leaving.", "PER"),
        # the forces moved stand there
        ("Chile withdrew its soldiers in Bolivia last year.", "BOL"),
        # the object that controls the infinitive stands there
        ("The president ordered Chilean forces in Peru to leave by the spring.", "PER"),
    ],
)
def test_a_withdrawal_leaves_where_the_side_stands(code: Code, text: str, want: str) -> None:
    doc = code(text)
    (event,) = [e for e in doc.events if e.type == "RETREAT"]
    assert [doc.actor(t).country for t in event.target] == [want]  # type: ignore[union-attr]


def test_a_named_place_left_wins_over_where_the_side_stands(code: Code) -> None:
    doc = code("The Chilean troops in Peru withdrew from Bolivia.")
    (event,) = [e for e in doc.events if e.type == "RETREAT"]
    assert [doc.actor(t).country for t in event.target] == ["BOL"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # "including": the group's named members stand for it
        (
            "Chile urged its neighbours, including Peru, to close the border.",
            ("REQUEST", ["Chile"], ["Peru"]),
        ),
        # "such as", with conjoined members
        (
            "Chile pledged to support countries such as Peru and Bolivia.",
            ("SUPPORT", ["Chile"], ["Peru", "Bolivia"]),
        ),
        ("Chile will help countries like Peru.", ("AID", ["Chile"], ["Peru"])),
        # a group that is an actor itself comes with its members
        (
            "Chile urged European countries, including Spain, to close their ports.",
            ("REQUEST", ["Chile"], ["European countries", "Spain"]),
        ),
    ],
)
def test_members_named_stand_for_their_group(
    code: Code, text: str, want: tuple[object, ...]
) -> None:
    got = [(t, s, g) for t, s, g, _ in _events(code(text))]
    assert want in got


def test_only_a_plural_names_a_group_of_members(code: Code) -> None:
    # "joined the fight, including Chileans": who fought, not whom the joining is towards
    rows = _events(code("Hundreds of volunteers joined the fight, including Chileans."))
    assert all("Chile" not in r[2] for r in rows)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The talks stalled over Gabriel Boric's demand that Peru repatriate its citizens.",
            [("REQUEST", ["Gabriel Boric"], ["Peru"])],
        ),
        (
            "Chile repeated its accusation that Peru had insulted the envoy.",
            [("ACCUSE", ["Chile"], ["Peru"])],
        ),
    ],
)
def test_a_nouns_that_clause_names_whom_the_words_are_about(
    code: Code, text: str, want: list[tuple[object, ...]]
) -> None:
    # "the demand that X do": X is asked; what X is asked to do is not done
    got = [(t, s, g) for t, s, g, _ in _events(code(text))]
    assert got[: len(want)] == want
    assert not any(t == "RETREAT" for t, _, _ in got)


def test_a_relative_clause_on_a_demand_is_not_its_content(code: Code) -> None:
    # "the demand that Chile made": "that" is the clause's object, Chile made the demand
    got = [(t, s, g) for t, s, g, _ in _events(code("Peru rejected the demand that Chile made."))]
    assert ("REQUEST", ["Chile"], ["Chile"]) not in got
    assert all("Chile" not in g for t, _, g in got if t == "REQUEST")


def test_a_relative_pronoun_subject_of_a_passive_undergoes_the_act(code: Code) -> None:
    # "which has been attacked by X": the antecedent is the target, as for an object pronoun
    text = "The Kurdish militia, which has been attacked by Chilean forces, asked for help."
    got = [(t, s, g) for t, s, g, _ in _events(code(text))]
    assert ("ASSAULT", ["Chilean forces"], ["Kurdish militia"]) in got


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a verb of receiving with "from": the giver acts on the receiver
        ("Chile received weapons from Russia.", ("AID", ["Russia"], ["Chile"])),
        # a noun act received: its giver is the "from" of the verb
        ("Chile received military aid from Russia.", ("AID", ["Russia"], ["Chile"])),
        ("Peru received threats from the rebels.", ("THREATEN", ["rebels"], ["Peru"])),
    ],
)
def test_a_receiver_is_the_target_of_whoever_gives(
    code: Code, text: str, want: tuple[object, ...]
) -> None:
    got = [(t, s, g) for t, s, g, _ in _events(code(text))]
    assert want in got
    assert not any(t == "CONSULT" for t, _, _ in got)  # received no visitor


def test_receiving_someone_is_still_a_visit(code: Code) -> None:
    got = [
        (t, s, g) for t, s, g, _ in _events(code("President Boric received the Peruvian envoy."))
    ]
    assert [t for t, _, _ in got] == ["CONSULT"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Chile agreed to talks with Peru.", ("AGREE", ["Chile"], ["Peru"])),
        ("Chile committed to a ceasefire with Peru.", ("AGREE", ["Chile"], ["Peru"])),
        (
            "The Chilean leadership agreed to talks with Peru.",
            ("AGREE", ["Chilean leadership"], ["Peru"]),
        ),
        # a subject the between-reading cannot see (a name modifying the subject's head)
        ("The Hamas leadership agreed to talks with Fatah.", ("AGREE", ["Hamas"], ["Fatah"])),
    ],
)
def test_a_noun_act_promised_names_the_target_through_its_frame(
    code: Code, text: str, want: tuple[object, ...]
) -> None:
    got = [(t, s, g) for t, s, g, _ in _events(code(text))]
    assert want in got


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Chile and Peru said they would attack the rebels.",
            ("THREATEN", ["Chile", "Peru"], ["rebels"]),
        ),
        # a common word bound by the speakers, every conjunct of them
        (
            "Chile and Peru say they will not allow Bolivian refugees to cross their borders.",
            ("REJECT", ["Chile", "Peru"], ["Bolivian refugees"]),
        ),
    ],
)
def test_they_in_a_reported_clause_is_the_whole_coordinated_speaker(
    code: Code, text: str, want: tuple[object, ...]
) -> None:
    got = [(t, s, g) for t, s, g, _ in _events(code(text))]
    assert want in got


def test_an_act_of_they_after_a_coordination_has_every_member_as_its_side(code: Code) -> None:
    text = "Chile and Peru met in Lima. They agreed to a ceasefire."
    got = [(t, s, g) for t, s, g, _ in _events(code(text))]
    assert ("AGREE", ["Chile"], ["Peru"]) in got  # a two-sided act: one side on the other
    text = "Chile and Bolivia met in Lima. They condemned Peru."
    got = [(t, sorted(s), g) for t, s, g, _ in _events(code(text))]
    assert ("ACCUSE", ["Bolivia", "Chile"], ["Peru"]) in got


def test_their_shared_by_the_subjects_is_not_the_target(code: Code) -> None:
    # "their borders" are both subjects' own: no act of one on the other
    assert _events(code("Chile and Peru closed their borders.")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Chilean mercenaries were fighting on the side of the Peruvian army.",
        "The militia fought on behalf of Peru.",
        "The militia vowed vengeance on behalf of Peru.",
    ],
)
def test_whom_the_subject_stands_with_is_not_the_target(code: Code, text: str) -> None:
    # "on the side of X", "on behalf of X": X is an ally
    assert all(
        "Peru" not in str(g) and "Peruvian army" not in g for _, _, g, _ in _events(code(text))
    )


@pytest.mark.parametrize(
    "text",
    [
        "Peru's opponents attacked the convoy.",
        "Peru's allies attacked the base on Monday.",
        "Her husband surrendered to Peru.",
    ],
)
def test_someone_named_by_relation_is_not_the_possessor(code: Code, text: str) -> None:
    # "Peru's opponents", "her husband": someone else than Peru or her
    assert all("Peru" not in s for _, s, _, _ in _events(code(text)))


def test_a_side_does_not_withdraw_from_its_own_state(code: Code) -> None:
    got = _events(code("Chilean troops in Arica withdrew overnight."))
    assert [(t, g) for t, _, g, _ in got] == [("RETREAT", [])]


def test_a_relational_nouns_own_modifier_still_names_its_side(code: Code) -> None:
    # "Chilean supporters": the modifier says whose; only a possessor is someone else
    got = _events(code("Chilean supporters stormed the parliament in Lima."))
    assert [t for t, _, _, _ in got] == ["ASSAULT"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("President Boric received his Peruvian counterpart in Santiago.", ["Gabriel Boric"]),
        ("Chile received a delegation from Peru.", ["Chile"]),  # the host, as for "host"
    ],
)
def test_receiving_a_visitor_is_a_visit_hosted(code: Code, text: str, source: list[str]) -> None:
    got = [(t, s) for t, s, _, _ in _events(code(text))]
    assert got == [("CONSULT", source)]
