#!/usr/bin/env python3
"""Generate Cove's dialling plan from libphonenumber metadata.

What it reads
    The metadata bundled in the `phonenumbers` package on PyPI (the Python
    port of Google's libphonenumber; its version numbers track the upstream
    libphonenumber release whose PhoneNumberMetadata.xml and
    ShortNumberMetadata.xml it carries). No network access at run time.

What it writes
    Sources/CoveCore/Resources/dialling-plan.json (relative to the repo root,
    whatever the working directory), read by CoveCore's `DiallingPlan`.
    One region per line, keys sorted, so a metadata update shows up as a
    readable diff. Regexes are libphonenumber's own (Java syntax: only
    literals, classes, \\d, (?:...), (...), |, ? and {m,n}), which ICU's
    NSRegularExpression reads the same way; they are unanchored here and
    the Swift side anchors them.

Per region (ISO 3166-1 alpha-2; the non-geographic "001" entity is skipped,
its calling codes are listed in `nonGeographicCallingCodes`):
    callingCode, mainCountry      country calling code; main region of a shared code
    nationalPrefix                trunk prefix dialled before national numbers ("0")
    nationalPrefixForParsing,     what to strip from national input, and the
    nationalPrefixTransform         replacement template ($1) when libphonenumber
                                    rewrites rather than strips (e.g. AR, IM, LC)
    internationalPrefix           IDD as a regex ("00", "011", AU's alternation, ...)
    leadingDigits                 prefix that alone attributes a number (shared codes)
    nationalNumberPattern, possibleLengths   general_desc: any number of the region
    validNumberPattern            union of the fixed/mobile/toll-free/... patterns;
                                  only for regions that share a calling code and have
                                  no leadingDigits, where libphonenumber needs it to
                                  tell regions apart
    examples                      example fixed-line and mobile numbers
    short                         short-number metadata (see short_record)
`callingCodes` lists, per calling code, its regions in libphonenumber's
resolution order (main country first).

How to rerun
    pip install --upgrade phonenumbers
    python3 scripts/generate-dialling-plan.py
The generation date comes from SOURCE_DATE_EPOCH when set, so a rerun with
the same phonenumbers version and date reproduces the file byte for byte.
"""
from __future__ import annotations

import datetime
import json
import os
import re
import re._parser as sre_parse  # Python 3.11+: the regex parser, used to expand small patterns
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneMetadata
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

OUTPUT = Path(__file__).resolve().parent.parent / "Sources/CoveCore/Resources/dialling-plan.json"
NON_GEO = "001"
MAX_EXPANSION = 16  # an emergency pattern matching more strings than this stays a regex only

# The number types libphonenumber tries (getNumberTypeHelper) when deciding
# whether a number belongs to a region.
NUMBER_TYPES = ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number",
                "pager", "uan", "voicemail", "fixed_line", "mobile")
SHORT_TYPES = ("short_code", "emergency", "toll_free", "standard_rate", "premium_rate",
               "carrier_specific", "sms_services")


def pattern(desc) -> str | None:
    return desc.national_number_pattern if desc is not None else None


def lengths(desc) -> list[int]:
    return sorted(n for n in (desc.possible_length or ()) if n > 0)


def expand(regex: str) -> list[str] | None:
    """All strings `regex` matches, when that set is finite and small; else None."""
    try:
        strings = expand_nodes(list(sre_parse.parse(regex)))
    except ValueError:
        return None
    return sorted(set(strings), key=lambda s: (len(s), s)) if strings is not None else None


def expand_nodes(nodes) -> list[str] | None:
    results = [""]
    for op, arg in nodes:
        options = expand_node(op, arg)
        if options is None:
            return None
        results = [r + o for r in results for o in options]
        if len(results) > MAX_EXPANSION:
            return None
    return results


def expand_node(op, arg) -> list[str] | None:
    name = str(op)
    if name == "LITERAL":
        return [chr(arg)]
    if name == "IN":
        return expand_class(arg)
    if name == "BRANCH":
        out: list[str] = []
        for branch in arg[1]:
            part = expand_nodes(list(branch))
            if part is None:
                return None
            out += part
        return out
    if name == "SUBPATTERN":
        return expand_nodes(list(arg[-1]))
    if name == "MAX_REPEAT":
        low, high, body = arg
        inner = expand_nodes(list(body))
        if inner is None or high > 4:
            return None
        out: list[str] = []
        for count in range(low, high + 1):
            repeated = [""]
            for _ in range(count):
                repeated = [r + i for r in repeated for i in inner]
            out += repeated
        return out if len(out) <= MAX_EXPANSION else None
    return None


def expand_class(items) -> list[str] | None:
    out: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "RANGE":
            out += [chr(c) for c in range(arg[0], arg[1] + 1)]
        elif name == "CATEGORY" and str(arg) == "CATEGORY_DIGIT":
            out += list("0123456789")
        else:
            return None
    return out


def valid_number_pattern(meta) -> str:
    seen: list[str] = []
    for kind in NUMBER_TYPES:
        p = pattern(getattr(meta, kind))
        if p and p not in seen:
            seen.append(p)
    return "|".join(f"(?:{p})" for p in seen)


def region_record(region: str, shared: bool) -> dict:
    meta = PhoneMetadata.metadata_for_region(region)
    record = {
        "callingCode": meta.country_code,
        "mainCountry": bool(meta.main_country_for_code) or not shared,
        "nationalPrefix": meta.national_prefix,
        "nationalPrefixForParsing": meta.national_prefix_for_parsing,
        "nationalPrefixTransform": re.sub(r"\\(\d)", r"$\1", meta.national_prefix_transform_rule)
        if meta.national_prefix_transform_rule else None,
        "internationalPrefix": meta.international_prefix,
        "leadingDigits": meta.leading_digits,
        "nationalNumberPattern": pattern(meta.general_desc),
        "possibleLengths": lengths(meta.general_desc),
        # libphonenumber only falls back to number types when a shared-code region has no leadingDigits.
        "validNumberPattern": valid_number_pattern(meta) if shared and not meta.leading_digits else None,
        "examples": sorted({d.example_number for d in (meta.fixed_line, meta.mobile) if d and d.example_number}),
        "short": short_record(region),
    }
    return {k: v for k, v in record.items() if v not in (None, [], "")}


def short_record(region: str) -> dict | None:
    meta = PhoneMetadata.short_metadata_for_region(region)
    if meta is None:
        return None
    emergency = pattern(meta.emergency)
    examples = {getattr(meta, kind).example_number for kind in SHORT_TYPES
                if getattr(meta, kind) is not None and getattr(meta, kind).example_number}
    record = {
        "generalPattern": pattern(meta.general_desc),
        "possibleLengths": lengths(meta.general_desc),
        "shortCodePattern": pattern(meta.short_code),
        "emergencyPattern": emergency,
        "emergencyNumbers": expand(emergency) if emergency else None,
        "examples": sorted(examples, key=lambda s: (len(s), s)),
    }
    return {k: v for k, v in record.items() if v not in (None, [], "")}


def generated_on() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch \
        else datetime.datetime.now(datetime.timezone.utc)
    return moment.date().isoformat()


def line(key: str, value) -> str:
    return json.dumps(key) + ":" + json.dumps(value, sort_keys=True, separators=(",", ":"))


def main() -> None:
    geographic = {cc: [r for r in regions if r != NON_GEO] for cc, regions in COUNTRY_CODE_TO_REGION_CODE.items()}
    non_geo = sorted(cc for cc, regions in COUNTRY_CODE_TO_REGION_CODE.items() if NON_GEO in regions)
    regions = {r: region_record(r, len(geographic[cc]) > 1)
               for cc, rs in geographic.items() for r in rs}
    header = [
        line("generator", "scripts/generate-dialling-plan.py"),
        line("source", {
            "package": "phonenumbers (PyPI)",
            "version": phonenumbers.__version__,
            "metadata": "libphonenumber PhoneNumberMetadata.xml and ShortNumberMetadata.xml, "
                        f"release {phonenumbers.__version__} as carried by python-phonenumbers",
        }),
        line("generated", generated_on()),
        line("callingCodes", {str(cc): rs for cc, rs in sorted(geographic.items()) if rs}),
        line("nonGeographicCallingCodes", non_geo),
    ]
    body = ",\n".join(line(r, regions[r]) for r in sorted(regions))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("{\n" + ",\n".join(header) + ',\n"regions":{\n' + body + "\n}}\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes, {len(regions)} regions, "
          f"phonenumbers {phonenumbers.__version__})")


if __name__ == "__main__":
    main()
