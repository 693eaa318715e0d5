"""The posts that send cables: canonical ID codes, their written names, and the aliases cables use.

Data only. A cable ID is two-digit year + post code + serial (`05PARIS5335`); the post code is the
post's name in capitals without spaces. Cables write the same post in many ways (`RIO DE JAN`,
`RIO`, `SECSTATE`, `USUN NEW YORK`, `AMEMBASSY PARIS`) and a reference must be resolved to the
code the ID uses.

Sources: every post code in the file names of the 6,712-cable WikiLeaks archive (the IDs there
are canonical) with the origin label WikiLeaks gave it (`POST_ORIGINS`), plus the other Foreign
Service posts of the period and the spellings the field uses (`OTHER_POSTS`, `ALIASES`).
"""

from __future__ import annotations

# Post code -> origin as the WikiLeaks pages label it ("Embassy Paris"); every code seen in the
# 2011-04-25 archive. A few posts carry two codes (KIEV/KYIV, CALCUTTA/KOLKATA, TAIPEI/AITTAIPEI,
# RPODUBAI/IRANRPODUBAI) and WikiLeaks kept both; EFTOLONDON and EFTOTRIPOLI are IDs WikiLeaks
# built from banners reading `UNCLAS E F T O ... LONDON`: they are the IDs of record, so kept.
POST_ORIGINS: dict[str, str] = {
    "ABIDJAN": "Embassy Abidjan", "ABUDHABI": "Embassy Abu Dhabi", "ABUJA": "Embassy Abuja",
    "ACCRA": "Embassy Accra", "ADANA": "Consulate Adana", "ADDISABABA": "Embassy Addis Ababa",
    "AITTAIPEI": "American Institute Taiwan, Taipei", "ALGIERS": "Embassy Algiers",
    "AMMAN": "Embassy Amman", "AMSTERDAM": "Consulate Amsterdam", "ANKARA": "Embassy Ankara",
    "ASHGABAT": "Embassy Ashgabat", "ASMARA": "Embassy Asmara", "ASTANA": "Embassy Astana",
    "ASUNCION": "Embassy Asuncion", "ATHENS": "Embassy Athens", "BAGHDAD": "Embassy Baghdad",
    "BAKU": "Embassy Baku", "BAMAKO": "Embassy Bamako",
    "BANDARSERIBEGAWAN": "Embassy Bandar Seri Begawan", "BANGKOK": "Embassy Bangkok",
    "BANJUL": "Embassy Banjul", "BARCELONA": "Consulate Barcelona", "BASRAH": "REO Basrah",
    "BEIJING": "Embassy Beijing", "BEIRUT": "Embassy Beirut", "BELGRADE": "Embassy Belgrade",
    "BERLIN": "Embassy Berlin", "BERN": "Embassy Bern", "BISHKEK": "Embassy Bishkek",
    "BOGOTA": "Embassy Bogota", "BRASILIA": "Embassy Brasilia", "BRATISLAVA": "Embassy Bratislava",
    "BRIDGETOWN": "Embassy Bridgetown", "BRUSSELS": "USEU Brussels",
    "BUCHAREST": "Embassy Bucharest", "BUDAPEST": "Embassy Budapest",
    "BUENOSAIRES": "Embassy Buenos Aires", "BUJUMBURA": "Embassy Bujumbura",
    "CAIRO": "Embassy Cairo", "CALCUTTA": "Consulate Kolkata", "CANBERRA": "Embassy Canberra",
    "CAPETOWN": "Consulate Cape Town", "CARACAS": "Embassy Caracas",
    "CASABLANCA": "Consulate Casablanca", "CHENNAI": "Consulate Chennai",
    "CHISINAU": "Embassy Chisinau", "CIUDADJUAREZ": "Consulate Ciudad Juarez",
    "COLOMBO": "Embassy Colombo", "CONAKRY": "Embassy Conakry", "COPENHAGEN": "Embassy Copenhagen",
    "CURACAO": "Consulate Curacao", "DAKAR": "Embassy Dakar", "DAMASCUS": "Embassy Damascus",
    "DARESSALAAM": "Embassy Dar Es Salaam", "DHAKA": "Embassy Dhaka",
    "DJIBOUTI": "Embassy Djibouti", "DOHA": "Embassy Doha", "DUBAI": "Consulate Dubai",
    "DUBLIN": "Embassy Dublin", "DUSHANBE": "Embassy Dushanbe", "EFTOLONDON": "Embassy London",
    "EFTOTRIPOLI": "Embassy Tripoli", "FREETOWN": "Embassy Freetown",
    "GABORONE": "Embassy Gaborone", "GENEVA": "US Mission Geneva",
    "GUADALAJARA": "Consulate Guadalajara", "GUATEMALA": "Embassy Guatemala",
    "HAMBURG": "Consulate Hamburg", "HANOI": "Embassy Hanoi", "HARARE": "Embassy Harare",
    "HAVANA": "US Interests Section Havana", "HELSINKI": "Embassy Helsinki",
    "HERMOSILLO": "Consulate Hermosillo", "IRANRPODUBAI": "Iran RPO Dubai",
    "ISLAMABAD": "Embassy Islamabad", "ISTANBUL": "Consulate Istanbul",
    "JAKARTA": "Embassy Jakarta", "JEDDAH": "Consulate Jeddah", "JERUSALEM": "Consulate Jerusalem",
    "KABUL": "Embassy Kabul", "KAMPALA": "Embassy Kampala", "KATHMANDU": "Embassy Kathmandu",
    "KHARTOUM": "Embassy Khartoum", "KIEV": "Embassy Kyiv", "KIGALI": "Embassy Kigali",
    "KINSHASA": "Embassy Kinshasa", "KOLKATA": "Consulate Kolkata",
    "KUALALUMPUR": "Embassy Kuala Lumpur", "KUWAIT": "Embassy Kuwait", "KYIV": "Embassy Kyiv",
    "LAGOS": "Consulate Lagos", "LAHORE": "Consulate Lahore", "LAPAZ": "Embassy La Paz",
    "LILONGWE": "Embassy Lilongwe", "LIMA": "Embassy Lima", "LISBON": "Embassy Lisbon",
    "LJUBLJANA": "Embassy Ljubljana", "LONDON": "Embassy London", "LUANDA": "Embassy Luanda",
    "LUXEMBOURG": "Embassy Luxembourg", "MADRID": "Embassy Madrid", "MALABO": "Embassy Malabo",
    "MANAGUA": "Embassy Managua", "MANAMA": "Embassy Manama", "MAPUTO": "Embassy Maputo",
    "MBABANE": "Embassy Mbabane", "MELBOURNE": "Consulate Melbourne", "MEXICO": "Embassy Mexico",
    "MILAN": "Consulate Milan", "MINSK": "Embassy Minsk", "MONROVIA": "Embassy Monrovia",
    "MONTERREY": "Consulate Monterrey", "MONTEVIDEO": "Embassy Montevideo",
    "MONTREAL": "Consulate Montreal", "MOSCOW": "Embassy Moscow", "MUMBAI": "Consulate Mumbai",
    "MUNICH": "Consulate Munich", "MUSCAT": "Embassy Muscat", "NAIROBI": "Embassy Nairobi",
    "NAPLES": "Consulate Naples", "NASSAU": "Embassy Nassau", "NEWDELHI": "Embassy New Delhi",
    "OSLO": "Embassy Oslo", "OTTAWA": "Embassy Ottawa", "OUAGADOUGOU": "Embassy Ouagadougou",
    "PANAMA": "Embassy Panama", "PARAMARIBO": "Embassy Paramaribo", "PARIS": "Embassy Paris",
    "PARTO": "US Delegation, Secretary", "PESHAWAR": "Consulate Peshawar",
    "PHNOMPENH": "Embassy Phnom Penh", "PORTAUPRINCE": "Embassy Port Au Prince",
    "PORTLOUIS": "Embassy Port Louis", "PORTOFSPAIN": "Embassy Port Of Spain",
    "PRAGUE": "Embassy Prague", "PRETORIA": "Embassy Pretoria", "PRISTINA": "Embassy Pristina",
    "QUITO": "Embassy Quito", "RABAT": "Embassy Rabat", "RANGOON": "Embassy Rangoon",
    "RECIFE": "Consulate Recife", "REYKJAVIK": "Embassy Reykjavik", "RIGA": "Embassy Riga",
    "RIODEJANEIRO": "Consulate Rio De Janeiro", "RIYADH": "Embassy Riyadh", "ROME": "Embassy Rome",
    "RPODUBAI": "Iran RPO Dubai", "SANAA": "Embassy Sanaa", "SANJOSE": "Embassy San Jose",
    "SANSALVADOR": "Embassy San Salvador", "SANTIAGO": "Embassy Santiago",
    "SANTODOMINGO": "Embassy Santo Domingo", "SAOPAULO": "Consulate Sao Paulo",
    "SARAJEVO": "Embassy Sarajevo", "SEOUL": "Embassy Seoul", "SHANGHAI": "Consulate Shanghai",
    "SHENYANG": "Consulate Shenyang", "SINGAPORE": "Embassy Singapore",
    "SKOPJE": "Embassy Skopje", "SOFIA": "Embassy Sofia", "STATE": "Secretary of State",
    "STOCKHOLM": "Embassy Stockholm", "STRASBOURG": "Consulate Strasbourg",
    "TAIPEI": "American Institute Taiwan, Taipei", "TALLINN": "Embassy Tallinn",
    "TASHKENT": "Embassy Tashkent", "TBILISI": "Embassy Tbilisi",
    "TEGUCIGALPA": "Embassy Tegucigalpa", "TEHRAN": "Embassy Tehran",
    "TELAVIV": "Embassy Tel Aviv", "THEHAGUE": "Embassy The Hague", "TIJUANA": "Consulate Tijuana",
    "TOKYO": "Embassy Tokyo", "TRIPOLI": "Embassy Tripoli", "TUNIS": "Embassy Tunis",
    "ULAANBAATAR": "Embassy Ulaanbaatar", "UNVIEVIENNA": "UNVIE", "USNATO": "Mission USNATO",
    "USUNNEWYORK": "USUN New York", "VALLETTA": "Embassy Valletta", "VATICAN": "Embassy Vatican",
    "VIENNA": "Embassy Vienna", "VILNIUS": "Embassy Vilnius",
    "VLADIVOSTOK": "Consulate Vladivostok", "WARSAW": "Embassy Warsaw",
    "WELLINGTON": "Embassy Wellington", "WINDHOEK": "Embassy Windhoek",
    "YAOUNDE": "Embassy Yaounde", "YEREVAN": "Embassy Yerevan", "ZAGREB": "Embassy Zagreb",
}

# Other posts of the period (the full release covers ~270 origins), written as cables write
# them; the code is the name without spaces. Embassies first, then consulates and missions.
OTHER_POSTS: tuple[str, ...] = (
    # Embassies
    "ANTANANARIVO", "APIA", "BANGUI", "BELMOPAN", "BRAZZAVILLE", "COTONOU", "DILI",
    "GEORGETOWN", "KINGSTON", "KOLONIA", "KOROR", "LIBREVILLE", "LOME", "LUSAKA", "MAJURO",
    "MANILA", "MASERU", "NDJAMENA", "NIAMEY", "NICOSIA", "NOUAKCHOTT", "PODGORICA",
    "PORT MORESBY", "PRAIA", "SUVA", "TIRANA", "VIENTIANE", "BISSAU",
    # Consulates and other offices
    "ALMATY", "AUCKLAND", "BELFAST", "CALGARY", "CHENGDU", "CHIANG MAI", "DHAHRAN", "DURBAN",
    "DUSSELDORF", "ERBIL", "FLORENCE", "FRANKFURT", "FUKUOKA", "GUANGZHOU", "HALIFAX",
    "HAMILTON", "HILLAH", "HO CHI MINH CITY", "HONG KONG", "HYDERABAD", "JOHANNESBURG",
    "KARACHI", "KIRKUK", "KRAKOW", "LEIPZIG", "LYON", "MARSEILLE", "MATAMOROS", "MERIDA",
    "MOSUL", "NAGOYA", "NAHA", "NOGALES", "NUEVO LAREDO", "OSAKA KOBE", "PERTH",
    "PONTA DELGADA", "QUEBEC", "SAPPORO", "ST PETERSBURG", "SURABAYA", "SYDNEY",
    "THESSALONIKI", "TORONTO", "VANCOUVER", "YEKATERINBURG",
    # Missions and delegations (USEUBRUSSELS: the archive files USEU cables under BRUSSELS,
    # other releases under a code of their own; both are kept apart)
    "USOSCE", "UNROME", "SECTO", "USEUBRUSSELS",
)

# Written forms (upper case, words separated by single spaces) -> post code, for forms that are
# not simply the code with its spaces removed.
ALIASES: dict[str, str] = {
    "SECSTATE": "STATE",
    "SECSTATE WASHDC": "STATE",
    "SECSTATE WASHINGTON": "STATE",
    "DEPTEL": "STATE",
    "RIO": "RIODEJANEIRO",
    "RIO DE JAN": "RIODEJANEIRO",
    "RIO DE JANIERO": "RIODEJANEIRO",
    "UNESCO PARIS": "UNESCOPARISFR",
    "UNESCO PARIS FR": "UNESCOPARISFR",
    "USMISSION UNESCO PARIS": "UNESCOPARISFR",
    "USUN": "USUNNEWYORK",
    "USUN NY": "USUNNEWYORK",
    "USUN NEW YORK": "USUNNEWYORK",
    "USMISSION USUN NEW YORK": "USUNNEWYORK",
    "UNVIE": "UNVIEVIENNA",
    "UNVIE VIENNA": "UNVIEVIENNA",
    "USMISSION UNVIE VIENNA": "UNVIEVIENNA",
    "USEU": "BRUSSELS",
    "USEU BRUSSELS": "BRUSSELS",
    "USMISSION GENEVA": "GENEVA",
    "US MISSION GENEVA": "GENEVA",
    "USMISSION USNATO": "USNATO",
    "MISSION USNATO": "USNATO",
    "US MISSION USNATO": "USNATO",
    "USNATO BRUSSELS": "USNATO",
    "USMISSION USOSCE": "USOSCE",
    "USUN ROME": "UNROME",
    "UN ROME": "UNROME",
    "AIT TAIPEI": "AITTAIPEI",
    "AMERICAN INSTITUTE TAIWAN TAIPEI": "AITTAIPEI",
    "IRAN RPO DUBAI": "IRANRPODUBAI",
    "RPO DUBAI": "RPODUBAI",
    "USINT HAVANA": "HAVANA",
    "USLO TRIPOLI": "TRIPOLI",
    "USOFFICE PRISTINA": "PRISTINA",
    "USOFFICE ALMATY": "ALMATY",
    "HOLY SEE": "VATICAN",
    "MEXICO CITY": "MEXICO",
    "PANAMA CITY": "PANAMA",
    "GUATEMALA CITY": "GUATEMALA",
    "KUWAIT CITY": "KUWAIT",
    "KUALA LUMP": "KUALALUMPUR",
    "BUENOS AIRE": "BUENOSAIRES",
    "ADDIS": "ADDISABABA",
    "DAR ES SALAM": "DARESSALAAM",
    "HO CHI MINH": "HOCHIMINHCITY",
    "SAINT PETERSBURG": "STPETERSBURG",
    "ST. PETERSBURG": "STPETERSBURG",
    "PORT-AU-PRINCE": "PORTAUPRINCE",
    "N DJAMENA": "NDJAMENA",
    "OSAKA": "OSAKAKOBE",
}

# Words written before a post's name that are not part of its code (`AMEMBASSY PARIS 1234`).
POST_PREFIXES: tuple[str, ...] = (
    "AMEMBASSY", "AMEMB", "AMCONSUL", "AMCONGEN", "EMBASSY", "CONSULATE", "USMISSION",
)
