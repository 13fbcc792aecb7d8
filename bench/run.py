"""Performance benchmark of the handbook build: `make bench` (full) or `python bench/run.py --quick`.

Measures, always in temporary copies of the project (never in site/ or data/ of the work tree):

1. clean build time of the real site and of a bare baseline (the same project without its hooks);
2. scaling with 10, 100 and 1,000 synthetic case studies, and data loading alone at 1,000;
3. peak memory (max RSS) of the build at 1,000 case studies;
4. page weight of four pages in headless Chromium (every response, raw and gzip);
5. search index size per language;
6. how fast `mkdocs serve` shows an edit of a data file;
and a cProfile of one build at 100 case studies, listing the hook functions that take the most time.

Prints a table with PASS/MISS for each goal and writes bench/results.json.

Each temporary copy is a clone of the project's git history (the git-revision-date plugin reads it)
with the work tree's current mkdocs.yml, docs, hooks, overrides and data laid on top. Build times are
wall-clock medians; the CPU time of each build is shown beside them, as it varies less when other
work shares the two cores. `--skip clean|scaling|weight|serve|profile` leaves a part out.
"""

from __future__ import annotations

import argparse
import atexit
import cProfile  # noqa: F401 - run as `python -m cProfile` in a child process; imported to fail early
import datetime
import gzip
import http.server
import json
import os
import platform
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = ROOT / "bench" / "results.json"
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
# The browser and its flags, as the tests launch it (HANDBOOK_CHROMIUM chooses another Chromium)
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM  # noqa: E402
from conftest import CHROMIUM_FLAGS as CHROMIUM_ARGS  # noqa: E402

PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "data")
ENV = {key: value for key, value in os.environ.items() if key != "HANDBOOK_OFFLINE"}
ENV["NO_MKDOCS_2_WARNING"] = "1"
KB = 1024  # sizes are reported in KiB, written "KB"

# Goals
GOAL_BUILD_RATIO = 1.3  # real ≤ 1.3 × bare
GOAL_SCALING_RATIO = 12.0  # time(1000) / time(100)
GOAL_LOAD_SHARE = 0.10  # data loading ≤ 10 % of the build at 1,000 cases
GOAL_PAGE_GZIP_KB = 150.0  # per page

PAGES = ("/", "/workshops/", "/en/", "/en/workshops/")
SERVE_PAGE = "/cases/kirari-yoshijima/"
SERVE_CASE = "kirari-yoshijima"


# --------------------------------------------------------------------------------------------------
# Clean-up of temp folders and child processes, whatever way the script ends
# --------------------------------------------------------------------------------------------------

_TEMP_ROOT = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
_CHILDREN: list[subprocess.Popen[bytes]] = []


def _stop_child(proc: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    """Stop one child we started (and its process group, which it leads) by its id."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, grace), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _cleanup() -> None:
    for proc in list(_CHILDREN):
        _stop_child(proc, grace=3.0)
    shutil.rmtree(_TEMP_ROOT, ignore_errors=True)


def _on_signal(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


atexit.register(_cleanup)
signal.signal(signal.SIGTERM, _on_signal)
signal.signal(signal.SIGHUP, _on_signal)
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    # Started in the background by a shell, which ignores SIGINT: children would inherit that, and
    # `mkdocs serve` could then not be stopped cleanly with SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)


def _spawn(args: list[str], cwd: Path, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            args,
            cwd=cwd,
            env=ENV,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _CHILDREN.append(proc)
    return proc


# --------------------------------------------------------------------------------------------------
# Temp copies of the project
# --------------------------------------------------------------------------------------------------

_counter = 0


def temp_dir(label: str) -> Path:
    global _counter
    _counter += 1
    path = _TEMP_ROOT / f"{_counter:02d}-{label}"
    path.mkdir(parents=True)
    return path


def make_copy(label: str, *, hooks: bool = True, synthetic: int = 0) -> Path:
    """A copy of everything the build reads; optionally without hooks or with synthetic case studies."""
    copy = temp_dir(label)
    if (ROOT / ".git").exists():
        # The git-revision-date plugin reads each page's history: give the copy the project's, as CI has it
        # (a clone of the committed history), with the work tree's current files laid on top.
        git = ["git", "-c", "advice.detachedHead=false"]
        subprocess.run([*git, "clone", "-q", "--no-checkout", str(ROOT), str(copy)], check=True, env=ENV)  # noqa: S603
        subprocess.run([*git, "-C", str(copy), "reset", "-q"], check=True, env=ENV)  # noqa: S603
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, copy / part, ignore=ignore)
        else:
            shutil.copy2(source, copy / part)
    if not hooks:
        config = copy / "mkdocs.yml"
        config.write_text(strip_hooks(config.read_text(encoding="utf-8")), encoding="utf-8")
    if synthetic:
        write_synthetic_cases(copy / "data" / "cases", synthetic)
    return copy


def strip_hooks(config_text: str) -> str:
    """mkdocs.yml without its `hooks:` key and the `  - hooks/…` lines (and comments) under it."""
    stripped = re.sub(r"(?m)^hooks:[ \t]*\n(?:[ \t]+-[^\n]*\n|[ \t]*#[^\n]*\n|[ \t]*\n)*", "", config_text)
    if re.search(r"(?m)^hooks:", stripped):
        raise RuntimeError("could not remove the hooks: list from mkdocs.yml")
    return stripped


def set_strict_false(config_text: str) -> str:
    if re.search(r"(?m)^strict:", config_text):
        return re.sub(r"(?m)^strict:.*$", "strict: false", config_text)
    return config_text + "\nstrict: false\n"


# --------------------------------------------------------------------------------------------------
# Synthetic case studies
# --------------------------------------------------------------------------------------------------


def _prefectures() -> list[str]:
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        from handbook.models import Prefecture  # type: ignore[import-not-found]

        return [prefecture.value for prefecture in Prefecture]
    finally:
        sys.path.remove(str(ROOT / "hooks"))


def _validator() -> Callable[[dict[str, Any]], None]:
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        from handbook.models import CaseStudy  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "hooks"))

    def validate(record: dict[str, Any]) -> None:
        CaseStudy.model_validate(record)

    return validate


_FORMS = [None, "integrated", "separated"]
_LEGAL = [None, "npo", "authorized-neighborhood", "general-association", "voluntary", "llc"]


def synthetic_case(number: int, prefectures: list[str]) -> dict[str, Any]:
    """One schema-valid, bilingual record of realistic length (about as long as a real one)."""
    n = f"{number:04d}"
    prefecture = prefectures[number % len(prefectures)]
    record: dict[str, Any] = {
        "id": f"synthetic-{n}",
        "name": {"ja": f"合成事例{n}地域づくり協議会", "en": f"Synthetic {n} Community Council (合成事例{n})"},
        "prefecture": prefecture,
        "place": {"ja": f"合成市第{n}地区", "en": f"District {n}, Synthetic City"},
    }
    if form := _FORMS[number % len(_FORMS)]:
        record["form"] = form
    if legal := _LEGAL[number % len(_LEGAL)]:
        record["legal_form"] = legal
    if number % 4:
        record["founded"] = f"{1990 + number % 33}-{1 + number % 12:02d}"
    record["summary"] = {
        "ja": f"ベンチマーク用の合成事例{n}です。地区の全世帯が参加する地域運営組織として、見守りや交流、"
        "地域の拠点の運営に取り組んでいます。",
        "en": f"Synthetic case {n} for the benchmark: a community-run organization in which every household "
        "takes part, watching over older residents, running exchange events and a community centre.",
    }
    paragraphs_ja = [
        f"合成事例{n}の地区では、人口の減少と高齢化が進み、自治会だけでは行事や見守りを続けられなくなっていました。"
        "住民の話し合いを重ね、地区の団体をまとめて一つの組織をつくることにしました。",
        "設立までの2年間、全世帯アンケートとワークショップを年に4回開き、地区計画をつくりました。"
        "計画には、買い物支援、見守り、子どもの居場所づくりが入っています。",
        "今は事務局に2人の職員を置き、指定管理者として地区の交流センターを運営しています。"
        "会費と市の交付金、事業の収入で運営を続けています。",
    ]
    paragraphs_en = [
        f"In the district of synthetic case {n}, the population was shrinking and ageing, and the neighbourhood "
        "associations alone could no longer keep up events and watching over residents. After many residents' "
        "meetings, the district decided to bring its bodies together into one organization.",
        "In the two years before its founding, the district surveyed every household and held workshops four "
        "times a year to draw up a district plan covering help with shopping, watching over residents and a "
        "place for children.",
        "Today the secretariat has two staff and runs the district's community centre as designated manager. "
        "Membership fees, a grant from the city and income from its projects keep the organization going.",
    ]
    record["background"] = {"ja": "\n\n".join(paragraphs_ja), "en": "\n\n".join(paragraphs_en)}
    record["activities"] = [
        {"ja": "高齢者の見守りと配食", "en": "Watching over older residents and delivering meals"},
        {"ja": "買い物支援の乗り合い送迎", "en": "Shared rides for shopping"},
        {"ja": "地区の交流センターの運営（指定管理者）", "en": "Running the community centre as designated manager"},
    ]
    record["sources"] = ["seed-004"]
    return record


def write_synthetic_cases(folder: Path, count: int) -> None:
    prefectures = _prefectures()
    validate = _validator()
    for number in range(1, count + 1):
        record = synthetic_case(number, prefectures)
        validate(record)
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=1000)
        (folder / f"{record['id']}.yml").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------------------------------
# Running builds
# --------------------------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the child and the processes it waited for (git, …)
    max_rss_mb: float
    returncode: int
    log: str
    pages: int = 0  # HTML files in the built site (set by build())

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_timed(args: list[str], cwd: Path, timeout: float = 1800) -> Run:
    """Run a child to its end; wall time and that child's own max RSS (os.wait4, not all children)."""
    log = temp_dir("log") / "out.txt"
    start = time.perf_counter()
    proc = _spawn(args, cwd, log)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            _stop_child(proc)
            raise TimeoutError(f"{' '.join(args)} took more than {timeout} s")
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    _CHILDREN.remove(proc)
    text = log.read_text(encoding="utf-8", errors="replace")
    shutil.rmtree(log.parent, ignore_errors=True)
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, text)


def build(copy: Path, site: Path | None = None, *, keep: bool = False) -> Run:
    """One clean `mkdocs build` of a copy into a fresh temp folder (removed unless keep)."""
    site = site or temp_dir("site") / "site"
    if site.exists():
        shutil.rmtree(site)
    run = run_timed([PYTHON, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=copy)
    run.pages = sum(1 for _ in site.rglob("*.html")) if site.is_dir() else 0
    if not keep:
        shutil.rmtree(site.parent, ignore_errors=True)  # the temp_dir() the site folder was made in
    return run


def failure_reason(run: Run) -> str:
    lines = [line for line in run.log.splitlines() if re.search(r"ERROR|WARNING|Error|Aborted", line)]
    lines = list(dict.fromkeys(lines))  # each distinct message once
    return "\n".join(lines[-8:]) or "\n".join(run.log.splitlines()[-8:])


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# --------------------------------------------------------------------------------------------------
# Output helpers
# --------------------------------------------------------------------------------------------------


def say(text: str = "") -> None:
    print(text, flush=True)


def heading(text: str) -> None:
    say()
    say(f"== {text} " + "=" * max(0, 96 - len(text)))


def table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = []
        for i, cell in enumerate(row):
            cell = str(cell)
            cells.append(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]))
        return "  ".join(cells).rstrip()

    say(line(header))
    say("  ".join("-" * width for width in widths))
    for row in rows:
        say(line(row))


def kb(size: float) -> str:
    return f"{size / KB:,.1f}"


@dataclass
class Goal:
    name: str
    measured: str
    target: str
    passed: bool | None  # None: not measured (quick mode or failure)


@dataclass
class Results:
    mode: str
    data: dict[str, Any] = field(default_factory=dict)
    goals: list[Goal] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextmanager
def section(results: Results, name: str) -> Iterator[None]:
    """Run one part of the benchmark; a failure is reported and the other parts still run."""
    heading(name)
    start = time.perf_counter()
    try:
        yield
    except Exception as error:
        message = f"{name}: {type(error).__name__}: {error}"
        results.errors.append(message)
        say(f"!! FAILED: {message}")
        traceback.print_exc(file=sys.stdout)
    say(f"({name} took {time.perf_counter() - start:.0f} s)")


# --------------------------------------------------------------------------------------------------
# 1. Clean build: real vs bare
# --------------------------------------------------------------------------------------------------


def bench_clean_builds(results: Results, runs: int) -> Path | None:
    """Median clean build of the real site and of the bare one; returns a kept real build's site folder."""
    real = make_copy("real")
    bare = make_copy("bare", hooks=False)
    say(f"{runs} clean builds each (interleaved, after one warm-up each), `mkdocs build --site-dir <tmp>`")

    bare_note = ""
    warm_bare = build(bare)
    if not warm_bare.ok:
        bare_note = "bare build failed with the project's strict: true; retried with strict: false"
        say(f"bare build failed as configured (strict: true in mkdocs.yml):\n{failure_reason(warm_bare)}")
        config = bare / "mkdocs.yml"
        config.write_text(set_strict_false(config.read_text(encoding="utf-8")), encoding="utf-8")
        warm_bare = build(bare)
        if not warm_bare.ok:
            say(f"bare build fails even without strict:\n{failure_reason(warm_bare)}")
            bare_note = "bare build fails: " + failure_reason(warm_bare).replace("\n", " | ")
    warm_real = build(real)
    if not warm_real.ok:
        raise RuntimeError(f"the real site does not build:\n{failure_reason(warm_real)}")

    real_times: list[float] = []
    bare_times: list[float] = []
    real_cpu: list[float] = []
    bare_cpu: list[float] = []
    real_rss: list[float] = []
    pages = {"real": warm_real.pages, "bare": warm_bare.pages}
    kept_site = temp_dir("real-site") / "site"
    for index in range(runs):
        last = index == runs - 1
        run = build(real, kept_site if last else None, keep=last)
        if not run.ok:
            raise RuntimeError(f"real build failed:\n{failure_reason(run)}")
        real_times.append(run.seconds)
        real_cpu.append(run.cpu_secondseconds)
        real_rss.append(run.max_rss_mb)
        if warm_bare.ok:
            run_bare = build(bare)
            if run_bare.ok:
                bare_times.append(run_bare.seconds)
                bare_cpu.append(run_bare.cpu_seconds)
    real_median = median(real_times)
    bare_median = median(bare_times)
    ratio = real_median / bare_median if bare_times else float("nan")
    cpu_ratio = median(real_cpu) / median(bare_cpu) if bare_cpu else float("nan")
    rows = [
        [
            "real (with hooks)",
            f"{real_median:.2f}",
            " ".join(f"{t:.2f}" for t in real_times),
            f"{median(real_cpu):.2f}",
            f"{max(real_rss):.0f}",
        ],
        [
            "bare (no hooks)",
            f"{bare_median:.2f}" if bare_times else "n/a",
            " ".join(f"{t:.2f}" for t in bare_times),
            f"{median(bare_cpu):.2f}" if bare_cpu else "n/a",
            "",
        ],
    ]
    for row, variant, times in ((rows[0], "real", real_times), (rows[1], "bare", bare_times)):
        row.insert(4, str(pages[variant]))
        row.insert(5, f"{median(times) / pages[variant] * 1000:.0f}" if times and pages[variant] else "n/a")
    table(rows, ["build", "median wall s", "runs (wall s)", "median CPU s", "HTML pages", "ms/page", "max RSS MB"])
    per_page = float("nan")
    if bare_times and pages["real"] and pages["bare"]:
        per_page = (real_median / pages["real"]) / (bare_median / pages["bare"])
        say(f"the bare build writes no generated case-study pages: per HTML page, real/bare = {per_page:.2f}")
    say(
        f"ratio real/bare: {ratio:.2f} wall-clock, {cpu_ratio:.2f} CPU time"
        + (f"   ({bare_note})" if bare_note else "")
    )
    results.data["clean_build"] = {
        "runs": runs,
        "real_seconds": real_times,
        "bare_seconds": bare_times,
        "real_median_s": real_median,
        "bare_median_s": bare_median,
        "ratio": ratio,
        "real_cpu_seconds": real_cpu,
        "bare_cpu_seconds": bare_cpu,
        "cpu_ratio": cpu_ratio,
        "real_max_rss_mb": max(real_rss),
        "html_pages": pages,
        "per_page_ratio": per_page,
        "bare_note": bare_note,
    }
    results.data["real_case_count"] = len(list((ROOT / "data" / "cases").glob("*.yml")))
    results.goals.append(
        Goal(
            "clean build real/bare",
            f"{ratio:.2f}× ({real_median:.2f} s / {bare_median:.2f} s; CPU {cpu_ratio:.2f}×; per page {per_page:.2f}×)",
            f"≤ {GOAL_BUILD_RATIO}×",
            (ratio <= GOAL_BUILD_RATIO) if bare_times else None,
        )
    )
    shutil.rmtree(real, ignore_errors=True)
    shutil.rmtree(bare, ignore_errors=True)
    return kept_site


# --------------------------------------------------------------------------------------------------
# 2 + 3. Scaling with synthetic case studies, data loading, peak memory
# --------------------------------------------------------------------------------------------------

LOAD_SNIPPET = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from handbook.loader import load_handbook, _cache
imported = time.perf_counter()
data = Path(sys.argv[1])
handbook = load_handbook(data)
cold = time.perf_counter()
load_handbook(data)
warm = time.perf_counter()
print(json.dumps({"import_s": imported - start, "cold_s": cold - imported, "warm_s": warm - cold,
                  "cases": len(handbook.cases)}))
"""


def measure_load(copy: Path) -> dict[str, Any]:
    """load_handbook on the copy's data, cold, in a fresh interpreter (its cache is per process)."""
    completed = subprocess.run(  # noqa: S603
        [PYTHON, "-c", LOAD_SNIPPET, str(copy / "data")],
        cwd=copy,
        env={**ENV, "PYTHONPATH": str(copy / "hooks")},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if completed.returncode:
        raise RuntimeError(f"load_handbook failed: {completed.stderr[-2000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def bench_scaling(results: Results, sizes: list[tuple[int, int]], baseline_s: float | None) -> None:
    rows = []
    scaling: dict[str, Any] = {}
    real_cases = results.data.get("real_case_count", 0)
    for count, runs in sizes:
        copy = make_copy(f"synthetic-{count}", synthetic=count)
        times = []
        cpu = []
        rss = []
        for _ in range(runs):
            run = build(copy)
            if not run.ok:
                raise RuntimeError(f"build with {count} synthetic cases failed:\n{failure_reason(run)}")
            times.append(run.seconds)
            cpu.append(run.cpu_secondseconds)
            rss.append(run.max_rss_mb)
        entry: dict[str, Any] = {
            "runs": runs,
            "seconds": times,
            "median_s": median(times),
            "cpu_seconds": cpu,
            "median_cpu_s": median(cpu),
            "max_rss_mb": max(rss),
            "per_case_s": median(times) / (count + real_cases),
        }
        if baseline_s:
            entry["marginal_per_case_s"] = (median(times) - baseline_s) / count
        if count == max(size for size, _ in sizes):
            entry["load"] = measure_load(copy)
        scaling[str(count)] = entry
        rows.append(
            [
                f"{count} (+{real_cases} real)",
                str(runs),
                f"{median(times):.2f}",
                " ".join(f"{t:.1f}" for t in times),
                f"{median(cpu):.2f}",
                f"{entry['per_case_s'] * 1000:.1f}",
                f"{entry['marginal_per_case_s'] * 1000:.1f}" if baseline_s else "n/a",
                f"{max(rss):.0f}",
            ]
        )
        say(f"  {count} synthetic cases: median {median(times):.2f} s, max RSS {max(rss):.0f} MB")
        shutil.rmtree(copy, ignore_errors=True)
    say()
    table(
        rows,
        [
            "synthetic cases",
            "runs",
            "median wall s",
            "runs (wall s)",
            "median CPU s",
            "ms/case (total)",
            "ms/case (marginal)",
            "max RSS MB",
        ],
    )
    say("ms/case (total) = build time / all cases; (marginal) = (build time − real-site build) / synthetic cases")
    results.data["scaling"] = scaling

    largest = max(size for size, _ in sizes)
    big = scaling[str(largest)]
    load = big["load"]
    share = load["cold_s"] / big["median_s"]
    say(
        f"data loading + validation at {largest} synthetic cases ({load['cases']} in all), fresh process: "
        f"cold {load['cold_s']:.3f} s (import {load['import_s']:.3f} s, cached 2nd call {load['warm_s'] * 1000:.1f} ms)"
        f" = {share:.1%} of the build"
    )
    results.data["load_share"] = share
    if "100" in scaling and "1000" in scaling:
        ratio = scaling["1000"]["median_s"] / scaling["100"]["median_s"]
        results.data["scaling_ratio_1000_100"] = ratio
        cpu_ratio = scaling["1000"]["median_cpu_s"] / scaling["100"]["median_cpu_s"]
        results.data["scaling_cpu_ratio_1000_100"] = cpu_ratio
        say(f"time(1000)/time(100) = {ratio:.2f} wall-clock, {cpu_ratio:.2f} CPU time")
        results.goals.append(
            Goal(
                "scaling time(1000)/time(100)",
                f"{ratio:.2f} (CPU {cpu_ratio:.2f})",
                f"≤ {GOAL_SCALING_RATIO:g}",
                ratio <= GOAL_SCALING_RATIO,
            )
        )
    else:
        results.goals.append(
            Goal("scaling time(1000)/time(100)", "not measured (quick)", f"≤ {GOAL_SCALING_RATIO:g}", None)
        )
    full = largest == 1000
    results.goals.append(
        Goal(
            f"data loading share at {largest} cases",
            f"{share:.1%} ({load['cold_s']:.2f} s of {big['median_s']:.1f} s)",
            f"≤ {GOAL_LOAD_SHARE:.0%}",
            (share <= GOAL_LOAD_SHARE) if full else None,
        )
    )
    results.goals.append(
        Goal(
            f"peak memory (max RSS) at {largest} cases",
            f"{big['max_rss_mb']:.0f} MB",
            "report only",
            None,
        )
    )
    results.data["peak_rss_mb_largest"] = {"cases": largest, "max_rss_mb": big["max_rss_mb"]}


# --------------------------------------------------------------------------------------------------
# 4 + 5. Page weight in Chromium; search index sizes
# --------------------------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    served: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        type(self).served.append(self.path)
        super().do_GET()


def _file_for(site: Path, url_path: str) -> Path | None:
    path = urllib.parse.unquote(urllib.parse.urlsplit(url_path).path)
    candidate = (site / path.lstrip("/")).resolve()
    if not candidate.is_relative_to(site.resolve()):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _sizes(data: bytes) -> tuple[int, int]:
    return len(data), len(gzip.compress(data, compresslevel=6))


SEARCH_QUERIES = {"/": "地域", "/workshops/": "地域", "/en/": "community", "/en/workshops/": "community"}


def _resources(urls: list[str], responses: dict[str, Any], site: Path, base: str) -> list[dict[str, Any]]:
    """Raw and gzip size of each URL a page loaded, from the site's file (or the response body)."""
    resources = []
    for url in dict.fromkeys(urls):
        if url.startswith("data:"):
            continue
        data = None
        if url.startswith(base):
            file = _file_for(site, url[len(base) :])
            if file is not None:
                data = file.read_bytes()
        if data is None and url in responses:
            try:
                data = responses[url].body()
            except Exception:  # e.g. a redirect has no body
                data = b""
        raw, zipped = _sizes(data or b"")
        status = responses[url].status if url in responses else 200
        kind = responses[url].request.resource_type if url in responses else "worker-fetch"
        resources.append({"url": url.replace(base, ""), "status": status, "type": kind, "raw": raw, "gzip": zipped})
    return sorted(resources, key=lambda r: -r["gzip"])


def bench_page_weight(results: Results, site: Path) -> None:
    from playwright.sync_api import sync_playwright

    handler = type("Handler", (_QuietHandler,), {"served": []})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *args, **kwargs: handler(*args, directory=str(site), **kwargs)
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages: dict[str, Any] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for page_path in PAGES:
                    context = browser.new_context()  # a fresh context: empty cache
                    responses: dict[str, Any] = {}

                    def record(response: Any, responses: dict[str, Any] = responses) -> None:
                        responses.setdefault(response.url, response)

                    context.on("response", record)  # the context also sees the workers' requests
                    handler.served.clear()
                    page = context.new_page()
                    page.goto(base + page_path, wait_until="networkidle", timeout=60_000)
                    page.wait_for_timeout(1500)  # the search worker starts after load
                    page.wait_for_load_state("networkidle")
                    # What the server sent is the reference; the browser's list adds anything from elsewhere.
                    urls = list(responses) + [base + path for path in handler.served]
                    loaded = _resources(urls, responses, site, base)
                    seen = {base + r["url"] for r in loaded}

                    # Then the reader searches once: what more does that fetch?
                    searched: list[dict[str, Any]] = []
                    try:
                        # Material reads the query on keyup: fill the box (Japanese can't be typed key by key),
                        # then release a key that leaves the text as it is.
                        box = "input.md-search__input"
                        page.fill(box, SEARCH_QUERIES.get(page_path, "community"), timeout=10_000)
                        page.press(box, "End")
                        page.wait_for_timeout(2000)
                        page.wait_for_load_state("networkidle")
                        more = [url for url in [*responses, *(base + p for p in handler.served)] if url not in seen]
                        searched = _resources(more, responses, site, base)
                    except Exception as error:  # the page weight stands without it
                        say(f"  (could not search on {page_path}: {type(error).__name__})")
                    context.close()
                    pages[page_path] = {
                        "requests": len(loaded),
                        "raw": sum(r["raw"] for r in loaded),
                        "gzip": sum(r["gzip"] for r in loaded),
                        "resources": loaded,
                        "first_search": {
                            "requests": len(searched),
                            "raw": sum(r["raw"] for r in searched),
                            "gzip": sum(r["gzip"] for r in searched),
                            "resources": searched,
                        },
                    }
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()

    rows = [
        [
            path,
            str(page["requests"]),
            kb(page["raw"]),
            kb(page["gzip"]),
            "PASS" if page["gzip"] / KB <= GOAL_PAGE_GZIP_KB else "MISS",
            f"+{kb(page['first_search']['gzip'])} ({page['first_search']['requests']} req.)",
        ]
        for path, page in pages.items()
    ]
    table(rows, ["page", "requests", "raw KB", "gzip KB", f"≤{GOAL_PAGE_GZIP_KB:g} KB", "first search, gzip KB"])
    for path, page in pages.items():
        say(f"\n  five largest resources of {path} (by gzip size):")
        top = [[r["url"], r["type"], kb(r["raw"]), kb(r["gzip"])] for r in page["resources"][:5]]
        table([["  " + row[0], *row[1:]] for row in top], ["  resource", "type", "raw KB", "gzip KB"])
        if page["first_search"]["resources"]:
            fetched = ", ".join(f"{r['url']} ({kb(r['gzip'])} KB)" for r in page["first_search"]["resources"][:3])
            say(f"  first search fetched: {fetched}")
    results.data["page_weight"] = pages
    for path, page in pages.items():
        results.goals.append(
            Goal(
                f"page weight {path}",
                f"{page['gzip'] / KB:.1f} KB gzip ({page['raw'] / KB:.0f} KB raw, {page['requests']} requests)",
                f"≤ {GOAL_PAGE_GZIP_KB:g} KB gzip",
                page["gzip"] / KB <= GOAL_PAGE_GZIP_KB,
            )
        )


def bench_search_index(results: Results, site: Path) -> None:
    """Every search_index*.json of each language (the index may be split into configuration and text)."""
    rows = []
    sizes: dict[str, Any] = {}
    for language, folder in (("ja", site / "search"), ("en", site / "en" / "search")):
        files = sorted(folder.glob("search_index*.json")) if folder.is_dir() else []
        if not files:
            rows.append([language, str(folder.relative_to(site) / "search_index.json"), "missing", "", ""])
            continue
        total_raw = total_gzip = entries = 0
        per_file = {}
        for path in files:
            data = path.read_bytes()
            raw, zipped = _sizes(data)
            content = json.loads(data)
            docs = content if isinstance(content, list) else content.get("docs", [])
            entries += len(docs)
            total_raw += raw
            total_gzip += zipped
            per_file[str(path.relative_to(site))] = {"raw": raw, "gzip": zipped, "entries": len(docs)}
            rows.append([language, str(path.relative_to(site)), str(len(docs)), kb(raw), kb(zipped)])
        if len(files) > 1:
            rows.append([language, "(all files)", str(entries), kb(total_raw), kb(total_gzip)])
        sizes[language] = {"raw": total_raw, "gzip": total_gzip, "entries": entries, "files": per_file}
    table(rows, ["lang", "file", "entries", "raw KB", "gzip KB"])
    results.data["search_index"] = sizes


# --------------------------------------------------------------------------------------------------
# 7. PDFs: every chapter and the whole handbook, both languages
# --------------------------------------------------------------------------------------------------

GOAL_PDF_SECONDS = 60.0


def bench_pdfs(results: Results, site: Path) -> None:
    """Time `python -m handbook.pdf` (what `make pdf` runs) on a real build, in a copy of the site."""
    target = temp_dir("pdf-site") / "site"
    shutil.copytree(site, target)
    run = run_timed([PYTHON, "-m", "handbook.pdf", "--site", str(target)], cwd=ROOT / "hooks")
    if not run.ok:
        raise RuntimeError(failure_reason(run))
    pdfs = sorted((target / "pdf").rglob("*.pdf"))
    total = sum(path.stat().st_size for path in pdfs)
    say(f"{len(pdfs)} PDFs ({kb(total)} KB in all) written in {run.seconds:.1f} s wall, {run.cpu_seconds:.1f} s CPU")
    results.data["pdf"] = {"count": len(pdfs), "bytes": total, "wall_s": run.seconds, "cpu_s": run.cpu_seconds}
    results.goals.append(
        Goal(
            "all PDFs, both languages",
            f"{run.seconds:.1f} s ({len(pdfs)} PDFs)",
            f"≤ {GOAL_PDF_SECONDS:.0f} s",
            run.seconds <= GOAL_PDF_SECONDS,
        )
    )


# --------------------------------------------------------------------------------------------------
# 6. mkdocs serve reaction to a data edit
# --------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own loopback server
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _built_count(log: Path) -> int:
    return log.read_text(encoding="utf-8", errors="replace").count("Documentation built in")


def _wait(predicate: Callable[[], bool], timeout: float, interval: float = 0.1) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(interval)
    return None


def set_summary_marker(case_file: Path, marker: str) -> None:
    """Put the marker at the start of the Japanese summary, keeping the rest of the file as it is."""
    text = case_file.read_text(encoding="utf-8")
    pattern = re.compile(r"(?m)^(summary:[ \t]*\n[ \t]+ja:[ \t]*)(?:BENCH-[0-9a-f]+ )?")
    new, count = pattern.subn(lambda m: f"{m.group(1)}{marker} ", text, count=1)
    if count != 1:
        raise RuntimeError(f"could not find summary.ja in {case_file}")
    case_file.write_text(new, encoding="utf-8")


def bench_serve(results: Results, repeats: int) -> None:
    copy = make_copy("serve")
    port = _free_port()
    log = copy / "serve.log"
    proc = _spawn([PYTHON, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], copy, log)
    url = f"http://127.0.0.1:{port}{SERVE_PAGE}"
    times: list[float] = []
    try:
        start = time.perf_counter()
        up = _wait(lambda: proc.poll() is None and _fetch(url) is not None and _built_count(log) >= 1, 180, 0.2)
        if up is None:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
            raise RuntimeError(f"mkdocs serve did not serve {SERVE_PAGE} within 180 s:\n{tail}")
        say(f"mkdocs serve up on port {port}, {SERVE_PAGE} served after {time.perf_counter() - start:.1f} s")
        time.sleep(2)  # let the file watcher settle
        case_file = copy / "data" / "cases" / f"{SERVE_CASE}.yml"
        for attempt in range(1, repeats + 1):
            marker = f"BENCH-{uuid.uuid4().hex[:12]}"
            builds_before = _built_count(log)
            set_summary_marker(case_file, marker)
            t0 = time.perf_counter()
            seen = _wait(lambda marker=marker: marker in (_fetch(url) or ""), 120, 0.1)
            if seen is None:
                tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
                raise RuntimeError(f"edit {attempt}: the page did not show the marker within 120 s:\n{tail}")
            done = _wait(lambda before=builds_before: _built_count(log) > before, 120, 0.1)
            full_rebuild = time.perf_counter() - t0
            times.append(seen)
            say(
                f"  edit {attempt}: marker served after {seen:.2f} s"
                + (f" (rebuild logged done after {full_rebuild:.2f} s)" if done is not None else "")
            )
            time.sleep(1.5)
    finally:
        _stop_child(proc, grace=15)
        if proc in _CHILDREN:
            _CHILDREN.remove(proc)
        say(f"mkdocs serve stopped (exit code {proc.returncode})")
        shutil.rmtree(copy, ignore_errors=True)
    value = median(times)
    say(f"median time from data edit to updated page: {value:.2f} s over {len(times)} edit(s)")
    results.data["serve_reaction"] = {"seconds": times, "median_s": value}
    results.goals.append(
        Goal("mkdocs serve: data edit → page updated", f"{value:.2f} s (median of {len(times)})", "report only", None)
    )


# --------------------------------------------------------------------------------------------------
# cProfile at 100 synthetic cases
# --------------------------------------------------------------------------------------------------


def bench_profile(results: Results, count: int, top: int = 15) -> None:
    copy = make_copy(f"profile-{count}", synthetic=count)
    profile = copy / "build.prof"
    site = temp_dir("profile-site") / "site"
    run = run_timed(
        [PYTHON, "-m", "cProfile", "-o", str(profile), "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=copy
    )
    if not run.ok:
        raise RuntimeError(f"profiled build failed:\n{failure_reason(run)}")
    stats = pstats.Stats(str(profile))
    hooks_dir = str((copy / "hooks").resolve())
    total = float(stats.total_tt)  # type: ignore[attr-defined]
    rows = []
    entries = []
    for (filename, line, function), (_cc, ncalls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if filename.startswith(hooks_dir):
            entries.append(
                (cumtime, tottime, ncalls, f"hooks/{Path(filename).relative_to(hooks_dir)}:{line}({function})")
            )
    entries.sort(reverse=True)
    for cumtime, tottime, ncalls, name in entries[:top]:
        rows.append([name, str(ncalls), f"{tottime:.3f}", f"{cumtime:.3f}", f"{cumtime / total:.1%}" if total else ""])
    say(f"profiled build with {count} synthetic cases: {run.seconds:.2f} s wall under cProfile (total {total:.2f} s)")
    table(rows, ["function in hooks/", "calls", "tottime s", "cumtime s", "of build"])

    # What the hooks spend their time in outside hooks/: callees of hook functions, by cumulative time.
    outside: list[tuple[float, str, int]] = []
    for (filename, line, function), (_cc, ncalls, _tt, _cumtime, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if filename.startswith(hooks_dir):
            continue
        from_hooks = sum(value[3] for caller, value in callers.items() if caller[0].startswith(hooks_dir))
        if from_hooks > 0:
            short = re.sub(r"^.*/site-packages/", "", filename)
            outside.append((from_hooks, f"{short}:{line}({function})", ncalls))
    outside.sort(reverse=True)
    say("\n  called directly from hooks/, by cumulative time spent under those calls:")
    table(
        [["  " + name, f"{cum:.3f}", f"{cum / total:.1%}" if total else ""] for cum, name, _n in outside[:8]],
        ["  function (outside hooks/)", "cumtime s", "of build"],
    )
    results.data["profile"] = {
        "synthetic_cases": count,
        "wall_s": run.seconds,
        "total_s": total,
        "hooks_top": [
            {"function": name, "ncalls": ncalls, "tottime": tottime, "cumtime": cumtime}
            for cumtime, tottime, ncalls, name in entries[:top]
        ],
        "called_from_hooks_top": [{"function": name, "cumtime": cum} for cum, name, _ in outside[:8]],
    }
    shutil.rmtree(copy, ignore_errors=True)
    shutil.rmtree(site.parent, ignore_errors=True)


# --------------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    memtotal_kb = 0
    with open("/proc/meminfo", encoding="utf-8") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                memtotal_kb = int(line.split()[1])
    cpu_model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            cpu_model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    except OSError:
        pass
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model,
        "ram_gib": round(memtotal_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, only 10 and 100 synthetic cases")
    parser.add_argument(
        "--skip", action="append", default=[], help="skip a part: clean, scaling, weight, pdf, serve, profile"
    )
    args = parser.parse_args()
    mode = "quick" if args.quick else "full"
    results = Results(mode)
    info = machine_info()
    results.data["machine"] = info
    started = time.perf_counter()

    say(f"Handbook build benchmark ({mode} mode)")
    say(f"date: {info['date']}   CPUs: {info['cpus']} ({info['cpu_model']})   RAM: {info['ram_gib']} GiB")
    say(f"python: {PYTHON} ({info['python']})   project: {ROOT}   temp: {_TEMP_ROOT}")
    load = os.getloadavg()
    results.data["load_average_start"] = load
    say(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if load[0] > 0.8 * (os.cpu_count() or 1):
        say("!! the machine is busy: wall-clock times will be noisy; the CPU-time columns are steadier")

    clean_runs = 2 if args.quick else 5
    sizes = [(10, 1), (100, 1)] if args.quick else [(10, 3), (100, 3), (1000, 2)]
    serve_repeats = 1 if args.quick else 3

    site: Path | None = None
    if "clean" not in args.skip:
        with section(results, "1. Clean build: real site vs bare (no hooks)"):
            site = bench_clean_builds(results, clean_runs)
    baseline = results.data.get("clean_build", {}).get("real_median_s")
    if "scaling" not in args.skip:
        with section(results, "2+3. Scaling with synthetic case studies; data loading; peak memory"):
            bench_scaling(results, sizes, baseline)
    if "weight" not in args.skip:
        if site is None or not site.is_dir():
            with section(results, "fresh real build for page weight"):
                copy = make_copy("weight")
                site = temp_dir("weight-site") / "site"
                run = build(copy, site, keep=True)
                if not run.ok:
                    site = None
                    raise RuntimeError(failure_reason(run))
        if site is not None:
            with section(results, "4. Page weight in Chromium (fresh context, every response)"):
                bench_page_weight(results, site)
            with section(results, "5. Search index size per language"):
                bench_search_index(results, site)
            if "pdf" not in args.skip:
                with section(results, "7. PDFs of every chapter and the whole handbook, both languages"):
                    bench_pdfs(results, site)
    if "serve" not in args.skip:
        with section(results, "6. mkdocs serve: edit data/cases/kirari-yoshijima.yml → page updated"):
            bench_serve(results, serve_repeats)
    if "profile" not in args.skip:
        with section(results, "cProfile: one build with 100 synthetic cases, top functions in hooks/"):
            bench_profile(results, 100)

    heading("Goals")
    table(
        [
            [goal.name, goal.measured, goal.target, {True: "PASS", False: "MISS", None: "—"}[goal.passed]]
            for goal in results.goals
        ],
        ["goal", "measured", "target", "result"],
    )
    elapsed = time.perf_counter() - started
    load = os.getloadavg()
    results.data["load_average_end"] = load
    say(f"\ntotal benchmark time: {elapsed / 60:.1f} min   load average at end: {' '.join(f'{x:.2f}' for x in load)}")
    if results.errors:
        say("\nparts that failed:")
        for error in results.errors:
            say(f"  - {error.splitlines()[0]}")

    results.data["goals"] = [goal.__dict__ for goal in results.goals]
    results.data["errors"] = results.errors
    results.data["mode"] = mode
    results.data["elapsed_s"] = elapsed
    RESULTS_FILE.write_text(json.dumps(results.data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    say(f"results written to {RESULTS_FILE.relative_to(ROOT)}")
    return 1 if results.errors else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
