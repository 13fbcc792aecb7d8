"""The translation check: every page and every reader-visible data text exists in Japanese and English,
and no English page has fewer headings than its Japanese original (a sign of a partial translation)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, authored_pages, load_yaml, report

HEADING = re.compile(r"^(#{1,6})\s+\S", re.MULTILINE)
MARKER = re.compile(r"<!--\s*handbook:[^>]*-->")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def headings(path: Path) -> list[int]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return [len(match.group(1)) for match in HEADING.finditer(text)]


def texts(value: object, where: str) -> list[tuple[str, dict[str, object]]]:
    """Every bilingual text (a mapping with a 'ja' or 'en' key) inside a record, with its location."""
    found: list[tuple[str, dict[str, object]]] = []
    if isinstance(value, dict):
        if "ja" in value or "en" in value:
            found.append((where, value))
        else:
            for key, item in value.items():
                found.extend(texts(item, f"{where}.{key}"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(texts(item, f"{where}.{index}"))
    return found


def data_records() -> dict[str, list[object]]:
    data = ROOT / "data"
    records: dict[str, list[object]] = {}
    for name in ("sources.yml", "support-programs.yml", "glossary.yml", "charts.yml"):
        records[name] = list(load_yaml(data / name))
    records["cases/"] = [load_yaml(path) for path in sorted((data / "cases").glob("*.yml"))]
    records["templates/"] = [load_yaml(path) for path in sorted((data / "templates").glob("*.yml"))]
    return records


def test_pages_are_fully_translated() -> None:
    ja, en = set(authored_pages("ja")), set(authored_pages("en"))
    problems = [f"docs/ja/{page} has no English page" for page in sorted(ja - en)]
    problems += [f"docs/en/{page} has no Japanese page" for page in sorted(en - ja)]
    rows = []
    for page in sorted(ja & en):
        ja_headings = headings(ROOT / "docs" / "ja" / page)
        en_headings = headings(ROOT / "docs" / "en" / page)
        ja_markers = MARKER.findall((ROOT / "docs" / "ja" / page).read_text(encoding="utf-8"))
        en_markers = MARKER.findall((ROOT / "docs" / "en" / page).read_text(encoding="utf-8"))
        counts = f"headings ja {len(ja_headings):3}  en {len(en_headings):3}"
        rows.append(f"{page:32} {counts}  markers {len(ja_markers)}/{len(en_markers)}")
        if len(en_headings) < len(ja_headings):
            problems.append(f"docs/en/{page}: {len(en_headings)} headings, the Japanese page has {len(ja_headings)}")
        if sorted(ja_markers) != sorted(en_markers):
            problems.append(f"docs/en/{page}: its markers differ from the Japanese page's")
    translated = len(ja & en)
    report(
        "translation coverage: pages",
        [*rows, f"pages in both languages: {translated}/{len(ja | en)} ({100 * translated // max(len(ja | en), 1)} %)"],
    )
    assert not problems, "\n".join(problems)


def test_every_data_text_has_both_languages() -> None:
    problems = []
    rows = []
    for name, records in data_records().items():
        total = complete = 0
        for index, record in enumerate(records):
            label = record.get("id", index) if isinstance(record, dict) else index
            for where, text in texts(record, str(label)):
                total += 1
                missing = [lang for lang in ("ja", "en") if not str(text.get(lang) or "").strip()]
                if missing:
                    problems.append(f"data/{name} {where}: no {' or '.join(missing)} text")
                else:
                    complete += 1
        rows.append(f"data/{name:22} texts {complete:4}/{total:<4} ({100 * complete // max(total, 1)} %)")
    report("translation coverage: data", rows)
    assert not problems, "\n".join(problems)
