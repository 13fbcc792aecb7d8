"""Write the JSON Schema of every data file, so editors check YAML while a maintainer types.

Each YAML file names its schema on its first line (`# yaml-language-server: $schema=…`), which the
YAML extension of VS Code and other editors read. Run `make schema` after changing models.py; a test
fails while the committed schema and the models disagree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from handbook.models import (
    CaseStudy,
    Chart,
    DocumentTemplate,
    GlossaryTerm,
    Reading,
    Source,
    SupportProgram,
    Term,
    Timeline,
)

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"

LIST_FILES: dict[str, type[BaseModel]] = {
    "sources": Source,
    "support-programs": SupportProgram,
    "glossary": GlossaryTerm,
    "charts": Chart,
    "terms": Term,
    "timeline": Timeline,
    "readings": Reading,
}


def schemas() -> dict[str, dict[str, Any]]:
    """File name → JSON Schema, for every kind of data file."""
    result = {
        f"{name}.schema.json": TypeAdapter(list[model]).json_schema()  # type: ignore[valid-type]
        for name, model in LIST_FILES.items()
    }
    result["case-study.schema.json"] = CaseStudy.model_json_schema()
    result["template.schema.json"] = DocumentTemplate.model_json_schema()
    return result


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> None:
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas().items():
        (SCHEMA_DIR / name).write_text(render(schema), encoding="utf-8")
        print(f"wrote data/schema/{name}")


if __name__ == "__main__":
    main()
