"""hooks/front_matter.py: a front matter MkDocs cannot read stops the build with its file and line,
and every built page carries its own description."""

from __future__ import annotations

from pathlib import Path

from conftest import build, built_urls, soup
from front_matter import front_matter_error


def test_a_value_with_a_colon_is_reported_with_its_line() -> None:
    problem = front_matter_error("---\nsearch:\n  boost: 2\ndescription: Step 1: learn\n---\n\n# Step 1\n")
    assert problem is not None and problem.startswith("line 4: mapping values are not allowed here")


def test_valid_or_absent_front_matter_is_left_alone() -> None:
    assert front_matter_error('---\ndescription: "Step 1: learn"\n---\n# Step 1\n') is None
    assert front_matter_error("# A page\n\n---\n\nAfter a rule: text.\n") is None


def test_a_broken_front_matter_stops_the_build_naming_the_file(project_copy: Path) -> None:
    page = project_copy / "docs" / "en" / "faq.md"
    text = page.read_text(encoding="utf-8")
    page.write_text("---\ndescription: Questions: answers\n---\n\n" + text.split("---\n", 2)[-1], encoding="utf-8")
    result = build(project_copy)
    assert result.returncode != 0
    assert "Front matter error in docs/en/faq.md, line 2" in result.output


def test_every_page_has_a_description_of_its_own(site: Path) -> None:
    homes = (soup(site / home / "index.html").select_one('meta[name="description"]') for home in ("", "en"))
    site_wide = {str(meta["content"]) for meta in homes if meta is not None}
    assert len(site_wide) == 2
    for url in built_urls(site):
        document = soup(site / url / "index.html")
        meta = document.select_one('meta[name="description"]')
        assert meta is not None and meta["content"], url
        if url not in ("", "en/"):
            assert str(meta["content"]) not in site_wide, f"{url} has only the site's description"
            article = document.select_one("article")
            assert article is not None and "description:" not in article.get_text(), url
