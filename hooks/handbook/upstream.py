"""Everything the hooks need from Material's and mkdocs-static-i18n's insides, in one module.

Neither project promises these attributes, file names or settings as an interface: a release may
rename them. Every hook reads them through the functions here, so an upgrade that changes one
breaks in one place, and the test of this module says which.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

I18N_PLUGIN = "i18n"
OFFLINE_PLUGIN = "material/offline"
# Material's search plugin writes one index for the whole site here, and its worker's file name
# carries a hash that changes with each release.
SEARCH_INDEX = Path("search") / "search_index.json"
MATERIAL_WORKERS = "assets/javascripts/workers"
MATERIAL_SEARCH_WORKER = "search.*.min.js"
# The partial of Material's header that the handbook extends (overrides/partials/palette.html includes
# it, unchanged, as "material/partials/palette.html" and adds the ふりがな button after it).
MATERIAL_PALETTE = "partials/palette.html"
# The attribute by which Material's script finds the palette toggle. overrides/partials/palette.html takes it
# off, so that the handbook's own script chooses the palette while the page is read (see that file for why).
MATERIAL_PALETTE_COMPONENT = 'data-md-component="palette"'
# The boxes Material's script puts around each content table without a class attribute, after the page has
# loaded, so that a wide table scrolls sideways; and the class-less tables its stylesheet styles. The
# handbook builds the boxes into the page instead (hooks/stacked_tables.py), gives its tables a class so the
# script leaves them where they are, and styles that class as Material styles class-less tables
# (handbook.css, print.css). Moving every table after load made the phone restyle and rebuild each one.
MATERIAL_TABLE_BOXES = ("md-typeset__scrollwrap", "md-typeset__table")
TABLE_CLASS = "handbook-table"


def _i18n(config: MkDocsConfig) -> Any:
    return config.plugins[I18N_PLUGIN]


def build_language(config: MkDocsConfig) -> str:
    """The language being built: the i18n plugin sets the theme's language for each of its builds."""
    return str(config.theme["language"])


def default_language(config: MkDocsConfig) -> str:
    """The language served at the site's root."""
    return str(_i18n(config).default_language)


def build_languages(config: MkDocsConfig) -> list[str]:
    """Every language this build writes, default first as the i18n plugin orders them."""
    return [str(language) for language in _i18n(config).build_languages]


def configured_languages(config: MkDocsConfig) -> list[str]:
    """Every language listed in mkdocs.yml, built or not."""
    return [str(language["locale"]) for language in _i18n(config).config["languages"]]


def link_translations(page_file: File, language: str, alternates: dict[str, File], norm_src_uri: str) -> None:
    """Mark a generated page as the i18n plugin marks the pages it sorted, so the language switcher
    and the sitemap find its translations."""
    page_file.alternates = alternates  # type: ignore[attr-defined]
    page_file.locale = language  # type: ignore[attr-defined]
    page_file.locale_alternate_of = language  # type: ignore[attr-defined]
    page_file.localization = language  # type: ignore[attr-defined]
    page_file.norm_src_uri = norm_src_uri  # type: ignore[attr-defined]


def record_language_pages(config: MkDocsConfig, language: str, files: Files) -> None:
    """The i18n plugin's sitemap lists the pages it recorded in on_files; record pages added after it."""
    recorded = getattr(_i18n(config), "i18n_files_per_language", None)
    if not isinstance(recorded, dict):
        raise PluginError("mkdocs-static-i18n no longer records its pages in i18n_files_per_language: see upstream.py")
    recorded[language] = files.documentation_pages()


def material_search_worker(theme_dirs: Iterable[str]) -> str:
    """The file name of Material's search worker, as the installed release names it."""
    for folder in theme_dirs:
        found = sorted((Path(folder) / MATERIAL_WORKERS).glob(MATERIAL_SEARCH_WORKER))
        if found:
            return found[0].name
    raise PluginError("Material's search worker was not found in the theme: is mkdocs-material installed?")


def offline_enabled(config: MkDocsConfig) -> bool:
    """Whether this build is the copy for reading from the file system (Material's offline plugin)."""
    plugin = config.plugins.get(OFFLINE_PLUGIN)
    return plugin is not None and bool(plugin.config.enabled)


def replace_polyfill(config: MkDocsConfig, name: str, url: str) -> None:
    """Material's offline plugin loads its polyfills from `extra.polyfills`: swap the one whose address
    contains `name` for `url`."""
    polyfills = [address for address in config.extra.get("polyfills", []) if name not in address]
    config.extra["polyfills"] = [*polyfills, url]


def material_templates() -> Path:
    """Material's own template folder, whatever the handbook's overrides put in front of it."""
    from importlib import resources

    folder = Path(str(resources.files("material"))) / "templates"
    palette = folder / MATERIAL_PALETTE
    if not palette.is_file() or MATERIAL_PALETTE_COMPONENT not in palette.read_text(encoding="utf-8"):
        raise PluginError(
            f"Material's {MATERIAL_PALETTE} was not found, or no longer holds {MATERIAL_PALETTE_COMPONENT}: "
            "see upstream.py and overrides/partials/palette.html"
        )
    return folder
