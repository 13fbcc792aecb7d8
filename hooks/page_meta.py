"""Tell the reader when a page last changed, and give every page a way to report a problem.

The date comes from git (the git-revision-date-localized plugin; for a generated case or template
page, the last commit of its YAML record) and is written the way the page's
language writes dates: 令和8年（2026年）11月30日 / 30 November 2026. The report link opens a new
issue in the repository with the page's title and address filled in.

Residents and staff on closed government networks cannot use GitHub, so a second route needs no
account: when the maintainers set FEEDBACK_URL (read into `extra.feedback` in mkdocs.yml) to a web
form (https://…) or an e-mail address, every page links it beside the GitHub link. Unset, it is absent.
"""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import context
from handbook.dates import format_date
from handbook.render import UI

GIT_DATE = "git_revision_date_localized_raw_iso_date"
FEEDBACK_SETTING = "feedback"
_EMAIL = re.compile(r"^(?:mailto:)?(?P<address>[^@\s/:?]+@[^@\s/:?]+\.[^@\s/:?]+)$")
_FORM = re.compile(r"^https://[^\s/$.?#][^\s]*$")


def feedback_link(value: str, title: str, address: str, language: str) -> str | None:
    """The feedback route for one page: the form address as set, or a mailto: link whose subject names
    the page. None while unset; a value that is neither stops the build with a message."""
    value = value.strip()
    if not value:
        return None
    if _FORM.match(value):
        return value
    email = _EMAIL.match(value)
    if email is None:
        raise PluginError(
            f"FEEDBACK_URL (extra.feedback in mkdocs.yml) must be a web form address starting with https:// "
            f"or an e-mail address, not {value!r}"
        )
    subject = UI["feedback_subject"][language].format(page=title)
    return f"mailto:{email['address']}?subject={quote(subject)}&body={quote(address)}"


class _HeadingLinkName(Treeprocessor):
    """Gives the ¶ after each heading its name as aria-label instead of the title the toc extension sets.
    Material's script mounts a tooltip on every element with a title when the page loads
    (content.tooltips): one per heading was a fifth of that work on a long page, for a sign whose
    name only a screen reader needs."""

    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            if "headerlink" in (link.get("class") or "").split() and "title" in link.attrib:
                link.set("aria-label", link.attrib.pop("title"))


class HeadingLinkNames(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - the name Python-Markdown calls
        # After the toc extension (priority 5), which adds the ¶ links.
        md.treeprocessors.register(_HeadingLinkName(md), "handbook_heading_link_name", 4)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Check the setting once, before any page is built, so a typo never publishes a broken link.
    feedback_link(str(config.extra.get(FEEDBACK_SETTING) or ""), "", "", "ja")
    config.markdown_extensions.append(HeadingLinkNames())  # type: ignore[arg-type]
    return config


# The data folders whose records the build turns into pages, by the pages' folder (cases/<id>/ …).
RECORD_FOLDERS = {"cases": "data/cases", "templates": "data/templates"}


@cache
def record_dates(project: Path, folder: str = "data/cases") -> dict[str, str]:
    """The date of the last commit of each record file in a folder, by id: a generated page changes
    when its YAML record does. One `git log` for all of them; empty outside a git checkout."""
    try:
        log = subprocess.run(  # noqa: S603 - the folder is one of RECORD_FOLDERS, not input
            ["git", "log", "--format=%x00%cs", "--name-only", "--", folder],  # noqa: S607 - git on PATH
            cwd=project,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    for commit in log.split("\x00")[1:]:
        day, *names = commit.strip().splitlines()
        for name in names:
            if name.endswith(".yml"):
                dates.setdefault(Path(name).stem, day)  # newest commit first
    return dates


def page_date(page: Page, config: MkDocsConfig) -> str | None:
    if page.file.generated_by is not None:
        parts = Path(page.file.src_uri).parts  # e.g. ("ja", "cases", "kirari-yoshijima.md")
        folder = RECORD_FOLDERS.get(parts[-2] if len(parts) >= 2 else "")
        if folder is not None:
            recorded = record_dates(Path(config.config_file_path).parent, folder).get(Path(parts[-1]).stem)
            if recorded:
                return recorded
    updated = page.meta.get(GIT_DATE)
    return str(updated) if updated else None


def report_url(repo_url: str, title: str, address: str, language: str) -> str:
    query = urlencode({"title": UI["report_title"][language].format(page=title), "body": address})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The toc extension names the ¶ after each heading with one title; MkDocs makes the extension anew
    # for each page from this setting, so each page gets the name in its own language.
    toc = config.mdx_configs.get("toc")
    if toc is not None:
        toc["permalink_title"] = UI["heading_link"][context.language(config)]
    return markdown


def on_page_context(context_: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    language = context.language(config)
    updated = page_date(page, config)
    context_["handbook_meta"] = {
        "updated_label": UI["updated"][language] + ("：" if language == "ja" else ": "),
        "updated": format_date(updated, language) if updated else None,
        "updated_iso": updated,
        "report_label": UI["report"][language],
        "report_url": report_url(
            config.repo_url, str(page.title or config.site_name), page.canonical_url or page.url, language
        )
        if config.repo_url
        else None,
        "feedback_label": UI["feedback"][language],
        "feedback_url": feedback_link(
            str(config.extra.get(FEEDBACK_SETTING) or ""),
            str(page.title or config.site_name),
            page.canonical_url or page.url,
            language,
        ),
    }
    return context_
