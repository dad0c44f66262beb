"""`cove stats import-records` and `cove stats table` on the real binary: a generated year of
contact records is counted, a repeat and a broken file are refused without changing anything,
and the indicator table agrees with DuckDB computing the same indicators from the raw records.

Uses its own data folder (it replaces the directory), not the shared server's.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import REPO_ROOT, _resolve_binary

BENCH = REPO_ROOT / "bench" / "statistics"


@pytest.fixture(scope="module")
def workspace():
    folder = Path(tempfile.mkdtemp(prefix="cove-records-"))
    subprocess.run([sys.executable, str(BENCH / "generate.py"), "--records", "20000", "--countries", "12",
                    "--seed", "7", "--out", str(folder / "records.csv"),
                    "--directory-out", str(folder / "directory.csv")], check=True, capture_output=True)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def cove(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(_resolve_binary()), *args, "--data-dir", str(folder / "data"), "--log-level", "error"],
                          capture_output=True, text=True, cwd=REPO_ROOT, timeout=300)


def table(folder: Path, name: str) -> str:
    written = cove(folder, "stats", "table", "--output", str(folder / name))
    assert written.returncode == 0, written.stderr
    return (folder / name).read_text(encoding="utf-8")


def test_records_are_counted_once_and_the_table_agrees_with_duckdb(workspace: Path):
    directory = cove(workspace, "directory", "import", str(workspace / "directory.csv"))
    assert directory.returncode == 0, directory.stdout + directory.stderr

    counted = cove(workspace, "stats", "import-records", str(workspace / "records.csv"))
    again = cove(workspace, "stats", "import-records", str(workspace / "records.csv"))

    assert counted.returncode == 0, counted.stdout + counted.stderr
    assert "Counted 20000 contact records (2025-01 to 2025-12)" in counted.stdout
    assert again.returncode != 0
    assert "imported already" in again.stderr
    before = table(workspace, "table.csv")
    check = subprocess.run([sys.executable, str(BENCH / "duckdb_table.py"), "--records", str(workspace / "records.csv"),
                            "--cove-table", str(workspace / "table.csv"), "--runs", "1"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "differing=0" in check.stdout and "compared=0" not in check.stdout

    lines = (workspace / "records.csv").read_text(encoding="utf-8").splitlines()
    broken = workspace / "broken.csv"
    broken.write_text("\n".join(lines[:5] + [lines[5].rsplit(",", 1)[0] + ",carrier-pigeon"] + lines[6:]) + "\n",
                      encoding="utf-8")
    refused = cove(workspace, "stats", "import-records", str(broken))

    assert refused.returncode != 0
    assert 'line 6, channel: "carrier-pigeon" is not a known channel' in refused.stderr
    assert table(workspace, "after.csv") == before
