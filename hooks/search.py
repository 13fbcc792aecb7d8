"""Give each language its own search index, built here at build time, and let residents find what they type.

Material's search box, keyboard and result list stay; what answers them is the handbook's own index and
matcher. For every page this hook cuts the rendered content into sections (handbook.search_index), with
the hiragana reading of the Japanese words, and after the build writes one index per language:
search/search_index.handbook.json at the language's root. Material still fetches
search/search_index.json with each page: it holds only the configuration and the index's address.
The browser loads the index only when the reader puts the cursor in the search box (the worker
overrides/assets/javascripts/workers/handbook-search.js), and matches without segmenting anything
(workers/handbook-matcher.js). The offline copy, read from the file system, carries the index inside
search/search_index.js, which Material loads when the search box opens.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook import context, upstream
from handbook.languages import language_root
from handbook.render import UI
from handbook.search_index import IndexedPage, build_index, page_sections

INDEX = upstream.SEARCH_INDEX
HANDBOOK_INDEX = INDEX.parent / "search_index.handbook.json"
OFFLINE_INDEX = INDEX.parent / "search_index.js"
# The pages read in this build, per language (the i18n plugin builds each language in turn)
_pages: dict[str, dict[str, IndexedPage]] = {}


def material_worker(theme_dirs: list[str]) -> str:
    """The file name of Material's search worker (it carries a hash that changes with each release)."""
    return upstream.material_search_worker(theme_dirs)


def on_pre_build(config: MkDocsConfig) -> None:
    # Each language's build starts afresh, so a page removed while `mkdocs serve` runs leaves the index
    _pages.pop(context.language(config), None)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # The page template starts our worker, which loads Material's by this name (overrides/main.html)
    env.globals["handbook_search_worker"] = material_worker(config.theme.dirs)
    return env


@event_priority(-100)  # after every hook that changes the page's content (furigana, tables, cards)
def on_page_context(context_: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    language = context.language(config)
    root = context.language_root(config)
    context_["handbook_search"] = {
        "base": get_relative_url(root or ".", page.url or "."),
        "preparing": UI["search_preparing"][language],
    }
    search = page.meta.get("search") or {}
    if not (isinstance(search, dict) and search.get("exclude")):
        location = (page.url or "").removeprefix(root)
        sections = page_sections(page.content or "", page.title or "")
        _pages.setdefault(language, {})[location] = IndexedPage(location, sections)
    return context_


def write_indexes(site: Path, languages: list[str], default_language: str, *, offline: bool = False) -> None:
    """Write each built language's index, and replace Material's combined search_index.json with a
    small one per language that names it.

    Online, a page fetches only that small file (Material asks for it on every page); the index waits
    until the reader focuses the search box. The offline copy's pages cannot fetch files from the file
    system, so there the index goes inside search_index.js, which Material loads as a script."""
    combined = json.loads((site / INDEX).read_text(encoding="utf-8"))
    for language in languages:
        pages = _pages.get(language)
        if not pages:
            continue  # not built (yet): the i18n plugin builds the languages one after the other
        root = language_root(language, default_language)
        index = build_index(language, list(pages.values()))
        config = {**combined["config"], "lang": [language]}
        target = site / root / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        if offline:  # the pages read search_index.js; search_index.json keeps only the configuration
            stub = {"config": {**config, "handbook_index": index}, "docs": []}
            (site / root / OFFLINE_INDEX).write_text(f"var __index = {_json(stub)}", encoding="utf-8")
            stub = {"config": config, "docs": []}
        else:
            (site / root / HANDBOOK_INDEX).write_text(_json(index), encoding="utf-8")
            # the address is relative to the site's root, where the worker finds it
            stub = {"config": {**config, "handbook_index": f"{root}{HANDBOOK_INDEX.as_posix()}"}, "docs": []}
        target.write_text(_json(stub), encoding="utf-8")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@event_priority(-100)  # after Material's search plugin has written the combined index
def on_post_build(config: MkDocsConfig) -> None:
    # The i18n plugin runs this once per language build, and the search plugin rewrites its combined
    # index each time: writing every built language's index each time leaves the right files at the end.
    site = Path(config.site_dir)
    if (site / INDEX).exists():
        languages = upstream.configured_languages(config)
        offline = upstream.offline_enabled(config)
        write_indexes(site, languages, context.default_language(config), offline=offline)
