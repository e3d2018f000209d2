"""Send last night's extract of measure data to OpenQMS through its API.

Uses only Python's standard library (3.9 or later). The extract is a CSV file with the columns of
an OpenQMS data file (docs/imports.md): measure, unit, period, and value or numerator and
denominator. It is sent in batches of up to 50,000 observations; each batch is checked whole and
written only if every row is right, and carries an Idempotency-Key made from the file and the
batch, so running the script twice (after a timeout, say) never writes a batch twice.

    export OPENQMS_URL=https://qms.example.nhs.uk
    export OPENQMS_TOKEN=oqt_…            # openqms create-token warehouse --unit BOARD --service
    python nightly_extract.py extract-2026-12-01.csv [--dry-run]

Exit status: 0 when every batch was saved (or checked, with --dry-run), 1 when OpenQMS refused a
batch (its problems are printed with their line in the file and their column), 2 for anything else.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

BATCH = 50_000
COLUMNS = ("value", "numerator", "denominator")


def observations(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    """(line in the file, observation) for every row that carries data."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            item: dict[str, object] = {
                "measure": row["measure"],
                "unit": row["unit"],
                "period": row["period"],
            }
            for column in COLUMNS:
                if (row.get(column) or "").strip():
                    item[column] = float(row[column])
            if len(item) > 3:
                yield line, item


def post(url: str, token: str, body: bytes, key: str) -> tuple[int, dict[str, object], str | None]:
    request = urllib.request.Request(  # noqa: S310 (the address is the operator's)
        url,
        data=body,
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Idempotency-Key": key,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=600) as response:  # noqa: S310
            return response.status, json.load(response), None
    except urllib.error.HTTPError as error:
        return error.code, json.load(error), error.headers.get("Retry-After")


def send(path: Path, base: str, token: str, dry_run: bool) -> int:
    rows = list(observations(path))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    url = base.rstrip("/") + "/api/v1/observations/bulk"
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        body = json.dumps({"items": [item for _, item in batch], "dry_run": dry_run}).encode()
        key = f"{path.name}-{digest}-{start}"
        for _attempt in range(5):
            status, answer, retry_after = post(url, token, body, key)
            if status != 429:
                break
            time.sleep(int(retry_after or "60"))  # over the token's rate limit: wait as told
        if status == 422:
            for problem in answer.get("errors", []):  # type: ignore[union-attr]
                index = problem.get("index")
                where = f"line {batch[index][0]}" if isinstance(index, int) else "the request"
                print(
                    f"{path.name}: {where}, {problem.get('field')}: {problem.get('message')}", file=sys.stderr
                )
            return 1
        if status != 200:
            print(f"OpenQMS answered {status}: {answer.get('message')}", file=sys.stderr)
            return 2
        print(
            f"rows {batch[0][0]}–{batch[-1][0]}: {answer['created']} new, {answer['updated']} corrected, "
            f"{answer['unchanged']} unchanged" + (" (dry run: nothing written)" if dry_run else "")
        )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("extract", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    args = parser.parse_args()
    base, token = os.environ.get("OPENQMS_URL"), os.environ.get("OPENQMS_TOKEN")
    if not base or not token:
        print("Set OPENQMS_URL and OPENQMS_TOKEN", file=sys.stderr)
        return 2
    return send(args.extract, base, token, args.dry_run)


if __name__ == "__main__":
    raise SystemExit(main())
