"""Write the handbook's PDFs from the built site: one per page and language, and the whole handbook.

    make pdf            (after `make build`; the publish workflow runs both)

WeasyPrint lays out A4 pages from each page's article with the site's own stylesheets plus pdf.css:
the handbook's title, the date of the build and the page's address on the first page, the chapter's
title at the top of every page and the page number at the bottom. WeasyPrint embeds the Japanese font
(Noto Sans CJK) as a CID font, so the text can be searched, copied and read aloud from the PDF.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from handbook.dates import format_date
from handbook.printing import PDF_DIR, WHOLE_HANDBOOK, pdf_name

PDF_CSS = Path(__file__).parent / "pdf.css"
DEFAULT_LANGUAGE = "ja"
WORDS = {
    "ja": {"made": "作成", "contents": "目次", "source": "このページのアドレス"},
    "en": {"made": "Made on", "contents": "Contents", "source": "This page online"},
}


@dataclass(frozen=True)
class Chapter:
    """One built page, ready to print."""

    url: str  # the page's address relative to the site root, e.g. "en/workshops/"
    title: str
    article: Tag
    stylesheets: list[str]


def _page_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if not url.endswith(".html") else site / url


def _reading_order(site: Path, language: str) -> list[str]:
    """Page addresses in the order of the side bar, home page first."""
    home_url = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    home = BeautifulSoup(_page_file(site, home_url).read_text(encoding="utf-8"), "html.parser")
    urls = [home_url]
    for link in home.select("nav.md-nav--primary a.md-nav__link[href]"):
        href = str(link["href"])
        if href.startswith(("#", "http")):
            continue
        url = urlsplit(urljoin(f"/{home_url}", href)).path.lstrip("/")
        if url not in urls and _page_file(site, url).is_file():
            urls.append(url)
    return urls


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
    for tabbed in article.select(".tabbed-set"):
        labels = [label.get_text(strip=True) for label in tabbed.select(".tabbed-labels > label")]
        for label, block in zip(labels, tabbed.select(".tabbed-content > .tabbed-block"), strict=False):
            block["data-print-label"] = label


def read_chapter(site: Path, site_url: str, url: str) -> Chapter:
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
    return Chapter(url, title, article, stylesheets)


def _cover(language: str, handbook_title: str, address: str, built: date) -> str:
    words = WORDS[language]
    made = (
        f"{format_date(built.isoformat(), language)} {words['made']}"
        if language == "ja"
        else (f"{words['made']} {format_date(built.isoformat(), language)}")
    )
    return (
        f'<p class="pdf-cover"><span class="pdf-cover__title">{handbook_title}</span>'
        f'<span class="pdf-cover__date">{made}</span>'
        f'<span class="pdf-cover__url">{words["source"]}: {address}</span></p>'
    )


def _document(language: str, stylesheets: list[str], body: str) -> str:
    links = "".join(f'<link rel="stylesheet" href="{href}">' for href in stylesheets)
    css = f'<link rel="stylesheet" href="{PDF_CSS.resolve().as_uri()}">'
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">{links}{css}</head>'
        f'<body><div class="md-typeset pdf-body">{body}</div></body></html>'
    )


def _scoped(chapter: Chapter, number: int, bundle: dict[str, int], site_url: str) -> str:
    """A chapter's article inside the whole handbook: its ids prefixed, links between chapters kept inside."""
    article = copy.copy(chapter.article)
    prefix = f"c{number}-"
    for element in article.select("[id]"):
        element["id"] = prefix + str(element["id"])
    for link in article.select("a[href]"):
        href = str(link["href"])
        if href.startswith("#"):
            link["href"] = f"#{prefix}{href[1:]}"
            continue
        parts = urlsplit(href)
        target = parts.path.removeprefix(urlsplit(site_url).path)
        if href.startswith(site_url) and target in bundle:
            link["href"] = f"#c{bundle[target]}-{parts.fragment}" if parts.fragment else f"#chapter-{bundle[target]}"
    return f'<section class="pdf-chapter" id="chapter-{number}">{article.decode_contents()}</section>'


# Folders of pages generated from data records: printed within the whole handbook, not each on its own
# (a template page is printed from the browser, and its Word or Excel file is the one to edit).
GENERATED_FOLDERS = ("cases/", "templates/")


def _is_chapter(url: str, language: str) -> bool:
    """Chapters get a PDF of their own; generated case-study and template pages are printed within the
    whole handbook."""
    path = url.removeprefix(f"{language}/") if language != DEFAULT_LANGUAGE else url
    return not any(path.startswith(folder) and path != folder for folder in GENERATED_FOLDERS)


@dataclass(frozen=True)
class Job:
    site: Path
    site_url: str
    language: str
    built: date
    url: str | None  # None: the whole handbook


def _write(job: Job) -> Path:
    from weasyprint import HTML  # type: ignore[import-untyped]  # imported here: only the PDF step needs it

    out = job.site / PDF_DIR / job.language
    out.mkdir(parents=True, exist_ok=True)
    home = read_chapter(job.site, job.site_url, "" if job.language == DEFAULT_LANGUAGE else f"{job.language}/")
    if job.url is not None:
        chapter = read_chapter(job.site, job.site_url, job.url)
        cover = _cover(job.language, home.title, urljoin(job.site_url, chapter.url), job.built)
        target = out / f"{pdf_name(chapter.url, job.language, DEFAULT_LANGUAGE)}.pdf"
        document = _document(job.language, chapter.stylesheets, cover + chapter.article.decode_contents())
    else:
        chapters = [read_chapter(job.site, job.site_url, url) for url in _reading_order(job.site, job.language)[1:]]
        bundle = {chapter.url: number for number, chapter in enumerate(chapters, 1)}
        contents = "".join(
            f'<li><a href="#chapter-{bundle[chapter.url]}">{chapter.title}</a></li>' for chapter in chapters
        )
        cover = _cover(job.language, home.title, urljoin(job.site_url, home.url), job.built)
        title_page = (
            f'<section class="pdf-title-page">{cover}'
            f"<h1>{home.title}</h1>{home.article.decode_contents().split('</h1>', 1)[-1]}</section>"
        )
        body = (
            title_page
            + f'<nav class="pdf-contents"><h2>{WORDS[job.language]["contents"]}</h2><ol>{contents}</ol></nav>'
            + "".join(_scoped(chapter, bundle[chapter.url], bundle, job.site_url) for chapter in chapters)
        )
        target = out / f"{WHOLE_HANDBOOK}.pdf"
        document = _document(job.language, home.stylesheets, body)
    HTML(string=document, base_url=str(job.site)).write_pdf(target)
    return target


def jobs(site: Path, site_url: str, built: date) -> list[Job]:
    """Every PDF to write, the long whole-handbook ones first so both processes stay busy."""
    others = [folder.name for folder in site.iterdir() if len(folder.name) == 2 and (folder / "index.html").is_file()]
    languages = [DEFAULT_LANGUAGE, *sorted(others)]
    whole = [Job(site, site_url, language, built, None) for language in languages]
    chapters = [
        Job(site, site_url, language, built, url)
        for language in languages
        for url in _reading_order(site, language)[1:]
        if _is_chapter(url, language)
    ]
    return whole + chapters


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the handbook's PDFs from the built site.")
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--site-url", default=None, help="the site's public address (default: from the pages)")
    args = parser.parse_args(argv)
    site: Path = args.site.resolve()
    started = time.perf_counter()
    todo = jobs(site, args.site_url or _site_url(site), date.today())
    with ProcessPoolExecutor(max_workers=2) as pool:
        written = list(pool.map(_write, todo))
    print(f"wrote {len(written)} PDFs in {time.perf_counter() - started:.1f} s to {site / PDF_DIR}")


def _site_url(site: Path) -> str:
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    canonical = home.select_one('link[rel="canonical"]')
    if canonical is None:
        sys.exit("the built site has no canonical address: set site_url in mkdocs.yml")
    return str(canonical["href"])


if __name__ == "__main__":
    main()
