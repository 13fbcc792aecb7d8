"""Write the handbook's PDFs from the built site: one per chapter and language, and the whole handbook.

    make pdf            (after `mkdocs build`; `make build` runs both)

The pages and chapters come from the reading order the build writes (reading-order.json, see
hooks/handbook/reading_order.py), not from the side bar. WeasyPrint lays out each chapter once, as A4
pages, from its pages' articles with the site's own stylesheets plus pdf.css: the handbook's title, the
date of the build and the chapter's address on its first page, the chapter's title at the top of every
page and the page number, "3-5" for page 5 of chapter 3, at the bottom. The whole handbook is then put
together from the chapter PDFs with pypdf — a title page and contents, every chapter's bookmarks, page
labels that match the printed numbers, and links between chapters that stay inside the PDF — so no
chapter is laid out twice. WeasyPrint embeds the Japanese font (Noto Sans CJK) as a CID font, so the
text can be searched, copied and read aloud; the chapter PDFs are tagged for screen readers.
"""

from __future__ import annotations

import argparse
import html
import io
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString
from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject

from handbook.dates import format_date
from handbook.japanese import PHRASE_BREAK, WORD_JOINER
from handbook.printing import PDF_DIR, WHOLE_HANDBOOK
from handbook.reading_order import ChapterEntry, Manifest, site_manifests

PDF_CSS = Path(__file__).parent / "pdf.css"
WORDS = {
    "ja": {
        "made": "{date} 作成",
        "contents": "目次",
        "source": "このページのアドレス",
        "author": "{name} の執筆者一同",
    },
    "en": {
        "made": "Made on {date}",
        "contents": "Contents",
        "source": "This page online",
        "author": "The contributors to {name}",
    },
}


@dataclass(frozen=True)
class Article:
    """One built page's article, ready to print."""

    url: str  # the page's address relative to the site root, e.g. "en/workshops/"
    title: str
    article: Tag
    stylesheets: list[str]


def _page_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if not url.endswith(".html") else site / url


def _absolute(site: Path, site_url: str, page_url: str, article: Tag) -> None:
    """Links point to the site on the web; images to files on disk, so the PDF stands alone."""
    base = urljoin(site_url, page_url)
    for link in article.select("a[href]"):
        href = str(link["href"])
        if not href.startswith(("#", "mailto:")):
            link["href"] = urljoin(base, href)
    for image in article.select("img[src]"):
        image["src"] = (site / page_url / str(image["src"])).resolve().as_uri()


def _prepare(article: Tag) -> None:
    """What a screen needs and paper does not: buttons, filters, permalinks, readings; closed blocks open."""
    for selector in (".handbook-pdf-link", ".md-content__button", "a.headerlink", "form.handbook-filter"):
        for element in article.select(selector):
            element.decompose()
    for details in article.select("details"):
        details["open"] = ""
    # Paper gets the text as written: the furigana of the Japanese pages (hooks/furigana.py) stay online.
    for reading in article.select("rt, rp"):
        reading.decompose()
    for ruby in article.select("ruby"):
        ruby.unwrap()
    _phrase_breaks_as_elements(article)
    for tabbed in article.select(".tabbed-set"):
        labels = [label.get_text(strip=True) for label in tabbed.select(".tabbed-labels > label")]
        for label, block in zip(labels, tabbed.select(".tabbed-content > .tabbed-block"), strict=False):
            block["data-print-label"] = label


def _phrase_breaks_as_elements(article: Tag) -> None:
    """A phrase break becomes <wbr>: WeasyPrint still breaks lines there, and keeps it out of the
    bookmarks, which it names from the headings' text. Word joiners go: paper has no ruby to hold."""
    for text in article.find_all(string=lambda string: PHRASE_BREAK in string or WORD_JOINER in string):
        parts: list[NavigableString | Tag] = []
        for index, piece in enumerate(text.replace(WORD_JOINER, "").split(PHRASE_BREAK)):
            if index:
                parts.append(article.new_tag("wbr"))
            if piece:
                parts.append(NavigableString(piece))
        text.replace_with(*parts)


def read_article(site: Path, site_url: str, url: str) -> Article:
    page = BeautifulSoup(_page_file(site, url).read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article.md-content__inner")
    if article is None:
        raise ValueError(f"{url}: no article in the built page")
    _prepare(article)
    _absolute(site, site_url, url, article)
    h1 = article.find("h1")
    title = " ".join(h1.get_text().split()) if h1 else url
    stylesheets = [
        (site / url / str(link["href"])).resolve().as_uri()
        for link in page.select('link[rel="stylesheet"][href]')
        if not str(link["href"]).startswith("http")
    ]
    return Article(url, title, article, stylesheets)


def page_anchor(chapter: int, page: int) -> str:
    """The id of a page's start in its chapter's PDF; its headings' ids are prefixed with it and '-'."""
    return f"c{chapter}p{page}"


def _scoped(article: Article, anchor: str, anchors: dict[str, str], site_url: str) -> str:
    """One page inside its chapter: ids made unique in the handbook, links within the chapter kept inside."""
    prefix = f"{anchor}-"
    for element in article.article.select("[id]"):
        element["id"] = prefix + str(element["id"])
    for link in article.article.select("a[href]"):
        href = str(link["href"])
        if href.startswith("#"):
            link["href"] = f"#{prefix}{href[1:]}"
            continue
        parts = urlsplit(href)
        target = parts.path.removeprefix(urlsplit(site_url).path)
        if href.startswith(site_url) and target in anchors:
            link["href"] = f"#{anchors[target]}-{parts.fragment}" if parts.fragment else f"#{anchors[target]}"
    return f'<section class="pdf-page" id="{anchor}">{article.article.decode_contents()}</section>'


def _cover(language: str, handbook_title: str, address: str, built: date) -> str:
    words = WORDS[language]
    made = words["made"].format(date=format_date(built.isoformat(), language))
    return (
        f'<p class="pdf-cover"><span class="pdf-cover__title">{html.escape(handbook_title)}</span>'
        f'<span class="pdf-cover__date">{made}</span>'
        f'<span class="pdf-cover__url">{words["source"]}: {html.escape(address)}</span></p>'
    )


@dataclass(frozen=True)
class Metadata:
    language: str
    title: str
    author: str


def _document(metadata: Metadata, body: str) -> str:
    """The HTML WeasyPrint lays out; its title, author and language become the PDF's metadata."""
    return (
        f'<!doctype html><html lang="{metadata.language}"><head><meta charset="utf-8">'
        f"<title>{html.escape(metadata.title)}</title>"
        f'<meta name="author" content="{html.escape(metadata.author)}"></head>'
        f'<body><div class="md-typeset pdf-body">{body}</div></body></html>'
    )


@dataclass(frozen=True)
class Job:
    """What one process needs to write the PDF of one chapter or of the whole handbook."""

    site: Path
    site_url: str
    built: date
    manifest: Manifest
    chapter: ChapterEntry | None  # None: the whole handbook, from the chapters' PDFs

    @property
    def folder(self) -> Path:
        return self.site / PDF_DIR / self.manifest.language

    @property
    def author(self) -> str:
        return WORDS[self.manifest.language]["author"].format(name=self.manifest.title)


PT_PER_PX = 0.75  # 72 PDF points per inch / 96 CSS pixels per inch


@cache
def _stylesheet(url: str) -> Any:
    """A stylesheet parsed once per process: Material's alone takes WeasyPrint most of a second."""
    from weasyprint import CSS  # type: ignore[import-untyped]  # imported here: only the PDF step needs it

    return CSS(url=url)


def _render(document: str, site: Path, stylesheets: list[str], page_css: str) -> tuple[bytes, Anchors]:
    """The PDF, tagged for screen readers, and where WeasyPrint put each id.

    The site's stylesheets, then pdf.css, then the document's own page rules, in that order of precedence."""
    from weasyprint import CSS, HTML

    sheets = [_stylesheet(url) for url in [*stylesheets, PDF_CSS.resolve().as_uri()]] + [CSS(string=page_css)]
    laid_out = HTML(string=document, base_url=str(site)).render(stylesheets=sheets)
    anchors = {
        name: (number, (page.height - y) * PT_PER_PX)
        for number, page in enumerate(laid_out.pages)
        for name, (_left, y, *_rest) in page.anchors.items()
    }
    return bytes(laid_out.write_pdf(pdf_tags=True)), anchors


def write_chapter(job: Job) -> ChapterPdf:
    """Lay out one chapter, all its pages in reading order, once."""
    chapter = job.chapter
    assert chapter is not None  # noqa: S101 - the caller's contract
    articles = [read_article(job.site, job.site_url, page.url) for page in chapter.pages]
    starts = {page.url: page_anchor(chapter.number, index) for index, page in enumerate(chapter.pages, 1)}
    address = urljoin(job.site_url, chapter.pages[0].url)
    body = _cover(job.manifest.language, job.manifest.title, address, job.built) + "".join(
        _scoped(article, starts[article.url], starts, job.site_url) for article in articles
    )
    metadata = Metadata(job.manifest.language, f"{chapter.title} — {job.manifest.title}", job.author)
    # The page number names the chapter, as the whole handbook's page labels do: "3-5".
    page_css = f'@page {{ @bottom-center {{ content: "{chapter.number}-" counter(page); }} }}'
    target = job.folder / f"{chapter.pdf}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf, anchors = _render(_document(metadata, body), job.site, articles[0].stylesheets, page_css)
    target.write_bytes(pdf)
    return ChapterPdf(chapter, target, anchors)


# --- The whole handbook, put together from the chapters' PDFs ---


Anchors = dict[str, tuple[int, float]]  # id → (page index in the chapter's PDF, height on the page in pt)


@dataclass(frozen=True)
class ChapterPdf:
    """A chapter's PDF as written, and where each of its anchors (page starts and headings) lies."""

    chapter: ChapterEntry
    path: Path
    anchors: Anchors

    def page_start(self, index: int) -> int:
        """The page of the chapter's PDF on which its index-th page (from 1) begins."""
        return self.anchors.get(page_anchor(self.chapter.number, index), (0, 0.0))[0]


def _front_matter(job: Job, chapters: list[ChapterPdf]) -> bytes:
    """The title page (the home page's text) and the contents, each entry with its printed page label."""
    home = read_article(job.site, job.site_url, job.manifest.home.url)
    language = job.manifest.language
    address = urljoin(job.site_url, home.url)
    rest = home.article.decode_contents().split("</h1>", 1)[-1]
    title_page = (
        f'<section class="pdf-title-page">{_cover(language, job.manifest.title, address, job.built)}'
        f"<h1>{html.escape(home.title)}</h1>{rest}</section>"
    )
    entries = []
    for written in chapters:
        chapter = written.chapter
        items = []
        for index, page in enumerate(chapter.pages, 1):
            label = f"{chapter.number}-{written.page_start(index) + 1}"
            items.append(
                f'<li><a href="{html.escape(urljoin(job.site_url, page.url))}" data-page="{label}">'
                f"{html.escape(page.title)}</a></li>"
            )
        first = items[0].replace("<li>", f'<li class="pdf-contents__chapter">{chapter.number}. ', 1)
        nested = f"<ol>{''.join(items[1:])}</ol>" if len(items) > 1 else ""
        entries.append(first.replace("</li>", f"{nested}</li>", 1) if nested else first)
    contents = f'<nav class="pdf-contents"><h2>{WORDS[language]["contents"]}</h2><ol>{"".join(entries)}</ol></nav>'
    metadata = Metadata(language, job.manifest.title, job.author)
    page_css = "@page { @bottom-center { content: counter(page, lower-roman); } }"
    return _render(_document(metadata, title_page + contents), job.site, home.stylesheets, page_css)[0]


def _internal_links(writer: PdfWriter, targets: dict[str, list[Any]]) -> int:
    """Links from one chapter to another point to the web; inside the whole handbook they go to the page."""
    changed = 0
    for page in writer.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if action is None or action.get("/S") != "/URI":
                continue
            parts = urlsplit(str(action["/URI"]))
            key = unquote(parts._replace(fragment="").geturl())
            fragment = unquote(parts.fragment)
            destination = targets.get(f"{key}#{fragment}") or targets.get(key)
            if destination is not None:
                annotation[NameObject("/A")] = DictionaryObject(
                    {NameObject("/S"): NameObject("/GoTo"), NameObject("/D"): ArrayObject(destination)}
                )
                changed += 1
    return changed


def write_whole(job: Job, chapters: list[ChapterPdf]) -> Path:
    """The whole handbook: title page and contents, then every chapter's PDF as written."""
    front = PdfReader(io.BytesIO(_front_matter(job, chapters)))
    writer = PdfWriter()
    writer.append(front, import_outline=False)
    writer.set_page_label(0, len(front.pages) - 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    targets: dict[str, list[Any]] = {}
    for written in chapters:
        chapter, start = written.chapter, len(writer.pages)
        # A chapter of one page has its title as its first bookmark; a section gets one above its pages'.
        outline_item = chapter.title if len(chapter.pages) > 1 else None
        writer.append(written.path, outline_item=outline_item, import_outline=True)
        writer.set_page_label(start, len(writer.pages) - 1, style=PageLabelStyle.DECIMAL, prefix=f"{chapter.number}-")
        addresses = {
            page_anchor(chapter.number, index): unquote(urljoin(job.site_url, page.url))
            for index, page in enumerate(chapter.pages, 1)
        }
        for name, (number, top) in written.anchors.items():
            anchor, _, fragment = name.partition("-")
            if anchor not in addresses:
                continue
            page_reference = writer.pages[start + number].indirect_reference
            if fragment:
                position = [NameObject("/XYZ"), NumberObject(0), FloatObject(top), NumberObject(0)]
                targets[f"{addresses[anchor]}#{fragment}"] = [page_reference, *position]
            else:
                targets[addresses[anchor]] = [page_reference, NameObject("/Fit")]
    _internal_links(writer, targets)
    writer.add_metadata({"/Title": job.manifest.title, "/Author": job.author, "/Creator": "WeasyPrint, pypdf"})
    writer._root_object[NameObject("/Lang")] = TextStringObject(job.manifest.language)
    writer.page_mode = "/UseOutlines"
    target = job.folder / f"{WHOLE_HANDBOOK}.pdf"
    with target.open("wb") as out:
        writer.write(out)
    return target


def _weight(job: Job) -> int:
    """How long a chapter takes to lay out, roughly: the size of its pages' HTML."""
    assert job.chapter is not None  # noqa: S101
    return sum(_page_file(job.site, page.url).stat().st_size for page in job.chapter.pages)


def write_all(site: Path, site_url: str, built: date, workers: int = 2) -> list[Path]:
    """Every chapter of every language, each laid out once, the longest first; each language's whole
    handbook is put together as soon as its chapters are written, while the other language's are laid out."""
    manifests = site_manifests(site)
    written: list[Path] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: dict[Future[ChapterPdf], Manifest] = {}
        for manifest in manifests:
            jobs = [Job(site, site_url, built, manifest, chapter) for chapter in manifest.chapters]
            pending |= {pool.submit(write_chapter, job): manifest for job in sorted(jobs, key=_weight, reverse=True)}
        chapters: dict[str, list[ChapterPdf]] = {manifest.language: [] for manifest in manifests}
        wholes = []
        for future in as_completed(pending):
            manifest = pending[future]
            chapters[manifest.language].append(future.result())
            written.append(future.result().path)
            if len(chapters[manifest.language]) == len(manifest.chapters):
                in_order = sorted(chapters[manifest.language], key=lambda done: done.chapter.number)
                wholes.append(pool.submit(write_whole, Job(site, site_url, built, manifest, None), in_order))
        written += [whole.result() for whole in wholes]
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the handbook's PDFs from the built site.")
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--site-url", default=None, help="the site's public address (default: from the pages)")
    args = parser.parse_args(argv)
    site: Path = args.site.resolve()
    started = time.perf_counter()
    try:
        written = write_all(site, args.site_url or _site_url(site), date.today())
    except FileNotFoundError as error:
        sys.exit(f"make pdf: {error}")
    print(f"wrote {len(written)} PDFs in {time.perf_counter() - started:.1f} s to {site / PDF_DIR}")


def _site_url(site: Path) -> str:
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    canonical = home.select_one('link[rel="canonical"]')
    if canonical is None:
        sys.exit("the built site has no canonical address: set site_url in mkdocs.yml")
    return str(canonical["href"])


if __name__ == "__main__":
    main()
