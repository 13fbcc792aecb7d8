"""The copy for reading without internet: Material's offline plugin, with nothing from other hosts.

Pages opened from the file system cannot start a web worker, so Material's offline plugin adds the
iframe-worker shim — from unpkg.com. The handbook loads nothing from other hosts, so the shim comes
from npm (node_modules/iframe-worker, pinned in package-lock.json) and is served with the pages.
`make offline` (hooks/handbook/offline.py) builds this variant and packs it as a ZIP.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from handbook import upstream

SHIM = Path("node_modules") / "iframe-worker" / "shim" / "index.js"
SHIM_URL = "assets/javascripts/iframe-worker.js"


def offline_enabled(config: MkDocsConfig) -> bool:
    return upstream.offline_enabled(config)


@event_priority(-100)  # after the offline plugin has added its shim address
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if offline_enabled(config):
        upstream.replace_polyfill(config, "iframe-worker", SHIM_URL)
    return config


def on_post_build(config: MkDocsConfig) -> None:
    if not offline_enabled(config):
        return
    shim = Path(config.config_file_path).parent / SHIM
    if not shim.is_file():
        raise PluginError(f"the offline copy needs {SHIM}: run `npm ci` (make offline does)")
    target = Path(config.site_dir) / SHIM_URL
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shim, target)
