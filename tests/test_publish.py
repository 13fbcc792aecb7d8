""".github/workflows/publish.yml: on a push to main, set up, test, build, then deploy to GitHub Pages."""

from __future__ import annotations

from pathlib import Path

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


def test_the_sitemap_lists_every_page_with_absolute_alternates_in_both_languages(site: Path) -> None:
    import xml.etree.ElementTree as ElementTree

    from conftest import built_urls

    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(site / "sitemap.xml").getroot()  # noqa: S314 - our own build's output
    site_url = root.find("s:url/s:loc", namespaces).text  # type: ignore[union-attr]
    assert site_url is not None and site_url.startswith(("http://", "https://"))
    listed = {}
    for entry in root.findall("s:url", namespaces):
        location = entry.find("s:loc", namespaces).text  # type: ignore[union-attr]
        alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", namespaces)}
        listed[location] = alternates
    japanese_pages = [url for url in built_urls(site) if not url.startswith("en/")]
    for url in japanese_pages:
        address = site_url + url
        assert address in listed, f"{url} is not in the sitemap"
        assert listed[address] == {"ja": address, "en": f"{site_url}en/{url}"}, listed[address]
