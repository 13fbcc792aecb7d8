"""The handbook's language and address rules, in one place.

The default language (Japanese) is served at the site's root and every other language under a folder
of its own name: /workshops/ and /en/workshops/. Every hook and tool that turns a page into an
address, or an address back into a page, goes through these functions.
"""

from __future__ import annotations


def language_root(language: str, default_language: str) -> str:
    """Where a language's pages start, relative to the site root: '' for the default language, 'en/' else."""
    return "" if language == default_language else f"{language}/"


def localized_path(path: str, language: str, default_language: str) -> str:
    """A path inside a language's part of the site: ('cases/x/index.html', 'en', 'ja') → 'en/cases/x/index.html'."""
    return language_root(language, default_language) + path.lstrip("/")


def unlocalized_path(path: str, language: str, default_language: str) -> str:
    """The same path without its language's folder: ('en/cases/x/', 'en', 'ja') → 'cases/x/'."""
    return path.removeprefix(language_root(language, default_language))
