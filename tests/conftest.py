"""Shared fixtures: the real site built once per test session, and throw-away copies of the project."""

from __future__ import annotations

import functools
import gzip
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "data")
PHRASE_BREAK = "\u200b"  # hooks/handbook/japanese.py
WORD_JOINER = "\u2060"  # hooks/handbook/japanese.py: holds a ruby to the text beside it
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


def copy_project(target: Path) -> Path:
    """Copy what the build reads (mkdocs.yml, docs, hooks, overrides, data) into a folder."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    # The build serves vendored scripts from npm's folder; a link is enough, as no test edits them.
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project a test may break on purpose."""
    return copy_project(tmp_path)


def write_pdfs(site: Path) -> subprocess.CompletedProcess[str]:
    """Run the PDF step (`make pdf`) on a built site."""
    return subprocess.run(
        [sys.executable, "-m", "handbook.pdf", "--site", str(site)],
        cwd=ROOT / "hooks",
        capture_output=True,
        text=True,
        timeout=900,
    )


MANY_CASES = 40  # more than the side bar lists (hooks/case_studies.py, SIDE_BAR_LIMIT)


@pytest.fixture(scope="session")
def many_cases_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook built from a copy with 40 synthetic case studies added (tests/synthetic.py)."""
    from synthetic import write_synthetic_cases

    project = copy_project(tmp_path_factory.mktemp("many-cases"))
    write_synthetic_cases(project, MANY_CASES)
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="session")
def pdfs(site: Path) -> Path:
    """The PDFs of the session's site, written once for every test that reads them."""
    result = write_pdfs(site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site / "pdf"


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


# Many tests read every page of the same built site: each page is parsed once per session (per version
# of the file). A test reads the parsed page and never changes it; to change one, parse a copy.
@functools.lru_cache(maxsize=600)
def _parsed(path: str, version: tuple[int, int], *, read: bool) -> BeautifulSoup:
    text = Path(path).read_text(encoding="utf-8")
    return as_read(text) if read else BeautifulSoup(text, "html.parser")


def _version(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


def raw_soup(path: Path) -> BeautifulSoup:
    """A built page exactly as served, furigana included (shared: do not change it)."""
    return _parsed(str(path), _version(path), read=False)


def soup(path: Path) -> BeautifulSoup:
    """A built page with its text as written (see `as_read`; shared: do not change it)."""
    return _parsed(str(path), _version(path), read=True)


def as_read(page: str) -> BeautifulSoup:
    """A page's HTML with its text as written: the furigana over the Japanese pages' kanji
    (hooks/furigana.py) are left out, as a reader who has them switched off sees it, and so are
    the line-break hints (zero-width spaces and word joiners, or <wbr>), which show nothing."""
    document = BeautifulSoup(page.replace(PHRASE_BREAK, "").replace(WORD_JOINER, ""), "html.parser")
    for reading in document.select("rt, rp, wbr"):
        reading.decompose()
    for ruby in document.select("ruby"):
        ruby.unwrap()
    document.smooth()
    return document


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


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@functools.cache
def navigation() -> list[object]:
    """mkdocs.yml's nav as written: page names, and sections as {title: [pages]} (read once; do not change it)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds only strings, and mkdocs.yml has !ENV tags
    nav: list[object] = config["nav"]
    return nav


def nav_pages() -> list[str]:
    """Every page of the navigation, in reading order."""
    pages: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, str):
                pages.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value if isinstance(value, list) else [value])

    walk(navigation())
    return pages


def chapter_pages(page: str) -> list[str]:
    """The pages of the chapter that starts at `page`: a section's overview and every page under it in
    reading order (workshops/index.md, workshops/training.md, …), or the page alone."""
    for item in navigation():
        if isinstance(item, dict):
            for pages in item.values():
                if isinstance(pages, list) and pages and pages[0] == page:
                    return [str(name) for name in pages]
    return [page]


# --- The real browser: Debian's Chromium driven by Playwright, against the built site on 127.0.0.1 ---

CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A built site served on a free port of 127.0.0.1, compressed as GitHub Pages does; yields its address."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    """A page's text, or "" while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a server on 127.0.0.1
            return str(response.read().decode("utf-8", errors="replace"))
    except OSError:
        return ""


@contextmanager
def mkdocs_serve(project: Path) -> Iterator[str]:
    """`mkdocs serve` (the README's `make serve`) on a project folder and a free port; yields its address."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built site served on a free port of 127.0.0.1; yields its base address."""
    with serve_folder(site) as address:
        yield address


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does: text compressed with gzip when the browser accepts it."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the address ending in a slash
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts_gzip or path.suffix not in self.COMPRESSED or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def built_urls(site: Path) -> list[str]:
    """Every HTML page of the built site, as paths relative to the site root (e.g. 'en/workshops/')."""
    paths = []
    for path in sorted(site.rglob("index.html")):
        relative = path.parent.relative_to(site).as_posix()
        if relative.startswith(("assets", "search", "pdf")):
            continue
        paths.append("" if relative == "." else f"{relative}/")
    return paths


# --- Test tiers: `make test-fast` leaves out the slow tests (pytest -m "not slow") ---

SLOW_FIXTURES = {"browser", "tab", "server", "pdfs", "many_cases_pdfs"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the browser or the PDFs is slow, whether or not its module says so."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


# --- Figures the checks measure, printed at the end of the test run (and kept in a report file) ---

REPORTS: dict[str, list[str]] = {}


def report(title: str, lines: list[str]) -> None:
    """Keep a measured table to print after the tests, e.g. translation coverage."""
    REPORTS[title] = lines


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for title, lines in REPORTS.items():
        terminalreporter.section(title)
        for line in lines:
            terminalreporter.write_line(line)


def heading_text(tag: object) -> str:
    """A heading's words as a reader sees them, without the permalink sign."""
    from bs4 import Tag

    assert isinstance(tag, Tag)
    return " ".join(
        "".join(
            str(part)
            for part in tag.strings
            if part.parent is None or "headerlink" not in (part.parent.get("class") or [])
        ).split()
    )
