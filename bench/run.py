"""Speed benchmark of the handbook: `make bench` (every part), `--quick` (fewer runs) or `--smoke` (each part
once on the smallest input, to show in seconds that the benchmark still runs; the test suite runs it).

Parts, each in temporary copies of the project (never in the work tree's site/ or data/):
  clean    clean build of the real site and of a bare one (the same Markdown without the hooks)
  scaling  builds with extra synthetic case studies; data loading alone and peak memory at the largest
  weight   what four pages transfer in Chromium, compressed as GitHub Pages serves them, and what the
           first search fetches; the size of each language's search index
  search   the time from the last keystroke to the search results, the first search of a fresh page
           included, and the size of each language's search index (bench_search, self-contained)
  pdf      every PDF of both languages (`make pdf`)
  serve    how soon `mkdocs serve` shows an edit of a data file
  profile  a cProfile of one build with synthetic cases: the hook functions that take the most time

Prints each part, then a table of goals met or missed, and writes bench/results.json (or --results).
Build times are wall-clock medians with the CPU time beside them, which varies less when other work
shares the two cores; the load average is printed at the start and the end of each part.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]

from conftest import CHROMIUM, CHROMIUM_FLAGS, copy_project, fetch, mkdocs_serve, serve_folder  # noqa: E402
from synthetic import write_synthetic_cases  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Response

PYTHON = sys.executable
ENV = {key: value for key, value in os.environ.items() if key != "HANDBOOK_OFFLINE"} | {"NO_MKDOCS_2_WARNING": "1"}
PAGES = ("/", "/workshops/", "/en/", "/en/workshops/")
QUERIES = {"/": "地域", "/workshops/": "地域", "/en/": "community", "/en/workshops/": "community"}
SERVE_CASE = "kirari-yoshijima"
GOAL_BUILD_RATIO = 1.3  # real build ≤ 1.3 × bare build
GOAL_SCALING_RATIO = 12.0  # time(1,000 cases) / time(100 cases)
GOAL_LOAD_SHARE = 0.10  # loading the data ≤ 10 % of the build at 1,000 cases
GOAL_PAGE_KB = 150.0  # compressed transfer per page
GOAL_PDF_SECONDS = 45.0  # every PDF of both languages


@dataclass(frozen=True)
class Plan:
    clean_runs: int
    sizes: tuple[int, ...]  # synthetic case counts for the scaling part
    scaling_runs: int
    pages: tuple[str, ...]
    serve_edits: int
    profile_cases: int
    smoke: bool = False


PLANS = {
    "full": Plan(5, (10, 100, 1000), 3, PAGES, 3, 100),
    "quick": Plan(2, (10, 100), 1, PAGES, 1, 100),
    "smoke": Plan(1, (2,), 1, PAGES[:1], 1, 2, smoke=True),
}


@dataclass
class Goal:
    name: str
    measured: str
    target: str
    met: bool | None  # None: reported only, or not judged in this mode


@dataclass
class Results:
    mode: str
    data: dict[str, Any] = field(default_factory=dict)
    goals: list[Goal] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def goal(self, name: str, measured: str, target: str, met: bool | None = None) -> None:
        self.goals.append(Goal(name, measured, target, met))


def say(text: str = "") -> None:
    print(text, flush=True)


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    for row in [header, ["-" * width for width in widths], *rows]:
        say(
            "  ".join(
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            )
        )


@contextmanager
def part(results: Results, name: str) -> Iterator[None]:
    """One part of the benchmark: a failure is reported, counted, and the other parts still run."""
    say(f"\n== {name} (load average {load()})")
    started = time.perf_counter()
    try:
        yield
    except Exception as error:  # every failure of a part is reported the same way
        results.errors.append(f"{name}: {type(error).__name__}: {error}")
        say(f"!! {name} FAILED")
        traceback.print_exc(file=sys.stdout)
    say(f"({name}: {time.perf_counter() - started:.0f} s, load average {load()})")


# --- Running builds in throw-away copies ---


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the child and what it waited for
    max_rss_mb: float
    returncode: int
    output: str

    def check(self, what: str) -> Run:
        if self.returncode != 0:
            raise RuntimeError(f"{what} failed:\n" + "\n".join(self.output.splitlines()[-15:]))
        return self


def timed(args: list[str], cwd: Path, timeout: float = 1800) -> Run:
    """Run a child to its end: wall time, and its own CPU time and peak memory (os.wait4)."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        child = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
        while not (waited := os.wait4(child.pid, os.WNOHANG))[0]:
            if time.perf_counter() - started > timeout:
                child.kill()
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(waited[1])
        output.seek(0)
        usage = waited[2]
        text = output.read().decode("utf-8", errors="replace")
        return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode, text)


class Workspace:
    """Temporary copies of the project, removed at the end."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
        self.count = 0

    def folder(self, label: str) -> Path:
        self.count += 1
        path = self.root / f"{self.count:02d}-{label}"
        path.mkdir()
        return path

    def project(self, label: str, *, hooks: bool = True, cases: int = 0) -> Path:
        """A copy of what the build reads, over a clone of the git history (the page dates come from it)."""
        copy = self.folder(label)
        if (ROOT / ".git").exists():
            subprocess.run(["git", "clone", "-q", "--no-checkout", str(ROOT), str(copy)], check=True)  # noqa: S603, S607
            subprocess.run(["git", "-C", str(copy), "reset", "-q"], check=True)  # noqa: S603, S607
        copy_project(copy)
        if not hooks:
            config = copy / "mkdocs.yml"
            text = re.sub(r"(?m)^hooks:\n(?:[ \t]+-.*\n|[ \t]*#.*\n|[ \t]*\n)*", "", config.read_text(encoding="utf-8"))
            config.write_text(re.sub(r"(?m)^strict:.*$", "strict: false", text), encoding="utf-8")
            # The header's ふりがな button wraps Material's palette partial, which hooks/furigana.py makes
            # reachable; without the hooks, Material's own partial is used.
            (copy / "overrides" / "partials" / "palette.html").unlink()
        if cases:
            write_synthetic_cases(copy, cases)
        return copy

    def build(self, project: Path, site: Path | None = None) -> tuple[Run, int]:
        """One clean `mkdocs build`; returns the run and the number of HTML pages written."""
        site = site or self.folder("site") / "site"
        run = timed([PYTHON, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=project)
        pages = sum(1 for _ in site.rglob("*.html"))
        return run, pages

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# --- The parts ---


def bench_clean(results: Results, space: Workspace, plan: Plan) -> Path:
    """Real and bare builds, interleaved; returns the folder of the last real build for the other parts."""
    real, bare = space.project("real"), space.project("bare", hooks=False)
    if not plan.smoke:
        space.build(real)[0].check("warm-up build")
        space.build(bare)[0].check("warm-up bare build")
    site = space.folder("real-site") / "site"
    runs: dict[str, list[Run]] = {"real": [], "bare": []}
    pages = {"real": 0, "bare": 0}
    for index in range(plan.clean_runs):
        for name, project in (("real", real), ("bare", bare)):
            target = site if name == "real" and index == plan.clean_runs - 1 else None
            run, pages[name] = space.build(project, target)
            runs[name].append(run.check(f"{name} build"))
    wall = {name: median([run.seconds for run in done]) for name, done in runs.items()}
    cpu = {name: median([run.cpu_seconds for run in done]) for name, done in runs.items()}
    table(
        [
            [
                name,
                f"{wall[name]:.2f}",
                " ".join(f"{run.seconds:.2f}" for run in runs[name]),
                f"{cpu[name]:.2f}",
                str(pages[name]),
            ]
            for name in runs
        ],
        ["build", "median s", "runs (s)", "median CPU s", "HTML pages"],
    )
    ratio = wall["real"] / wall["bare"]
    per_page = (wall["real"] / pages["real"]) / (wall["bare"] / pages["bare"])
    say(f"real/bare {ratio:.2f}× wall, {cpu['real'] / cpu['bare']:.2f}× CPU, {per_page:.2f}× per page")
    results.data["clean"] = {"wall_s": wall, "cpu_s": cpu, "pages": pages, "ratio": ratio, "per_page_ratio": per_page}
    results.goal(
        "clean build real/bare",
        f"{ratio:.2f}× ({wall['real']:.2f} s / {wall['bare']:.2f} s)",
        f"≤ {GOAL_BUILD_RATIO}×",
        None if plan.smoke else ratio <= GOAL_BUILD_RATIO,
    )
    return site


LOAD_DATA = """
import json, sys, time
from pathlib import Path
from handbook.loader import load_handbook
started = time.perf_counter()
handbook = load_handbook(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - started, "cases": len(handbook.cases)}))
"""


def bench_scaling(results: Results, space: Workspace, plan: Plan) -> None:
    scaling: dict[int, dict[str, float]] = {}
    for count in plan.sizes:
        project = space.project(f"cases-{count}", cases=count)
        done = [
            space.build(project)[0].check(f"build with {count} synthetic cases")
            for _ in range(min(plan.scaling_runs, 2) if count >= 1000 else plan.scaling_runs)
        ]
        scaling[count] = {
            "median_s": median([run.seconds for run in done]),
            "cpu_s": median([run.cpu_seconds for run in done]),
            "max_rss_mb": max(run.max_rss_mb for run in done),
        }
        if count == plan.sizes[-1]:
            loaded = timed([PYTHON, "-c", LOAD_DATA, str(project / "data")], cwd=project / "hooks").check(
                "loading data"
            )
            scaling[count]["load_s"] = json.loads(loaded.output.strip().splitlines()[-1])["seconds"]
        shutil.rmtree(project, ignore_errors=True)
    table(
        [
            [str(count), f"{row['median_s']:.2f}", f"{row['cpu_s']:.2f}", f"{row['max_rss_mb']:.0f}"]
            for count, row in scaling.items()
        ],
        ["synthetic cases", "median s", "CPU s", "max RSS MB"],
    )
    results.data["scaling"] = scaling
    largest = scaling[plan.sizes[-1]]
    share = largest["load_s"] / largest["median_s"]
    say(f"loading and validating the data at {plan.sizes[-1]} cases: {largest['load_s']:.2f} s, {share:.1%} of a build")
    full = plan.sizes[-1] >= 1000
    if 100 in scaling and 1000 in scaling:
        ratio = scaling[1000]["median_s"] / scaling[100]["median_s"]
        results.goal(
            "time(1,000 cases) / time(100)", f"{ratio:.1f}", f"≤ {GOAL_SCALING_RATIO:g}", ratio <= GOAL_SCALING_RATIO
        )
    results.goal(
        f"data loading at {plan.sizes[-1]} cases",
        f"{share:.1%}",
        f"≤ {GOAL_LOAD_SHARE:.0%}",
        share <= GOAL_LOAD_SHARE if full else None,
    )
    results.goal(f"peak memory at {plan.sizes[-1]} cases", f"{largest['max_rss_mb']:.0f} MB", "report only")


def weigh(browser: Browser, address: str, query: str) -> dict[str, float]:
    """Compressed bytes a page transfers in a fresh browser context (an empty cache), then a first search."""
    context = browser.new_context()
    responses: list[Response] = []

    def record(response: Response) -> None:
        responses.append(response)  # the context also sees the search worker's requests

    context.on("response", record)
    tab = context.new_page()
    tab.goto(address, wait_until="networkidle")
    tab.wait_for_timeout(1000)  # the search worker starts after the page has loaded
    loaded = sum(response.request.sizes()["responseBodySize"] for response in responses)
    count = len(responses)
    tab.fill("input.md-search__input", query)
    tab.press("input.md-search__input", "End")  # Material reads the query on a key press
    tab.locator("li.md-search-result__item").first.wait_for(timeout=30_000)
    tab.wait_for_load_state("networkidle")
    searched = sum(response.request.sizes()["responseBodySize"] for response in responses[count:])
    context.close()
    return {"kb": loaded / 1024, "requests": count, "first_search_kb": searched / 1024}


def bench_weight(results: Results, site: Path, plan: Plan) -> None:
    from playwright.sync_api import sync_playwright

    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        weights = {path: weigh(browser, base + path.lstrip("/"), QUERIES[path]) for path in plan.pages}
        browser.close()
    table(
        [
            [path, str(row["requests"]), f"{row['kb']:.1f}", f"+{row['first_search_kb']:.1f}"]
            for path, row in weights.items()
        ],
        ["page", "requests", "transferred KB", "first search KB"],
    )
    indexes = {
        language: sum(path.stat().st_size for path in (site / folder / "search").glob("search_index*.json")) / 1024
        for language, folder in (("ja", ""), ("en", "en"))
    }
    say("search index, uncompressed: " + ", ".join(f"{language} {size:.0f} KB" for language, size in indexes.items()))
    results.data["weight"] = {"pages": weights, "search_index_kb": indexes}
    for path, row in weights.items():
        results.goal(f"page weight {path}", f"{row['kb']:.0f} KB", f"≤ {GOAL_PAGE_KB:g} KB", row["kb"] <= GOAL_PAGE_KB)


# --- Search: from the last keystroke to the results (self-contained: re-apply as a whole) ---

GOAL_SEARCH_MEDIAN_MS = 300.0
# (page, query): each a fresh page on which the reader puts the cursor in the search box and types at once
SEARCH_FIRST = [
    ("/", "交付金"),
    ("/workshops/", "ちいきうんえいそしき"),
    ("/cases/kirari-yoshijima/", "川西町"),
    ("/glossary/", "じちかい"),
    ("/support-programs/", "地域おこし協力隊"),
    ("/organization/", "NPO法人にするには"),
    ("/en/", "neighborhood association"),
    ("/en/workshops/", "subsidies"),
    ("/en/glossary/", "related population"),
    ("/en/cases/", "Kaneyama"),
]
# Then, on the same page, one query after another
SEARCH_NEXT = {
    "/": ["吉島地区のとりくみ", "こうふきん", "金山町", "補助金", "ワークショップの進め方", "空き家", "みまもり"],
    "/en/": ["workshop", "membership fees", "special local allocation tax", "library", "general meeting"],
}
# Set on the page before a query is typed: when it was last changed (the last keystroke, or an input
# method committing the text) before the answer, and when Material then showed the answer to it.
SEARCH_WATCH = """() => {
  window.__typedAt = undefined
  window.__shownAt = undefined
  const input = document.querySelector('input.md-search__input')
  const typed = () => { if (window.__shownAt === undefined) window.__typedAt = performance.now() }
  input.addEventListener('input', typed)
  input.addEventListener('keydown', typed)
  const result = document.querySelector('.md-search-result')
  const meta = result.querySelector('.md-search-result__meta')
  // before the first search of a page, the dialog says the search is being prepared
  window.__preparing = window.__preparing || meta.textContent.trim()
  const translations = JSON.parse(document.getElementById('__config').textContent).translations
  const placeholder = translations['search.result.placeholder']
  const observer = new MutationObserver(() => {
    const text = meta.textContent.trim()
    if (window.__typedAt !== undefined && text !== placeholder && text !== window.__preparing) {
      window.__shownAt = performance.now()
      observer.disconnect()
    }
  })
  observer.observe(result, { childList: true, subtree: true, characterData: true })
}"""


def timed_search(tab: Page, query: str) -> tuple[float, float]:
    """Type a query into Material's search box: ms from the last keystroke, and from the focus, to the answer."""
    box = tab.locator("input.md-search__input")
    if box.input_value():
        box.fill("")
        box.press("End")
        tab.wait_for_timeout(100)
    tab.evaluate("window.__focusAt = performance.now()")
    box.focus()
    tab.evaluate(SEARCH_WATCH)
    box.fill(query)
    box.press("End")  # Material reads the query on keyup; Japanese is filled, as an input method commits it
    tab.wait_for_function("window.__shownAt !== undefined", timeout=30_000)
    return float(tab.evaluate("window.__shownAt - window.__typedAt")), float(
        tab.evaluate("window.__shownAt - window.__focusAt")
    )


def bench_search(results: Results, site: Path, plan: Plan) -> None:
    from playwright.sync_api import sync_playwright

    rows = []
    for language, folder in (("ja", site), ("en", site / "en")):
        index_file = folder / "search" / "search_index.handbook.json"
        if index_file.is_file():
            data = index_file.read_bytes()
            sections = len(json.loads(data)["sections"])
            size, zipped = len(data) / 1024, len(gzip.compress(data, 6)) / 1024
            rows.append([language, str(index_file.relative_to(site)), str(sections), f"{size:.1f}", f"{zipped:.1f}"])
    table(rows, ["lang", "index (loaded when the search box gets focus)", "sections", "KB", "gzip KB"])
    first: list[float] = []
    from_focus: list[float] = []
    later: list[float] = []
    pages = SEARCH_FIRST[:2] if plan.smoke else SEARCH_FIRST
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for path, query in pages:
            context = browser.new_context()  # an empty cache, as on a first visit
            tab = context.new_page()
            tab.goto(base + path.lstrip("/"), wait_until="load")
            since_key, since_focus = timed_search(tab, query)
            first.append(since_key)
            from_focus.append(since_focus)
            for next_query in [] if plan.smoke else SEARCH_NEXT.get(path, []):
                later.append(timed_search(tab, next_query)[0])
            context.close()
        browser.close()
    every = first + later
    table(
        [
            [name, str(len(times)), f"{statistics.median(times):.0f}", f"{max(times):.0f}"]
            for name, times in (
                ("first search after a page load", first),
                ("  the same, from putting the cursor in the box", from_focus),
                ("later searches", later),
                ("all", every),
            )
            if times
        ],
        ["search", "n", "median ms", "worst ms"],
    )
    results.data["search_ms"] = {"first": first, "first_from_focus": from_focus, "later": later}
    results.goal(
        "search: last keystroke → results",
        f"median {statistics.median(every):.0f} ms, worst {max(every):.0f} ms",
        f"median ≤ {GOAL_SEARCH_MEDIAN_MS:g} ms",
        None if plan.smoke else statistics.median(every) <= GOAL_SEARCH_MEDIAN_MS,
    )


def shorten(site: Path, chapters: int) -> None:
    """Keep only the shortest chapters in each language's reading order (the smoke run's small input)."""

    def size(chapter: dict[str, Any]) -> int:
        return sum((site / page["url"] / "index.html").stat().st_size for page in chapter["pages"])

    for manifest in [site / "reading-order.json", *site.glob("*/reading-order.json")]:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        data["chapters"] = sorted(data["chapters"], key=size)[:chapters]
        for number, chapter in enumerate(data["chapters"], 1):
            chapter["number"] = number
        manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def bench_pdf(results: Results, space: Workspace, site: Path, plan: Plan) -> None:
    """`make pdf` on a copy of the built site, every chapter and the whole handbook in both languages."""
    copy = space.folder("pdf") / "site"
    shutil.copytree(site, copy)
    if plan.smoke:
        shorten(copy, 2)
    started = load()
    run = timed([PYTHON, "-m", "handbook.pdf", "--site", str(copy)], cwd=ROOT / "hooks").check("the PDFs")
    pdfs = sorted((copy / "pdf").rglob("*.pdf"))
    size = sum(path.stat().st_size for path in pdfs) / 1e6
    say(f"{len(pdfs)} PDFs ({size:.1f} MB): {run.seconds:.1f} s, {run.cpu_seconds:.1f} s CPU (load at start {started})")
    results.data["pdf"] = {
        "count": len(pdfs),
        "mb": size,
        "wall_s": run.seconds,
        "cpu_s": run.cpu_seconds,
        "load_start": started,
    }
    met = None if plan.smoke else run.seconds <= GOAL_PDF_SECONDS
    results.goal(
        "all PDFs, both languages", f"{run.seconds:.1f} s ({len(pdfs)} PDFs)", f"≤ {GOAL_PDF_SECONDS:g} s", met
    )


def wait_for(condition: Callable[[], bool], timeout: float) -> float:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"nothing changed in {timeout:.0f} s")
        time.sleep(0.1)
    return time.perf_counter() - started


def bench_serve(results: Results, space: Workspace, plan: Plan) -> None:
    project = space.project("serve")
    record = project / "data" / "cases" / f"{SERVE_CASE}.yml"
    original = record.read_text(encoding="utf-8")
    times = []
    with mkdocs_serve(project) as address:
        url = f"{address}cases/{SERVE_CASE}/"
        wait_for(lambda: SERVE_CASE in fetch(url), 300)
        time.sleep(2)  # let the file watcher settle
        for _ in range(plan.serve_edits):
            marker = f"BENCH-{uuid.uuid4().hex[:8]}"
            record.write_text(re.sub(r"(?m)^(summary:\s*\n\s+ja:\s*)", rf"\g<1>{marker} ", original, count=1), "utf-8")
            times.append(wait_for(lambda marker=marker: marker in fetch(url), 180))  # type: ignore[misc]
            say(f"  edit shown after {times[-1]:.2f} s")
    results.data["serve_s"] = times
    results.goal("mkdocs serve: data edit → page updated", f"{median(times):.2f} s", "report only")


def bench_profile(results: Results, space: Workspace, plan: Plan) -> None:
    project = space.project(f"profile-{plan.profile_cases}", cases=plan.profile_cases)
    profile = project / "build.prof"
    site = space.folder("profile-site")
    timed(
        [PYTHON, "-m", "cProfile", "-o", str(profile), "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=project
    ).check("profiled build")
    stats: Any = pstats.Stats(str(profile))  # its table of calls has no type information
    hooks = str(project / "hooks")
    total = float(stats.total_tt)
    rows = sorted(
        (
            (row[3], row[2], f"{Path(file).relative_to(hooks)}:{line}({name})")
            for (file, line, name), row in stats.stats.items()
            if file.startswith(hooks)
        ),
        reverse=True,
    )[:12]
    say(f"one build with {plan.profile_cases} synthetic cases under cProfile: {total:.1f} s")
    table(
        [[name, f"{own:.3f}", f"{cumulative:.3f}", f"{cumulative / total:.1%}"] for cumulative, own, name in rows],
        ["function in hooks/", "own s", "cumulative s", "of build"],
    )
    results.data["profile"] = [{"function": name, "cumulative_s": cumulative} for cumulative, _own, name in rows]


PARTS = ("clean", "scaling", "weight", "search", "pdf", "serve", "profile")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="fewer runs; 10 and 100 synthetic cases")
    mode.add_argument("--smoke", action="store_true", help="each part once on the smallest input")
    parser.add_argument("--skip", action="append", default=[], choices=PARTS, help="leave a part out")
    parser.add_argument(
        "--results", type=Path, default=ROOT / "bench" / "results.json", help="where to write the figures"
    )
    args = parser.parse_args(argv)
    name = "smoke" if args.smoke else "quick" if args.quick else "full"
    plan, results, space = PLANS[name], Results(name), Workspace()
    say(f"handbook benchmark, {name} mode, {os.cpu_count()} CPUs, load average {load()}")
    results.data["load_start"] = os.getloadavg()
    started = time.perf_counter()
    try:
        site: Path | None = None
        wanted = [part_name for part_name in PARTS if part_name not in args.skip]
        if "clean" in wanted:
            with part(results, "clean build: real site and bare (no hooks)"):
                site = bench_clean(results, space, plan)
        if site is None and {"weight", "search", "pdf"} & set(wanted):
            with part(results, "one real build for the page weight and the PDFs"):
                site = space.folder("site") / "site"
                space.build(space.project("real"), site)[0].check("real build")
        if "scaling" in wanted:
            with part(results, "scaling with synthetic case studies"):
                bench_scaling(results, space, plan)
        if "weight" in wanted and site is not None:
            with part(results, "page weight in Chromium"):
                bench_weight(results, site, plan)
        if "search" in wanted and site is not None:
            with part(results, "search: from the last keystroke to the results"):
                bench_search(results, site, plan)
        if "pdf" in wanted and site is not None:
            with part(results, "PDFs of every chapter and the whole handbook"):
                bench_pdf(results, space, site, plan)
        if "serve" in wanted:
            with part(results, f"mkdocs serve: edit data/cases/{SERVE_CASE}.yml"):
                bench_serve(results, space, plan)
        if "profile" in wanted:
            with part(results, "profile of one build"):
                bench_profile(results, space, plan)
    finally:
        space.remove()
    say(f"\n== goals ({name} mode; load average {load()}; {time.perf_counter() - started:.0f} s in all)")
    table(
        [
            [goal.name, goal.measured, goal.target, {True: "met", False: "MISSED", None: "—"}[goal.met]]
            for goal in results.goals
        ],
        ["goal", "measured", "target", ""],
    )
    for error in results.errors:
        say(f"!! {error.splitlines()[0]}")
    results.data |= {
        "mode": name,
        "goals": [asdict(goal) for goal in results.goals],
        "errors": results.errors,
        "load_end": os.getloadavg(),
    }
    args.results.write_text(
        json.dumps(results.data, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    say(f"figures written to {args.results}")
    return 1 if results.errors else 0


if __name__ == "__main__":
    sys.exit(main())
