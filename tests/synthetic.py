"""Synthetic case studies, schema-valid and about as long as a real record, for tests and the benchmark
(e.g. enough cases that the side bar stops listing them, or 1,000 to measure how the build scales)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from handbook.models import CaseStudy, Prefecture

FORMS = [None, "integrated", "separated"]
LEGAL_FORMS = [None, "npo", "authorized-neighborhood", "general-association", "voluntary", "llc"]
PREFECTURES = [prefecture.value for prefecture in Prefecture]


def synthetic_case(number: int) -> dict[str, Any]:
    """One bilingual record; its names say it is synthetic, so it can never be taken for a real district."""
    n = f"{number:04d}"
    record: dict[str, Any] = {
        "id": f"synthetic-{n}",
        "name": {"ja": f"合成事例{n}地域づくり協議会", "en": f"Synthetic {n} Community Council (合成事例{n})"},
        "prefecture": PREFECTURES[number % len(PREFECTURES)],
        "place": {"ja": f"合成市第{n}地区", "en": f"District {n}, Synthetic City"},
    }
    if form := FORMS[number % len(FORMS)]:
        record["form"] = form
    if legal_form := LEGAL_FORMS[number % len(LEGAL_FORMS)]:
        record["legal_form"] = legal_form
    if number % 4:
        record["founded"] = f"{1990 + number % 33}-{1 + number % 12:02d}"
    record["summary"] = {
        "ja": f"テスト用の合成事例{n}です。地区の全世帯が参加する地域運営組織として、見守りや交流、"
        "地域の拠点の運営に取り組んでいます。",
        "en": f"Synthetic case {n} for tests: a community-run organization in which every household takes part, "
        "watching over older residents, running exchange events and a community center.",
    }
    record["background"] = {
        "ja": f"合成事例{n}の地区では、人口の減少と高齢化が進み、自治会だけでは行事や見守りを続けられなくなりました。"
        "住民の話し合いを重ね、地区の団体をまとめて一つの組織をつくることにしました。\n\n"
        "設立までの2年間、全世帯アンケートとワークショップを年に4回開き、地区計画をつくりました。\n\n"
        "今は事務局に2人の職員を置き、指定管理者として地区の交流センターを運営しています。",
        "en": f"In the district of synthetic case {n}, the population was shrinking and aging, and the neighborhood "
        "associations alone could no longer keep up events and watching over residents.\n\n"
        "In the two years before its founding, the district surveyed every household and held workshops four "
        "times a year to draw up a district plan.\n\n"
        "Today the secretariat has two staff and runs the district's community center as designated manager.",
    }
    record["activities"] = [
        {"ja": "高齢者の見守りと配食", "en": "Watching over older residents and delivering meals"},
        {"ja": "買い物支援の乗り合い送迎", "en": "Shared rides for shopping"},
    ]
    record["sources"] = ["seed-004"]
    CaseStudy.model_validate(record)
    return record


def write_synthetic_cases(project: Path, count: int) -> list[str]:
    """Add `count` case files to a project copy's data/cases/; returns their ids."""
    ids = []
    for number in range(1, count + 1):
        record = synthetic_case(number)
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=1000)
        (project / "data" / "cases" / f"{record['id']}.yml").write_text(text, encoding="utf-8")
        ids.append(record["id"])
    return ids
