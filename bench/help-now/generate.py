#!/usr/bin/env python3
"""Write a synthetic helpline directory in Cove's plain CSV format, for the help-now benchmark.

The rows are fake but valid: `cove directory import` accepts the file as is. They spread over
every two-letter region code in Cove's dialling plan and mix the shapes real directories have
(24/7, office hours, overnight and split hours, unknown hours, per-channel hours, temporarily
closed lines, regional and international services), so /api/v1/help does realistic work.

Deterministic: the same --count and --seed always give the same file.

    bench/help-now/generate.py --count 1000 --out /tmp/directory.csv
"""

import argparse
import csv
import json
import random
import sys
from pathlib import Path
from zoneinfo import available_timezones

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "Sources/CoveCore/Resources/dialling-plan.json"

# Must match DirectoryCSV.columns, in order.
COLUMNS = [
    "id", "country", "name", "scope", "status", "languages", "min_age", "max_age", "topics",
    "time_zone", "opening_hours", "channel_hours", "voice", "voice_e164", "voice_free", "voice_harmonised",
    "sms", "web_chat", "whatsapp", "email", "app", "website",
    "source_url", "source_seen", "verified_on", "verified_by",
]

# No country-to-zone map in the standard library; a zone per first digit of the calling code
# (roughly the world zone of ITU-T E.164), rotated within the group, is plenty for a benchmark.
ZONES_BY_WORLD_ZONE = {
    "1": ["America/New_York", "America/Chicago", "America/Los_Angeles", "America/Puerto_Rico"],
    "2": ["Africa/Cairo", "Africa/Lagos", "Africa/Nairobi", "Africa/Johannesburg", "Africa/Casablanca"],
    "3": ["Europe/Paris", "Europe/Madrid", "Europe/Athens", "Europe/Lisbon", "Europe/Budapest"],
    "4": ["Europe/London", "Europe/Berlin", "Europe/Warsaw", "Europe/Vienna", "Europe/Zurich"],
    "5": ["America/Sao_Paulo", "America/Mexico_City", "America/Bogota", "America/Argentina/Buenos_Aires"],
    "6": ["Asia/Jakarta", "Australia/Sydney", "Asia/Manila", "Pacific/Auckland", "Asia/Singapore"],
    "7": ["Europe/Moscow", "Asia/Almaty"],
    "8": ["Asia/Tokyo", "Asia/Shanghai", "Asia/Seoul", "Asia/Dhaka", "Asia/Ho_Chi_Minh"],
    "9": ["Asia/Kolkata", "Asia/Dubai", "Asia/Karachi", "Asia/Tehran", "Europe/Istanbul"],
}

OPENING_HOURS = [
    # (text, weight)
    ("24/7", 30),
    ("Mo-Fr 09:00-17:00", 20),
    ("Mo-Su 18:00-02:00", 10),
    ("Mo-Sa 14:00-20:00; Mo,We,Th 10:00-12:00", 10),
    ("Mo-Fr 08:00-20:00; Sa,Su 10:00-14:00,18:00-22:00", 8),
    ("Sa-Mo 20:00-08:00", 4),
    ("", 18),  # hours unknown
]

LANGUAGES = ["en", "fr", "es", "ar", "pt", "ru", "zh", "de", "sw", "pt-BR", "hi", "id", "tr", "fil"]
TOPICS = ["abuse", "bullying", "mental-health", "online-safety", "family", "lgbtq", "trafficking", "self-harm"]
AGES = [("", ""), ("", ""), ("", "18"), ("0", "18"), ("5", "25"), ("12", "24")]


def region_codes():
    plan = json.loads(PLAN.read_text(encoding="utf-8"))
    regions = plan["regions"]
    codes = sorted(c for c in regions if len(c) == 2 and c.isascii() and c.isalpha() and c.isupper())
    return codes, {c: str(regions[c]["callingCode"]) for c in codes}


def weighted(rng, choices):
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def voice_fields(rng, calling_code):
    """voice, voice_e164, voice_free, voice_harmonised."""
    kind = rng.random()
    if kind < 0.30:
        return "116 111", "", rng.choice(["yes", "yes", ""]), "116111"
    if kind < 0.40:
        return "116", "", "yes", "regional"
    if kind < 0.55:
        return str(rng.randint(100, 1999)), "", rng.choice(["yes", ""]), "national-short-code"
    if kind < 0.90:
        subscriber = f"{rng.randint(100, 999)} {rng.randint(100, 999)}"
        e164 = f"+{calling_code}800{subscriber.replace(' ', '')}"
        return f"0800 {subscriber}", rng.choice([e164, e164, ""]), rng.choice(["yes", "no", ""]), ""
    return "", "", "", ""  # no voice line: chat, SMS or app only


def row(rng, index, countries, scope, zone, calling_code):
    primary = countries[0].lower()
    slug = f"{primary}-bench-{index:05d}"
    voice, e164, free, harmonised = voice_fields(rng, calling_code)
    site = f"https://{slug}.example.org/"
    web_chat = sms = whatsapp = email = app = ""
    channel_hours = []
    if rng.random() < 0.30:
        web_chat = site + "chat"
        if rng.random() < 0.6:
            channel_hours.append("web-chat=Mo-Fr 16:00-21:00")
    if rng.random() < 0.20:
        sms = rng.choice(["116 111", f"+{calling_code}7000{rng.randint(1000, 9999)}"])
    if rng.random() < 0.15:
        whatsapp = f"https://wa.me/{calling_code}7000{rng.randint(10000, 99999)}"
        if rng.random() < 0.4:
            channel_hours.append("whatsapp=Mo-Sa 10:00-18:00")
    if rng.random() < 0.25:
        email = f"help@{slug}.example.org"
    if rng.random() < 0.05:
        app = site + "app"
    if not (voice or web_chat or sms or whatsapp or email or app):
        web_chat = site + "chat"
    min_age, max_age = rng.choice(AGES)
    status = weighted(rng, [("active", 90), ("temporarily-closed", 8), ("defunct", 2)])
    verified = rng.random() < 0.7
    return {
        "id": slug,
        "country": ";".join(countries),
        "name": f"Bench {scope} helpline {index} ({', '.join(countries[:3])})",
        "scope": scope,
        "status": status,
        "languages": ";".join(rng.sample(LANGUAGES, rng.randint(1, 3))),
        "min_age": min_age,
        "max_age": max_age,
        "topics": ";".join(rng.sample(TOPICS, rng.randint(0, 3))),
        "time_zone": zone,
        "opening_hours": weighted(rng, OPENING_HOURS),
        "channel_hours": " | ".join(channel_hours),
        "voice": voice,
        "voice_e164": e164,
        "voice_free": free,
        "voice_harmonised": harmonised,
        "sms": sms,
        "web_chat": web_chat,
        "whatsapp": whatsapp,
        "email": email,
        "app": app,
        "website": site,
        "source_url": site + "about" if verified else "",
        "source_seen": "Benchmark fixture" if verified else "",
        "verified_on": f"{rng.choice([2024, 2025])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if verified else "",
        "verified_by": "cove bench" if verified else "",
    }


def generate(count, seed):
    rng = random.Random(seed)
    codes, calling = region_codes()
    known_zones = available_timezones()
    for zones in ZONES_BY_WORLD_ZONE.values():
        missing = [z for z in zones if z not in known_zones]
        if missing:
            sys.exit(f"generate.py: time zones missing from this system's tz database: {missing}")
    # Every country gets one national line first (as far as count allows), then the rest at random,
    # so a country-cycling benchmark mostly hits countries with lines of their own.
    rows = []
    for index in range(count):
        roll = rng.random()
        if index < len(codes):
            countries, scope = [codes[index]], "national"
        elif roll < 0.03:
            countries, scope = rng.sample(codes, rng.randint(3, 6)), "regional"
        elif roll < 0.045:
            countries, scope = rng.sample(codes, rng.randint(8, 20)), "international"
        else:
            countries, scope = [rng.choice(codes)], "national"
        code = calling[countries[0]]
        group = ZONES_BY_WORLD_ZONE[code[0]]
        zone = group[codes.index(countries[0]) % len(group)]
        rows.append(row(rng, index + 1, countries, scope, zone, code))
    return rows, codes


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000, help="number of helplines (default 1000)")
    parser.add_argument("--seed", type=int, default=116111, help="random seed (default 116111)")
    parser.add_argument("--out", default="-", help="CSV file to write (default: standard output)")
    parser.add_argument("--countries-out", help="also write the country codes used, one per line")
    args = parser.parse_args()
    if args.count < 1:
        parser.error("--count must be at least 1")

    rows, codes = generate(args.count, args.seed)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")
    try:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    finally:
        if out is not sys.stdout:
            out.close()
    if args.countries_out:
        Path(args.countries_out).write_text("".join(c + "\n" for c in codes), encoding="utf-8")
    covered = sorted({c for r in rows for c in r["country"].split(";")})
    print(f"generate.py: {len(rows)} helplines over {len(covered)} of {len(codes)} countries", file=sys.stderr)


if __name__ == "__main__":
    main()
