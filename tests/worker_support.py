"""What test modules on different pytest-xdist workers share: values made once per run.

``make test`` runs pytest-xdist workers, each a pytest session of its own, so a session fixture
runs once per worker. A built site or a browser tour that several modules read is made once
per run instead, in the run's shared temporary folder (the documented xdist pattern).
"""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")  # "gw0", "gw1"... under pytest-xdist
T = TypeVar("T")


def once_per_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], T]
) -> T:
    """``make(folder)`` once per test run, also under pytest-xdist, where every worker is a
    session of its own: the first worker to ask makes it in the run's shared temporary folder,
    holding a file lock; the others wait for the lock and read its pickled result. The value
    (and anything it names in ``folder``) is shared: never modify it in a test."""
    if XDIST_WORKER is None:
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent / f"once-{name}"
    with open(f"{shared}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        record = shared / "value.pickle"
        if record.is_file():
            value: T = pickle.loads(record.read_bytes())
            return value
        shutil.rmtree(shared, ignore_errors=True)  # left by an attempt that raised
        shared.mkdir()
        value = make(shared)
        record.write_bytes(pickle.dumps(value))
        return value
