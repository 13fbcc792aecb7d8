"""hooks/handbook/build.py (`make build`): every kind of mistake stops the build with one message naming
the file, no traceback, and site/ left byte for byte as it was; allowed inputs are built.

Each test breaks a throw-away copy of the project and runs the README's build command on it, as the
Makefile does (`cd hooks && python -m handbook.build --site ../site`), without the PDFs and the
offline copy except in the one slow test that runs every step."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import page_path, soup

CASE = "data/cases/kirari-yoshijima.yml"
CHAPTER = "introduction.md"  # any chapter will do; this one is a single page in each language


@dataclass(frozen=True)
class Result:
    returncode: int
    output: str

    def problems(self) -> list[str]:
        """The lines that tell the maintainer what is wrong."""
        return [line for line in self.output.splitlines() if line.startswith(("ERROR", "WARNING"))]


def make_build(project: Path, *, pdf: bool = False, offline: bool = False) -> Result:
    """The README's build command on a project folder."""
    command = [sys.executable, "-m", "handbook.build", "--site", "../site"]
    command += [] if pdf else ["--no-pdf"]
    command += [] if offline else ["--no-offline"]
    with subprocess.Popen(
        command,
        cwd=project / "hooks",
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,  # so that a build that hangs is stopped with every process it started
    ) as process:
        try:
            output, _ = process.communicate(timeout=1800 if pdf else 600)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise
    return Result(process.returncode, output)


def earlier_site(project: Path) -> dict[str, str]:
    """A site/ as an earlier build left it, and the hash of every file in it."""
    site = project / "site"
    (site / "en" / "workshops").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>前回のビルド</title>", encoding="utf-8")
    (site / "en" / "workshops" / "index.html").write_text("<title>earlier build</title>", encoding="utf-8")
    (site / "data").mkdir()
    (site / "data" / "case-studies.csv").write_bytes(b"\xef\xbb\xbfid\r\nkirari-yoshijima\r\n")
    return fingerprint(site)


def fingerprint(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def line_of(project: Path, relative: str, needle: str) -> int:
    lines = (project / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def first_non_ascii_line(text: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if not line.isascii())


def assert_refused(project: Path, before: dict[str, str], *expected: str) -> str:
    """The build failed with one message holding every expected part, and site/ is as it was."""
    result = make_build(project)
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    problems = result.problems()
    assert len(problems) == 1, f"expected one message, got:\n{result.output}"
    for part in expected:
        assert part in problems[0], f"{part!r} not in:\n{result.output}"
    assert "site/ was left as it was" in result.output
    assert fingerprint(project / "site") == before
    assert not list(project.glob(".site-*")), "the staging folder was left behind"
    return problems[0]


def test_a_date_that_is_not_on_the_calendar(project_copy: Path) -> None:
    before = earlier_site(project_copy)
    path = project_copy / CASE
    path.write_text(path.read_text(encoding="utf-8").replace("founded: 2007-04", 'founded: "2026-02-30"'), "utf-8")
    line = line_of(project_copy, CASE, "founded:")
    assert_refused(
        project_copy,
        before,
        f"{CASE}, line {line}",
        "record 'kirari-yoshijima'",
        "field 'founded'",
        "'2026-02-30' is not a day of the calendar",
    )


def test_a_case_file_saved_in_shift_jis(project_copy: Path) -> None:
    before = earlier_site(project_copy)
    path = project_copy / CASE
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp932", errors="replace"))
    assert_refused(project_copy, before, f"{CASE}, line {first_non_ascii_line(text)}", "not saved as UTF-8")


def test_a_chapter_saved_in_shift_jis(project_copy: Path) -> None:
    before = earlier_site(project_copy)
    path = project_copy / "docs" / "ja" / CHAPTER
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp932", errors="replace"))
    assert_refused(project_copy, before, f"docs/ja/{CHAPTER}, line {first_non_ascii_line(text)}", "UTF-8")


def test_a_missing_snippet_in_an_english_chapter(project_copy: Path) -> None:
    before = earlier_site(project_copy)
    path = project_copy / "docs" / "en" / CHAPTER
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[:3], "", '--8<-- "no-such-snippet.md"', "", *lines[3:]]) + "\n", "utf-8")
    assert_refused(project_copy, before, f"docs/en/{CHAPTER}, line 5", "no-such-snippet.md")


def test_a_broken_link_stops_the_build_after_the_pages_were_written(project_copy: Path) -> None:
    before = earlier_site(project_copy)
    path = project_copy / "docs" / "en" / CHAPTER
    path.write_text(path.read_text(encoding="utf-8") + "\nSee [the missing page](no-such-page.md).\n", "utf-8")
    assert_refused(project_copy, before, f"en/{CHAPTER}", "no-such-page.md")


def test_a_link_to_nowhere_in_the_case_folder(project_copy: Path) -> None:
    before = earlier_site(project_copy)
    (project_copy / "data" / "cases" / "ghost.yml").symlink_to(project_copy / "data" / "no-such-file.yml")
    assert_refused(project_copy, before, "data/cases/ghost.yml", "does not exist")


def test_a_link_to_a_record_outside_the_project(project_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    before = earlier_site(project_copy)
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "outside.yml"
    text = (project_copy / CASE).read_text(encoding="utf-8")
    elsewhere.write_text(text.replace("id: kirari-yoshijima", "id: outside"), encoding="utf-8")
    (project_copy / "data" / "cases" / "outside.yml").symlink_to(elsewhere)
    assert_refused(project_copy, before, "data/cases/outside.yml", "outside the project")


def test_a_case_file_ending_in_yaml_is_refused_with_its_new_name(project_copy: Path) -> None:
    before = earlier_site(project_copy)
    text = (project_copy / CASE).read_text(encoding="utf-8")
    (project_copy / "data" / "cases" / "second.yaml").write_text(
        text.replace("id: kirari-yoshijima", "id: second"), encoding="utf-8"
    )
    assert_refused(project_copy, before, "data/cases/second.yaml", "rename it to second.yml")


def test_a_year_written_as_a_plain_number_is_built(project_copy: Path) -> None:
    earlier_site(project_copy)
    path = project_copy / CASE
    text = path.read_text(encoding="utf-8")
    assert re.search(r"^founded: 2007-04$", text, re.MULTILINE)
    path.write_text(text.replace("founded: 2007-04", "founded: 2007"), encoding="utf-8")
    result = make_build(project_copy)
    assert result.returncode == 0, result.output
    assert result.problems() == []
    site = project_copy / "site"
    assert founded(site, "ja", "設立") == "平成19年（2007年）"
    assert founded(site, "en", "Founded") == "2007"
    # The earlier site is replaced as a whole, and the open data is part of the new one.
    assert "前回のビルド" not in (site / "index.html").read_text(encoding="utf-8")
    assert b"kirari-yoshijima" in (site / "data" / "case-studies.csv").read_bytes()
    assert not list(project_copy.glob(".site-*")), "a staging folder was left behind"


def founded(site: Path, language: str, label: str) -> str:
    """What a case page shows as its founding date."""
    page = soup(page_path(site, language, "cases/kirari-yoshijima.md"))
    term = next(dt for dt in page.select("dt") if dt.get_text(strip=True) == label)
    value = term.find_next_sibling("dd")
    assert value is not None
    return str(value.get_text(strip=True))


@pytest.mark.slow
def test_the_whole_build_replaces_the_site_with_pdfs_and_offline_copy(project_copy: Path) -> None:
    """Every step of `make build`; a failure in the last step leaves the earlier site too."""
    before = earlier_site(project_copy)
    # Without the PDFs the offline copy cannot be made: the last step fails, after the site was built.
    failed = make_build(project_copy, pdf=False, offline=True)
    assert failed.returncode != 0, failed.output
    assert "the offline copy needs the PDFs first" in failed.output
    assert "site/ was left as it was" in failed.output
    assert fingerprint(project_copy / "site") == before

    result = make_build(project_copy, pdf=True, offline=True)
    assert result.returncode == 0, result.output
    site = project_copy / "site"
    after = fingerprint(site)
    assert "index.html" in after and after["index.html"] != before["index.html"]
    assert {"pdf/ja/handbook.pdf", "pdf/en/handbook.pdf", "data/case-studies.json"} <= after.keys()
    with zipfile.ZipFile(site / "downloads" / "chiiki-unei-handbook-offline.zip") as bundle:
        assert "chiiki-unei-handbook/index.html" in bundle.namelist()
    assert not list(project_copy.glob(".site-*")), "a staging folder was left behind"


@pytest.mark.slow  # three builds under `mkdocs serve`
def test_a_mistake_while_serving_is_one_message_and_the_fix_is_served(project_copy: Path) -> None:
    from conftest import fetch, free_port
    from test_serve import wait_for  # the helpers of the serve check

    port = free_port()
    log = project_copy / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project_copy,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        url = f"http://127.0.0.1:{port}/cases/kirari-yoshijima/"
        assert wait_for(url, "平成19年（2007年）4月", 120), log.read_text(encoding="utf-8")
        path = project_copy / CASE
        path.write_text(path.read_text(encoding="utf-8").replace("founded: 2007-04", 'founded: "2026-02-30"'), "utf-8")
        deadline = time.monotonic() + 120
        while "2026-02-30" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.5)
        output_text = log.read_text(encoding="utf-8")
        assert "Traceback" not in output_text, output_text
        # One message, besides MkDocs' own note that the rebuild failed ("the server will appear stuck").
        errors = [
            line
            for line in output_text.splitlines()
            if line.startswith("ERROR") and "An error happened during the rebuild" not in line
        ]
        assert len(errors) == 1, output_text
        assert f"Data error in {CASE}" in errors[0] and "field 'founded'" in errors[0]
        # MkDocs holds page requests while the last rebuild failed; once fixed, the new page is served.
        path.write_text(path.read_text(encoding="utf-8").replace('founded: "2026-02-30"', "founded: 2007"), "utf-8")
        assert wait_for(url, "平成19年（2007年）</dd>", 120), fetch(url)[:300]
    finally:
        server.terminate()
        server.wait(timeout=30)
