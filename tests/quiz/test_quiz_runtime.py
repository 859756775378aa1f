"""The shipped Pyodide runtime: pins, vendored wheels and the trimmed lock."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from generator import i18n
from generator.quiz import runtime

ROOT = Path(__file__).resolve().parents[2]


def test_pyodide_pin_matches_package_json() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["pyodide"] == runtime.PYODIDE_VERSION


def test_vendored_wheels_match_their_pins() -> None:
    for pinned in runtime.WHEELS:
        data = runtime.wheel_bytes(pinned)
        assert hashlib.sha256(data).hexdigest() == pinned.sha256


def test_a_changed_wheel_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pinned = runtime.WHEELS[0]
    (tmp_path / pinned.filename).write_bytes(b"not the wheel")
    monkeypatch.setattr(runtime, "VENDOR_DIR", tmp_path)
    with pytest.raises(runtime.RuntimeSetupError, match=r"sha256 .*, seharusnya "):
        runtime.wheel_bytes(pinned)


def test_missing_pyodide_names_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOMPETENSI_PYODIDE_DIR", str(tmp_path))
    with pytest.raises(
        runtime.RuntimeSetupError, match=r"package.json: tidak ada. Saran: jalankan `make setup`"
    ):
        runtime.pyodide_dir()
    with (
        i18n.speaking("en"),
        pytest.raises(
            runtime.RuntimeSetupError, match=r"package.json: missing. Hint: run `make setup`"
        ),
    ):
        runtime.pyodide_dir()
    (tmp_path / "package.json").write_text('{"version": "0.1"}', encoding="utf-8")
    with pytest.raises(runtime.RuntimeSetupError, match=r"terpasang pyodide 0.1, sedangkan kuis"):
        runtime.pyodide_dir()


def test_lock_lists_only_the_vendored_wheels_with_their_real_hashes() -> None:
    stock = json.loads((runtime.pyodide_dir() / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock = runtime.lock_file(stock)
    assert lock["info"] == stock["info"]
    assert set(lock["packages"]) == {"micropip", "packaging"}
    for pinned in runtime.WHEELS:
        entry = lock["packages"][pinned.name]
        assert entry["file_name"] == pinned.filename
        assert entry["sha256"] == pinned.sha256
        assert entry["depends"] == []
        assert entry["imports"] == [pinned.name]
        # PyPI's file is not the one Pyodide's own lock describes: that is why we rewrite it.
        assert stock["packages"][pinned.name]["sha256"] != pinned.sha256


def test_check_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert runtime.main(["--check"]) == 0
    assert "micropip-0.11.1-py3-none-any.whl" in capsys.readouterr().out
