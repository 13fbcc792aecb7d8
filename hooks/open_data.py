"""Publish the case studies and support programs as open data, and link the files where asked.

After the build, data/ in the site holds each dataset as JSON (the validated records) and as CSV
(UTF-8 with a byte-order mark, so Excel in Japan opens it as UTF-8), the JSON Schema of its records
and a licence note (CC BY 4.0, as Japanese public open data uses).

    <!-- handbook:open-data dataset="case-studies" -->
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook import context, markers
from handbook.loader import Handbook
from handbook.markers import Arguments, MarkerSpec
from handbook.models import CaseStudy, Record, SupportProgram
from handbook.render import render

FOLDER = "data"
LICENSE_FILE = "LICENSE.txt"
LICENSE_TEXT = """\
地域運営組織 形成の手順書 オープンデータ / Open data of the Handbook for Forming Community-Run Organizations

このフォルダのデータ（事例集・支援メニュー）は、クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）で提供します。
出典（「地域運営組織 形成の手順書」とデータのアドレス）を示せば、複製・配布・改変・営利目的での利用ができます。
各レコードの sources は、その内容の根拠になった資料の id です（資料の一覧は手順書の「出典・このサイトについて」）。

The data in this folder (case studies and support programs) is licensed under Creative Commons
Attribution 4.0 International (CC BY 4.0): https://creativecommons.org/licenses/by/4.0/
Credit "Handbook for Forming Community-Run Organizations" and the address of the data.
Each record's `sources` lists the ids of the documents its content comes from.
"""


@dataclass(frozen=True)
class Dataset:
    name: str
    schema: str
    records: Callable[[Handbook], Iterable[Record]]
    row: Callable[[Any], dict[str, str]]


def _joined(values: Iterable[str]) -> str:
    return " ".join(values)


def case_row(case: CaseStudy) -> dict[str, str]:
    return {
        "id": case.id,
        "name_ja": case.name.ja,
        "name_en": case.name.en,
        "prefecture": case.prefecture.value,
        "prefecture_ja": case.prefecture.label.ja,
        "place_ja": case.place.ja,
        "place_en": case.place.en,
        "form": case.form.value if case.form else "",
        "legal_form": case.legal_form.value if case.legal_form else "",
        "founded": case.founded or "",
        "summary_ja": case.summary.ja,
        "summary_en": case.summary.en,
        "activities_ja": " / ".join(activity.ja for activity in case.activities),
        "activities_en": " / ".join(activity.en for activity in case.activities),
        "url": case.url or "",
        "sources": _joined(case.sources),
        "programs": _joined(case.programs),
    }


def program_row(program: SupportProgram) -> dict[str, str]:
    return {
        "id": program.id,
        "name_ja": program.name.ja,
        "name_en": program.name.en,
        "provider": program.provider.value,
        "provider_ja": program.provider.label.ja,
        "kind": program.kind.value,
        "stages": _joined(stage.value for stage in program.stages),
        "summary_ja": program.summary.ja,
        "summary_en": program.summary.en,
        "url": program.url or "",
        "sources": _joined(program.sources),
    }


DATASETS = {
    "case-studies": Dataset("case-studies", "case-study.schema.json", lambda h: h.cases.values(), case_row),
    "support-programs": Dataset(
        "support-programs", "support-programs.schema.json", lambda h: h.programs.values(), program_row
    ),
}

SPEC = markers.register(
    MarkerSpec("open-data", {"dataset": markers.one_of(lambda _: list(DATASETS))}, frozenset({"dataset"}))
)


def as_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else [], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_dataset(folder: Path, dataset: Dataset, handbook: Handbook, schema_dir: Path) -> None:
    records = list(dataset.records(handbook))
    dumped = [record.model_dump(mode="json", exclude_none=True) for record in records]
    (folder / f"{dataset.name}.json").write_text(json.dumps(dumped, ensure_ascii=False, indent=1), encoding="utf-8")
    (folder / f"{dataset.name}.csv").write_text(as_csv([dataset.row(r) for r in records]), encoding="utf-8-sig")
    shutil.copyfile(schema_dir / dataset.schema, folder / dataset.schema)


def on_post_build(config: MkDocsConfig) -> None:
    folder = Path(config.site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    handbook = context.handbook()
    for dataset in DATASETS.values():
        write_dataset(folder, dataset, handbook, context.data_dir(config) / "schema")
    (folder / LICENSE_FILE).write_text(LICENSE_TEXT, encoding="utf-8")


def render_links(arguments: Arguments, language: str, page_url: str) -> str:
    dataset = DATASETS[arguments["dataset"]]

    def href(name: str) -> str:
        return get_relative_url(f"{FOLDER}/{name}", page_url or ".")

    return render(
        "open-data.html.j2",
        language,
        csv=href(f"{dataset.name}.csv"),
        json=href(f"{dataset.name}.json"),
        schema=href(dataset.schema),
        license=href(LICENSE_FILE),
    )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = context.language(config)
    return markers.replace(markdown, SPEC.name, lambda arguments: render_links(arguments, language, page.url))
