"""Shared fixtures: the real site built once per test session, and throw-away copies of the project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "data")
LANGUAGES = ("ja", "en")


@dataclass(frozen=True)
class Build:
    returncode: int
    output: str
    site: Path


def build(project: Path, site: Path | None = None) -> Build:
    """Run the real `mkdocs build --strict` on a project folder."""
    site = site or project / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook, built once for the whole test session."""
    result = build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project a test may break on purpose."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / part)
    return tmp_path


def page_path(site: Path, language: str, page: str) -> Path:
    """The built HTML of a page given as its Markdown path, e.g. ('en', 'cases/index.md')."""
    stem = page.removesuffix(".md")
    if stem == "index":
        relative = Path("index.html")
    elif stem.endswith("/index"):
        relative = Path(stem.removesuffix("/index")) / "index.html"
    else:
        relative = Path(stem) / "index.html"
    return (site if language == "ja" else site / language) / relative


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def html(site: Path) -> Callable[[str, str], BeautifulSoup]:
    """The parsed HTML of one page of the built site."""

    def parse(language: str, page: str) -> BeautifulSoup:
        return soup(page_path(site, language, page))

    return parse


def authored_pages(language: str = "ja") -> list[str]:
    """Every Markdown page written by hand for one language, relative to its language folder."""
    folder = ROOT / "docs" / language
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.md"))


def load_yaml(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))
