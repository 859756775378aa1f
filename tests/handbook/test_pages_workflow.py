"""The GitHub Pages workflow is valid YAML, builds with the README's command and deploys site/."""

from __future__ import annotations

from typing import Any

import yaml
from handbook_support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def _workflow() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def _uses(step: dict[str, Any], action: str) -> bool:
    return str(step.get("uses", "")).split("@", 1)[0] == action


def test_the_readme_names_make_build_as_the_build_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`make build`" in readme
    assert "\nbuild: " in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_workflow_is_valid_yaml_with_the_expected_triggers() -> None:
    workflow = _workflow()
    # PyYAML reads the bare key `on` as the boolean true (YAML 1.1); GitHub reads it as "on".
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["concurrency"]["group"] == "pages"


def test_build_job_runs_make_build_and_uploads_site() -> None:
    build = _workflow()["jobs"]["build"]
    assert build["runs-on"].startswith("ubuntu")
    steps = build["steps"]
    assert any(_uses(s, "actions/checkout") for s in steps)
    assert any(_uses(s, "actions/setup-python") for s in steps)
    assert any(_uses(s, "actions/setup-node") for s in steps)
    runs = [s["run"].strip() for s in steps if "run" in s]
    assert runs == ["make build"], "the build step is the project's own build command"
    (upload,) = [s for s in steps if _uses(s, "actions/upload-pages-artifact")]
    assert upload["with"]["path"] == "site"
    order = [
        i for i, s in enumerate(steps) if "run" in s or _uses(s, "actions/upload-pages-artifact")
    ]
    assert order == sorted(order) and "run" in steps[order[0]], "build before upload"


def test_deploy_job_deploys_with_the_pages_permissions() -> None:
    deploy = _workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    (step,) = deploy["steps"]
    assert _uses(step, "actions/deploy-pages")
    expected_url = "${{ steps." + step["id"] + ".outputs.page_url }}"
    assert deploy["environment"]["url"] == expected_url
