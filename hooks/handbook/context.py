"""Where the hooks find the build's state: the data (loaded once per content) and the page's language."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from handbook.loader import Handbook, load_handbook

_active: Handbook | None = None


def data_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "data"


def activate(config: MkDocsConfig) -> Handbook:
    """Load (or reuse) the data for this build; called once per build before any page is read."""
    global _active
    _active = load_handbook(data_dir(config))
    return _active


def handbook() -> Handbook:
    if _active is None:
        raise RuntimeError("the handbook data is read in on_pre_build; no build has started")
    return _active


def language(config: MkDocsConfig) -> str:
    """The language being built: the i18n plugin sets the theme language for each of its builds."""
    return str(config.theme["language"])


def default_language(config: MkDocsConfig) -> str:
    """The language served at the site's root (mkdocs-static-i18n's default)."""
    plugin = config.plugins["i18n"]
    return str(getattr(plugin, "default_language"))  # noqa: B009 - an attribute of the i18n plugin
