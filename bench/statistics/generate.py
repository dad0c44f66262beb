#!/usr/bin/env python3
"""Write a year of synthetic contact records for the statistics benchmark, and a helpline
directory naming one helpline per country for them.

The countries are the N with the most children in Cove's population table; each country's
volume grows with its children, times a reach drawn per helpline, so a few large helplines and
many small ones share the total as in a real network. Every record is coded under Cove's
taxonomy with invented but plausible proportions (most contacts from children themselves,
mental health and violence the commonest concerns, teenagers the commonest ages). The records
are fake: nothing here describes a real helpline or child.

Deterministic: the same arguments always give the same files.

    bench/statistics/generate.py --records 30000000 --countries 140 \\
        --out records.csv --directory-out directory.csv
"""

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
POPULATION = ROOT / "Sources/CoveCore/Resources/reference/child-population.csv"
REGIONS = ROOT / "Sources/CoveServer/Resources/Seeds/itu-d-regions.csv"
TAXONOMY = ROOT / "Sources/CoveCore/Resources/methodology/taxonomy-1.json"

RECORD_COLUMNS = ["helpline", "country", "date", "contact_type", "category", "subcategory", "online",
                  "age_band", "gender", "channel"]
# Must match DirectoryCSV.columns, in order.
DIRECTORY_COLUMNS = [
    "id", "country", "name", "scope", "status", "languages", "min_age", "max_age", "topics",
    "time_zone", "opening_hours", "channel_hours", "voice", "voice_e164", "voice_free", "voice_harmonised",
    "sms", "web_chat", "whatsapp", "email", "app", "website",
    "source_url", "source_seen", "verified_on", "verified_by",
]

CONTACT_TYPES = {"child-self": 55, "about-child": 15, "non-counselling": 30}
CATEGORIES = {"mental-health": 22, "violence": 18, "family-relationships": 15, "peer-relationships": 9,
              "online-harm": 8, "education-and-occupation": 7, "sexuality": 5, "physical-health": 5,
              "access-to-services": 5, "discrimination-and-exclusion": 3, "missing-children": 3}
AGE_BANDS = {"0-9": 8, "10-12": 20, "13-15": 35, "16-17": 20, "18-25": 5, "over-25": 4, "unknown": 8}
GENDERS = {"girl": 55, "boy": 38, "non-binary": 1, "unknown": 6}
CHANNELS = {"voice": 55, "web-chat": 15, "sms": 10, "whatsapp": 15, "other": 5}
SUBCATEGORY_GIVEN = 0.8
ONLINE_SHARE = 0.12
CHUNK = 1_000_000


def countries(count):
    """The `count` countries with the most children under 18 in the latest year, as (alpha2, children)."""
    alpha2 = {}
    with open(REGIONS, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            alpha2[row["iso_alpha3"]] = row["iso_alpha2"]
    latest = {}
    with open(POPULATION, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = alpha2.get(row["iso_alpha3"])
            if code is None or row["sex"] != "_T":
                continue
            year = int(row["year"])
            children = int(row["population_under18"])
            if year > latest.get(code, (0, 0))[0]:
                latest[code] = (year, children)
    ranked = sorted(latest.items(), key=lambda item: (-item[1][1], item[0]))
    if len(ranked) < count:
        sys.exit(f"generate.py: only {len(ranked)} countries have a child population; asked for {count}")
    return [(code, children) for code, (_, children) in ranked[:count]]


def subcategories():
    taxonomy = json.loads(TAXONOMY.read_text(encoding="utf-8"))

    def walk(terms):
        for term in terms:
            yield term["code"]
            yield from walk(term.get("subcategories", []))

    return {category["code"]: list(walk(category.get("subcategories", []))) for category in taxonomy["categories"]}


def weights(table):
    values = np.array(list(table.values()), dtype=float)
    return np.array(list(table.keys()), dtype=object), values / values.sum()


def slug(country):
    return f"{country.lower()}-bench-helpline"


def write_directory(path, chosen):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=DIRECTORY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for code, _ in chosen:
            site = f"https://{slug(code)}.example.org/"
            row = dict.fromkeys(DIRECTORY_COLUMNS, "")
            row.update(id=slug(code), country=code, name=f"Bench helpline ({code})", scope="national",
                       status="active", languages="en", time_zone="UTC", opening_hours="24/7",
                       web_chat=site + "chat", website=site)
            writer.writerow(row)


def volumes(chosen, records, rng):
    """Records per country: children to the power 0.8, times a reach drawn per helpline."""
    children = np.array([c for _, c in chosen], dtype=float)
    share = children ** 0.8 * rng.lognormal(0.0, 0.6, len(chosen))
    counts = np.floor(share / share.sum() * records).astype(np.int64)
    counts[np.argmax(counts)] += records - counts.sum()
    return counts


def column(codes, probabilities, size, rng):
    return codes[rng.choice(len(codes), size=size, p=probabilities)]


def chunk_lines(rng, helpline_codes, country_codes, size, tables, by_category):
    """`size` records as lines of text, all columns drawn at once."""
    types = column(*tables["types"], size, rng)
    counselling = types != "non-counselling"
    categories = np.where(counselling, column(*tables["categories"], size, rng), "")
    subs = np.empty(size, dtype=object)
    subs[:] = ""
    given = counselling & (rng.random(size) < SUBCATEGORY_GIVEN)
    for category, codes in by_category.items():
        picked = given & (categories == category)
        if codes and picked.any():
            # Earlier subcategories are commoner, as concerns are in real data.
            p = 1.0 / np.arange(1, len(codes) + 1)
            subs[picked] = np.array(codes, dtype=object)[rng.choice(len(codes), size=picked.sum(), p=p / p.sum())]
    online = np.where((categories == "online-harm") | (rng.random(size) < ONLINE_SHARE), "Y", "N")
    days = rng.integers(0, 365, size)
    dates = (np.datetime64("2025-01-01") + days).astype(str)
    fields = [helpline_codes, country_codes, dates, types, categories, subs, online,
              column(*tables["ages"], size, rng), column(*tables["genders"], size, rng),
              column(*tables["channels"], size, rng)]
    return "\n".join(",".join(row) for row in zip(*[f.tolist() for f in fields])) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=30_000_000)
    parser.add_argument("--countries", type=int, default=140)
    parser.add_argument("--seed", type=int, default=116111)
    parser.add_argument("--out", required=True, help="the contact-record CSV to write")
    parser.add_argument("--directory-out", required=True, help="the helpline directory CSV to write")
    args = parser.parse_args()
    if args.records < 1 or args.countries < 1:
        sys.exit("generate.py: --records and --countries must be at least 1")

    rng = np.random.default_rng(args.seed)
    chosen = countries(args.countries)
    write_directory(args.directory_out, chosen)
    tables = {"types": weights(CONTACT_TYPES), "categories": weights(CATEGORIES), "ages": weights(AGE_BANDS),
              "genders": weights(GENDERS), "channels": weights(CHANNELS)}
    by_category = subcategories()
    per_country = volumes(chosen, args.records, rng)
    # Records of all countries interleaved, as a network-wide export would be.
    order = np.repeat(np.arange(len(chosen)), per_country)
    rng.shuffle(order)
    slugs = np.array([slug(code) for code, _ in chosen], dtype=object)
    codes = np.array([code for code, _ in chosen], dtype=object)
    with open(args.out, "w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(RECORD_COLUMNS) + "\n")
        for start in range(0, args.records, CHUNK):
            which = order[start:start + CHUNK]
            handle.write(chunk_lines(rng, slugs[which], codes[which], len(which), tables, by_category))
            print(f"\r{min(start + CHUNK, args.records):,} of {args.records:,} records", end="", file=sys.stderr)
    print(file=sys.stderr)


if __name__ == "__main__":
    main()
