#!/usr/bin/env python
"""Build ``src/alliancecli/data/gazetteer.json`` from pycountry plus hand-written additions.

pycountry supplies the ISO 3166 base (alpha-3 code, name, official name, common name) for
the 193 UN member states, the observer states Palestine and the Holy See, Taiwan and the
historical states (Soviet Union, Yugoslavia, Czechoslovakia, East Germany).  Kosovo has no
ISO 3166 entry and uses the user-assigned code ``XKX``.  Everything else -- the canonical
short name that news uses, demonyms, capitals, former names, metonyms, abbreviations,
ambiguous forms, blocs and the ``not_countries`` block list -- is written by hand below.

Every surface form is matched case-sensitively, token by token, by a spaCy EntityRuler, so
each form is listed exactly as it is written in text.

Notation used in the hand-written tables:

* ``"A|B|C"`` is a list of forms separated by ``|``.
* a trailing ``+`` adds the regular English plural: ``"Kazakh+"`` means ``Kazakh, Kazakhs``.
* years are ``(name, from, to)``; ``None`` leaves the year out.

Run:  ``python scripts/build_gazetteer.py``  (``--check`` builds and validates without writing)
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "alliancecli" / "data" / "gazetteer.json"

# The 193 UN member states (ISO 3166-1 alpha-3).
UN_MEMBERS = set("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA
BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK
COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD
GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ
LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE
MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT
QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF
SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA
USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())
OBSERVERS = {"PSE", "VAT"}
OTHER_STATES = {"TWN", "XKX"}
HISTORICAL = {"SUN", "YUG", "CSK", "DDR"}

AFRICA = set("""
DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COG COD CIV DJI EGY GNQ ERI SWZ ETH GAB GMB GHA
GIN GNB KEN LSO LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA STP SEN SYC SLE SOM ZAF
SSD SDN TZA TGO TUN UGA ZMB ZWE
""".split())

# Forms that must never be a surface form: they are ambiguous between states or stand for
# a region, not a state.  pycountry names in this set are dropped; hand-written ones fail.
BANNED = {
    "Congo", "Congolese", "Korea", "Korean", "Koreans", "Arab", "Arabs", "Persian",
    "Slavic", "Western", "European", "Europeans", "Asian", "Asians", "Latin", "Kiwi", "Kiwis",
    "Dominican", "Dominicans", "Guinea Republic",
}

# --------------------------------------------------------------------------------------
# Countries.  Keys: name (canonical), names, dem (demonyms), cap (current capital and its
# spellings), oldcap (former capitals / former capital names with years), former (former
# names with years), met (metonyms), abbr (abbreviations), amb (ambiguous forms, a subset
# of the forms above).  pycountry's name / official_name / common_name are added to names.
# --------------------------------------------------------------------------------------
COUNTRIES: dict[str, dict] = {
    # ---- post-Soviet states ----
    "RUS": dict(name="Russia", dem="Russian+", cap="Moscow", met="Kremlin", abbr="RF",
                former=[("Russian Empire", 1721, 1917), ("Russian SFSR", 1917, 1991),
                        ("RSFSR", 1917, 1991)]),
    "BLR": dict(name="Belarus", dem="Belarusian+|Belarussian+|Byelorussian+|Belorussian+",
                cap="Minsk", abbr="RB",
                former=[("Byelorussia", None, 1991), ("Belorussia", None, 1991),
                        ("Byelorussian SSR", 1920, 1991)]),
    "UKR": dict(name="Ukraine", dem="Ukrainian+", cap="Kyiv|Kiev", met="Bankova",
                former=[("Ukrainian SSR", 1919, 1991)]),
    "MDA": dict(name="Moldova", dem="Moldovan+|Moldavian+", cap="Chisinau|Chișinău|Kishinev",
                former=[("Moldavia", None, 1991), ("Moldavian SSR", 1940, 1991)]),
    "KAZ": dict(name="Kazakhstan", names="Kazakstan|Qazaqstan", dem="Kazakh+|Kazakhstani+",
                cap="Astana", met="Akorda|Ak Orda", abbr="RK",
                oldcap=[("Nur-Sultan", 2019, 2022), ("Akmola", 1992, 1998),
                        ("Tselinograd", 1961, 1992), ("Almaty", 1993, 1997),
                        ("Alma-Ata", 1929, 1993)],
                former=[("Kazakh SSR", 1936, 1991)]),
    "KGZ": dict(name="Kyrgyzstan", dem="Kyrgyz|Kyrgyzstani+|Kirghiz", cap="Bishkek",
                oldcap=[("Frunze", 1926, 1991)],
                former=[("Kirghizia", None, 1991), ("Kirgizia", None, 1991),
                        ("Kirghiz SSR", 1936, 1991)]),
    "UZB": dict(name="Uzbekistan", dem="Uzbek+|Uzbekistani+", cap="Tashkent",
                former=[("Uzbek SSR", 1924, 1991)]),
    "TJK": dict(name="Tajikistan", names="Tadjikistan", dem="Tajik+|Tadjik+|Tajikistani+",
                cap="Dushanbe", oldcap=[("Stalinabad", 1929, 1961)],
                former=[("Tajik SSR", 1929, 1991)]),
    "TKM": dict(name="Turkmenistan", dem="Turkmen|Turkmens|Turkmenistani+",
                cap="Ashgabat|Ashkhabad",
                former=[("Turkmenia", None, 1991), ("Turkmen SSR", 1924, 1991)]),
    "GEO": dict(name="Georgia", dem="Georgian+", cap="Tbilisi", oldcap=[("Tiflis", None, 1936)],
                former=[("Georgian SSR", 1921, 1991)], amb="Georgia|Georgian|Georgians"),
    "ARM": dict(name="Armenia", dem="Armenian+", cap="Yerevan",
                former=[("Armenian SSR", 1920, 1991)]),
    "AZE": dict(name="Azerbaijan", dem="Azerbaijani+|Azeri+", cap="Baku",
                former=[("Azerbaijan SSR", 1920, 1991)]),
    "EST": dict(name="Estonia", dem="Estonian+", cap="Tallinn",
                former=[("Estonian SSR", 1940, 1991)]),
    "LVA": dict(name="Latvia", dem="Latvian+", cap="Riga", former=[("Latvian SSR", 1940, 1991)]),
    "LTU": dict(name="Lithuania", dem="Lithuanian+", cap="Vilnius",
                former=[("Lithuanian SSR", 1940, 1990)]),
    # ---- Europe ----
    "ALB": dict(name="Albania", dem="Albanian+", cap="Tirana"),
    "AND": dict(name="Andorra", dem="Andorran+", cap="Andorra la Vella"),
    "AUT": dict(name="Austria", dem="Austrian+", cap="Vienna"),
    "BEL": dict(name="Belgium", dem="Belgian+", cap="Brussels", amb="Brussels"),
    "BIH": dict(name="Bosnia and Herzegovina", names="Bosnia-Herzegovina|Bosnia",
                dem="Bosnian+", cap="Sarajevo", abbr="BiH"),
    "BGR": dict(name="Bulgaria", dem="Bulgarian+", cap="Sofia", amb="Sofia"),
    "HRV": dict(name="Croatia", dem="Croatian+|Croat+", cap="Zagreb"),
    "CYP": dict(name="Cyprus", dem="Cypriot+|Greek Cypriot+", cap="Nicosia"),
    "CZE": dict(name="Czech Republic", dem="Czech+", cap="Prague"),
    "DNK": dict(name="Denmark", dem="Danish|Dane+", cap="Copenhagen", amb="Dane"),
    "FIN": dict(name="Finland", dem="Finnish|Finn+", cap="Helsinki", amb="Finn"),
    "FRA": dict(name="France", dem="French|Frenchman|Frenchmen", cap="Paris",
                met="Élysée|Elysee|Élysée Palace|Elysee Palace|Quai d'Orsay", amb="Paris"),
    "DEU": dict(name="Germany", dem="German+|West German+", cap="Berlin",
                oldcap=[("Bonn", 1949, 1990)], former=[("West Germany", 1949, 1990)],
                abbr="FRG"),
    "GRC": dict(name="Greece", dem="Greek+", cap="Athens"),
    "HUN": dict(name="Hungary", dem="Hungarian+", cap="Budapest"),
    "ISL": dict(name="Iceland", dem="Icelandic|Icelander+", cap="Reykjavík|Reykjavik"),
    "IRL": dict(name="Ireland", names="Republic of Ireland|Éire|Eire",
                dem="Irish|Irishman|Irishmen", cap="Dublin"),
    "ITA": dict(name="Italy", dem="Italian+", cap="Rome", met="Palazzo Chigi"),
    "LIE": dict(name="Liechtenstein", dem="Liechtensteiner+", cap="Vaduz"),
    "LUX": dict(name="Luxembourg", dem="Luxembourger+|Luxembourgish",
                cap="Luxembourg City|Luxembourg"),
    "MLT": dict(name="Malta", dem="Maltese", cap="Valletta"),
    "MCO": dict(name="Monaco", dem="Monegasque+|Monégasque+", cap="Monaco"),
    "MNE": dict(name="Montenegro", dem="Montenegrin+", cap="Podgorica"),
    "NLD": dict(name="Netherlands", names="Holland", amb="Holland", dem="Dutch|Dutchman|Dutchmen",
                cap="Amsterdam"),
    "MKD": dict(name="North Macedonia", dem="Macedonian+", cap="Skopje", abbr="FYROM",
                former=[("Macedonia", 1991, 2019), ("Republic of Macedonia", 1991, 2019),
                        ("Former Yugoslav Republic of Macedonia", 1993, 2019)],
                amb="Macedonia|Macedonian|Macedonians"),
    "NOR": dict(name="Norway", dem="Norwegian+", cap="Oslo"),
    "POL": dict(name="Poland", dem="Polish|Pole+", cap="Warsaw", amb="Pole"),
    "PRT": dict(name="Portugal", dem="Portuguese", cap="Lisbon"),
    "ROU": dict(name="Romania", names="Rumania", dem="Romanian+", cap="Bucharest"),
    "SMR": dict(name="San Marino", dem="Sammarinese", cap="San Marino|City of San Marino"),
    "SRB": dict(name="Serbia", dem="Serbian+|Serb+", cap="Belgrade",
                former=[("Serbia and Montenegro", 2003, 2006)]),
    "SVK": dict(name="Slovakia", dem="Slovak+|Slovakian+", cap="Bratislava"),
    "SVN": dict(name="Slovenia", dem="Slovenian+|Slovene+", cap="Ljubljana"),
    "ESP": dict(name="Spain", dem="Spanish|Spaniard+", cap="Madrid", met="Moncloa"),
    "SWE": dict(name="Sweden", dem="Swedish|Swede+", cap="Stockholm"),
    "CHE": dict(name="Switzerland", dem="Swiss", cap="Bern|Berne"),
    "GBR": dict(name="United Kingdom", names="Great Britain|Britain",
                dem="British|Briton+", cap="London", met="Downing Street|Whitehall",
                abbr="UK|U.K."),
    # ---- Middle East, Turkey, Caucasus rim ----
    "TUR": dict(name="Turkey", names="Türkiye|Turkiye|Republic of Turkey",
                dem="Turkish|Turk+", cap="Ankara", former=[("Ottoman Empire", 1299, 1922)],
                amb="Turkey"),
    "IRN": dict(name="Iran", dem="Iranian+", cap="Tehran|Teheran", former=[("Persia", None, 1935)]),
    "IRQ": dict(name="Iraq", dem="Iraqi+", cap="Baghdad"),
    "SYR": dict(name="Syria", dem="Syrian+", cap="Damascus"),
    "LBN": dict(name="Lebanon", dem="Lebanese", cap="Beirut", amb="Lebanon"),
    "JOR": dict(name="Jordan", dem="Jordanian+", cap="Amman", amb="Jordan"),
    "ISR": dict(name="Israel", dem="Israeli+", cap="Jerusalem", amb="Israel"),
    "PSE": dict(name="Palestine", names="State of Palestine", dem="Palestinian+", cap="Ramallah"),
    "SAU": dict(name="Saudi Arabia", dem="Saudi+|Saudi Arabian+", cap="Riyadh", abbr="KSA"),
    "YEM": dict(name="Yemen", dem="Yemeni+", cap="Sanaa|Sana'a"),
    "OMN": dict(name="Oman", dem="Omani+", cap="Muscat"),
    "ARE": dict(name="United Arab Emirates", dem="Emirati+", cap="Abu Dhabi", abbr="UAE|U.A.E."),
    "QAT": dict(name="Qatar", dem="Qatari+", cap="Doha"),
    "BHR": dict(name="Bahrain", dem="Bahraini+", cap="Manama"),
    "KWT": dict(name="Kuwait", dem="Kuwaiti+", cap="Kuwait City"),
    "EGY": dict(name="Egypt", dem="Egyptian+", cap="Cairo"),
    # ---- Asia ----
    "AFG": dict(name="Afghanistan", names="Islamic Emirate of Afghanistan", dem="Afghan+",
                cap="Kabul"),
    "PAK": dict(name="Pakistan", dem="Pakistani+", cap="Islamabad"),
    "IND": dict(name="India", names="Bharat", dem="Indian+", cap="New Delhi", met="South Block"),
    "NPL": dict(name="Nepal", dem="Nepali+|Nepalese", cap="Kathmandu|Katmandu"),
    "BTN": dict(name="Bhutan", dem="Bhutanese", cap="Thimphu"),
    "BGD": dict(name="Bangladesh", dem="Bangladeshi+", cap="Dhaka|Dacca",
                former=[("East Pakistan", 1955, 1971)]),
    "LKA": dict(name="Sri Lanka", dem="Sri Lankan+", cap="Sri Jayawardenepura Kotte|Colombo",
                former=[("Ceylon", None, 1972)]),
    # "Male" and "Victoria" and "San Jose" are left out: in English news they are almost always the
    # word, the person or the Californian city (0 of 16 right in a check of the BBC corpus).
    "MDV": dict(name="Maldives", dem="Maldivian+", cap="Malé"),
    "CHN": dict(name="China", dem="Chinese", cap="Beijing|Peking", abbr="PRC",
                met="Zhongnanhai|Celestial Empire|Middle Kingdom",
                former=[("Qing Empire", 1644, 1912), ("Qing empire", 1644, 1912)]),
    "TWN": dict(name="Taiwan", names="Republic of China", dem="Taiwanese", cap="Taipei",
                abbr="ROC", former=[("Formosa", None, None)]),
    "MNG": dict(name="Mongolia", dem="Mongolian+", cap="Ulaanbaatar|Ulan Bator",
                former=[("Mongolian People's Republic", 1924, 1992)]),
    "PRK": dict(name="North Korea", dem="North Korean+", cap="Pyongyang", abbr="DPRK"),
    "KOR": dict(name="South Korea", names="Republic of Korea", dem="South Korean+", cap="Seoul", met="Blue House",
                abbr="ROK"),
    "JPN": dict(name="Japan", dem="Japanese", cap="Tokyo", met="Kasumigaseki"),
    "MMR": dict(name="Myanmar", dem="Burmese", cap="Naypyidaw|Nay Pyi Taw|Naypyitaw",
                oldcap=[("Rangoon", None, 1989), ("Yangon", 1989, 2006)],
                former=[("Burma", None, 1989)]),
    "THA": dict(name="Thailand", dem="Thai+", cap="Bangkok", former=[("Siam", None, 1939)]),
    "LAO": dict(name="Laos", names="Lao PDR", dem="Lao|Laotian+", cap="Vientiane"),
    "KHM": dict(name="Cambodia", dem="Cambodian+", cap="Phnom Penh",
                former=[("Khmer Republic", 1970, 1975), ("Democratic Kampuchea", 1975, 1979),
                        ("Kampuchea", 1975, 1989)]),
    "VNM": dict(name="Vietnam", names="Socialist Republic of Vietnam", dem="Vietnamese",
                cap="Hanoi|Ha Noi",
                former=[("North Vietnam", 1954, 1976),
                        ("Democratic Republic of Vietnam", 1945, 1976)]),
    "MYS": dict(name="Malaysia", dem="Malaysian+", cap="Kuala Lumpur|Putrajaya",
                former=[("Malaya", None, 1963), ("Federation of Malaya", 1957, 1963)]),
    "SGP": dict(name="Singapore", dem="Singaporean+", cap="Singapore"),
    "IDN": dict(name="Indonesia", dem="Indonesian+", cap="Jakarta",
                former=[("Dutch East Indies", None, 1949)]),
    "BRN": dict(name="Brunei", dem="Bruneian+", cap="Bandar Seri Begawan"),
    "PHL": dict(name="Philippines", dem="Filipino+|Filipina+|Philippine", cap="Manila",
                met="Malacañang|Malacanang"),
    "TLS": dict(name="Timor-Leste", names="East Timor|Timor Leste",
                dem="Timorese|East Timorese", cap="Dili",
                former=[("Portuguese Timor", None, 1975)]),
    # ---- Africa ----
    "DZA": dict(name="Algeria", dem="Algerian+", cap="Algiers"),
    "AGO": dict(name="Angola", dem="Angolan+", cap="Luanda"),
    "BEN": dict(name="Benin", dem="Beninese", cap="Porto-Novo|Cotonou",
                former=[("Dahomey", None, 1975)]),
    "BWA": dict(name="Botswana", dem="Motswana|Batswana|Botswanan+", cap="Gaborone",
                former=[("Bechuanaland", None, 1966)]),
    "BFA": dict(name="Burkina Faso", names="Burkina", dem="Burkinabe|Burkinabé",
                cap="Ouagadougou", former=[("Upper Volta", None, 1984)]),
    "BDI": dict(name="Burundi", dem="Burundian+", cap="Gitega",
                oldcap=[("Bujumbura", 1962, 2019)]),
    "CPV": dict(name="Cape Verde", dem="Cape Verdean+|Cabo Verdean+", cap="Praia"),
    "CMR": dict(name="Cameroon", dem="Cameroonian+", cap="Yaoundé|Yaounde"),
    "CAF": dict(name="Central African Republic", dem="Central African+", cap="Bangui",
                amb="Central African|Central Africans"),
    "TCD": dict(name="Chad", dem="Chadian+", cap="N'Djamena|Ndjamena", amb="Chad"),
    "COM": dict(name="Comoros", dem="Comorian+", cap="Moroni"),
    "COG": dict(name="Republic of the Congo",
                names="Republic of Congo|Congo Republic|Congo-Brazzaville", cap="Brazzaville"),
    "COD": dict(name="Democratic Republic of the Congo",
                names="Democratic Republic of Congo|DR Congo|Congo-Kinshasa", cap="Kinshasa",
                oldcap=[("Léopoldville", None, 1966), ("Leopoldville", None, 1966)],
                former=[("Zaire", 1971, 1997), ("Republic of Zaire", 1971, 1997)], abbr="DRC"),
    "CIV": dict(name="Ivory Coast", names="Cote d'Ivoire", dem="Ivorian+", cap="Yamoussoukro",
                oldcap=[("Abidjan", None, 1983)]),
    "DJI": dict(name="Djibouti", dem="Djiboutian+", cap="Djibouti City|Djibouti"),
    "GNQ": dict(name="Equatorial Guinea", dem="Equatorial Guinean+|Equatoguinean+", cap="Malabo"),
    "ERI": dict(name="Eritrea", dem="Eritrean+", cap="Asmara"),
    "SWZ": dict(name="Eswatini", names="eSwatini", dem="Swazi+", cap="Mbabane|Lobamba",
                former=[("Swaziland", None, 2018), ("Kingdom of Swaziland", None, 2018)]),
    "ETH": dict(name="Ethiopia", dem="Ethiopian+", cap="Addis Ababa",
                former=[("Abyssinia", None, None)]),
    "GAB": dict(name="Gabon", dem="Gabonese", cap="Libreville"),
    "GMB": dict(name="Gambia", names="The Gambia", dem="Gambian+", cap="Banjul"),
    "GHA": dict(name="Ghana", dem="Ghanaian+", cap="Accra", former=[("Gold Coast", None, 1957)]),
    "GIN": dict(name="Guinea", names="Guinea-Conakry", dem="Guinean+", cap="Conakry",
                amb="Guinea"),
    "GNB": dict(name="Guinea-Bissau", dem="Bissau-Guinean+", cap="Bissau"),
    "KEN": dict(name="Kenya", dem="Kenyan+", cap="Nairobi"),
    "LSO": dict(name="Lesotho", dem="Mosotho|Basotho", cap="Maseru",
                former=[("Basutoland", None, 1966)]),
    "LBR": dict(name="Liberia", dem="Liberian+", cap="Monrovia"),
    "LBY": dict(name="Libya", names="State of Libya", dem="Libyan+", cap="Tripoli",
                amb="Tripoli"),
    "MDG": dict(name="Madagascar", dem="Malagasy", cap="Antananarivo",
                former=[("Malagasy Republic", 1958, 1975)]),
    "MWI": dict(name="Malawi", dem="Malawian+", cap="Lilongwe", former=[("Nyasaland", None, 1964)]),
    "MLI": dict(name="Mali", dem="Malian+", cap="Bamako"),
    "MRT": dict(name="Mauritania", dem="Mauritanian+", cap="Nouakchott"),
    "MUS": dict(name="Mauritius", dem="Mauritian+", cap="Port Louis"),
    "MAR": dict(name="Morocco", dem="Moroccan+", cap="Rabat"),
    "MOZ": dict(name="Mozambique", dem="Mozambican+", cap="Maputo"),
    "NAM": dict(name="Namibia", dem="Namibian+", cap="Windhoek",
                former=[("South West Africa", None, 1990)]),
    "NER": dict(name="Niger", names="Republic of Niger", dem="Nigerien+", cap="Niamey",
                amb="Niger"),
    "NGA": dict(name="Nigeria", dem="Nigerian+", cap="Abuja"),
    "RWA": dict(name="Rwanda", dem="Rwandan+|Rwandese", cap="Kigali"),
    "STP": dict(name="Sao Tome and Principe", names="São Tomé and Príncipe",
                dem="Santomean+", cap="São Tomé|Sao Tome"),
    "SEN": dict(name="Senegal", dem="Senegalese", cap="Dakar"),
    "SYC": dict(name="Seychelles", dem="Seychellois"),
    "SLE": dict(name="Sierra Leone", dem="Sierra Leonean+", cap="Freetown"),
    "SOM": dict(name="Somalia", dem="Somali+|Somalian+", cap="Mogadishu"),
    "ZAF": dict(name="South Africa", dem="South African+", cap="Pretoria|Cape Town",
                met="Union Buildings"),
    "SSD": dict(name="South Sudan", dem="South Sudanese", cap="Juba"),
    "SDN": dict(name="Sudan", dem="Sudanese", cap="Khartoum"),
    "TZA": dict(name="Tanzania", dem="Tanzanian+", cap="Dodoma",
                former=[("Tanganyika", None, 1964)]),
    "TGO": dict(name="Togo", dem="Togolese", cap="Lomé|Lome"),
    "TUN": dict(name="Tunisia", dem="Tunisian+", cap="Tunis"),
    "UGA": dict(name="Uganda", dem="Ugandan+", cap="Kampala"),
    "ZMB": dict(name="Zambia", dem="Zambian+", cap="Lusaka",
                former=[("Northern Rhodesia", None, 1964)]),
    "ZWE": dict(name="Zimbabwe", dem="Zimbabwean+", cap="Harare",
                former=[("Rhodesia", 1965, 1979), ("Southern Rhodesia", None, 1980)]),
    # ---- Americas ----
    "USA": dict(name="United States", names="America", dem="American+",
                cap="Washington|Washington, D.C.|Washington D.C.|Washington DC",
                met="White House|Pentagon|Capitol Hill|State Department|Foggy Bottom",
                abbr="US|U.S.|USA|U.S.A.", amb="Washington"),
    "CAN": dict(name="Canada", dem="Canadian+", cap="Ottawa"),
    "MEX": dict(name="Mexico", dem="Mexican+", cap="Mexico City"),
    "GTM": dict(name="Guatemala", dem="Guatemalan+", cap="Guatemala City"),
    "BLZ": dict(name="Belize", dem="Belizean+", cap="Belmopan",
                former=[("British Honduras", None, 1973)]),
    "HND": dict(name="Honduras", dem="Honduran+", cap="Tegucigalpa"),
    "SLV": dict(name="El Salvador", dem="Salvadoran+|Salvadorean+", cap="San Salvador"),
    "NIC": dict(name="Nicaragua", dem="Nicaraguan+", cap="Managua"),
    "CRI": dict(name="Costa Rica", dem="Costa Rican+", cap="San José"),
    "PAN": dict(name="Panama", dem="Panamanian+", cap="Panama City"),
    "CUB": dict(name="Cuba", dem="Cuban+", cap="Havana"),
    "JAM": dict(name="Jamaica", dem="Jamaican+", cap="Kingston", amb="Kingston"),
    "HTI": dict(name="Haiti", dem="Haitian+", cap="Port-au-Prince"),
    "DOM": dict(name="Dominican Republic", cap="Santo Domingo"),
    "DMA": dict(name="Dominica", cap="Roseau"),
    "BHS": dict(name="Bahamas", dem="Bahamian+", cap="Nassau", amb="Nassau"),
    "BRB": dict(name="Barbados", dem="Barbadian+|Bajan+", cap="Bridgetown"),
    "TTO": dict(name="Trinidad and Tobago", names="Trinidad",
                dem="Trinidadian+|Tobagonian+", cap="Port of Spain|Port-of-Spain"),
    "GRD": dict(name="Grenada", dem="Grenadian+", cap="St. George's|St George's|Saint George's",
                amb="St. George's|St George's|Saint George's"),
    "LCA": dict(name="Saint Lucia", names="St Lucia|St. Lucia", dem="Saint Lucian+|St Lucian+",
                cap="Castries"),
    "VCT": dict(name="Saint Vincent and the Grenadines",
                names="St Vincent and the Grenadines|St. Vincent and the Grenadines|"
                      "Saint Vincent|St Vincent|St. Vincent",
                dem="Vincentian+", cap="Kingstown"),
    "KNA": dict(name="Saint Kitts and Nevis",
                names="St Kitts and Nevis|St. Kitts and Nevis|Saint Kitts|St Kitts|St. Kitts",
                dem="Kittitian+|Nevisian+", cap="Basseterre"),
    "ATG": dict(name="Antigua and Barbuda", names="Antigua", dem="Antiguan+|Barbudan+",
                cap="St. John's|St John's|Saint John's",
                amb="St. John's|St John's|Saint John's"),
    "COL": dict(name="Colombia", dem="Colombian+", cap="Bogotá|Bogota"),
    "VEN": dict(name="Venezuela", dem="Venezuelan+", cap="Caracas"),
    "GUY": dict(name="Guyana", dem="Guyanese", cap="Georgetown",
                former=[("British Guiana", None, 1966)], amb="Georgetown"),
    "SUR": dict(name="Suriname", names="Surinam", dem="Surinamese|Surinamer+",
                cap="Paramaribo", former=[("Dutch Guiana", None, 1975)]),
    "ECU": dict(name="Ecuador", dem="Ecuadorian+|Ecuadoran+", cap="Quito"),
    "PER": dict(name="Peru", dem="Peruvian+", cap="Lima"),
    "BOL": dict(name="Bolivia", dem="Bolivian+", cap="Sucre|La Paz"),
    "BRA": dict(name="Brazil", dem="Brazilian+", cap="Brasília|Brasilia", met="Planalto"),
    "PRY": dict(name="Paraguay", dem="Paraguayan+", cap="Asunción|Asuncion"),
    "URY": dict(name="Uruguay", dem="Uruguayan+", cap="Montevideo"),
    "ARG": dict(name="Argentina", dem="Argentine+|Argentinian+", cap="Buenos Aires",
                met="Casa Rosada"),
    "CHL": dict(name="Chile", dem="Chilean+", cap="Santiago", met="La Moneda", amb="Santiago"),
    # ---- Oceania ----
    "AUS": dict(name="Australia", names="Commonwealth of Australia", dem="Australian+",
                cap="Canberra"),
    "NZL": dict(name="New Zealand", names="Aotearoa", dem="New Zealander+", cap="Wellington",
                abbr="NZ", amb="Wellington"),
    "FJI": dict(name="Fiji", dem="Fijian+", cap="Suva"),
    "PNG": dict(name="Papua New Guinea", dem="Papua New Guinean+", cap="Port Moresby"),
    "SLB": dict(name="Solomon Islands", dem="Solomon Islander+", cap="Honiara"),
    "VUT": dict(name="Vanuatu", dem="Ni-Vanuatu", cap="Port Vila",
                former=[("New Hebrides", None, 1980)]),
    "WSM": dict(name="Samoa", dem="Samoan+", cap="Apia"),
    "TON": dict(name="Tonga", dem="Tongan+", cap="Nuku'alofa|Nukualofa"),
    "TUV": dict(name="Tuvalu", dem="Tuvaluan+", cap="Funafuti"),
    "KIR": dict(name="Kiribati", dem="I-Kiribati", cap="South Tarawa|Tarawa"),
    "NRU": dict(name="Nauru", dem="Nauruan+", cap="Yaren"),
    "MHL": dict(name="Marshall Islands", dem="Marshallese", cap="Majuro"),
    "FSM": dict(name="Micronesia", dem="Micronesian+", cap="Palikir",
                amb="Micronesia|Micronesian|Micronesians"),
    "PLW": dict(name="Palau", dem="Palauan+", cap="Ngerulmud"),
    # ---- observers and other states ----
    "VAT": dict(name="Vatican City", names="Holy See|Vatican|Vatican City State",
                cap="Vatican City"),
    "XKX": dict(name="Kosovo", names="Republic of Kosovo", dem="Kosovar+|Kosovan+",
                cap="Pristina|Prishtina"),
    # ---- historical states.  Their capitals (Moscow, Belgrade, Prague) are left out: a
    # surface form maps to one state only, and those cities belong to the successors. ----
    "SUN": dict(name="Soviet Union", names="Union of Soviet Socialist Republics",
                dem="Soviet|Soviets", abbr="USSR|U.S.S.R."),
    "YUG": dict(name="Yugoslavia",
                names="Socialist Federal Republic of Yugoslavia|Federal Republic of Yugoslavia",
                dem="Yugoslav+|Yugoslavian+", abbr="SFRY"),
    "CSK": dict(name="Czechoslovakia",
                names="Czechoslovak Socialist Republic|Czech and Slovak Federative Republic",
                dem="Czechoslovak+|Czechoslovakian+"),
    "DDR": dict(name="East Germany", dem="East German+", cap="East Berlin", abbr="GDR"),
}

# --------------------------------------------------------------------------------------
# Blocs.  Members are ISO3 codes: current members, or the historical members of a
# historical bloc.  Acronyms are written in ``names``, as the runtime reads both.
# --------------------------------------------------------------------------------------
BLOCS: dict[str, dict] = {
    "NATO": dict(names="NATO|North Atlantic Treaty Organization|North Atlantic Treaty Organisation|"
                       "North Atlantic Alliance|Nato|OTAN",
                 members="ALB BEL BGR CAN HRV CZE DNK EST FIN FRA DEU GRC HUN ISL ITA LVA LTU "
                         "LUX MNE NLD MKD NOR POL PRT ROU SVK SVN ESP SWE TUR GBR USA"),
    "EU": dict(names="EU|European Union|E.U.",
               members="AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX "
                       "MLT NLD POL PRT ROU SVK SVN ESP SWE"),
    "CIS": dict(names="CIS|Commonwealth of Independent States",
                members="ARM AZE BLR KAZ KGZ MDA RUS TJK UZB"),
    "EAEU": dict(names="EAEU|EEU|Eurasian Economic Union|Eurasian Union",
                 members="ARM BLR KAZ KGZ RUS"),
    "CSTO": dict(names="CSTO|Collective Security Treaty Organization|"
                       "Collective Security Treaty Organisation",
                 members="ARM BLR KAZ KGZ RUS TJK"),
    "SCO": dict(names="SCO|Shanghai Cooperation Organisation|Shanghai Cooperation Organization",
                members="BLR CHN IND IRN KAZ KGZ PAK RUS TJK UZB"),
    "BRICS": dict(names="BRICS", members="BRA RUS IND CHN ZAF EGY ETH IRN ARE IDN"),
    "Union State": dict(names="Union State|Union State of Russia and Belarus", members="RUS BLR"),
    "Warsaw Pact": dict(names="Warsaw Pact|Warsaw Treaty Organization|Warsaw Treaty Organisation",
                        members="SUN POL CSK DDR HUN ROU BGR ALB"),
    "Comecon": dict(names="Comecon|COMECON|CMEA|Council for Mutual Economic Assistance",
                    members="SUN BGR CSK DDR HUN POL ROU ALB MNG CUB VNM"),
    "GCC": dict(names="GCC|Gulf Cooperation Council", members="BHR KWT OMN QAT SAU ARE"),
    "OPEC": dict(names="OPEC|OPEC+|Organization of the Petroleum Exporting Countries",
                 members="DZA COG GNQ GAB IRN IRQ KWT LBY NGA SAU ARE VEN"),
    "ASEAN": dict(names="ASEAN|Association of Southeast Asian Nations|"
                        "Association of South-East Asian Nations",
                  members="BRN KHM IDN LAO MYS MMR PHL SGP THA VNM TLS"),
    "African Union": dict(names="African Union", members=" ".join(sorted(AFRICA))),
    "G7": dict(names="G7|G-7|Group of Seven", members="CAN FRA DEU ITA JPN GBR USA"),
    "G20": dict(names="G20|G-20|Group of Twenty",
                members="ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN MEX RUS SAU ZAF KOR TUR "
                        "GBR USA"),
    "AUKUS": dict(names="AUKUS", members="AUS GBR USA"),
    "Arab League": dict(names="Arab League|League of Arab States",
                        members="DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU "
                                "SOM SDN SYR TUN ARE YEM"),
    "EEC": dict(names="EEC|European Economic Community|Common Market",
                members="BEL FRA DEU ITA LUX NLD DNK IRL GBR GRC PRT ESP"),
    "OSCE": dict(names="OSCE|Organization for Security and Co-operation in Europe|"
                       "Organization for Security and Cooperation in Europe",
                 members="ALB AND ARM AUT AZE BLR BEL BIH BGR CAN HRV CYP CZE DNK EST FIN FRA GEO "
                         "DEU GRC VAT HUN ISL IRL ITA KAZ KGZ LVA LIE LTU LUX MLT MDA MCO MNG MNE "
                         "NLD MKD NOR POL PRT ROU RUS SMR SRB SVK SVN ESP SWE CHE TJK TUR TKM UKR "
                         "GBR USA UZB"),
}

# Multi-word phrases that contain a country form but do not refer to the state; the ruler
# matches them as longer spans so they block the shorter match.
NOT_COUNTRIES = [
    "former Soviet Union", "Former Soviet Union",
    "New Mexico", "New Jersey", "New South Wales", "New Guinea", "Northern Ireland",
    "Northern Cyprus", "South Georgia", "British Columbia", "American Samoa",
    "Persian Gulf", "Gulf of Mexico", "Gulf of Guinea", "Gulf of Thailand", "Gulf of Oman",
    "Indian Ocean", "South China Sea", "East China Sea", "Sea of Japan", "Irish Sea",
    "Niger Delta", "Niger River", "River Niger", "Lake Chad", "Lake Victoria",
    "Latin America", "South America", "North America", "Central America",
    "Latin American", "Latin Americans", "South American", "South Americans",
    "North American", "North Americans", "Central American", "Central Americans",
    "Native American", "Native Americans", "African American", "African Americans",
    "American Indian", "American Indians", "West Indian", "West Indians", "West Indies",
    "Turks and Caicos", "Turks and Caicos Islands", "Young Turks",
    "North Pole", "South Pole", "Guinea pig", "Guinea pigs",
    "Pole vault", "Pole vaulter", "Pole vaulters", "Pole vaulting",
    "Georgia Tech", "Georgia Institute of Technology", "Georgia State",
    "Washington Post", "Washington Times", "Washington State", "Washington state",
    "George Washington", "South China Morning Post", "Bank of America",
    "Queen Victoria", "Paris Agreement", "Paris Hilton",
    "Minsk agreements", "Minsk Agreements", "Minsk accords",
    "Supreme Soviet", "Petrograd Soviet",
    # the states that were Soviet, not the Soviet Union: "the former Soviet republics", "post-Soviet"
    "former Soviet", "Former Soviet", "post-Soviet", "Post-Soviet", "ex-Soviet", "Ex-Soviet",
]


# --------------------------------------------------------------------------------------

def split(spec, plurals: bool = True) -> list[str]:
    """``"A+|B"`` -> ``["A", "As", "B"]``; lists pass through.  With ``plurals=False`` a
    trailing ``+`` is kept as written ("OPEC+")."""
    if not spec:
        return []
    if isinstance(spec, (list, tuple)):
        return list(spec)
    out = []
    for part in spec.split("|"):
        part = part.strip()
        if plurals and part.endswith("+"):
            out += [part[:-1], part[:-1] + "s"]
        elif part:
            out.append(part)
    return out


def dedupe(items):
    return list(dict.fromkeys(items))


def dated(name, start, end) -> dict:
    d = {"name": name}
    if start is not None:
        d["from"] = start
    if end is not None:
        d["to"] = end
    return d


def pycountry_names(iso3: str) -> list[str]:
    rec = pycountry.countries.get(alpha_3=iso3) or pycountry.historic_countries.get(alpha_3=iso3)
    if rec is None:
        return []
    out = []
    for attr in ("name", "official_name", "common_name"):
        value = getattr(rec, attr, None)
        if not value or "," in value or "(" in value:
            continue  # "Korea, Republic of", "Holy See (Vatican City State)": not news text
        if value.startswith("the "):
            value = value[4:]
        if value not in BANNED:
            out.append(value)
    return out


def build_country(iso3: str, spec: dict) -> dict:
    names = dedupe([spec["name"], *pycountry_names(iso3), *split(spec.get("names"))])
    entry = {
        "name": spec["name"],
        "iso3": iso3,
        "names": names,
        "former_names": [dated(*f) for f in spec.get("former", [])],
        "demonyms": dedupe(split(spec.get("dem"))),
        "capitals": [{"name": c} for c in dedupe(split(spec.get("cap")))]
                    + [dated(*c) for c in spec.get("oldcap", [])],
        "metonyms": dedupe(split(spec.get("met"))),
        "abbreviations": dedupe(split(spec.get("abbr"))),
        "ambiguous": dedupe(split(spec.get("amb"))),
    }
    return entry


def entry_forms(entry: dict) -> list[str]:
    out = []
    for field in ("names", "former_names", "demonyms", "capitals", "metonyms", "abbreviations"):
        for v in entry.get(field, []):
            out.append(v["name"] if isinstance(v, dict) else v)
    return out


def validate(data: dict) -> list[str]:
    errors = []
    countries, blocs = data["countries"], data["blocs"]
    codes = [c["iso3"] for c in countries]
    expected = UN_MEMBERS | OBSERVERS | OTHER_STATES | HISTORICAL
    if len(UN_MEMBERS) != 193:
        errors.append(f"UN member list has {len(UN_MEMBERS)} codes, not 193")
    if len(AFRICA) != 54 or not AFRICA <= UN_MEMBERS:
        errors.append("African member list is wrong")
    if set(codes) != expected or len(codes) != len(set(codes)):
        errors.append(f"country codes differ: missing {expected - set(codes)}, "
                      f"extra {set(codes) - expected}")
    for iso3 in sorted(expected - {"XKX"}):
        if not (pycountry.countries.get(alpha_3=iso3) or
                pycountry.historic_countries.get(alpha_3=iso3)):
            errors.append(f"{iso3} is not in pycountry")
    owner = defaultdict(set)
    upper_owner = defaultdict(set)
    for kind, entries in (("country", countries), ("bloc", blocs)):
        for e in entries:
            forms = entry_forms(e)
            for f in forms:
                owner[f].add(e["name"])
                if f in BANNED:
                    errors.append(f"{e['name']}: banned form {f!r}")
                if f != f.strip() or not f:
                    errors.append(f"{e['name']}: bad form {f!r}")
                if len(f) > 3 and f not in e.get("abbreviations", []):
                    upper_owner[f.upper()].add(e["name"])
            for a in e.get("ambiguous", []):
                if a not in forms:
                    errors.append(f"{e['name']}: ambiguous form {a!r} is not one of its forms")
            if kind == "country" and e["iso3"] not in HISTORICAL:
                if not e["demonyms"] and e["iso3"] not in {"COG", "COD", "DOM", "DMA", "VAT"}:
                    errors.append(f"{e['name']}: no demonyms")
                if not e["capitals"] and e["iso3"] != "SYC":  # Victoria: see the note at MDV
                    errors.append(f"{e['name']}: no capital")
            if kind == "bloc":
                for m in e["members"]:
                    if m not in codes:
                        errors.append(f"bloc {e['name']}: unknown member {m}")
    for form, names in sorted(owner.items()):
        if len(names) > 1:
            errors.append(f"form {form!r} maps to {sorted(names)}")
    for form, names in sorted(upper_owner.items()):
        if len(names) > 1:
            errors.append(f"upper-case form {form!r} maps to {sorted(names)}")
    for phrase in data["not_countries"]:
        if phrase in owner:
            errors.append(f"not_countries phrase {phrase!r} is also a form of {owner[phrase]}")
    return errors


def build() -> dict:
    countries = [build_country(iso3, spec) for iso3, spec in COUNTRIES.items()]
    blocs = [
        {
            "name": name,
            "names": dedupe([name, *split(spec["names"], plurals=False)]),
            "abbreviations": dedupe(split(spec.get("abbr"), plurals=False)),
            "members": sorted(set(spec["members"].split())),
            "demonyms": dedupe(split(spec.get("dem"))),
        }
        for name, spec in BLOCS.items()
    ]
    return {
        "version": 1,
        "countries": sorted(countries, key=lambda c: c["name"]),
        "blocs": sorted(blocs, key=lambda b: b["name"]),
        "not_countries": dedupe(NOT_COUNTRIES),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="validate only, do not write")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    data = build()
    errors = validate(data)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    n_forms = sum(len(entry_forms(e)) for e in data["countries"] + data["blocs"])
    print(f"{len(data['countries'])} countries, {len(data['blocs'])} blocs, {n_forms} forms, "
          f"{len(data['not_countries'])} not_countries")
    if not args.check:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
