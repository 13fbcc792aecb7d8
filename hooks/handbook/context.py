"""Where the hooks find the build's state: the data and the page's language.

The data is loaded the first time a hook asks for it, for the configuration of the build in
progress, and kept while the data files' content stays the same. No hook has to run first.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from handbook import japanese, languages, upstream
from handbook.loader import DataError, Handbook, load_handbook

# The configuration of the build in progress and its data. A new build (each `mkdocs serve` rebuild
# loads the configuration again) checks the files' content once; the loader parses only what changed.
_current: tuple[MkDocsConfig, Handbook] | None = None


def project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def data_dir(config: MkDocsConfig) -> Path:
    return project_dir(config) / "data"


def handbook(config: MkDocsConfig) -> Handbook:
    """The validated data of this build, loaded on first use, whichever hook asks first.

    A data error stops the build with one message naming the file, line, record and field."""
    global _current
    if _current is not None and _current[0] is config:
        return _current[1]
    try:
        loaded = load_handbook(data_dir(config))
    except DataError as error:
        raise PluginError(f"Data error in {error}") from None
    _current = (config, loaded)
    # Every hook that reads Japanese (furigana, search) reads the handbook's names as data/readings.yml says.
    japanese.use_readings({surface: entry.reading for surface, entry in loaded.readings.items()})
    return loaded


def language(config: MkDocsConfig) -> str:
    """The language being built."""
    return upstream.build_language(config)


def default_language(config: MkDocsConfig) -> str:
    """The language served at the site's root."""
    return upstream.default_language(config)


def build_languages(config: MkDocsConfig) -> list[str]:
    """Every language this build writes."""
    return upstream.build_languages(config)


def language_root(config: MkDocsConfig) -> str:
    """Where the pages of the language being built start: '' or 'en/'."""
    return languages.language_root(language(config), default_language(config))
