"""Count the machine instructions of one `compute` on the benchmark's 100-point series.

Run from the repository root: `.venv/bin/python benchmarks/spc_single_instructions.py`. Needs
valgrind (Debian package `valgrind`; not a project dependency). The machine's timings move by a
factor of two from one process to the next; instruction counts do not, so this is the figure to
compare two versions of the engine by. It runs `spc_single.py --calls-only` under callgrind twice
(0 and `--calls` calls, each after the same imports) and prints the difference per call.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parent / "spc_single.py"


def _instructions(valgrind: str, calls: int) -> int:
    with tempfile.TemporaryDirectory() as out:
        # One BLAS thread and a fixed hash seed: the counts then repeat to within a few hundred.
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}
        run = subprocess.run(  # noqa: S603 (our own arguments)
            [
                valgrind,
                "--tool=callgrind",
                f"--callgrind-out-file={out}/callgrind.out",
                sys.executable,
                str(BENCHMARK),
                "--calls-only",
                str(calls),
            ],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no count:\n{run.stderr}")
    return int(found.group(1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--calls", type=int, default=500)
    a = ap.parse_args()
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 1
    base, loaded = _instructions(valgrind, 0), _instructions(valgrind, a.calls)
    print(f"instructions_per_compute={(loaded - base) // a.calls}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
