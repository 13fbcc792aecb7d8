"""Reading help on the Japanese pages: furigana a reader can switch on, and lines that break between phrases.

Each Japanese page's content gets, at build time (hooks/handbook/typeset.py):

- the reading of every word with kanji, shown as ruby once the reader presses 「ふりがな」 in the header
  (kept in each block's data-furigana until then; the choice is remembered in the browser; blocks of
  class `easy-japanese` always show theirs, written as ruby);
- a zero-width space between phrases (BudouX), so a line on a phone never ends in the middle of a word.

The readings are added after Material's search plugin has read the page, so neither the search index
nor the page title, the description, the table of contents or the navigation ever hold a reading:
they all come from the Markdown, before this hook. The PDFs drop the readings (hooks/handbook/pdf.py).
"""

from __future__ import annotations

import logging
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import context, upstream
from handbook.render import UI
from handbook.typeset import typeset

log = logging.getLogger("mkdocs.hooks.furigana")
LANGUAGE = "ja"


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # overrides/partials/palette.html adds the 「ふりがな」 button next to Material's palette toggle and
    # includes Material's own partial, unchanged, as "material/partials/palette.html".
    loader: BaseLoader | None = env.loader
    if loader is not None and not isinstance(loader, ChoiceLoader):
        material = FileSystemLoader(str(upstream.material_templates()))
        env.loader = ChoiceLoader([loader, PrefixLoader({"material": material})])
    return env


@event_priority(-100)  # after Material's search plugin has indexed the page, so the index holds no reading
def on_page_context(context_: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    if context.language(config) != LANGUAGE or page.content is None:
        return context_
    context.handbook(config)  # loads data/readings.yml into the analyzer, if no hook has yet
    page.content, counts = typeset(page.content, furigana=True, phrases=True)
    log.debug("%s: %d readings, %d phrase breaks", page.file.src_uri, counts.ruby, counts.breaks)
    context_["handbook_furigana"] = {"label": UI["furigana"][LANGUAGE], "title": UI["furigana_title"][LANGUAGE]}
    return context_
