"""Build the handbook for reading without internet and pack it as one ZIP.

    make offline        (the publish workflow runs it after `make build` and `make pdf`)

The copy is the same handbook built with Material's offline plugin (HANDBOOK_OFFLINE=true): every
link ends in .html and search runs from the file system, so a 公民館 without Wi-Fi can unpack it on
a computer and open index.html. The PDFs of the online site go into the copy as they are.

Both builds write their reading order (reading-order.json); the copy is packed only when it holds every
page of the online site's, in the same order, and every chapter's PDF and the whole handbook's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from handbook.printing import PDF_DIR, WHOLE_HANDBOOK
from handbook.reading_order import site_manifests

ROOT = Path(__file__).resolve().parents[2]
ZIP_NAME = "chiiki-unei-handbook-offline.zip"
DOWNLOADS = "downloads"
FOLDER = "chiiki-unei-handbook"  # the folder the ZIP unpacks to


def build_offline(target: Path) -> None:
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        env={**os.environ, "HANDBOOK_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"the offline build failed:\n{result.stdout}{result.stderr}")


def pdfs(site: Path) -> list[Path]:
    """Every PDF the reading order promises, relative to the site; stops if one was not written."""
    wanted = [
        Path(PDF_DIR) / manifest.language / f"{name}.pdf"
        for manifest in site_manifests(site)
        for name in [WHOLE_HANDBOOK, *(chapter.pdf for chapter in manifest.chapters)]
    ]
    missing = [str(path) for path in wanted if not (site / path).is_file()]
    if missing:
        sys.exit(f"the offline copy needs the PDFs first (make pdf); missing in {site}: {', '.join(missing[:5])}")
    return wanted


def check_pages(site: Path, copy: Path) -> None:
    """The copy holds every page of the online reading order, in the same order."""
    for online, offline in zip(site_manifests(site), site_manifests(copy), strict=True):
        titles = [page.title for page in online.pages()]
        if [page.title for page in offline.pages()] != titles:
            sys.exit(f"the offline copy's {online.language} pages differ from the online site's reading order")
        absent = [page.url for page in offline.pages() if not (copy / page.url).is_file()]
        if absent:
            sys.exit(f"the offline copy lacks {len(absent)} pages of the reading order, e.g. {absent[0]}")


def pack(folder: Path, archive: Path) -> None:
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as bundle:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                bundle.write(path, Path(FOLDER) / path.relative_to(folder))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build the offline copy of the handbook as a ZIP.")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built online site, for its PDFs")
    parser.add_argument("--out", type=Path, default=None, help=f"the ZIP (default: <site>/{DOWNLOADS}/{ZIP_NAME})")
    args = parser.parse_args(argv)
    archive: Path = (args.out or args.site / DOWNLOADS / ZIP_NAME).resolve()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as temporary:
        copy = Path(temporary) / FOLDER
        build_offline(copy)
        try:
            check_pages(args.site, copy)
            wanted = pdfs(args.site)
        except FileNotFoundError as error:
            sys.exit(f"make offline: {error}")
        for pdf in wanted:
            (copy / pdf).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(args.site / pdf, copy / pdf)
        pack(copy, archive)
    size = archive.stat().st_size / 1_000_000
    print(f"wrote {archive} ({size:.1f} MB) in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
