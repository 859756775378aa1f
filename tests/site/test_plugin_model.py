"""The plugin reads the export into the typed model once per build: every generated page, the
quiz and recap forms included, is rendered from that one model (the forms' own test:
tests/quiz/test_quiz_page.py)."""

from __future__ import annotations

from typing import Any

import pytest
from site_support import ROOT

from generator.engine import model


def test_a_build_reads_the_standard_into_the_model_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config

    made: list[model.StandardModel] = []
    plain_init = model.StandardModel.__init__

    def counted(self: model.StandardModel, *args: Any, **kwargs: Any) -> None:
        plain_init(self, *args, **kwargs)
        made.append(self)

    # Counted where every reader (read_standard, wherever it was imported) makes one.
    monkeypatch.setattr(model.StandardModel, "__init__", counted)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")  # the plugin then leaves the date alone
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_shutdown()
    plugin = config.plugins["kompetensi"]
    assert len(made) == 1
    assert made[0] is plugin.standard.model
    uris = [generated.uri for generated in plugin.generated]
    assert "asesmen.md" in uris and "rekap.md" in uris
