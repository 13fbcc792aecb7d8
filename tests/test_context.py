"""hooks/handbook/context.py, languages.py and upstream.py: the data loads on first use whatever order
the hooks run in; the language and address rules hold; what the hooks read from Material and the
i18n plugin is still where upstream.py looks for it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from handbook import context, languages, upstream


def _without_dates(page: Path) -> list[str]:
    """A page's lines without its last-changed date, which a copy outside git takes from the build day."""
    return [line for line in page.read_text(encoding="utf-8").splitlines() if "<time" not in line]


def test_the_hooks_build_the_same_site_in_any_order(project_copy: Path, site: Path) -> None:
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    hooks = re.search(r"^hooks:\n((?:  - .+\n)+)", text, re.MULTILINE)
    assert hooks
    listed = hooks.group(1).splitlines(keepends=True)
    assert listed[0].strip() == "- hooks/data_lifecycle.py"  # the check that used to have to run first
    config.write_text(text.replace(hooks.group(1), "".join(reversed(listed))), encoding="utf-8")

    result = build(project_copy)
    assert result.returncode == 0, result.output
    pages = sorted(path.relative_to(site) for path in site.rglob("*.html"))
    assert sorted(path.relative_to(result.site) for path in result.site.rglob("*.html")) == pages
    different = [str(page) for page in pages if _without_dates(site / page) != _without_dates(result.site / page)]
    assert different == []


def _config() -> MkDocsConfig:
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    return config.plugins.on_config(config)


def test_what_the_hooks_read_from_the_i18n_plugin_and_material() -> None:
    config = _config()
    assert upstream.build_language(config) == "ja"
    assert upstream.default_language(config) == "ja"
    assert upstream.build_languages(config) == ["ja", "en"]
    assert upstream.configured_languages(config) == ["ja", "en"]
    assert not upstream.offline_enabled(config)
    worker = upstream.material_search_worker(config.theme.dirs)
    assert re.fullmatch(r"search\.[0-9a-f]+\.min\.js", worker)
    assert any((Path(folder) / upstream.MATERIAL_WORKERS / worker).is_file() for folder in config.theme.dirs)
    palette = upstream.material_templates() / upstream.MATERIAL_PALETTE  # the header's ふりがな button
    assert upstream.MATERIAL_PALETTE_COMPONENT in palette.read_text(encoding="utf-8")  # the handbook's palette
    # The attribute the i18n plugin's sitemap reads; the case-study pages are recorded in it.
    assert isinstance(getattr(config.plugins["i18n"], "i18n_files_per_language", None), dict)


def test_the_data_loads_on_first_use_without_the_data_check_running() -> None:
    config = _config()
    loaded = context.handbook(config)
    assert "kirari-yoshijima" in loaded.cases
    assert context.handbook(config) is loaded  # kept for the build in progress


def test_a_data_error_found_on_first_use_is_one_message(project_copy: Path) -> None:
    case = project_copy / "data" / "cases" / "kirari-yoshijima.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("form: integrated", "form: 一体"), encoding="utf-8")
    config = load_config(str(project_copy / "mkdocs.yml"))
    with pytest.raises(PluginError, match=r"^Data error in data/cases/kirari-yoshijima\.yml, line \d+, record"):
        context.handbook(config)


@pytest.mark.parametrize(
    ("language", "root", "page"),
    [("ja", "", "cases/kirari-yoshijima/index.html"), ("en", "en/", "en/cases/kirari-yoshijima/index.html")],
)
def test_language_roots_and_addresses(language: str, root: str, page: str) -> None:
    assert languages.language_root(language, "ja") == root
    assert languages.localized_path("cases/kirari-yoshijima/index.html", language, "ja") == page
    assert languages.unlocalized_path(page, language, "ja") == "cases/kirari-yoshijima/index.html"
    # A Japanese page whose path happens to start like a language folder keeps it.
    assert languages.unlocalized_path("en/", "ja", "ja") == "en/"
