"""Providers whose keys have no prefix of their own: only the provider's name near the value says
whose key it is (`abstract_key = "..."`, `jira <token>`, `https://api.apilayer.com/...?key=...`).

Each row: the provider's name, the words that name it in code (assignment and mapping keys,
env-var names, flags, URL hosts), the secrets family that reports it, and the shapes of its keys
as the provider documents them: a character class and a length (`lower32` = 32 of `[0-9a-z]`,
`alnum20-40` = 20 to 40 of `[0-9A-Za-z]`). Shapes shorter than `MIN_LENGTH` are left out: a short
run of letters and digits beside a name is an id or a word as often as a key.

Names that are also common words of code or prose (`box`, `column`, `rev`, `key`, `graph`) are
not listed: the name alone would put every value on such a line under suspicion."""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_LENGTH = 12

# Character classes of the shapes; `base` (the base64 alphabet) values may end in `=`; `uuid` is the 8-4-4-4-12
# grouping of hex digits (`uuid36`).
CLASSES = {
    "hex": "0-9a-f",
    "lower": "0-9a-z",
    "upper": "0-9A-Z",
    "alnum": "0-9A-Za-z",
    "lowerdash": "0-9a-z-",
    "alnumdash": "0-9A-Za-z-",
    "urlsafe": "0-9A-Za-z_-",
    "base": "0-9A-Za-z+/",
    "uuid": "0-9a-fA-F",
}
_SPEC = re.compile(r"(?P<cls>[a-z]+?)(?P<lo>\d+)(?:-(?P<hi>\d+))?")


@dataclass(frozen=True)
class Shape:
    spec: str  # `lower32`, `alnum20-40`
    cls: str
    lo: int
    hi: int


@dataclass(frozen=True)
class NamedProvider:
    name: str
    keywords: tuple[str, ...]
    family: str
    shapes: tuple[Shape, ...]


def parse_shape(spec: str) -> Shape:
    m = _SPEC.fullmatch(spec)
    if m is None or m.group("cls") not in CLASSES:
        raise ValueError(f"read provider shape: {spec!r} is not <class><length>[-<length>]")
    lo = int(m.group("lo"))
    hi = int(m.group("hi") or lo)
    if lo < MIN_LENGTH or hi < lo or (m.group("cls") == "uuid" and (lo, hi) != (36, 36)):
        raise ValueError(f"read provider shape: {spec!r} is shorter than {MIN_LENGTH} or an empty range")
    return Shape(spec, m.group("cls"), lo, hi)


# name, keywords (lowercase, space-separated), family, shapes (space-separated)
_ROWS: tuple[tuple[str, str, str, str], ...] = (
    # ML platforms (their assignment forms are in tokens.py; this catches the other placements).
    # W&B keys are 40 hex, the shape of a git commit: only its assignment forms (tokens.py) say so.
    ("Cohere", "cohere", "aiplatform", "alnum40"),
    ("Mistral", "mistral mistralai", "aiplatform", "alnum32"),
    ("Kaggle", "kaggle", "aiplatform", "hex32"),
    ("AssemblyAI", "assemblyai", "aiplatform", "lower32"),
    # Azure: DevOps personal access tokens (52 base32), Cognitive Search admin and query keys
    ("Azure", "azure", "azure", "lower52 alnum52"),
    # SaaS APIs, grouped by shape
    ("Abstract API", "abstract abstractapi", "saas", "lower32"),
    ("Adobe", "adobe", "saas", "lower32"),
    ("Adzuna", "adzuna", "saas", "lower32"),
    ("Agora", "agora", "saas", "lower32"),
    ("Alconost", "alconost", "saas", "lower32"),
    ("API Flash", "apiflash", "saas", "lower32"),
    ("Atera", "atera", "saas", "lower32"),
    ("Aviationstack", "aviationstack", "saas", "lower32"),
    ("Axonaut", "axonaut", "saas", "lower32"),
    ("Aylien", "aylien", "saas", "lower32"),
    ("Bulbul", "bulbul", "saas", "lower32"),
    ("Coinlayer", "coinlayer", "saas", "lower32"),
    ("Red Hat Pyxis", "pyxis redhat", "saas", "lower32"),
    ("Mattermost", "mattermost", "saas", "lower26"),
    ("GraphCMS", "graphcms", "saas", "lower25"),
    ("Bugherd", "bugherd", "saas", "lower22"),
    ("Pusher", "pusher", "saas", "lower20"),
    ("Coinlib", "coinlib", "saas", "lower16"),
    ("Mite", "mite", "saas", "lower16"),
    ("Beebole", "beebole", "saas", "lower40"),
    ("BuddyNS", "buddyns", "saas", "lower40"),
    ("Buildkite", "buildkite", "devops", "lower40"),
    ("ButterCMS", "buttercms", "saas", "lower40"),
    ("Cicero", "cicero", "saas", "lower40"),
    ("DronaHQ", "dronahq", "saas", "lower50"),
    ("AlienVault", "alienvault", "saas", "lower64"),
    ("AllSports", "allsports", "saas", "lower64"),
    ("AppSynergy", "appsynergy", "saas", "lower64"),
    ("Currencycloud", "currencycloud", "saas", "lower64"),
    ("AbuseIPDB", "abuseipdb", "saas", "lower80"),
    ("Amplitude", "amplitude", "saas", "hex32"),
    ("API2Cart", "api2cart", "saas", "hex32"),
    ("Anypoint", "anypoint", "saas", "hex32"),
    ("Autopilot", "autopilot", "saas", "hex32"),
    ("Billomat", "billomat", "saas", "hex32"),
    ("Braintree", "braintree", "saas", "hex32 lower16"),
    ("Cloze", "cloze", "saas", "hex32"),
    ("WebsitePulse", "websitepulse", "saas", "hex32"),
    ("Cloudsmith", "cloudsmith", "registry", "hex40"),
    ("Cloudflare global API key", "cloudflare", "saas", "hex37"),
    ("Aha!", "aha aha.io", "saas", "hex64"),
    ("Ambee", "ambee", "saas", "hex64"),
    ("BeSnappy", "besnappy", "saas", "hex64"),
    ("Boost Note", "boostnote", "saas", "hex64"),
    ("KuCoin", "kucoin", "saas", "hex24"),
    ("MetaApi", "metaapi meta-api", "saas", "hex24 hex64"),
    ("Aletheia API", "aletheiaapi", "saas", "upper32"),
    ("BscScan", "bscscan", "saas", "upper34"),
    ("Keen IO", "keenio keen.io", "saas", "upper64 lower24"),
    ("ScrapingBee", "scrapingbee scraping_bee scraping-bee", "saas", "upper80"),
    ("Accuweather", "accuweather", "saas", "alnum32"),
    ("Airbrake", "airbrake", "saas", "alnumdash32 alnumdash40"),
    ("Algolia", "algolia docsearch", "saas", "alnum32"),
    ("Amadeus", "amadeus", "saas", "alnum16 alnum32"),
    ("APILayer", "apilayer", "saas", "alnum32"),
    ("APImetrics", "apimetrics", "saas", "alnum32"),
    ("Apptivo", "apptivo", "saas", "alnumdash32 lowerdash36"),
    ("Artsy", "artsy", "saas", "alnum20 alnum32"),
    ("Autodesk", "autodesk", "saas", "alnum16 alnum32"),
    ("Autoklose", "autoklose", "saas", "alnumdash32"),
    ("BitBar", "bitbar", "saas", "alnum32"),
    ("LiveAgent", "liveagent ladesk", "saas", "alnum32"),
    ("Mixpanel", "mixpanel", "saas", "alnumdash32"),
    ("SatisMeter", "satismeter", "saas", "alnum24 alnum32"),
    ("Abyssale", "abyssale", "saas", "alnum40"),
    ("Bitly", "bitly", "saas", "alnumdash40"),
    ("Brandfetch", "brandfetch", "saas", "alnum40"),
    ("Instamojo", "instamojo", "saas", "alnum40 alnum128"),
    ("MagicBell", "magicbell", "saas", "alnumdash40"),
    ("APITemplate", "apitemplate", "saas", "alnum39"),
    ("Atlassian", "atlassian jira confluence", "devops", "alnumdash24"),
    ("Better Stack", "betterstack", "saas", "alnum24"),
    ("ClickHelp", "clickhelp", "saas", "alnum24"),
    ("Apollo", "apollo", "saas", "alnum22"),
    ("BrowserStack", "browserstack", "saas", "alnum20"),
    ("InvoiceOcean", "invoiceocean", "saas", "alnum20"),
    ("Browshot", "browshot", "saas", "alnumdash28"),
    ("TextMagic", "textmagic", "saas", "alnum30"),
    ("BitcoinAverage", "bitcoinaverage", "saas", "alnum43"),
    ("NetSuite", "netsuite", "saas", "alnum64"),
    ("Airship", "airship", "saas", "alnum91"),
    ("MaxMind", "maxmind geoip", "saas", "alnum16"),
    ("ParseHub", "parsehub", "saas", "alnum12"),
    ("uClassify", "uclassify", "saas", "alnum12"),
    ("Checkvist", "checkvist", "saas", "alnum14"),
    ("Kanban Tool", "kanbantool kanban", "saas", "upper12"),
    ("IPinfo", "ipinfo", "saas", "hex14"),
    ("Nexmo", "nexmo", "saas", "urlsafe16"),
    ("Freshworks", "freshworks", "saas", "urlsafe22"),
    ("Cloudinary", "cloudinary", "saas", "urlsafe27"),
    ("Fastly", "fastly", "saas", "urlsafe32"),
    ("Blitapp", "blitapp", "saas", "urlsafe39"),
    ("Auth0", "auth0", "saas", "urlsafe40-64"),
    ("Bitfinex", "bitfinex", "saas", "urlsafe43"),
    ("Luno", "luno", "saas", "urlsafe43"),
    ("APIMatic", "apimatic", "saas", "urlsafe64"),
    ("SolarWinds", "solarwinds", "saas", "urlsafe71"),
    ("Alegra", "alegra", "saas", "lowerdash20"),
    ("FastForex", "fastforex", "saas", "lowerdash28"),
    ("AudD", "audd", "saas", "lowerdash32"),
    ("AirVisual", "airvisual", "saas", "lowerdash36"),
    ("Apacta", "apacta", "saas", "lowerdash36"),
    ("Appcues", "appcues", "saas", "lowerdash36 lowerdash39"),
    ("Cloudmersive", "cloudmersive", "saas", "lowerdash36"),
    ("Alchemy", "alchemy", "saas", "alnum32"),
    ("Bannerbear", "bannerbear", "saas", "alnum24"),
    ("GoCanvas", "gocanvas", "saas", "base43"),
    # keys that are UUIDs
    ("HubSpot", "hubspot hapikey hapi_key hubapi", "saas", "uuid36"),
    ("Railway", "railway railwayapp", "devops", "uuid36"),
    ("OneSignal", "onesignal", "saas", "uuid36"),
    ("Mux", "mux", "saas", "uuid36"),
    ("Loggly", "loggly", "saas", "uuid36"),
    ("Cliengo", "cliengo", "saas", "uuid36"),
    ("Collect2", "collect2", "saas", "uuid36"),
    ("Postmark", "postmark", "saas", "uuid36"),
    ("Blocknative", "blocknative", "saas", "uuid36"),
    ("Bugsnag", "bugsnag", "saas", "uuid36"),
    ("BlazeMeter", "blazemeter runscope", "saas", "uuid36"),
    ("Metabase", "metabase", "saas", "alnumdash36"),
)

PROVIDERS: tuple[NamedProvider, ...] = tuple(
    NamedProvider(name, tuple(words.split()), family, tuple(parse_shape(s) for s in shapes.split()))
    for name, words, family, shapes in _ROWS
)
