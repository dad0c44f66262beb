#!/usr/bin/env python3
"""Build Cove's seed list of child helplines (plain CSV directory format).

What it reads
    The reference compilation of child helplines (68 rows, columns
    iso_alpha2,helpline_name,dial,e164,channels,hours,website,source_url,source_seen),
    given as the first command-line argument, and the seed country list
    Sources/CoveServer/Resources/Seeds/itu-d-regions.csv (for checking).

What it writes
    Sources/CoveServer/Resources/Seeds/child-helplines.csv (relative to the
    repo root, whatever the working directory), or the path given as the
    second argument. UTF-8, LF, RFC 4180 quoting, one row per reference row in
    the reference order.

How
    Copied verbatim from the reference: country, name, voice (the dial, when
    the channels include voice), voice_e164, website, source_url, source_seen.
    Derived by rule: voice_harmonised (116111 / regional 116 / other short
    code / empty for full-length numbers), scope `national`, status `active`,
    verified_by. Everything that needs judgement is in the HAND table below,
    one entry per reference row, keyed by (country, dial): id, languages,
    opening_hours, channel_hours, voice_free, the addresses of non-voice
    channels and verified_on. Each entry repeats the reference `hours` text it
    was read from, and the build stops if the reference text has changed, so a
    new reference version forces the hours to be looked at again.

Checks (the build fails on any): 68 rows, unique ids, every country in
itu-d-regions.csv, every time zone known to zoneinfo, every opening_hours /
channel_hours spec in Cove's subset of the OpenStreetMap syntax, no hours for a
channel without an address (voice excepted), no address for a channel the
reference does not name, verified_on only where source_seen is a full date.
It prints a summary table to read over by eye, counts, and the channels that
the reference names but for which no address is known.

How to rerun
    python3 scripts/build-helpline-seed.py path/to/reference/child-helplines.csv
"""
from __future__ import annotations

import collections
import csv
import datetime
import re
import sys
import zoneinfo
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "Sources/CoveServer/Resources/Seeds"
OUTPUT = SEEDS / "child-helplines.csv"
REGIONS = SEEDS / "itu-d-regions.csv"

HEADER = ("id,country,name,scope,status,languages,min_age,max_age,topics,time_zone,"
          "opening_hours,channel_hours,voice,voice_e164,voice_free,voice_harmonised,sms,"
          "web_chat,whatsapp,email,app,website,source_url,source_seen,verified_on,"
          "verified_by").split(",")
VERIFIED_BY = "Cove reference data (archived public source)"
EXPECTED_ROWS = 68

# IANA zone of each country's capital (VN: Hanoi keeps the country zone
# Asia/Ho_Chi_Minh; PS: Ramallah/East Jerusalem -> Asia/Hebron; CI: Yamoussoukro
# and Abidjan share Africa/Abidjan; TZ: Dodoma shares Africa/Dar_es_Salaam).
TIME_ZONE = {
    "AE": "Asia/Dubai", "AL": "Europe/Tirane", "AR": "America/Argentina/Buenos_Aires",
    "AT": "Europe/Vienna", "AU": "Australia/Sydney", "BD": "Asia/Dhaka", "BG": "Europe/Sofia",
    "CA": "America/Toronto", "CH": "Europe/Zurich", "CI": "Africa/Abidjan", "CN": "Asia/Shanghai",
    "CO": "America/Bogota", "CZ": "Europe/Prague", "DE": "Europe/Berlin", "DK": "Europe/Copenhagen",
    "EE": "Europe/Tallinn", "EG": "Africa/Cairo", "ES": "Europe/Madrid", "FI": "Europe/Helsinki",
    "FR": "Europe/Paris", "GB": "Europe/London", "GR": "Europe/Athens", "HR": "Europe/Zagreb",
    "HU": "Europe/Budapest", "ID": "Asia/Jakarta", "IE": "Europe/Dublin", "IN": "Asia/Kolkata",
    "IT": "Europe/Rome", "JM": "America/Jamaica", "JO": "Asia/Amman", "JP": "Asia/Tokyo",
    "KE": "Africa/Nairobi", "KG": "Asia/Bishkek", "LK": "Asia/Colombo", "LT": "Europe/Vilnius",
    "LV": "Europe/Riga", "MA": "Africa/Casablanca", "MD": "Europe/Chisinau", "MN": "Asia/Ulaanbaatar",
    "MW": "Africa/Blantyre", "MZ": "Africa/Maputo", "NA": "Africa/Windhoek", "NL": "Europe/Amsterdam",
    "NO": "Europe/Oslo", "NP": "Asia/Kathmandu", "NZ": "Pacific/Auckland", "OM": "Asia/Muscat",
    "PH": "Asia/Manila", "PK": "Asia/Karachi", "PL": "Europe/Warsaw", "PS": "Asia/Hebron",
    "PT": "Europe/Lisbon", "RO": "Europe/Bucharest", "RU": "Europe/Moscow", "RW": "Africa/Kigali",
    "SE": "Europe/Stockholm", "SG": "Asia/Singapore", "SI": "Europe/Ljubljana",
    "SK": "Europe/Bratislava", "TT": "America/Port_of_Spain", "TZ": "Africa/Dar_es_Salaam",
    "UG": "Africa/Kampala", "US": "America/New_York", "VN": "Asia/Ho_Chi_Minh",
    "ZA": "Africa/Johannesburg", "ZM": "Africa/Lusaka", "ZW": "Africa/Harare",
}

W = "=website"      # use the row's website as the address
S = "=source_url"   # use the row's source_url as the address
V24 = "voice=24/7"

# Hand mappings, one per reference row, keyed by (iso_alpha2, dial).
#   hours_src   the reference `hours` text the hours were read from (checked)
#   oh          opening_hours (all channels); "" = unknown
#   ch          channel_hours, "channel=spec | ..."; used where the source ties
#               the hours to one channel (mostly "call ... any time" / "(phone)")
#   free        voice_free from the provenance note: yes / no / "" (not stated)
#   sms, chat, wa, email, app   addresses only when the provenance names them
#   seen        verified_on: ISO date only when source_seen is a full date
HAND = {
    ("AE", "116111"): dict(id="ae-child-protection-116111", lang="ar", hours_src="24/7",
        oh="24/7", free="yes"),  # hours press-quoted; source page is in Arabic
    ("AL", "116 111"): dict(id="al-alo-116111", lang="sq", hours_src="24 orë në 7 ditë të javës",
        oh="24/7", free="yes", chat=W),
    ("AR", "102"): dict(id="ar-linea-102", lang="es", hours_src="",
        free="yes"),  # 'gratuito' on the Río Negro page; 24h there is provincial only
    ("AT", "147"): dict(id="at-rat-auf-draht-147", lang="de", hours_src="rund um die Uhr",
        oh="24/7", free="yes", seen="2024-09-18"),
    ("AU", "1800 55 1800"): dict(id="au-kids-helpline", lang="en", hours_src="24/7 (phone)",
        ch=V24, free="yes", chat=S),  # source_url is the WebChat page
    ("BD", "1098"): dict(id="bd-child-helpline-1098", lang="bn", hours_src="24X7",
        oh="24/7", free="yes"),  # page title is Bangla
    ("BG", "116 111"): dict(id="bg-116111", lang="bg", hours_src="24 часа, 7 дни в седмицата",
        oh="24/7", free="yes"),
    ("CA", "686868"): dict(id="ca-kids-help-phone-text", lang="en;fr", hours_src="24/7",
        oh="24/7", sms="686868"),  # SMS only: no voice, so voice_free stays empty
    ("CH", "147"): dict(id="ch-pro-juventute-147", lang="de", hours_src="rund um die Uhr",
        oh="24/7", free="yes", sms="147", wa="https://www.147.ch/", email="beratung@147.ch"),
    ("CI", "116"): dict(id="ci-allo-enfant-en-detresse-116", lang="fr", hours_src="24h/24",
        oh="24/7", free="yes", seen="2020-11-20"),  # press-quoted (AIP)
    ("CN", "12355"): dict(id="cn-12355", lang="zh", hours_src="",
        free=""),  # 'free consultation', call charge not stated; hours vary by province
    ("CO", "141"): dict(id="co-linea-141", lang="es", hours_src="24 horas",
        oh="24/7", seen="2020-05-22"),
    ("CZ", "116 111"): dict(id="cz-linka-bezpeci", lang="cs", hours_src="nonstop",
        ch=V24, chat=W),  # 'nonstop telefonické krizové služby': the phone line
    ("DE", "116 111"): dict(id="de-nummer-gegen-kummer", lang="de",
        hours_src="Mo-Sa 14-20 Uhr; Mo, Mi, Do 10-12 Uhr",
        ch="voice=Mo-Sa 14:00-20:00; Mo,We,Th 10:00-12:00", chat=W),  # 'Sprechzeiten' = phone
    ("DK", "116 111"): dict(id="dk-bornetelefonen", lang="da",
        hours_src="24 hours a day, every day of the year", oh="24/7", sms="116111"),
    ("EE", "116 111"): dict(id="ee-lasteabi", lang="et", hours_src="", chat=W),
    ("EG", "16000"): dict(id="eg-child-helpline-16000", lang="ar", hours_src=""),  # 24h press only
    ("ES", "900 20 20 10"): dict(id="es-anar", lang="es", hours_src="24 horas, todos los días del año",
        oh="24/7", free="yes"),  # helpline-authored article on a third-party site
    ("FI", "116 111"): dict(id="fi-mll-lasten-ja-nuorten-puhelin", lang="fi",
        hours_src="vuoden jokaisena päivänä; chat klo 17–20",
        ch="web-chat=Mo-Su 17:00-20:00", chat=W),  # phone: every day, times not given
    ("FR", "119"): dict(id="fr-119", lang="fr", hours_src="accessible à tout moment",
        oh="24/7", free="yes"),
    ("GB", "0800 1111"): dict(id="gb-childline", lang="en", hours_src="any time",
        ch=V24, chat=W),  # 'children can call Childline any time'
    ("GR", "116111"): dict(id="gr-116111", lang="el", hours_src=""),
    ("GR", "1056"): dict(id="gr-sos-1056", lang="el", hours_src="24 hours a day",
        oh="24/7", free="yes", seen="2020-03-13"),
    ("HR", "116 111"): dict(id="hr-hrabri-telefon", lang="hr", hours_src="Svakim radnim danom 9-20 sati",
        oh="Mo-Fr 09:00-20:00", free="yes"),
    ("HU", "116 111"): dict(id="hu-kek-vonal", lang="hu", hours_src="24-hour",
        oh="24/7", free="yes"),  # number press-quoted
    ("ID", "129"): dict(id="id-sapa-129", lang="id", hours_src="24 jam",
        oh="24/7", wa="https://wa.me/628111129129"),  # press-quoted; WhatsApp 08111-129-129
    ("IE", "1800 66 66 66"): dict(id="ie-childline", lang="en", hours_src="24/7 (phone)",
        ch=V24, sms="50101", chat=W),  # number and text 'Talk' to 50101 press-quoted
    ("IN", "1098"): dict(id="in-childline-1098", lang="en", hours_src="24-hour a day, 365 days a year",
        oh="24/7", free="yes"),
    ("IT", "19696"): dict(id="it-telefono-azzurro", lang="it", hours_src="tutti i giorni 24 ore su 24",
        ch=V24, free="yes", chat=W),  # press-quoted; 24h is said of the number, chat via azzurro.it
    ("JM", "211"): dict(id="jm-child-abuse-hotline-211", lang="en", hours_src="24-hour",
        oh="24/7", free="yes", seen="2021-10-16"),
    ("JO", "110"): dict(id="jo-child-support-line-110", lang="ar", hours_src="",
        free="yes"),  # free per queenrania.jo (2007)
    ("JP", "0120-99-7777"): dict(id="jp-childline", lang="ja",
        hours_src="毎日 午後4時~午後9時 (12月29日~1月3日はお休み)",
        ch="voice=Mo-Su 16:00-21:00", free="yes", chat=W),  # closed 29 Dec-3 Jan: not expressible
    ("KE", "116"): dict(id="ke-child-helpline-116", lang="en", hours_src="24 hour",
        ch=V24, free="yes", chat=W, seen="2022-05-20"),  # '24 hour toll free ... line'
    ("KG", "111"): dict(id="kg-telefon-doveriya-111", lang="ru", hours_src="круглосуточно",
        oh="24/7", free="yes", seen="2019-06-03"),  # hours and 'free' press-quoted (24.kg)
    ("LK", "1929"): dict(id="lk-child-helpline-1929", lang="si;ta;en",
        hours_src="at any time of the day, any day of the week", oh="24/7", free="yes"),
    ("LT", "116 111"): dict(id="lt-vaiku-linija", lang="lt", hours_src="", free="yes", chat=W),
    ("LV", "116111"): dict(id="lv-uzticibas-talrunis-116111", lang="lv", hours_src="",
        chat=W),  # website is the Inspectorate's; 24h and app only in press
    ("MA", "2511"): dict(id="ma-onde-2511", lang="fr", hours_src="24 heures sur 24, 7 jours sur 7",
        oh="24/7", free="yes"),  # 'numéro vert' = freephone
    ("MD", "116 111"): dict(id="md-telefonul-copilului", lang="ro", hours_src="", free="yes"),
    ("MN", "108"): dict(id="mn-child-helpline-108", lang="mn", hours_src="", seen="2016-09-11"),
    ("MW", "116"): dict(id="mw-tithandizane-116", lang="en", hours_src="", free="yes"),
    ("MZ", "116"): dict(id="mz-linha-fala-crianca", lang="pt", hours_src="", free="yes"),
    ("NA", "116"): dict(id="na-childline-116", lang="en", hours_src="24/7",
        oh="24/7", free="yes"),  # press-quoted
    ("NL", "0800-0432"): dict(id="nl-kindertelefoon", lang="nl", hours_src="365 dagen per jaar",
        free="yes", chat=W),  # days without times -> unknown
    ("NO", "116 111"): dict(id="no-alarmtelefonen", lang="nb",
        hours_src="Telefon og e-post hele døgnet; chat og sms kl. 16.15–22.45 (lørdag til 23.45)",
        ch="voice=24/7 | web-chat=Mo-Fr 16:15-22:45; Sa 16:15-23:45; Su 16:15-22:45",
        chat=W),  # e-mail and SMS hours known but their addresses are not
    ("NP", "1098"): dict(id="np-child-helpline-1098", lang="ne", hours_src="", free="yes"),
    ("NZ", "0800 37 66 33"): dict(id="nz-youthline", lang="en", hours_src="24/7",
        oh="24/7", sms="234", seen="2012-01-17"),  # text is free; the call is not said to be
    ("OM", "1100"): dict(id="om-child-protection-line-1100", lang="ar", hours_src="24/7",
        oh="24/7", free="yes", seen="2017-01-11"),  # press-quoted; year bracketed in source_seen
    ("PH", "163"): dict(id="ph-bantay-bata-163", lang="fil", hours_src="24/7",
        oh="24/7"),  # free only for Globe/TM subscribers -> unknown
    ("PK", "1121"): dict(id="pk-child-helpline-1121", lang="en", hours_src="any day, any time",
        oh="24/7"),
    ("PL", "116 111"): dict(id="pl-telefon-zaufania-116111", lang="pl", hours_src="", free="yes"),
    ("PS", "121"): dict(id="ps-sawa-121", lang="ar", hours_src="16 hours a day, 7 days a week",
        free="yes", email="121@sawa.ps"),  # c. 2012; hours of day not given
    ("PT", "116 111"): dict(id="pt-sos-crianca", lang="pt", hours_src=""),
    ("RO", "116 111"): dict(id="ro-telefonul-copilului", lang="ro", hours_src=""),
    ("RU", "8 800 2000 122"): dict(id="ru-detskiy-telefon-doveriya", lang="ru", hours_src="24/7",
        oh="24/7", free="yes", seen="2026-06-02"),
    ("RW", "116"): dict(id="rw-child-helpline-116", lang="en", hours_src="",
        free="yes", seen="2016-07-05"),
    ("SE", "116 111"): dict(id="se-bris", lang="sv", hours_src="dygnets alla timmar",
        oh="24/7", chat=W),
    ("SG", "1800 2744 788"): dict(id="sg-tinkle-friend", lang="en", hours_src="",
        free="yes", chat=W),  # chatline www.tinklefriend.sg
    ("SI", "116 111"): dict(id="si-tom-telefon", lang="sl",
        hours_src="vsak dan, tudi ob nedeljah in praznikih, med 12. in 20. uro",
        ch="voice=Mo-Su 12:00-20:00", free="yes", chat=W, email="tom@zpms.si"),  # 'pokličejo ... med 12. in 20. uro'
    ("SK", "116 111"): dict(id="sk-linka-detskej-istoty", lang="sk", hours_src="nepretržite (24/7)",
        ch=V24, free="yes", chat=W, email="116111@ldi.sk"),  # press-quoted; the 'linka' is non-stop
    ("TT", "131"): dict(id="tt-childline", lang="en", hours_src="24/7",
        oh="24/7", free="yes", chat=W),  # 24/7 by phone, web chat and WhatsApp
    ("TZ", "116"): dict(id="tz-child-helpline-116", lang="en",
        hours_src="24 hours a day (since 1 June 2019)", oh="24/7", free="yes"),
    ("UG", "116"): dict(id="ug-child-helpline-116", lang="en", hours_src="24/7",
        oh="24/7", free="yes"),
    ("US", "1-800-422-4453"): dict(id="us-childhelp", lang="en", hours_src="24/7",
        oh="24/7", chat=W),  # calls, texts and chats 24/7; number press-quoted
    ("VN", "111"): dict(id="vn-tong-dai-111", lang="vi", hours_src="24h/24h", oh="24/7"),
    ("ZA", "116"): dict(id="za-childline", lang="en", hours_src="", free="yes"),
    ("ZM", "116"): dict(id="zm-childline-116", lang="en", hours_src="24/7/365",
        oh="24/7", free="yes"),
    ("ZW", "116"): dict(id="zw-childline", lang="en", hours_src="24 hour",
        oh="24/7", free="yes"),
}

# --- the opening-hours subset -------------------------------------------------
DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)"
DAYRANGE = rf"{DAY}(?:-{DAY})?"
DAYS = rf"{DAYRANGE}(?:,{DAYRANGE})*"
HHMM = r"(?:[01]\d|2[0-3]):[0-5]\d"
END = rf"(?:{HHMM}|24:00)"
SPAN = rf"{HHMM}-{END}"
TIMES = rf"{SPAN}(?:,{SPAN})*"
RULE = rf"{DAYS} {TIMES}"
SPEC_RE = re.compile(rf"(?:24/7|{RULE}(?:; {RULE})*)")
CHANNELS = ("voice", "sms", "web-chat", "whatsapp", "email", "app")
CHANNEL_COLUMN = {"voice": "voice", "sms": "sms", "web-chat": "web_chat", "whatsapp": "whatsapp",
                  "email": "email", "app": "app"}
SOURCE_CHANNEL = {"voice": "voice", "sms": "sms", "web_chat": "webchat", "whatsapp": "whatsapp",
                  "email": "email", "app": "app"}
DAY_ORDER = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


def valid_spec(spec: str) -> bool:
    if not SPEC_RE.fullmatch(spec):
        return False
    if spec == "24/7":
        return True
    for rule in spec.split("; "):
        days, times = rule.split(" ")
        for dr in days.split(","):
            a, _, b = dr.partition("-")
            if b and DAY_ORDER.index(a) >= DAY_ORDER.index(b):
                return False  # wrap-around or degenerate day ranges are not used here
        for span in times.split(","):
            start, end = span.split("-")
            if start == end:
                return False
    return True


def parse_channel_hours(text: str) -> list[tuple[str, str]]:
    pairs = []
    for part in text.split(" | "):
        channel, sep, spec = part.partition("=")
        if not sep or channel not in CHANNELS or not valid_spec(spec):
            raise ValueError(f"bad channel_hours part {part!r}")
        pairs.append((channel, spec))
    if len({c for c, _ in pairs}) != len(pairs):
        raise ValueError(f"repeated channel in {text!r}")
    return pairs


def harmonised(dial: str, e164: str, has_voice: bool) -> str:
    if not has_voice:
        return ""
    digits = re.sub(r"\D", "", dial)
    if digits == "116111":
        return "116111"
    if digits == "116":
        return "regional"
    if not e164 and 3 <= len(digits) <= 6:
        return "national-short-code"
    return ""


def resolve(value: str, ref: dict) -> str:
    if value == W:
        if not ref["website"]:
            raise ValueError(f"{ref['iso_alpha2']}: '=website' but no website")
        return ref["website"]
    if value == S:
        return ref["source_url"]
    return value


def build(ref_rows: list[dict]) -> list[dict]:
    out = []
    used = set()
    for ref in ref_rows:
        key = (ref["iso_alpha2"], ref["dial"])
        if key not in HAND:
            raise SystemExit(f"no hand mapping for {key}")
        if key in used:
            raise SystemExit(f"two reference rows share {key}")
        used.add(key)
        h = HAND[key]
        if h["hours_src"] != ref["hours"]:
            raise SystemExit(f"{key}: reference hours changed: {ref['hours']!r} "
                             f"(mapped from {h['hours_src']!r}); review the mapping")
        channels = ref["channels"].split(";")
        has_voice = "voice" in channels
        row = {
            "id": h["id"],
            "country": ref["iso_alpha2"],
            "name": ref["helpline_name"],
            "scope": "national",
            "status": "active",
            "languages": h["lang"],
            "min_age": "",
            "max_age": "",
            "topics": "",
            "time_zone": TIME_ZONE[ref["iso_alpha2"]],
            "opening_hours": h.get("oh", ""),
            "channel_hours": h.get("ch", ""),
            "voice": ref["dial"] if has_voice else "",
            "voice_e164": ref["e164"],
            "voice_free": h.get("free", "") if has_voice else "",
            "voice_harmonised": harmonised(ref["dial"], ref["e164"], has_voice),
            "sms": resolve(h.get("sms", ""), ref),
            "web_chat": resolve(h.get("chat", ""), ref),
            "whatsapp": resolve(h.get("wa", ""), ref),
            "email": resolve(h.get("email", ""), ref),
            "app": resolve(h.get("app", ""), ref),
            "website": ref["website"],
            "source_url": ref["source_url"],
            "source_seen": ref["source_seen"],
            "verified_on": h.get("seen", ""),
            "verified_by": VERIFIED_BY,
        }
        row["_channels"] = channels
        out.append(row)
    missing = set(HAND) - used
    if missing:
        raise SystemExit(f"hand mappings without a reference row: {sorted(missing)}")
    return out


def check(rows: list[dict]) -> list[str]:
    errors = []
    regions = {r["iso_alpha2"] for r in csv.DictReader(REGIONS.open(encoding="utf-8", newline=""))}
    if len(rows) != EXPECTED_ROWS:
        errors.append(f"{len(rows)} rows, expected {EXPECTED_ROWS}")
    ids = collections.Counter(r["id"] for r in rows)
    errors += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    for r in rows:
        tag = r["id"]
        if not re.fullmatch(r"[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*", r["id"]) \
                or not r["id"].startswith(r["country"].lower() + "-"):
            errors.append(f"{tag}: bad id")
        if r["country"] not in regions:
            errors.append(f"{tag}: country {r['country']} not in itu-d-regions.csv")
        try:
            zoneinfo.ZoneInfo(r["time_zone"])
        except Exception:  # noqa: BLE001
            errors.append(f"{tag}: unknown time zone {r['time_zone']}")
        if not all(re.fullmatch(r"[a-z]{2,3}", t) for t in r["languages"].split(";")):
            errors.append(f"{tag}: bad languages {r['languages']!r}")
        if r["opening_hours"] and not valid_spec(r["opening_hours"]):
            errors.append(f"{tag}: bad opening_hours {r['opening_hours']!r}")
        if r["channel_hours"]:
            try:
                for channel, _ in parse_channel_hours(r["channel_hours"]):
                    if not r[CHANNEL_COLUMN[channel]]:
                        errors.append(f"{tag}: hours for {channel}, which has no address")
            except ValueError as e:
                errors.append(f"{tag}: {e}")
        for column, src in SOURCE_CHANNEL.items():
            if r[column] and src not in r["_channels"]:
                errors.append(f"{tag}: {column} given but the reference does not name {src}")
        if r["voice_free"] not in ("", "yes", "no"):
            errors.append(f"{tag}: bad voice_free")
        if r["email"] and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", r["email"]):
            errors.append(f"{tag}: bad email")
        for column in ("web_chat", "whatsapp", "app", "website", "source_url"):
            v = r[column]
            if v and not re.match(r"https?://", v):
                errors.append(f"{tag}: {column} is not a URL")
        if r["verified_on"]:
            try:
                datetime.date.fromisoformat(r["verified_on"])
            except ValueError:
                errors.append(f"{tag}: bad verified_on")
            if not r["source_seen"]:
                errors.append(f"{tag}: verified_on without source_seen")
    return errors


def report(rows: list[dict]) -> None:
    print(f"{'id':34} {'cc':2} {'opening_hours':20} {'channel_hours':44} {'free':4} harmonised")
    for r in rows:
        print(f"{r['id']:34} {r['country']:2} {r['opening_hours'] or '-':20} "
              f"{r['channel_hours'] or '-':44} {r['voice_free'] or '-':4} "
              f"{r['voice_harmonised'] or '-'}")
    print()
    oh = collections.Counter("24/7" if r["opening_hours"] == "24/7" else
                             "other" if r["opening_hours"] else "unknown" for r in rows)
    ch = sum(1 for r in rows if r["channel_hours"])
    any_hours = sum(1 for r in rows if r["opening_hours"] or r["channel_hours"])
    print(f"opening_hours: {dict(oh)}; rows with channel_hours: {ch}; "
          f"rows with no hours at all: {len(rows) - any_hours}")
    print("voice_free:", dict(collections.Counter(r["voice_free"] or "(empty)" for r in rows)))
    print("voice_harmonised:", dict(collections.Counter(r["voice_harmonised"] or "(empty)" for r in rows)))
    print("languages:", dict(collections.Counter(r["languages"] for r in rows)))
    print("verified_on given:", sum(1 for r in rows if r["verified_on"]))
    print("countries:", len({r["country"] for r in rows}))
    print("\nchannels named but address unknown:")
    for r in rows:
        missing = [src for column, src in SOURCE_CHANNEL.items()
                   if src in r["_channels"] and not r[column]]
        if missing:
            print(f"  {r['country']} {r['id']}: {', '.join(missing)}")


def main() -> None:
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    with open(sys.argv[1], encoding="utf-8", newline="") as f:
        ref_rows = list(csv.DictReader(f))
    rows = build(ref_rows)
    errors = check(rows)
    if errors:
        raise SystemExit("\n".join(errors))
    target = Path(sys.argv[2]) if len(sys.argv) == 3 else OUTPUT
    with target.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    report(rows)
    print(f"\nwrote {len(rows)} rows to {target}")


if __name__ == "__main__":
    main()
