"""Build the whole site, and replace site/ only when every step has succeeded.

    make build          (cd hooks && python -m handbook.build --site ../site)

The site (both languages, with `--strict`, so a broken link stops it too), its open data, its PDFs and
its offline copy are written into a staging folder beside site/. Only when all of them succeeded does
the staging folder take site/'s place, by renaming; any error leaves site/ exactly as it was and
prints the problem as the build reported it: one line naming the file (and line, record, field).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / "hooks"
STAGING_PREFIX = ".site-staging-"
# MkDocs' own progress lines; everything else it prints (warnings, errors) is for the maintainer.
_PROGRESS = ("INFO", "DEBUG")
_LEVEL = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-")
_MKDOCS_SUMMARY = ("Aborted with",)


class StepError(Exception):
    """A step of the build failed; the message is what the maintainer needs to see."""


@dataclass(frozen=True)
class Step:
    title: str
    command: list[str]
    cwd: Path


def steps(staging: Path, *, pdf: bool, offline: bool) -> list[Step]:
    python = sys.executable
    todo = [
        Step(
            "the site in both languages, with its open data",
            [python, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)],
            ROOT,
        )
    ]
    if pdf:
        todo.append(Step("the PDFs", [python, "-m", "handbook.pdf", "--site", str(staging)], HOOKS))
    if offline:
        todo.append(Step("the offline copy", [python, "-m", "handbook.offline", "--site", str(staging)], HOOKS))
    return todo


def problems(output: str) -> list[str]:
    """The lines of a step's output a maintainer must read: not the progress, each problem once.

    A message may go on over several lines; they belong to the level of the line that began it."""
    kept: list[str] = []
    level = ""
    for line in output.splitlines():
        begins = _LEVEL.match(line)
        if begins:
            level = begins.group(1)
        elif line.startswith("Traceback"):
            level = "Traceback"
        text = line.rstrip()
        if level in _PROGRESS or not text.strip() or text.startswith(_MKDOCS_SUMMARY):
            continue
        if begins and text in kept:
            continue
        kept.append(text)
    return kept


def run(step: Step) -> float:
    started = time.perf_counter()
    # Each step runs in a process group of its own, so that stopping the build stops every process
    # the step started (the PDF writer's workers too) before the staging folder is removed.
    with subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        step.command,
        cwd=step.cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    ) as process:
        try:
            output, _ = process.communicate()
        except BaseException:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise
    if process.returncode != 0:
        told = problems(output) or [f"{step.title} failed with exit code {process.returncode}"]
        raise StepError("\n".join(told))
    return time.perf_counter() - started


@contextmanager
def staging_folder(site: Path) -> Iterator[Path]:
    """A folder beside site/ (so renaming it is one step on the same disk), removed unless used."""
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=site.parent))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _readable(folder: Path) -> None:
    """A temporary folder is private to its owner; the site is as readable as any folder made here."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def replace_site(staging: Path, site: Path) -> None:
    """Put the new site in place of the old one: two renames, then the old one is removed."""
    _readable(staging)
    if not site.exists() and not site.is_symlink():
        staging.rename(site)
        return
    previous = Path(tempfile.mkdtemp(prefix=".site-previous-", dir=site.parent)) / site.name
    site.rename(previous)
    staging.rename(site)
    shutil.rmtree(previous.parent, ignore_errors=True)


def build(site: Path, *, pdf: bool = True, offline: bool = True) -> None:
    with staging_folder(site) as staging:
        for step in steps(staging, pdf=pdf, offline=offline):
            print(f"building {step.title} …", flush=True)
            seconds = run(step)
            print(f"  done in {seconds:.1f} s", flush=True)
        replace_site(staging, site)


def _stop(signal_number: int, frame: object) -> None:
    raise KeyboardInterrupt  # the running step is stopped and the staging folder removed, as for Ctrl-C


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build the site into a staging folder; replace site/ on success.")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the site folder to replace (default: site)")
    parser.add_argument("--no-pdf", action="store_true", help="leave out the PDFs")
    parser.add_argument("--no-offline", action="store_true", help="leave out the offline copy")
    args = parser.parse_args(argv)
    site = Path(os.path.abspath(args.site))
    signal.signal(signal.SIGTERM, _stop)
    try:
        build(site, pdf=not args.no_pdf, offline=not args.no_offline)
    except StepError as error:
        print(str(error), file=sys.stderr)
        sys.exit(f"The build stopped; {_shown(site)} was left as it was.")
    except KeyboardInterrupt:
        sys.exit(f"The build was interrupted; {_shown(site)} was left as it was.")
    print(f"The site is in {_shown(site)}.")


def _shown(site: Path) -> str:
    return f"{site.relative_to(ROOT)}/" if site.is_relative_to(ROOT) else f"{site}/"


if __name__ == "__main__":
    main()
