"""Give each language its own search, and let Japanese queries find what residents type.

Material's search plugin writes one index for every language the i18n plugin builds, so an English
reader got Japanese pages and the other way round. After the build this hook splits it: the Japanese
index stays at search/search_index.json, the English one goes to en/search/search_index.json, each
with only its own language's pipeline (English stemming no longer fights the Japanese segmenter).
Every page points Material at its own language's index (`handbook_search.base`). The pages' text
is fetched when a reader first searches, not with every page (see split_index).

Japanese queries go through Material's worker with one change (see the worker wrapper in
overrides/assets/javascripts/workers/handbook-search.js): the query is segmented with the same
TinySegmenter the index was built with, so 「小さな拠点」 looks for 小さ + な + 拠点 as the index holds it.
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

INDEX = upstream.SEARCH_INDEX
DOCS = INDEX.parent / "search_index.docs.json"


def material_worker(theme_dirs: list[str]) -> str:
    """The file name of Material's search worker (it carries a hash that changes with each release)."""
    return upstream.material_search_worker(theme_dirs)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # The page template starts our worker, which loads Material's by this name (overrides/main.html)
    env.globals["handbook_search_worker"] = material_worker(config.theme.dirs)
    return env


def on_page_context(context_: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    root = context.language_root(config)
    context_["handbook_search"] = {"base": get_relative_url(root or ".", page.url or ".")}
    return context_


def split_index(site: Path, languages: list[str], default_language: str, *, offline: bool = False) -> None:
    """Rewrite the combined index as one index per language, each at its language's root.

    Material fetches search/search_index.json as soon as a page opens. Online, that file holds only
    the configuration, and the pages' text waits in search_index.docs.json until the reader first
    searches (the worker fetches it), which keeps most of a page's weight off every visit. The
    offline copy keeps everything in one index, as its pages read it from the file system."""
    combined = json.loads((site / INDEX).read_text(encoding="utf-8"))
    if "handbook_docs" in combined["config"]:
        return  # already split: the search plugin has not written a new combined index since
    others = [language for language in languages if language != default_language]
    for language in languages:
        root = language_root(language, default_language)
        if root:
            docs = [
                {**doc, "location": doc["location"].removeprefix(root)}
                for doc in combined["docs"]
                if doc["location"].startswith(root)
            ]
        else:
            docs = [doc for doc in combined["docs"] if not doc["location"].startswith(tuple(f"{o}/" for o in others))]
        index = {**combined, "config": {**combined["config"], "lang": [language]}, "docs": docs}
        target = site / root / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        if offline:  # pages opened from the file system load the index as a script (Material's offline plugin)
            data = _json(index)
            target.write_text(data, encoding="utf-8")
            target.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")
        else:
            (site / root / DOCS).write_text(_json(docs), encoding="utf-8")
            # Material passes the worker only `config` and `docs` of the file, so the address goes in config
            stub = {**index, "config": {**index["config"], "handbook_docs": f"{root}{DOCS.as_posix()}"}, "docs": []}
            target.write_text(_json(stub), encoding="utf-8")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@event_priority(-100)  # after Material's search plugin has written the combined index
def on_post_build(config: MkDocsConfig) -> None:
    # The i18n plugin runs this once per language build; the search plugin rewrites the combined
    # index each time, so splitting every time leaves the right result after the last build.
    site = Path(config.site_dir)
    if (site / INDEX).exists():
        languages = upstream.configured_languages(config)
        split_index(site, languages, context.default_language(config), offline=upstream.offline_enabled(config))
