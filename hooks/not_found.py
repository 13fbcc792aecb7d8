"""Keep one "not found" page, in Japanese with an English part, at the site's root.

Every language build of the i18n plugin renders the theme's 404.html to the same /404.html, the
last one (English) winning, so the page would say lang="en" over Japanese text. Only the default
language renders it; overrides/404.html holds both languages' messages.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from handbook import context


def on_pre_build(config: MkDocsConfig) -> None:
    if context.language(config) != context.default_language(config):
        config.theme.static_templates.discard("404.html")
    else:
        config.theme.static_templates.add("404.html")
