#!/usr/bin/env python3
"""Compute the contact indicators straight from the raw contact records with DuckDB, time it,
and check Cove's table (from `cove stats table`) against it value by value.

Same definitions as Cove's catalogue: counselling contacts are those from children and about
them; a contact under online harm is online whatever its mark; rates are per 100,000 children
under 18 of the latest year on or before the period's; regions and the world add up the
numerators and denominators of the countries that have contacts.

    bench/statistics/duckdb_table.py --records records.csv --cove-table table.csv [--runs 3]

Prints the DuckDB time and how many values were compared; exits 1 if any differs.
"""

import argparse
import csv
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]
POPULATION = ROOT / "Sources/CoveCore/Resources/reference/child-population.csv"
REGIONS = ROOT / "Sources/CoveServer/Resources/Seeds/itu-d-regions.csv"
COLUMNS = ["helpline", "country", "date", "contact_type", "category", "subcategory", "online", "age_band",
           "gender", "channel"]

QUERY = """
WITH records AS (
    SELECT country,
           year(CAST(date AS DATE)) || '-Q' || quarter(CAST(date AS DATE)) AS period,
           year(CAST(date AS DATE)) AS year,
           contact_type IN ('child-self', 'about-child') AS counselling,
           category = 'online-harm' AS online_harm,
           online = 'Y' OR category = 'online-harm' AS online
    FROM read_csv(?, header = true, delim = ',', quote = '"', columns = {columns})
),
countries AS (
    SELECT country, period, any_value(year) AS year,
           count(*) AS contacts,
           count(*) FILTER (WHERE counselling) AS counselling,
           count(*) FILTER (WHERE counselling AND online_harm) AS counselling_online_harm,
           count(*) FILTER (WHERE online_harm) AS online_harm,
           count(*) FILTER (WHERE counselling AND online) AS counselling_online
    FROM records GROUP BY country, period
),
children AS (
    SELECT c.country, c.period,
           (SELECT sum(p.population_under18) FROM population p
            WHERE p.alpha3 = r.iso_alpha3 AND p.year = (SELECT max(q.year) FROM population q
                                                        WHERE q.alpha3 = r.iso_alpha3 AND q.year <= c.year)) AS children
    FROM countries c JOIN regions r ON r.iso_alpha2 = c.country
),
areas AS (
    SELECT c.*, ch.children, c.country AS area FROM countries c JOIN children ch USING (country, period)
    UNION ALL
    SELECT c.*, ch.children, r.region AS area FROM countries c JOIN children ch USING (country, period)
        JOIN regions r ON r.iso_alpha2 = c.country
    UNION ALL
    SELECT c.*, ch.children, 'world' AS area FROM countries c JOIN children ch USING (country, period)
)
SELECT area, period,
       sum(contacts) AS contacts,
       sum(counselling) AS counselling,
       sum(online_harm) AS online_harm,
       sum(counselling_online_harm) AS counselling_online_harm,
       sum(counselling_online) AS counselling_online,
       sum(children) AS children
FROM areas GROUP BY area, period
""".format(columns="{" + ", ".join(f"'{c}': 'VARCHAR'" for c in COLUMNS) + "}")


def connect():
    db = duckdb.connect()
    db.execute(f"""CREATE TABLE population AS
        SELECT iso_alpha3 AS alpha3, year, population_under18 FROM read_csv('{POPULATION}', header = true)
        WHERE sex = '_T'""")
    db.execute(f"""CREATE TABLE regions AS
        SELECT iso_alpha2, iso_alpha3, replace(replace(lower(itu_d_region), '-', '_'), ' ', '_') AS region
        FROM read_csv('{REGIONS}', header = true, all_varchar = true)""")
    return db


def indicators(row):
    """The values Cove's catalogue defines, from one area's sums."""
    area, period, contacts, counselling, online_harm, counselling_online_harm, counselling_online, children = row
    per_100k = lambda count: count / children * 100_000 if children else None
    return {
        ("CONTACTS", area, period): contacts,
        ("CONTACTS_BY_CHANNEL", area, period): contacts,
        ("CONTACTS_BY_CATEGORY", area, period): counselling,
        ("ONLINE_HARM_BY_TYPE", area, period): online_harm,
        ("CONTACTS_PER_100K_CHILDREN", area, period): per_100k(counselling),
        ("ONLINE_HARM_PER_100K_CHILDREN", area, period): per_100k(counselling_online_harm),
        ("ONLINE_SHARE", area, period): counselling_online / counselling * 100 if counselling else None,
    }


def read_cove(path):
    values = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["STATUS"] == "published":
                values[(row["INDICATOR"], row["REF_AREA"], row["TIME_PERIOD"])] = float(row["OBS_VALUE"])
    return values


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", required=True)
    parser.add_argument("--cove-table", required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    db = connect()
    times, rows = [], []
    for _ in range(max(1, args.runs)):
        started = time.perf_counter()
        rows = db.execute(QUERY, [args.records]).fetchall()
        expected = {}
        for row in rows:
            expected.update(indicators(row))
        times.append(time.perf_counter() - started)

    cove = read_cove(args.cove_table)
    compared, differing = 0, []
    for key, value in sorted(expected.items(), key=lambda item: tuple(map(str, item[0]))):
        if value is None:
            continue
        compared += 1
        mine = cove.get(key)
        if mine is None or abs(mine - value) > 1e-6 * max(1.0, abs(value)):
            differing.append((key, value, mine))
    best = min(times)
    print(f"duckdb_seconds={best:.3f} runs={len(times)} areas_quarters={len(rows)} compared={compared} "
          f"differing={len(differing)}")
    for key, value, mine in differing[:10]:
        print(f"  {key}: DuckDB {value}, Cove {mine}", file=sys.stderr)
    sys.exit(1 if differing or compared == 0 else 0)


if __name__ == "__main__":
    main()
