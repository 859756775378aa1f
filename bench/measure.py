"""Run one command and report its wall time, CPU time and peak memory as JSON.

``python -m bench.measure --log FILE -- COMMAND...`` is started fresh for every measurement: the
children's peak resident set size (``getrusage(RUSAGE_CHILDREN)``) of a new interpreter then
belongs to that one command alone. The command's own output goes to ``--log``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.measure")
    parser.add_argument("--log", required=True, help="file that receives the command's output")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    with open(args.log, "wb") as log:
        started = time.perf_counter()
        returncode = subprocess.call(command, stdout=log, stderr=subprocess.STDOUT)
        seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = {
        "seconds": seconds,
        # CPU time moves less than wall time when other work shares the machine.
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "max_rss_mb": usage.ru_maxrss / 1024,  # ru_maxrss is in KiB on Linux
        "returncode": returncode,
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
