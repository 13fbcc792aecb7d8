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
from typing import get_args

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook import context, markers
from handbook.loader import Handbook
from handbook.markers import Arguments, MarkerSpec
from handbook.models import LANGUAGES, Described, LabelledEnum, Record, Text
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


def _coded(annotation: object) -> bool:
    """Whether a field holds coded values (an enum, optional or in a list), which get a label column."""
    return any(
        isinstance(kind, type) and issubclass(kind, LabelledEnum) for kind in (annotation, *get_args(annotation))
    )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, LabelledEnum):
        return value.value
    if isinstance(value, list):  # ids or coded values
        return " ".join(_cell(item) for item in value)
    return str(value)


def _japanese_label(value: object) -> str:
    if isinstance(value, LabelledEnum):
        return value.label.ja
    if isinstance(value, list):
        return "、".join(_japanese_label(item) for item in value)
    return ""


def _bilingual(annotation: object) -> bool:
    """Whether a field is shown as text in each language: a Text, a list of Texts, or a nested record
    (a figure with its year, an income source, a later development) that describes itself."""
    kinds = {annotation, *get_args(annotation)}
    kinds |= {inner for kind in list(kinds) for inner in get_args(kind)}
    return any(isinstance(kind, type) and not get_args(kind) and issubclass(kind, Text | Described) for kind in kinds)


def _in_language(value: object, language: str) -> str:
    items = value if isinstance(value, list) else ([] if value is None else [value])
    parts = []
    for item in items:
        if isinstance(item, Text):
            parts.append(item[language])
        elif isinstance(item, Described):
            parts.append(item.describe(language))
    return " / ".join(parts)


def flat_row(record: Record) -> dict[str, str]:
    """One CSV row from a record, in the model's field order: a bilingual text or nested record becomes
    two columns (name_ja, name_en), a coded value gets its Japanese label beside it, a list is joined.
    Columns follow the model's fields, not the values, so every row has the same columns."""
    row: dict[str, str] = {}
    for name, field in type(record).model_fields.items():
        value = getattr(record, name)
        if _bilingual(field.annotation):
            row.update({f"{name}_{language}": _in_language(value, language) for language in LANGUAGES})
        else:
            row[name] = _cell(value)
            if _coded(field.annotation):
                row[f"{name}_ja"] = _japanese_label(value)
    return row


DATASETS = {
    "case-studies": Dataset("case-studies", "case-study.schema.json", lambda h: h.cases.values()),
    "support-programs": Dataset("support-programs", "support-programs.schema.json", lambda h: h.programs.values()),
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
    (folder / f"{dataset.name}.csv").write_text(as_csv([flat_row(r) for r in records]), encoding="utf-8-sig")
    shutil.copyfile(schema_dir / dataset.schema, folder / dataset.schema)


def on_post_build(config: MkDocsConfig) -> None:
    folder = Path(config.site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    handbook = context.handbook(config)
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
