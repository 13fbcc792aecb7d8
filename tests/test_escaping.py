"""Strings from YAML are HTML-escaped wherever they land: table, cards, case pages, tooltips, sources."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import build, page_path

ATTACK = "<script>alert('x')</script>"


def edit_yaml(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_script_in_yaml_comes_out_as_text(project_copy: Path) -> None:
    data = project_copy / "data"

    def poison_program(programs: list[dict]) -> None:  # type: ignore[type-arg]
        programs[0]["summary"]["ja"] = ATTACK
        programs[0]["name"]["en"] = ATTACK

    def poison_case(case: dict) -> None:  # type: ignore[type-arg]
        case["name"] = {"ja": ATTACK, "en": ATTACK}
        case["background"]["ja"] = ATTACK
        case["summary"]["en"] = ATTACK + ': "quoted"'

    def poison_term(terms: list[dict]) -> None:  # type: ignore[type-arg]
        terms[0]["definition"]["ja"] = ATTACK + '" onmouseover="alert(1)'

    edit_yaml(data / "support-programs.yml", poison_program)
    edit_yaml(data / "cases" / "kirari-yoshijima.yml", poison_case)
    edit_yaml(data / "glossary.yml", poison_term)
    result = build(project_copy)
    assert result.returncode == 0, result.output
    for language in ("ja", "en"):
        for page in ("support-programs/all.md", "cases/index.md", "cases/kirari-yoshijima.md", "glossary.md"):
            html = page_path(result.site, language, page).read_text(encoding="utf-8")
            assert "<script>alert(" not in html, (language, page)
            assert 'onmouseover="alert' not in html, (language, page)
    case_page = page_path(result.site, "ja", "cases/kirari-yoshijima.md").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in case_page
