"""The handbook's pages in reading order, grouped into chapters: one list that every printed or packed
form of the handbook follows, whatever the side bar happens to show.

The build writes it as `reading-order.json` at each language's root (site/reading-order.json,
site/en/reading-order.json). A chapter is one entry at the top of `nav:` in mkdocs.yml: a page, or a
section with all the pages under it — including pages the hooks generate into it, such as the case
studies, which the side bar stops listing when there are many. The PDFs (hooks/handbook/pdf.py) and the
offline copy (hooks/handbook/offline.py) read this file instead of the built side bar.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import asdict, dataclass
from pathlib import Path

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from handbook.printing import pdf_name

MANIFEST = "reading-order.json"


@dataclass(frozen=True)
class PageEntry:
    url: str  # relative to the site root, e.g. "en/workshops/" (or "en/workshops.html" offline)
    title: str


@dataclass(frozen=True)
class ChapterEntry:
    number: int  # 1 for the first chapter after the home page
    title: str
    pdf: str  # the chapter's PDF file name without ".pdf", e.g. "workshops"
    pages: list[PageEntry]


@dataclass(frozen=True)
class Manifest:
    language: str
    title: str  # the handbook's title in this language
    home: PageEntry
    chapters: list[ChapterEntry]

    def pages(self) -> list[PageEntry]:
        """Every page after the home page, in reading order."""
        return [page for chapter in self.chapters for page in chapter.pages]


def top_item(page: Page) -> Page | Section:
    """The entry at the top of the navigation that holds this page: its chapter."""
    item: Page | Section = page
    while item.parent is not None:
        item = item.parent
    return item


def chapter_groups(nav: Navigation) -> list[tuple[Page | Section, list[Page]]]:
    """The pages after the home page in the navigation's reading order, grouped by their chapter."""
    groups: dict[int, tuple[Page | Section, list[Page]]] = {}
    for page in nav.pages:
        if page is nav.homepage:
            continue
        top = top_item(page)
        groups.setdefault(id(top), (top, []))[1].append(page)
    return list(groups.values())


def page_title(page: Page) -> str:
    return " ".join((page.title or page.url).split())


def build_manifest(nav: Navigation, language: str, default_language: str, title: str) -> Manifest:
    home = nav.homepage
    if home is None:
        raise ValueError("the navigation has no home page")
    chapters = []
    for number, (top, pages) in enumerate(chapter_groups(nav), 1):
        chapter_title = page_title(top) if isinstance(top, Page) else " ".join(str(top.title).split())
        chapters.append(
            ChapterEntry(
                number=number,
                title=chapter_title,
                pdf=pdf_name(pages[0].url, language, default_language),
                pages=[PageEntry(page.url, page_title(page)) for page in pages],
            )
        )
    return Manifest(language, title, PageEntry(home.url, page_title(home)), chapters)


def manifest_path(site: Path, home_url: str) -> Path:
    """reading-order.json beside the language's home page: 'en/' and, offline, 'en/index.html' → en/."""
    return site / posixpath.dirname(home_url) / MANIFEST


def write_manifest(manifest: Manifest, site: Path) -> Path:
    path = manifest_path(site, manifest.home.url)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def read_manifest(path: Path) -> Manifest:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Manifest(
        language=data["language"],
        title=data["title"],
        home=PageEntry(**data["home"]),
        chapters=[
            ChapterEntry(
                number=chapter["number"],
                title=chapter["title"],
                pdf=chapter["pdf"],
                pages=[PageEntry(**page) for page in chapter["pages"]],
            )
            for chapter in data["chapters"]
        ],
    )


def site_manifests(site: Path) -> list[Manifest]:
    """The reading order of every language in a built site, the language at the site's root first."""
    paths = [site / MANIFEST, *sorted(site.glob(f"*/{MANIFEST}"))]
    missing = [path for path in paths[:1] if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"{missing[0]} is missing: build the site with `mkdocs build` first")
    return [read_manifest(path) for path in paths]
