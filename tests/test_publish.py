""".github/workflows/publish.yml: on a push to main, set up, test, build, then deploy to GitHub Pages."""

from __future__ import annotations

import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def test_the_workflow_tests_before_it_builds_and_deploys() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML reads the key "on" as true
    assert triggers["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = [step.get("run") or step.get("uses", "") for step in build["steps"]]
    order = [
        next(index for index, step in enumerate(steps) if step.startswith(prefix))
        for prefix in (
            "actions/checkout",
            "actions/setup-python",
            "make test",
            "make build",
            "actions/upload-pages-artifact",
        )
    ]
    assert order == sorted(order), steps
    assert deploy["needs"] == "build"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_the_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert "HANDBOOK_CHROMIUM" in workflow["jobs"]["build"]["env"]
