"""Tell the reader when a page last changed, and give every page a way to report a problem.

The date comes from git (the git-revision-date-localized plugin) and is written the way the page's
language writes dates: 令和8年（2026年）11月30日 / 30 November 2026. The report link opens a new
issue in the repository with the page's title and address filled in.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import context
from handbook.dates import format_date
from handbook.render import UI

GIT_DATE = "git_revision_date_localized_raw_iso_date"


def report_url(repo_url: str, title: str, address: str, language: str) -> str:
    query = urlencode({"title": UI["report_title"][language].format(page=title), "body": address})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


def on_page_context(context_: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    language = context.language(config)
    updated = page.meta.get(GIT_DATE)
    context_["handbook_meta"] = {
        "updated_label": UI["updated"][language] + ("：" if language == "ja" else ": "),
        "updated": format_date(str(updated), language) if updated else None,
        "updated_iso": str(updated) if updated else None,
        "report_label": UI["report"][language],
        "report_url": report_url(
            config.repo_url, str(page.title or config.site_name), page.canonical_url or page.url, language
        )
        if config.repo_url
        else None,
    }
    return context_
