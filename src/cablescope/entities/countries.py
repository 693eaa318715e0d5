"""Country codes as cables write them (TAGS use FIPS 10-4: FR, IZ, SP) with names and ISO codes.

Used to scope generic organisations to the cable's host country ("MFA" at Embassy Cairo is the
Egyptian MFA), to expand `GO<X>` abbreviations and to give FollowTheMoney its ISO country codes.
"""

from __future__ import annotations

# FIPS 10-4 code -> (name, ISO 3166-1 alpha-2)
COUNTRIES: dict[str, tuple[str, str]] = {
    "AF": ("Afghanistan", "af"), "AL": ("Albania", "al"), "AG": ("Algeria", "dz"),
    "AN": ("Andorra", "ad"), "AO": ("Angola", "ao"), "AC": ("Antigua and Barbuda", "ag"),
    "AR": ("Argentina", "ar"), "AM": ("Armenia", "am"), "AS": ("Australia", "au"),
    "AU": ("Austria", "at"), "AJ": ("Azerbaijan", "az"), "BF": ("Bahamas", "bs"),
    "BA": ("Bahrain", "bh"), "BG": ("Bangladesh", "bd"), "BB": ("Barbados", "bb"),
    "BO": ("Belarus", "by"), "BE": ("Belgium", "be"), "BH": ("Belize", "bz"),
    "BN": ("Benin", "bj"), "BT": ("Bhutan", "bt"), "BL": ("Bolivia", "bo"),
    "BK": ("Bosnia and Herzegovina", "ba"), "BC": ("Botswana", "bw"), "BR": ("Brazil", "br"),
    "BX": ("Brunei", "bn"), "BU": ("Bulgaria", "bg"), "UV": ("Burkina Faso", "bf"),
    "BM": ("Burma", "mm"), "BY": ("Burundi", "bi"), "CB": ("Cambodia", "kh"),
    "CM": ("Cameroon", "cm"), "CA": ("Canada", "ca"), "CV": ("Cape Verde", "cv"),
    "CT": ("Central African Republic", "cf"), "CD": ("Chad", "td"), "CI": ("Chile", "cl"),
    "CH": ("China", "cn"), "CO": ("Colombia", "co"), "CN": ("Comoros", "km"),
    "CF": ("Congo", "cg"), "CG": ("Democratic Republic of the Congo", "cd"),
    "CS": ("Costa Rica", "cr"), "IV": ("Cote d'Ivoire", "ci"), "HR": ("Croatia", "hr"),
    "CU": ("Cuba", "cu"), "CY": ("Cyprus", "cy"), "EZ": ("Czech Republic", "cz"),
    "DA": ("Denmark", "dk"), "DJ": ("Djibouti", "dj"), "DO": ("Dominica", "dm"),
    "DR": ("Dominican Republic", "do"), "EC": ("Ecuador", "ec"), "EG": ("Egypt", "eg"),
    "ES": ("El Salvador", "sv"), "EK": ("Equatorial Guinea", "gq"), "ER": ("Eritrea", "er"),
    "EN": ("Estonia", "ee"), "ET": ("Ethiopia", "et"), "FJ": ("Fiji", "fj"),
    "FI": ("Finland", "fi"), "FR": ("France", "fr"), "GB": ("Gabon", "ga"),
    "GA": ("Gambia", "gm"), "GG": ("Georgia", "ge"), "GM": ("Germany", "de"),
    "GH": ("Ghana", "gh"), "GR": ("Greece", "gr"), "GJ": ("Grenada", "gd"),
    "GT": ("Guatemala", "gt"), "GV": ("Guinea", "gn"), "PU": ("Guinea-Bissau", "gw"),
    "GY": ("Guyana", "gy"), "HA": ("Haiti", "ht"), "HO": ("Honduras", "hn"),
    "HK": ("Hong Kong", "hk"), "HU": ("Hungary", "hu"), "IC": ("Iceland", "is"),
    "IN": ("India", "in"), "ID": ("Indonesia", "id"), "IR": ("Iran", "ir"),
    "IZ": ("Iraq", "iq"), "EI": ("Ireland", "ie"), "IS": ("Israel", "il"),
    "IT": ("Italy", "it"), "JM": ("Jamaica", "jm"), "JA": ("Japan", "jp"),
    "JO": ("Jordan", "jo"), "KZ": ("Kazakhstan", "kz"), "KE": ("Kenya", "ke"),
    "KN": ("North Korea", "kp"), "KS": ("South Korea", "kr"), "KV": ("Kosovo", "xk"),
    "KU": ("Kuwait", "kw"), "KG": ("Kyrgyzstan", "kg"), "LA": ("Laos", "la"),
    "LG": ("Latvia", "lv"), "LE": ("Lebanon", "lb"), "LT": ("Lesotho", "ls"),
    "LI": ("Liberia", "lr"), "LY": ("Libya", "ly"), "LS": ("Liechtenstein", "li"),
    "LH": ("Lithuania", "lt"), "LU": ("Luxembourg", "lu"), "MK": ("Macedonia", "mk"),
    "MA": ("Madagascar", "mg"), "MI": ("Malawi", "mw"), "MY": ("Malaysia", "my"),
    "MV": ("Maldives", "mv"), "ML": ("Mali", "ml"), "MT": ("Malta", "mt"),
    "RM": ("Marshall Islands", "mh"), "MR": ("Mauritania", "mr"), "MP": ("Mauritius", "mu"),
    "MX": ("Mexico", "mx"), "FM": ("Micronesia", "fm"), "MD": ("Moldova", "md"),
    "MN": ("Monaco", "mc"), "MG": ("Mongolia", "mn"), "MJ": ("Montenegro", "me"),
    "MO": ("Morocco", "ma"), "MZ": ("Mozambique", "mz"), "WA": ("Namibia", "na"),
    "NP": ("Nepal", "np"), "NL": ("Netherlands", "nl"), "NZ": ("New Zealand", "nz"),
    "NU": ("Nicaragua", "ni"), "NG": ("Niger", "ne"), "NI": ("Nigeria", "ng"),
    "NO": ("Norway", "no"), "MU": ("Oman", "om"), "PK": ("Pakistan", "pk"),
    "PS": ("Palau", "pw"), "PM": ("Panama", "pa"), "PP": ("Papua New Guinea", "pg"),
    "PA": ("Paraguay", "py"), "PE": ("Peru", "pe"), "RP": ("Philippines", "ph"),
    "PL": ("Poland", "pl"), "PO": ("Portugal", "pt"), "QA": ("Qatar", "qa"),
    "RO": ("Romania", "ro"), "RS": ("Russia", "ru"), "RW": ("Rwanda", "rw"),
    "SC": ("Saint Kitts and Nevis", "kn"), "ST": ("Saint Lucia", "lc"),
    "VC": ("Saint Vincent and the Grenadines", "vc"), "WS": ("Samoa", "ws"),
    "SM": ("San Marino", "sm"), "TP": ("Sao Tome and Principe", "st"),
    "SA": ("Saudi Arabia", "sa"), "SG": ("Senegal", "sn"), "RI": ("Serbia", "rs"),
    "SE": ("Seychelles", "sc"), "SL": ("Sierra Leone", "sl"), "SN": ("Singapore", "sg"),
    "LO": ("Slovakia", "sk"), "SI": ("Slovenia", "si"), "BP": ("Solomon Islands", "sb"),
    "SO": ("Somalia", "so"), "SF": ("South Africa", "za"), "SP": ("Spain", "es"),
    "CE": ("Sri Lanka", "lk"), "SU": ("Sudan", "sd"), "NS": ("Suriname", "sr"),
    "WZ": ("Swaziland", "sz"), "SW": ("Sweden", "se"), "SZ": ("Switzerland", "ch"),
    "SY": ("Syria", "sy"), "TW": ("Taiwan", "tw"), "TI": ("Tajikistan", "tj"),
    "TZ": ("Tanzania", "tz"), "TH": ("Thailand", "th"), "TT": ("Timor-Leste", "tl"),
    "TO": ("Togo", "tg"), "TN": ("Tonga", "to"), "TD": ("Trinidad and Tobago", "tt"),
    "TS": ("Tunisia", "tn"), "TU": ("Turkey", "tr"), "TX": ("Turkmenistan", "tm"),
    "UG": ("Uganda", "ug"), "UP": ("Ukraine", "ua"), "AE": ("United Arab Emirates", "ae"),
    "UK": ("United Kingdom", "gb"), "US": ("United States", "us"), "UY": ("Uruguay", "uy"),
    "UZ": ("Uzbekistan", "uz"), "NH": ("Vanuatu", "vu"), "VT": ("Vatican", "va"),
    "VE": ("Venezuela", "ve"), "VM": ("Vietnam", "vn"), "YM": ("Yemen", "ye"),
    "ZA": ("Zambia", "zm"), "ZI": ("Zimbabwe", "zw"), "WE": ("West Bank", "ps"),
    "GZ": ("Gaza", "ps"),
}

# Nationality words that name the country an organisation belongs to ("French MFA").
DEMONYMS: dict[str, str] = {
    "afghan": "AF", "algerian": "AG", "argentine": "AR", "argentinian": "AR", "australian": "AS",
    "austrian": "AU", "bahraini": "BA", "belgian": "BE", "bolivian": "BL", "brazilian": "BR",
    "british": "UK", "bulgarian": "BU", "canadian": "CA", "chilean": "CI", "chinese": "CH",
    "colombian": "CO", "costa rican": "CS", "cuban": "CU", "czech": "EZ", "danish": "DA",
    "dutch": "NL", "ecuadorian": "EC", "egyptian": "EG", "estonian": "EN", "finnish": "FI",
    "french": "FR", "georgian": "GG", "german": "GM", "greek": "GR", "icelandic": "IC",
    "indian": "IN", "indonesian": "ID", "iranian": "IR", "iraqi": "IZ", "irish": "EI",
    "israeli": "IS", "italian": "IT", "japanese": "JA", "jordanian": "JO", "kenyan": "KE",
    "kuwaiti": "KU", "latvian": "LG", "lebanese": "LE", "libyan": "LY", "lithuanian": "LH",
    "mexican": "MX", "moroccan": "MO", "norwegian": "NO", "pakistani": "PK", "panamanian": "PM",
    "peruvian": "PE", "polish": "PL", "portuguese": "PO", "qatari": "QA", "romanian": "RO",
    "russian": "RS", "saudi": "SA", "serbian": "RI", "slovak": "LO", "slovenian": "SI",
    "spanish": "SP", "swedish": "SW", "swiss": "SZ", "syrian": "SY", "tunisian": "TS",
    "turkish": "TU", "ukrainian": "UP", "venezuelan": "VE", "yemeni": "YM", "american": "US",
    "u.s.": "US", "us": "US", "korean": "KS", "south korean": "KS",
    "north korean": "KN", "vietnamese": "VM", "thai": "TH", "filipino": "RP", "malaysian": "MY",
    "nigerian": "NI", "south african": "SF", "ghanaian": "GH", "ethiopian": "ET", "somali": "SO",
    "sudanese": "SU", "tajik": "TI", "uzbek": "UZ", "kazakh": "KZ", "kyrgyz": "KG",
    "turkmen": "TX", "azerbaijani": "AJ", "azeri": "AJ", "armenian": "AM", "belarusian": "BO",
    "hungarian": "HU", "croatian": "HR", "bosnian": "BK", "albanian": "AL", "macedonian": "MK",
    "cypriot": "CY", "maltese": "MT", "emirati": "AE", "omani": "MU", "bangladeshi": "BG",
    "sri lankan": "CE", "nepali": "NP", "nepalese": "NP", "burmese": "BM", "cambodian": "CB",
    "mongolian": "MG", "haitian": "HA", "guatemalan": "GT", "honduran": "HO",
    "salvadoran": "ES", "nicaraguan": "NU", "dominican": "DR", "jamaican": "JM",
    "uruguayan": "UY", "paraguayan": "PA", "zimbabwean": "ZI", "zambian": "ZA",
    "angolan": "AO", "mozambican": "MZ", "congolese": "CG", "rwandan": "RW", "ugandan": "UG",
    "tanzanian": "TZ", "cameroonian": "CM", "senegalese": "SG", "malian": "ML",
    "ivorian": "IV", "liberian": "LI", "mauritanian": "MR", "chadian": "CD", "eritrean": "ER",
    "taiwanese": "TW", "luxembourgish": "LU", "bahamian": "BF", "finn": "FI",
    "greek cypriot": "CY", "kosovar": "KV", "moldovan": "MD", "montenegrin": "MJ",
    "new zealand": "NZ", "palestinian": "WE", "saudi arabian": "SA", "serb": "RI",
    "slovakian": "LO", "swazi": "WZ", "trinidadian": "TD", "yemenite": "YM", "icelander": "IC",
}

_BY_NAME = {name.lower(): code for code, (name, _iso) in COUNTRIES.items()}


def country_name(code: str | None) -> str | None:
    """'FR' -> 'France'; None for an unknown or missing code."""
    entry = COUNTRIES.get((code or "").upper())
    return entry[0] if entry else None


def iso_code(code: str | None) -> str | None:
    """'FR' -> 'fr' (ISO 3166-1, as FollowTheMoney wants it)."""
    entry = COUNTRIES.get((code or "").upper())
    return entry[1] if entry else None


def code_for_words(words: str) -> str | None:
    """The FIPS code named by a country name or nationality word ('French', 'Costa Rica')."""
    key = words.lower().strip()
    return DEMONYMS.get(key) or _BY_NAME.get(key)


# A country's short forms that neither its name nor a nationality word is ("UK", "U.K."; "US" is
# both a code and a nationality word the table holds).
_SHORT_FORMS = {"uk": "UK", "u.k.": "UK", "u.k": "UK"}


def code_for_short(words: str) -> str | None:
    """`code_for_words`, and a country's short form as the cables write it ("UK", "U.K.")."""
    return _SHORT_FORMS.get(words.lower().strip()) or code_for_words(words)


def matches_gov_abbreviation(abbreviation: str, code: str | None) -> bool:
    """Whether `GOF`/`GOCR`/`GONL`-style letters fit the country: GO + its initials or start."""
    name = country_name(code)
    if not name or not abbreviation.startswith("GO"):
        return False
    letters = abbreviation[2:].upper()
    words = [w for w in name.replace("-", " ").split() if w.lower() not in {"and", "the", "of"}]
    initials = "".join(w[0] for w in words).upper()
    compact = name.replace(" ", "").upper()
    return (letters == (code or "").upper() or initials.startswith(letters)
            or compact.startswith(letters))
