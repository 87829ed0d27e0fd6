"""Actor resolution and `eventwire actors`, on sentences written for eventwire."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.pipeline import Pipeline
from eventwire.readers import make_document
from eventwire.record import Actor, Document
from eventwire.resources import Resources
from eventwire.resources.kb import ActorKB, user_actors_path
from eventwire.stages.actors import resolve_actors

STAGES = ["normalize", "segment", "entities", "actors"]
Resolve = Callable[..., Document]


@pytest.fixture(scope="module")
def resolve(resources: Resources) -> Resolve:
    pipeline = Pipeline.from_names(STAGES, resources=resources)

    def run(text: str, date: str | None = "2024-06-01") -> Document:
        return pipeline(make_document(text, published=date))

    return run


def _by_mention(doc: Document, text: str) -> Actor:
    found = [a for a in doc.actors if any(m.text == text for m in a.mentions)]
    assert found, f"no actor mentioned as {text!r}: {[a.name for a in doc.actors]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "date", "mention", "kb_id"),
    [
        ("Iran's Supreme Leader warned Israel on Monday.", "1985-06-01", "Supreme Leader",
         "RUHOLLAH_KHOMEINI"),
        ("Iran's Supreme Leader warned Israel on Monday.", "2020-06-01", "Supreme Leader",
         "ALI_KHAMENEI"),
        ("The US president met the press in the garden.", "2015-06-01", "The US president",
         "BARACK_OBAMA"),
        ("The US president met the press in the garden.", "2018-06-01", "The US president",
         "DONALD_TRUMP"),
    ],
)  # fmt: skip
def test_office_holder_on_the_article_date(
    resolve: Resolve, text: str, date: str, mention: str, kb_id: str
) -> None:
    assert _by_mention(resolve(text, date), mention).kb_id == kb_id


@pytest.mark.parametrize(
    ("text", "mention", "kb_id"),
    [
        ("Hizbollah fired rockets at dawn.", "Hizbollah", "HEZBOLLAH"),
        ("Ayatollah Khameini praised the attack.", "Ayatollah Khameini", "ALI_KHAMENEI"),
        ("Ali Khamenei spoke first; later Khameini praised the attack.", "Khameini",
         "ALI_KHAMENEI"),
    ],
)  # fmt: skip
def test_fuzzy_and_transliterated_names(
    resolve: Resolve, text: str, mention: str, kb_id: str
) -> None:
    assert _by_mention(resolve(text), mention).kb_id == kb_id


@pytest.mark.parametrize(
    ("text", "mention", "kb_id", "country"),
    [
        ("Hamas said the Zionist entity would pay.", "Zionist entity", "ISR", "ISR"),
        ("Envoys of the Islamic Republic left Vienna.", "Islamic Republic", "IRN", "IRN"),
        ("The Kremlin rejected the offer.", "Kremlin", "RUS", "RUS"),
    ],
)  # fmt: skip
def test_rhetorical_names_and_metonyms(
    resolve: Resolve, text: str, mention: str, kb_id: str, country: str
) -> None:
    actor = _by_mention(resolve(text), mention)
    assert (actor.kb_id, actor.country) == (kb_id, country)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Western powers condemned the Peruvian vote.", "Western powers"),
        ("European allies condemned the Peruvian vote.", "European allies"),
        # a region's group of states takes no country from the sentence
        ("Arab states condemned the Chilean raid on Lima.", "Arab states"),
        # nor from the state it is allied to
        ("Peru's Western partners sent aid to Lima.", "Peru's Western partners"),
        ("Gulf allies of Chile criticised Santiago.", "Gulf allies"),
    ],
)
def test_a_region_names_a_group_of_states(resolve: Resolve, text: str, mention: str) -> None:
    actor = _by_mention(resolve(text), mention)
    assert (actor.sector, actor.country) == ("GOV", None)


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        # a body named after its leader is the leader's state's, not the sentence's
        ("That is what the Boric government promised Peru.", "the Boric government", "CHL"),
        ("The Maduro regime expelled Peruvian diplomats.", "The Maduro regime", "VEN"),
        # a stance towards a leader is not the leader's body
        ("Anti-Boric protesters in Lima marched on Monday.", "Anti-Boric protesters", "PER"),
    ],
)
def test_a_body_named_after_its_leader(
    resolve: Resolve, text: str, mention: str, country: str
) -> None:
    assert _by_mention(resolve(text, "2023-06-01"), mention).country == country


@pytest.mark.parametrize(
    ("text", "mention", "country", "sector"),
    [
        ("An anonymous senior Israeli official said the raid was over.",
         "An anonymous senior Israeli official", "ISR", "GOV"),
        ("Police fired on protesters in Lagos overnight.", "protesters", "NGA", "CVL"),
        ("An official of Mali's junta said the talks failed.", "An official", "MLI", "GOV"),
        ("Shanghai police detained two men.", "Shanghai police", "CHN", "COP"),
        ("A former Kenyan minister criticised the budget.", "A former Kenyan minister", "KEN",
         "ELI"),
    ],
)  # fmt: skip
def test_role_phrases_without_a_name(
    resolve: Resolve, text: str, mention: str, country: str, sector: str
) -> None:
    actor = _by_mention(resolve(text), mention)
    assert (actor.country, actor.sector, actor.kb_id) == (country, sector, None)


def test_role_phrase_of_a_known_body(resolve: Resolve) -> None:
    actor = _by_mention(resolve("Iraqi security forces entered the town."), "Iraqi security forces")
    assert actor.country == "IRQ"


@pytest.mark.parametrize(
    ("text", "person", "country", "sector", "affiliation"),
    [
        ("Khalil Darraj, a member of the political bureau of Hamas, said talks were over.",
         "Khalil Darraj", "PSE", "REB", "Hamas"),
        ("Lebanese militia commander Abu Karim al-Tawil said his men were ready.",
         "Abu Karim al-Tawil", "LBN", "PRM", None),
    ],
)  # fmt: skip
def test_unknown_people_take_what_the_text_states(
    resolve: Resolve, text: str, person: str, country: str, sector: str, affiliation: str | None
) -> None:
    doc = resolve(text)
    actor = _by_mention(doc, person)
    assert (actor.kb_id, actor.country, actor.sector) == (None, country, sector)
    if affiliation:
        assert affiliation in actor.affiliations
    # "Lebanese" describes the commander: no separate Lebanon actor
    assert all(a.kb_id != "LBN" for a in doc.actors)


def test_unknown_organisation_country_from_its_name(resolve: Resolve) -> None:
    actor = _by_mention(resolve("The Saudi Coastal Guard seized a boat."), "Saudi Coastal Guard")
    assert (actor.kb_id, actor.country, actor.sector) == (None, "SAU", "MIL")


def test_compound_actor_is_split(resolve: Resolve) -> None:
    doc = resolve("Germany, France and the UK condemned the attack.")
    assert [a.kb_id for a in doc.actors] == ["DEU", "FRA", "GBR"]
    assert [len(a.mentions) for a in doc.actors] == [1, 1, 1]


def test_states_have_no_sector_but_metonyms_govern(resolve: Resolve) -> None:
    doc = resolve("Brazil and Washington signed the deal.")
    assert _by_mention(doc, "Brazil").sector is None
    assert _by_mention(doc, "Washington").sector == "GOV"


@pytest.mark.parametrize(
    ("text", "anaphor", "antecedent"),
    [
        ("Minister Omar Haddad spoke on Sunday. He said talks would resume.", "He",
         "Omar Haddad"),
        ("An anonymous Israeli official spoke to reporters. The official said the strike was over.",
         "The official", "An anonymous Israeli official"),
        ("Egypt's foreign ministry said talks would resume. The ministry added a warning.",
         "The ministry", "Egypt's foreign ministry"),
        ("Harakat al-Nujaba fired drones. Its leader said his organization would go on.",
         "his organization", "Harakat al-Nujaba"),
        # a role in apposition to a name describes that person: "he" finds the name
        ("Omar Haddad, a humanitarian adviser to the UN, said the border must reopen. He "
         "said Jordan should act.", "He", "Omar Haddad"),
        ("Omar Haddad, a humanitarian adviser to the UN, said the border must reopen.",
         "a humanitarian adviser", "Omar Haddad"),
    ],
)  # fmt: skip
def test_pronouns_and_definite_descriptions(
    resolve: Resolve, text: str, anaphor: str, antecedent: str
) -> None:
    doc = resolve(text)
    assert _by_mention(doc, anaphor) is _by_mention(doc, antecedent)


def _two_brigades(tmp_path: Path) -> Path:
    rows = [
        {"id": "FAJR_SYR", "name": "Fajr Brigade (Syria)", "kind": "group", "country": "SYR",
         "sectors": ["REB"], "aliases": ["Fajr Brigade"]},
        {"id": "FAJR_LBY", "name": "Fajr Brigade (Libya)", "kind": "group", "country": "LBY",
         "sectors": ["PRM"], "aliases": ["Fajr Brigade"]},
    ]  # fmt: skip
    path = tmp_path / "brigades.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "kb_id"),
    [
        ("The Fajr Brigade shelled Tripoli, Libyan officials said.", "FAJR_LBY"),
        ("The Fajr Brigade shelled Aleppo, Syrian officials said.", "FAJR_SYR"),
    ],
)
def test_ambiguous_name_decided_by_the_article_countries(
    resources: Resources, tmp_path: Path, text: str, kb_id: str
) -> None:
    kb = ActorKB.load(extra=[_two_brigades(tmp_path)])
    pipeline = Pipeline.from_names(STAGES[:-1], resources=resources)
    doc = pipeline(make_document(text, published="2024-06-01"))
    doc.actors = resolve_actors(doc, kb=kb, gazetteer=resources.gazetteer)
    assert _by_mention(doc, "Fajr Brigade").kb_id == kb_id


@pytest.mark.parametrize(
    ("text", "mention", "sector"),
    [
        # single agent nouns and plurals, and modifiers that say what kind of actor
        ("Mujahideen ambushed the convoy near the pass.", "Mujahideen", "REB"),
        ("The warning was given by medic on Tuesday.", "medic", "MED"),
        ("Smuggling gangs attacked the border post.", "Smuggling gangs", "CRM"),
        ("Wanted persons escaped from the prison.", "Wanted persons", "CRM"),
        ("Armed men stormed the village at night.", "Armed men", "UAF"),
        ("Twenty men were detained at the market.", "Twenty men", "UNK"),
        ("Two large gang confederations agreed to a truce.", "Two large gang confederations",
         "CRM"),
        ("The breakaway state held a referendum.", "The breakaway state", "PRE"),
        ("An indigenous leader denounced the mine.", "An indigenous leader", "CVL"),
        ("A Congressional group visited the island.", "A Congressional group", "LEG"),
        ("The Senate hopeful conceded on Tuesday.", "The Senate hopeful", "PTY"),
        ("The rebel Lumbo force seized the bridge.", "The rebel Lumbo force", "REB"),
        ("Occupiers shelled the suburbs again.", "Occupiers", "UNK"),
    ],
)  # fmt: skip
def test_agent_nouns_and_modifiers(resolve: Resolve, text: str, mention: str, sector: str) -> None:
    assert _by_mention(resolve(text), mention).sector == sector


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        # a body placed beyond any one state keeps no country the sentence names
        ("Western governments condemned Iran's missile test.", "Western governments", None),
        ("Senior foreign diplomats met Kenyan officials in Nairobi.", "foreign diplomats", None),
        ("European governments criticised Moscow.", "European governments", None),
        # a body of no stated origin still takes the sentence's one country
        ("The police arrested three Kenyan activists.", "police", "KEN"),
        # one office ("the foreign minister") is the sentence's country's
        ("Kenya: The foreign minister condemned the attack.", "foreign minister", "KEN"),
        # "African" of "Central African" is a state's nationality
        ("Central African troops attacked rebels near Bangui.", "Central African troops", "CAF"),
    ],
)  # fmt: skip
def test_bodies_from_elsewhere_take_no_sentence_country(
    resolve: Resolve, text: str, mention: str, country: str | None
) -> None:
    actor = next(a for a in resolve(text).actors if any(mention in m.text for m in a.mentions))
    assert actor.country == country


@pytest.mark.parametrize(
    ("text", "person", "country", "sector"),
    [
        ("Sen. Marta Quintero Ruiz spoke on Monday.", "Marta Quintero", None, "LEG"),
        ("Deputy Minister of Defense Colonel-General Ivan Petrovsky visited the base.",
         "Ivan Petrovsky", None, "GOV"),
        ("Defence Minister Gen. Pierre Kaboundi met the envoy.", "Pierre Kaboundi", None, "GOV"),
        # the sentence's one country, for a person the base does not know
        ("Kenya: Wanjiru Kamau said the vote was fair.", "Wanjiru Kamau", "KEN", None),
    ],
)  # fmt: skip
def test_titles_and_sentence_country_for_unknown_people(
    resolve: Resolve, text: str, person: str, country: str | None, sector: str | None
) -> None:
    actor = _by_mention(resolve(text), person)
    assert (actor.kb_id, actor.country, actor.sector) == (None, country, sector)


@pytest.mark.parametrize(
    ("text", "mention", "country", "sector"),
    [
        ("The Velmoria Red Cross Society sent two trucks.", "The Velmoria Red Cross Society",
         "NGO", "SOC"),
        ("The Ohio Institute of Mining Studies published a report.",
         "Ohio Institute of Mining Studies", "USA", "EDU"),
        ("The Medellin Self Defense Forces clashed with troops.", "Medellin Self Defense Forces",
         "COL", "PRM"),
        ("The National Guard was put on alert.", "The National Guard", None, "MIL"),
        ("Kuwait: the National Guard was put on alert.", "the National Guard", "KWT", "MIL"),
        ("The president of the Riigikogu opened the session.", "The president", "EST", "LEG"),
        ("A clinic in Kabul said it had treated 20 people.", "A clinic", "AFG", "MED"),
        ("Villages across Mali reported attacks overnight.", "Villages", "MLI", "UNK"),
        ("The appeal was signed by Rakhine Buddhists last week.", "Rakhine Buddhists", "MMR",
         "CVL"),
    ],
)  # fmt: skip
def test_organisations_and_groups_by_their_words(
    resolve: Resolve, text: str, mention: str, country: str | None, sector: str
) -> None:
    actor = _by_mention(resolve(text), mention)
    assert (actor.kb_id, actor.country, actor.sector) == (None, country, sector)


def test_a_thing_in_a_country_is_no_actor(resolve: Resolve) -> None:
    assert resolve("Prices in Iran rose sharply.").actors == []


@pytest.mark.parametrize(
    ("text", "date", "mention", "sector"),
    [
        ("Angela Merkel spoke in Berlin.", "2020-06-01", "Angela Merkel", "GOV"),
        ("Angela Merkel spoke in Berlin.", "2023-06-01", "Angela Merkel", "ELI"),
        ("Uhuru Kenyatta visited Addis Ababa.", None, "Uhuru Kenyatta", "ELI"),
        ("Former President Donald Trump spoke.", "2022-06-01", "Donald Trump", "ELI"),
        # the text calls him prime minister: it was written while he was
        ("Prime Minister Scott Morrison spoke in Sydney.", None, "Scott Morrison", "GOV"),
    ],
)  # fmt: skip
def test_former_office_holders_are_elites(
    resolve: Resolve, text: str, date: str | None, mention: str, sector: str
) -> None:
    assert _by_mention(resolve(text, date), mention).sector == sector


@pytest.mark.parametrize(
    ("text", "mention", "kb_id", "country", "sector"),
    [
        ("The Riigikogu passed the bill.", "Riigikogu", "RIIGIKOGU", "EST", "LEG"),
        ("Members of the SANDF were deployed.", "SANDF", "SANDF", "ZAF", "MIL"),
        ("The FDLR attacked a village.", "FDLR", "FDLR", "RWA", "REB"),
        ("Gotabaya Rajapaksa met the envoy.", "Gotabaya Rajapaksa", "GOTABAYA_RAJAPAKSA", "LKA",
         "GOV"),
    ],
)  # fmt: skip
def test_broader_knowledge_base(
    resolve: Resolve, text: str, mention: str, kb_id: str, country: str, sector: str
) -> None:
    actor = _by_mention(resolve(text, "2021-06-01"), mention)
    assert (actor.kb_id, actor.country, actor.sector) == (kb_id, country, sector)


@pytest.mark.parametrize(
    ("text", "antecedent"),
    [
        ("The Iraqi government was worried. In Lebanon, Hezbollah fighters fired rockets at "
         "northern Israel on Friday, the group said in a statement.", "Hezbollah fighters"),
        ("Militants attacked a checkpoint, the group said.", "Militants"),
    ],
)  # fmt: skip
def test_the_group_is_the_armed_group_before_it(
    resolve: Resolve, text: str, antecedent: str
) -> None:
    doc = resolve(text)
    assert _by_mention(doc, "the group") is _by_mention(doc, antecedent)


def test_reporters_are_not_the_group(resolve: Resolve) -> None:
    doc = resolve("The Red Lotus Movement met reporters on Friday, the group said.")
    assert _by_mention(doc, "the group") is _by_mention(doc, "Red Lotus Movement")


@pytest.mark.parametrize(
    ("text", "mention", "affiliations", "country", "sector"),
    [
        ("Fighters of JNIM raided a village near Djenne on Sunday.", "Fighters",
         ["Jama'at Nusrat al-Islam wal-Muslimin"], "MLI", "REB"),
        ("Gunmen from Hamas opened fire on a bus.", "Gunmen", ["Hamas"], "PSE", "REB"),
        ("Fighters loyal to Hezbollah crossed the border at dawn.", "Fighters",
         ["Hezbollah"], "LBN", "REB"),
        # a body the base does not know: its name, and a militia's sector for its gunmen
        ("Gunmen of the Ketu militia burned a market.", "Gunmen", ["Ketu militia"], None,
         "PRM"),
    ],
)  # fmt: skip
def test_members_of_a_body_take_its_affiliation(
    resolve: Resolve,
    text: str,
    mention: str,
    affiliations: list[str],
    country: str | None,
    sector: str,
) -> None:
    actor = _by_mention(resolve(text), mention)
    assert (actor.affiliations, actor.country, actor.sector) == (affiliations, country, sector)


def test_members_of_different_bodies_stay_apart(resolve: Resolve) -> None:
    doc = resolve(
        "Witnesses said fighters looted the market. Fighters of JNIM later raided a camp "
        "near Mopti, and fighters of Hamas fired on a patrol."
    )
    fighters = [a for a in doc.actors if a.name.lower() == "fighters"]
    assert sorted(tuple(a.affiliations) for a in fighters) == [
        (),
        ("Hamas",),
        ("Jama'at Nusrat al-Islam wal-Muslimin",),
    ]


@pytest.mark.parametrize(
    ("text", "mention", "antecedent"),
    [
        # the named group is the attacker, as subject, passive agent or claimant
        ("Boko Haram stormed a school in Kano. The gunmen took 20 pupils.", "The gunmen",
         "Boko Haram"),
        ("A patrol was ambushed by Hamas near Rafah. The attackers escaped.", "The attackers",
         "Hamas"),
        ("Hezbollah claimed responsibility for the bombing. The attackers used a truck.",
         "The attackers", "Hezbollah"),
        ("Gunmen attacked a Taliban convoy. The assailants fled.", "The assailants", "Gunmen"),
    ],
)  # fmt: skip
def test_the_attackers_are_who_the_text_says_attacked(
    resolve: Resolve, text: str, mention: str, antecedent: str
) -> None:
    doc = resolve(text)
    assert _by_mention(doc, mention) is _by_mention(doc, antecedent)


@pytest.mark.parametrize(
    ("text", "mention", "named"),
    [
        # the named group last mentioned is the victim or a bystander, not the attacker
        ("Gunmen ambushed a convoy of the Taliban. The attackers fled.", "The attackers",
         "Taliban"),
        ("A bomb exploded near a Hezbollah office. The attackers escaped.", "The attackers",
         "Hezbollah"),
        ("Hamas condemned the bombing and said the gunmen must be punished.", "the gunmen",
         "Hamas"),
    ],
)  # fmt: skip
def test_the_attackers_are_not_a_victim(
    resolve: Resolve, text: str, mention: str, named: str
) -> None:
    doc = resolve(text)
    attackers = _by_mention(doc, mention)
    assert attackers is not _by_mention(doc, named)
    assert (attackers.kind, attackers.sector, attackers.kb_id) == ("group", "UAF", None)


@pytest.mark.parametrize(
    ("text", "mention", "name", "country", "sector"),
    [
        # a state's forces or bodies refer back to the state in play, not to the armed group
        # named last: a body of that sector of the state's country
        ("Hamas fighters attacked Israel on Saturday. The army responded with air strikes.",
         "The army", "army", "ISR", "MIL"),
        ("Militants shelled Armenia on Monday. The police closed the roads.", "The police",
         "police", "ARM", "COP"),
        ("Kenya accused al-Shabaab of the raid. The military said it killed ten fighters.",
         "The military", "military", "KEN", "MIL"),
        # no state before it: the article's one country
        ("Gunmen of the Ketu Front stormed a post near Djenne in Mali. The government sent "
         "troops.", "The government", "government", "MLI", "GOV"),
        # of two states in one sentence, the one that acts; of two acting, no one country
        ("Russia struck Ukraine overnight. The army said it downed 40 drones.", "The army",
         "army", "RUS", "MIL"),
        ("Armenia and Azerbaijan agreed to a truce. The army said the border was calm.",
         "The army", "army", None, "MIL"),
        # a body of the description's sector named before it is what it refers to
        ("The Israeli army struck Gaza. Hamas fired rockets at Ashdod. The army said it hit "
         "20 targets.", "The army", "Israel Defense Forces", "ISR", "MIL"),
        ("Tehran rejected the offer. Hezbollah welcomed it. The government said it would not "
         "bend.", "The government", "Iran", "IRN", "GOV"),
        # a sole office of the state in play is whoever held it on the article date
        ("Hamas fighters attacked Israel on Saturday. The president condemned the attack.",
         "The president", "Isaac Herzog", "ISR", "GOV"),
        # a bare plural of a state's forces takes the state in play's country
        ("Insurgents ambushed a convoy in Niger. Soldiers returned fire.", "Soldiers",
         "Soldiers", "NER", "MIL"),
    ],
)  # fmt: skip
def test_state_descriptions_refer_to_a_state(
    resolve: Resolve, text: str, mention: str, name: str, country: str | None, sector: str
) -> None:
    actor = _by_mention(resolve(text), mention)
    assert (actor.name, actor.country, actor.sector) == (name, country, sector)
    assert actor.sector not in {"REB", "PRM", "UAF"}


@pytest.mark.parametrize(
    ("text", "mention", "state", "antecedent"),
    [
        # an irregular group's description never refers back to a state or its forces
        ("The Israeli army struck Gaza on Saturday. The militants fired rockets.",
         "The militants", "Israeli army", None),
        ("Nigeria's army raided a camp. The insurgents fled into the forest.",
         "The insurgents", "Nigeria's army", None),
        ("The Syrian government shelled Idlib. The rebels said the army used barrel bombs.",
         "The rebels", "The Syrian government", None),
        ("Boko Haram attacked a village. Nigerian troops arrived. The insurgents fled.",
         "The insurgents", "Nigerian troops", "Boko Haram"),
    ],
)  # fmt: skip
def test_irregular_descriptions_never_refer_to_a_state(
    resolve: Resolve, text: str, mention: str, state: str, antecedent: str | None
) -> None:
    doc = resolve(text)
    actor = _by_mention(doc, mention)
    assert actor is not _by_mention(doc, state)
    assert actor.sector == "REB"
    if antecedent is None:  # no armed group before it: someone unnamed, of no known country
        assert (actor.kind, actor.kb_id, actor.country) == ("group", None, None)
    else:
        assert actor is _by_mention(doc, antecedent)


@pytest.mark.parametrize(
    ("text", "mention", "name", "country", "sector"),
    [
        # nothing before the description: an unnamed actor of its sector, of the sentence's
        # or the article's one country where there is one
        ("The army launched a missile strike on the town.", "The army", "army", None, "MIL"),
        ("The police arrested two protesters in Nairobi, Kenya.", "The police", "police",
         "KEN", "COP"),
        ("Nigerian officials said the army bombed a camp.", "the army", "army", "NGA", "MIL"),
    ],
)  # fmt: skip
def test_a_state_description_without_antecedent_is_a_source(
    code: Callable[..., Document],
    text: str,
    mention: str,
    name: str,
    country: str | None,
    sector: str,
) -> None:
    doc = code(text)
    actor = _by_mention(doc, mention)
    assert (actor.name, actor.kind, actor.country, actor.sector) == (
        name, "group", country, sector,
    )  # fmt: skip
    assert [e.source for e in doc.events] == [[actor.id]]


# --- eventwire actors ---------------------------------------------------------------------


@pytest.fixture
def user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "actors.jsonl"
    monkeypatch.setenv("EVENTWIRE_ACTORS", str(path))
    return path


def test_user_file_path_from_environment(user_file: Path) -> None:
    assert user_actors_path() == user_file


def test_actors_without_subcommand_prints_help(user_file: Path) -> None:
    result = CliRunner().invoke(cli, ["actors"])
    assert result.exit_code == 0
    assert "actors [OPTIONS] COMMAND" in result.output.replace("[COMMAND]", "COMMAND")
    assert "check" in result.output


def test_add_list_show(user_file: Path) -> None:
    runner = CliRunner()
    add = ["actors", "add", "--id", "LIONS_OF_ZARQA", "--name", "Lions of Zarqa", "--kind",
           "group", "--country", "JOR", "--sector", "REB", "--alias", "Usud al-Zarqa"]  # fmt: skip
    assert runner.invoke(cli, add).exit_code == 0
    assert json.loads(user_file.read_text(encoding="utf-8"))["country"] == "JOR"
    listed = runner.invoke(cli, ["actors", "list", "--user"])
    assert listed.output == "LIONS_OF_ZARQA\tgroup\tJOR\tREB\tLions of Zarqa\n"
    shown = runner.invoke(cli, ["actors", "show", "Usud al Zarqa"])
    assert json.loads(shown.output)["id"] == "LIONS_OF_ZARQA"
    again = runner.invoke(cli, [*add[:-2], "--alias", "Zarqa Lions"])
    assert again.output.startswith("replaced LIONS_OF_ZARQA")
    assert len(user_file.read_text(encoding="utf-8").splitlines()) == 1


def test_add_rejects_a_bad_office(user_file: Path) -> None:
    result = CliRunner().invoke(
        cli, ["actors", "add", "--id", "X_Y", "--name", "X Y", "--kind", "person",
              "--office", "Mayor|GBR"],
    )  # fmt: skip
    assert result.exit_code == 2 and "TITLE|COUNTRY|SECTOR|FROM|TO" in result.output
    assert not user_file.exists()


def test_check_reports_shared_alias_and_override(user_file: Path) -> None:
    rows = [
        {"id": "HEZBOLLAH", "name": "Hezbollah", "kind": "group", "country": "LBN"},
        {"id": "MY_HAMAS", "name": "Hamas Youth", "kind": "group", "country": "PSE",
         "aliases": ["Zarqa Lions"]},
        {"id": "MY_LIONS", "name": "Zarqa Lions", "kind": "group", "country": "JOR"},
    ]  # fmt: skip
    user_file.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = CliRunner().invoke(cli, ["actors", "check", "--user"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "HEZBOLLAH: user entry replaces the shipped one" in lines
    assert "alias 'zarqa lions' claimed by MY_HAMAS, MY_LIONS" in lines


def test_extract_recognises_a_user_added_actor(
    user_file: Path, tmp_path: Path, resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the session's spaCy model, not a second load; the KB and its ruler are built anew
    nlp = resources.nlp
    monkeypatch.setattr(Resources, "nlp", property(lambda _self: nlp))
    runner = CliRunner()
    add = ["actors", "add", "--id", "LIONS_OF_ZARQA", "--name", "Lions of Zarqa", "--kind",
           "group", "--country", "JOR", "--sector", "REB", "--alias", "Usud al-Zarqa"]  # fmt: skip
    assert runner.invoke(cli, add).exit_code == 0
    article = tmp_path / "story.txt"
    article.write_text(
        "date 2024-06-01\nUsud al-Zarqa claimed the attack on the depot on Friday.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    actors = json.loads(result.stdout)["actors"]
    found = [a for a in actors if a["kb_id"] == "LIONS_OF_ZARQA"]
    assert found and (found[0]["country"], found[0]["sector"]) == ("JOR", "REB")


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        # a place acting takes its country as the places stage would choose it, in context
        ("Israeli jets struck Gaza on Monday. Gaza said 12 people died.", "Gaza", "PSE"),
        ("The Israeli army struck Gaza on Monday. Gaza said 12 people died.", "Gaza", "PSE"),
        ("Residents of Mosul said the city was quiet. Mosul has suffered.", "Mosul", "IRQ"),
    ],
)
def test_a_place_acting_takes_its_country_in_context(
    resolve: Resolve, text: str, mention: str, country: str
) -> None:
    assert _by_mention(resolve(text), mention).country == country


def test_a_title_picks_the_namesake_who_held_it() -> None:
    from eventwire.resources.kb import KBActor, Office
    from eventwire.stages.actors.named import _titled_one

    def person(kb_id: str, title: str) -> KBActor:
        office = Office(title=title, country="USA", sector="GOV", start="2019", end="2021")
        return KBActor(id=kb_id, name=kb_id, kind="person", country="USA", offices=(office,))

    deputy = person("A", "Deputy Secretary of Energy")
    adviser = person("B", "Counselor to the President")
    assert _titled_one([deputy, adviser], "Deputy Secretary") == [deputy]
    assert _titled_one([deputy, adviser], None) == []
    assert _titled_one([deputy, person("C", "Deputy Secretary of State")], "Deputy Secretary") == []


@pytest.mark.parametrize(
    ("text", "mention", "sector"),
    [
        # the head noun decides: a legislator is LEG whatever side or party
        ("Opposition legislators walked out of the chamber.", "Opposition legislators", "LEG"),
        ("Ruling party senators backed the budget.", "Ruling party senators", "LEG"),
        # a phrase the PLOVER agents dictionary lists whole
        ("The central bank raised interest rates again.", "bank", "GOV"),
        ("Farm workers went on strike in the valley.", "Farm workers", "AGR"),
        ("The military junta banned all rallies.", "junta", "GOV"),
        ("Displaced families returned to the valley.", "Displaced families", "REF"),
        ("The intelligence service arrested two couriers.", "intelligence service", "SPY"),
        # a state's generic body takes its field's sector
        ("The intelligence agency denied the claim.", "intelligence agency", "SPY"),
        # an agent adjective names the kind of a body; hate movements are criminal
        ("Extremist groups claimed the bombing.", "Extremist groups", "REB"),
        ("White supremacists marched through the town.", "White supremacists", "CRM"),
    ],
)
def test_sectors_from_the_role_phrase(
    resolve: Resolve, text: str, mention: str, sector: str
) -> None:
    doc = resolve(text)
    found = [a for a in doc.actors if any(mention in m.text for m in a.mentions)]
    assert [a.sector for a in found] == [sector]


@pytest.mark.parametrize(
    "text",
    [
        "The nerve agent was found in a flat near the station.",  # a substance, not a spy
        "Inspectors found traces of chemical agents in the soil.",
        "The navy fired Tomahawk missiles at the depot.",  # a weapon's name
        "Rovers 2-1 United was the result on Saturday.",  # a score
        "The page showed Ã©tienne and â€œnothing elseâ€\x9d.",  # mojibake fragments
    ],
)
def test_weapons_substances_scores_and_mojibake_are_no_actors(resolve: Resolve, text: str) -> None:
    doc = resolve(text)
    names = " ".join(a.name for a in doc.actors).lower()
    for word in ("agent", "tomahawk", "missile", "rovers", "2-1", "ã", "â€"):
        assert word not in names, [a.name for a in doc.actors]


def test_a_known_owner_of_weapons_still_acts(resolve: Resolve) -> None:
    doc = resolve("Hezbollah rockets struck the town at dawn.")
    assert [a.kb_id for a in doc.actors] == ["HEZBOLLAH"]


def test_an_acronym_the_text_defines_is_that_actor(resolve: Resolve) -> None:
    text = "The Ruritanian Armed Forces (RAF) moved north. Later the RAF said the border was calm."
    doc = resolve(text)
    [forces] = [a for a in doc.actors if any(m.text == "RAF" for m in a.mentions)]
    # the text's own meaning of "RAF", not the British air force, and no fuzzy namesake
    assert forces.name == "Ruritanian Armed Forces" and forces.kb_id is None
    assert sum(m.text == "RAF" for m in forces.mentions) == 2


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Ukranian officials denied the claim.", "Ukranian officials", "UKR"),
        ("The Phillipines government protested.", "Phillipines government", "PHL"),
        # a place the gazetteer knows is no misspelt nationality
        ("Indiana lawmakers passed the bill.", "Indiana lawmakers", "USA"),
    ],
)
def test_misspelt_nationalities_give_the_country(
    resolve: Resolve, text: str, mention: str, country: str
) -> None:
    doc = resolve(text)
    found = [a for a in doc.actors if any(mention in m.text for m in a.mentions)]
    assert [a.country for a in found] == [country]


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        ("The Department of Fisheries of the Philippines banned imports.",
         "Department of Fisheries of the Philippines", "PHL", "GOV"),
        ("The Agency for Water of Bolivia opened an office.", "Agency for Water of Bolivia",
         "BOL", "GOV"),
        ("The Northern Fleet of Russia sailed south.", "Northern Fleet of Russia", "RUS", "MIL"),
        ("The University of Nairobi suspended classes.", "University of Nairobi", "KEN", "EDU"),
    ],
)  # fmt: skip
def test_organisations_by_pattern(
    resolve: Resolve, text: str, name: str, country: str, sector: str
) -> None:
    [actor] = [a for a in resolve(text).actors if a.name == name]
    assert (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(
    ("text", "mention", "sector"),
    [
        ("Prisoners rioted at the jail on Friday.", "Prisoners", "CRM"),
        ("Convicts escaped from the prison overnight.", "Convicts", "CRM"),
        ("Dentists protested outside the ministry.", "Dentists", "MED"),
    ],
)
def test_plural_nouns_of_the_plover_dictionary(
    resolve: Resolve, text: str, mention: str, sector: str
) -> None:
    assert _by_mention(resolve(text), mention).sector == sector


def test_military_hardware_is_no_plover_group(resolve: Resolve) -> None:
    assert resolve("Carriers resumed flights to the island.").actors == []


def test_a_pattern_name_stops_before_a_date(resolve: Resolve) -> None:
    doc = resolve("The statement was issued by the Ruritanian Liberation Army on Monday.")
    assert all("Monday" not in a.name for a in doc.actors)


def test_crewed_aircraft_act_for_their_military(resolve: Resolve) -> None:
    # a weapon is a thing, but warplanes are flown: PLOVER codes them as the military
    [planes] = resolve("Two Ruritanian warplanes crossed the border.").actors
    assert planes.sector == "MIL"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The Kurds accused the Peruvian government of betrayal.", "Kurds"),
        ("Peruvian police detained dozens of Kurds near the border.", "Kurds"),
    ],
)
def test_a_people_without_a_state_named_in_the_plural_is_a_group(
    resolve: Resolve, text: str, mention: str
) -> None:
    # no demonym of a state and no entry of the base: still a side that can act
    actor = _by_mention(resolve(text), mention)
    assert (actor.kind, actor.name, actor.country) == ("group", mention, None)


def test_a_people_s_adjective_names_no_group(resolve: Resolve) -> None:
    doc = resolve("Kurdish farmers met the Peruvian envoy.")
    assert not [a for a in doc.actors if a.name in {"Kurdish", "Kurds"}]


@pytest.mark.parametrize(
    ("text", "mention", "name", "country", "sector"),
    [
        # a plural agent noun of a state's sector is that state's body, not the armed group
        # named last (#15)
        ("Hezbollah fired rockets at the border. The authorities closed the crossing.",
         "The authorities", "authorities", "LBN", "GOV"),
        ("Iran said the authorities had freed the sailors.", "the authorities",
         "authorities", "IRN", "GOV"),
        # with nothing of its sector before it, a plural agent noun is an unnamed group
        ("The protesters marched on the town hall on Sunday.", "The protesters", "protesters",
         None, "CVL"),
        ("The residents blamed the army for the shelling.", "The residents", "residents",
         None, "CVL"),
        # a plural the PLOVER agents dictionary lists (prisoner: CRM)
        ("The guards beat the prisoners after the riot.", "the prisoners", "prisoners", None,
         "CRM"),
    ],
)  # fmt: skip
def test_plural_agent_descriptions_are_groups(
    resolve: Resolve, text: str, mention: str, name: str, country: str | None, sector: str
) -> None:
    actor = _by_mention(resolve(text), mention)
    assert (actor.name, actor.country, actor.sector, actor.kb_id) == (name, country, sector, None)


def test_plural_agent_description_refers_back_to_its_sector(resolve: Resolve) -> None:
    doc = resolve(
        "Hamas leaders met in Doha. Protesters gathered outside parliament. "
        "The protesters later dispersed."
    )
    assert _by_mention(doc, "The protesters") is _by_mention(doc, "Protesters")
    assert _by_mention(doc, "The protesters") is not _by_mention(doc, "Hamas leaders")


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # PLOVER codes "detainee" and "defector" CVL with OPP: people, so a plural is a group
        ("Guards released the detainees after a week.", "the detainees"),
        ("Defectors gathered outside the embassy.", "Defectors"),
    ],
)
def test_plover_people_with_a_second_code_are_groups(
    resolve: Resolve, text: str, mention: str
) -> None:
    actor = _by_mention(resolve(text), mention)
    assert (actor.kind, actor.sector, actor.kb_id) == ("group", "CVL", None)


def test_plover_lone_places_stay_no_actor(resolve: Resolve) -> None:
    # "villages" is CVL alone in PLOVER's dictionary: a place, not who acts
    doc = resolve("Villages in the valley flooded after the storm.")
    assert not [a for a in doc.actors if a.name.lower() == "villages"]


@pytest.mark.parametrize(
    ("text", "mention", "name", "sector"),
    [
        # "the" and a singular group agent noun with nothing before it: an unnamed group
        ("The opposition walked out of the assembly.", "The opposition", "opposition", "OPP"),
        ("The union blamed the minister for the layoffs.", "The union", "union", "LAB"),
    ],
)  # fmt: skip
def test_group_description_with_no_antecedent_is_unnamed(
    resolve: Resolve, text: str, mention: str, name: str, sector: str
) -> None:
    actor = _by_mention(resolve(text), mention)
    assert (actor.name, actor.sector, actor.kind, actor.kb_id) == (name, sector, "group", None)


def test_group_description_does_not_refer_to_another_unnamed_group(resolve: Resolve) -> None:
    doc = resolve("The union staged a walkout against the company on Friday.")
    assert _by_mention(doc, "the company") is not _by_mention(doc, "The union")


@pytest.mark.parametrize(
    ("text", "mention", "kb_id"),
    [
        # "the" + a name + a body noun: the name is the actor, not a phrase to refer back
        ("The ECOWAS bloc suspended the junta's membership.", "ECOWAS", "ECOWAS"),
        ("The Hezbollah organisation denied the report.", "Hezbollah", "HEZBOLLAH"),
    ],
)
def test_the_name_of_a_body_noun_is_the_named_actor(
    resolve: Resolve, text: str, mention: str, kb_id: str
) -> None:
    assert _by_mention(resolve(text), mention).kb_id == kb_id


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        # the NER misses the surname at the head of a sentence
        ("Former CIA director Tom Harlan spoke on Monday. Harlan criticised Trump.", "Harlan",
         "Tom Harlan"),
        # the NER tags it an organisation, and the knowledge base holds a namesake
        ("Jane Holloway, a former adviser, spoke on Monday. Holloway praised the envoy.",
         "Holloway", "Jane Holloway"),
    ],
)  # fmt: skip
def test_a_surname_alone_is_the_person_named_before(
    resolve: Resolve, text: str, mention: str, name: str
) -> None:
    assert _by_mention(resolve(text), mention).name == name


def test_a_surname_before_the_full_name_is_not_taken_for_it(resolve: Resolve) -> None:
    doc = resolve("Harlan criticised the plan on Monday. Later, Tom Harlan spoke to reporters.")
    assert [m.text for m in _by_mention(doc, "Tom Harlan").mentions] == ["Tom Harlan"]


def test_a_nationality_coordinated_with_another_is_a_party(resolve: Resolve) -> None:
    # "British and French troops": the first nation is not a mere modifier of the second's
    doc = resolve("British and French troops fought the rebels in the north.")
    assert {"GBR", "FRA"} <= {a.country for a in doc.actors}


def test_a_nationality_is_never_taken_for_a_surname(resolve: Resolve) -> None:
    doc = resolve("Emma French, a Kenyan lawyer, spoke on Monday. The French condemned the coup.")
    assert _by_mention(doc, "French").country == "FRA"


def test_coordinated_nationalities_before_one_noun_are_two_actors(resolve: Resolve) -> None:
    # "Chilean and Peruvian police": the noun goes with its nearest nationality; the first
    # nationality is a party of its own, not part of one merged "Chilean Peruvian police"
    doc = resolve("Chilean and Peruvian police arrested the smugglers on Monday.")
    assert _by_mention(doc, "Peruvian police").country == "PER"
    assert _by_mention(doc, "Chilean").country == "CHL"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Chile and Peru met in Lima on Monday. They agreed to talks.", "They"),
        ("Chile and Peru met in Lima. The two countries agreed to talks.", "The two countries"),
        ("Chile and Peru met in Lima. Both countries agreed to talks.", "Both countries"),
    ],
)
def test_a_plural_reference_to_a_coordination_names_each_member(
    resolve: Resolve, text: str, mention: str
) -> None:
    doc = resolve(text)
    named = {a.name for a in doc.actors if any(m.text == mention for m in a.mentions)}
    assert named == {"Chile", "Peru"}


def test_they_takes_a_nearer_group_over_an_earlier_coordination(resolve: Resolve) -> None:
    doc = resolve("Chile and Peru condemned the rebels. They attacked a convoy on Monday.")
    named = {a.name for a in doc.actors if any(m.text == "They" for m in a.mentions)}
    assert named == {"rebels"}


def test_both_with_a_noun_of_its_own_is_no_plural_reference(resolve: Resolve) -> None:
    # "both journalists" are people of their own, not Chile and Peru
    doc = resolve("Chile struck Peru on Monday. Both journalists were detained by the rebels.")
    named = {a.name for a in doc.actors if any(m.text == "Both journalists" for m in a.mentions)}
    assert "Chile" not in named and "Peru" not in named
