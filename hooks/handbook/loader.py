"""Load every YAML file in data/ into validated models, once per content of the files.

The per-language builds of the i18n plugin and every `mkdocs serve` rebuild call `load_handbook`;
it parses and validates only when a data file's bytes changed since the last call.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from handbook.models import (
    CaseStudy,
    Chart,
    DocumentTemplate,
    GlossaryTerm,
    Reading,
    Source,
    SupportProgram,
    Timeline,
)

SOURCES_FILE = "sources.yml"
PROGRAMS_FILE = "support-programs.yml"
GLOSSARY_FILE = "glossary.yml"
CHARTS_FILE = "charts.yml"
TIMELINE_FILE = "timeline.yml"
READINGS_FILE = "readings.yml"
CASES_FOLDER = "cases"
# One spelling for one-record-per-file data (cases, templates), so links to a record's file (edit links,
# last-changed dates) always find it; another YAML spelling is refused with a message rather than silently left out.
CASE_SUFFIX = ".yml"
CASE_SUFFIXES = frozenset({".yml", ".yaml"})
TEMPLATES_FOLDER = "templates"

ModelT = TypeVar("ModelT", bound=BaseModel)


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


IdentifiedT = TypeVar("IdentifiedT", bound=_Identified)
IdentifiedModelT = TypeVar("IdentifiedModelT", CaseStudy, DocumentTemplate)


class DataError(Exception):
    """A problem in one data file, told the way a maintainer can fix it."""

    def __init__(self, path: Path, problem: str, *, record: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.record = record
        self.line = line
        self.problem = problem
        where = str(path) + (f", line {line}" if line else "")
        who = f", record '{record}'" if record else ""
        super().__init__(f"{where}{who}: {problem}")


@dataclass(frozen=True)
class Handbook:
    """All the data the hooks render, validated and cross-checked."""

    sources: dict[str, Source]
    programs: dict[str, SupportProgram]
    cases: dict[str, CaseStudy]
    glossary: dict[str, GlossaryTerm]
    charts: dict[str, Chart]
    timelines: dict[str, Timeline]
    templates: dict[str, DocumentTemplate] = field(default_factory=dict)
    readings: dict[str, Reading] = field(default_factory=dict)  # by surface
    files: tuple[Path, ...] = field(default=())


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that refuses duplicate keys: the default one silently keeps the last value.
    It parses with libyaml where PyYAML has it (it does on PyPI's wheels), which is many times faster."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the key '{key}' appears twice in one record (first on line {seen[key] + 1}); "
                "keep one, or the other value would be lost",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    mapping: dict[Any, Any] = loader.construct_mapping(node, deep=deep)
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings so that "2007-04" and "2007-04-01" are validated the same way.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class _Parsed:
    """One file's content with the line each record and each record's field starts on."""

    path: Path
    content: Any
    node: yaml.Node | None

    def record_nodes(self) -> Iterator[tuple[Any, yaml.Node | None]]:
        if isinstance(self.content, list) and isinstance(self.node, yaml.SequenceNode):
            yield from zip(self.content, self.node.value, strict=True)
        else:
            yield self.content, self.node


def read_text(path: Path) -> str:
    """A data file's text, read as UTF-8 (a byte-order mark, as Windows Notepad writes, is allowed)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DataError(
            path,
            "this file is not saved as UTF-8 (perhaps Shift_JIS): open it in an editor and save it "
            "with the encoding UTF-8",
            line=line,
        ) from None


def _parse(path: Path) -> _Parsed:
    loader = _StrictLoader(read_text(path))
    try:
        # One parse gives both the values and the nodes that know each value's line.
        node = loader.get_single_node()
        content = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise DataError(path, f"this is not valid YAML: {error.problem or error}", line=line) from None
    finally:
        loader.dispose()
    return _Parsed(path, content, node)


def _field_line(node: yaml.Node | None, location: tuple[int | str, ...]) -> int | None:
    """The line of the deepest part of `location` that exists in the YAML."""
    line = node.start_mark.line + 1 if node else None
    for part in location:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _record_label(raw: Any, index: int | None) -> str | None:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return str(raw["id"])
    if isinstance(raw, dict) and isinstance(raw.get("surface"), str):
        return str(raw["surface"])  # data/readings.yml names its records by the name they read
    return f"#{index + 1}" if index is not None else None


def _validate(parsed: _Parsed, model: type[ModelT]) -> list[ModelT]:
    records: list[ModelT] = []
    is_list = isinstance(parsed.content, list)
    for index, (raw, node) in enumerate(parsed.record_nodes()):
        label = _record_label(raw, index if is_list else None)
        if not isinstance(raw, dict):
            line = node.start_mark.line + 1 if node else None
            raise DataError(parsed.path, "a record must be a mapping of field: value", record=label, line=line)
        try:
            records.append(model.model_validate(raw))
        except ValidationError as error:
            first = error.errors()[0]
            location = tuple(first["loc"])
            field_name = ".".join(str(part) for part in location) or "(record)"
            line = _field_line(node, location)
            more = len(error.errors()) - 1
            extra = f" (and {more} more problem{'s' if more > 1 else ''} in this record)" if more else ""
            problem = str(first["msg"]).removeprefix("Value error, ")
            raise DataError(parsed.path, f"field '{field_name}': {problem}{extra}", record=label, line=line) from None
    return records


def _check_place(path: Path, project: Path) -> None:
    """A data file must be a file inside the project: a link to nowhere, or to a file elsewhere on the
    computer (which would be published without being part of the handbook's history), is refused."""
    if path.is_symlink():
        target = path.readlink()
        if not path.exists():
            raise DataError(path, f"this is a link to '{target}', which does not exist: remove the link or its target")
        if not path.resolve().is_relative_to(project.resolve()):
            raise DataError(
                path,
                f"this is a link to '{path.resolve()}', outside the project: data files must be inside "
                "the project; copy the file here instead",
            )
    if not path.exists():
        raise DataError(path, "this data file is missing")
    if not path.is_file():
        raise DataError(path, "this must be a file, not a folder")


def _load_list(path: Path, model: type[ModelT]) -> list[ModelT]:
    _check_place(path, path.parent.parent)
    parsed = _parse(path)
    if not isinstance(parsed.content, list):
        raise DataError(path, "this file must be a list of records, each starting with '- id: …'", line=1)
    return _validate(parsed, model)


def _record_files(folder: Path) -> list[Path]:
    """Every entry of a one-record-per-file folder (data/cases/, data/templates/) that is or looks like a
    YAML file, links included."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if path.suffix.lower() in CASE_SUFFIXES)


def _load_folder(folder: Path, model: type[IdentifiedModelT], kind: str) -> list[tuple[Path, IdentifiedModelT]]:
    """One record per file, whose id is the file's name (data/cases/<id>.yml, data/templates/<id>.yml)."""
    records = []
    for path in _record_files(folder):
        if path.suffix != CASE_SUFFIX:
            raise DataError(
                path, f"{kind} files end in {CASE_SUFFIX}: rename it to {path.stem}{CASE_SUFFIX} to publish it"
            )
        _check_place(path, folder.parent.parent)
        parsed = _parse(path)
        if not isinstance(parsed.content, dict):
            raise DataError(path, f"a {kind} file holds one record: a mapping of field: value", line=1)
        (record,) = _validate(parsed, model)
        if record.id != path.stem:
            line = _field_line(parsed.node, ("id",))
            raise DataError(
                path, f"field 'id': '{record.id}' must match the file name '{path.stem}'", record=record.id, line=line
            )
        records.append((path, record))
    return records


def _load_cases(folder: Path) -> list[tuple[Path, CaseStudy]]:
    return _load_folder(folder, CaseStudy, "case-study")


def _load_readings(path: Path) -> dict[str, Reading]:
    """The checked readings of names, by surface; a name listed twice is refused."""
    if not path.is_file():
        raise DataError(path, "this data file is missing")
    parsed = _parse(path)
    if not isinstance(parsed.content, list):
        raise DataError(path, "this file must be a list of records, each starting with '- surface: …'", line=1)
    readings: dict[str, Reading] = {}
    for reading, (_, node) in zip(_validate(parsed, Reading), parsed.record_nodes(), strict=True):
        if reading.surface in readings:
            raise DataError(
                path,
                f"field 'surface': '{reading.surface}' is listed twice; keep one reading",
                record=reading.surface,
                line=_field_line(node, ("surface",)),
            )
        readings[reading.surface] = reading
    return readings


def _index(records: list[tuple[Path, IdentifiedT]], kind: str) -> dict[str, IdentifiedT]:
    by_id: dict[str, IdentifiedT] = {}
    first_file: dict[str, Path] = {}
    for path, record in records:
        record_id = str(record.id)
        if record_id in by_id:
            raise DataError(
                path,
                f"field 'id': the {kind} id '{record_id}' is already used in {first_file[record_id]}",
                record=record_id,
            )
        by_id[record_id] = record
        first_file[record_id] = path
    return by_id


def _check_references(path: Path, record_id: str, field_name: str, ids: list[str], known: dict[str, Any]) -> None:
    for position, ref in enumerate(ids):
        if ref not in known:
            raise DataError(
                path,
                f"field '{field_name}.{position}': '{ref}' is not the id of any record "
                f"(known ids: {', '.join(sorted(known)) or 'none'})",
                record=record_id,
            )


def data_files(data_dir: Path) -> tuple[Path, ...]:
    """Every file whose content decides the handbook's data, in a stable order."""
    fixed = [
        data_dir / name
        for name in (SOURCES_FILE, PROGRAMS_FILE, GLOSSARY_FILE, CHARTS_FILE, TIMELINE_FILE, READINGS_FILE)
    ]
    return tuple(fixed + _record_files(data_dir / CASES_FOLDER) + _record_files(data_dir / TEMPLATES_FOLDER))


def _read_handbook(data_dir: Path) -> Handbook:
    sources_path = data_dir / SOURCES_FILE
    programs_path = data_dir / PROGRAMS_FILE
    glossary_path = data_dir / GLOSSARY_FILE
    charts_path = data_dir / CHARTS_FILE
    sources = _index([(sources_path, s) for s in _load_list(sources_path, Source)], "source")
    programs = _index([(programs_path, p) for p in _load_list(programs_path, SupportProgram)], "support program")
    glossary = _index([(glossary_path, t) for t in _load_list(glossary_path, GlossaryTerm)], "glossary term")
    charts = _index([(charts_path, c) for c in _load_list(charts_path, Chart)], "chart")
    timeline_path = data_dir / TIMELINE_FILE
    timelines = _index([(timeline_path, t) for t in _load_list(timeline_path, Timeline)], "timeline")
    readings = _load_readings(data_dir / READINGS_FILE)
    case_records = _load_cases(data_dir / CASES_FOLDER)
    cases = _index(case_records, "case study")
    template_records = _load_folder(data_dir / TEMPLATES_FOLDER, DocumentTemplate, "template")
    templates = _index(template_records, "template")

    for program in programs.values():
        _check_references(programs_path, program.id, "sources", program.sources, sources)
        if program.successor is not None:  # a renamed program points at the record that replaced it
            _check_references(programs_path, program.id, "successor", [program.successor], programs)
    for term in glossary.values():
        _check_references(glossary_path, term.id, "sources", term.sources, sources)
    for chart in charts.values():
        _check_references(charts_path, chart.id, "sources", chart.sources, sources)
    for timeline in timelines.values():
        for number, phase in enumerate(timeline.phases):
            _check_references(timeline_path, timeline.id, f"phases.{number}.sources", phase.sources, sources)
    for path, case in case_records:
        _check_references(path, case.id, "sources", case.sources, sources)
        _check_references(path, case.id, "programs", case.programs, programs)
    for path, template in template_records:
        _check_references(path, template.id, "sources", template.sources, sources)
    return Handbook(sources, programs, cases, glossary, charts, timelines, templates, readings, data_files(data_dir))


_cache: dict[Path, tuple[str, Handbook]] = {}


def _fingerprint(files: tuple[Path, ...]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path).encode())
        digest.update(path.read_bytes() if path.is_file() else f"\0missing {path.is_symlink()}".encode())
    return digest.hexdigest()


def load_handbook(data_dir: Path) -> Handbook:
    """The validated data, parsed again only when a data file was added, removed or edited."""
    data_dir = data_dir.resolve()
    fingerprint = _fingerprint(data_files(data_dir))
    cached = _cache.get(data_dir)
    if cached and cached[0] == fingerprint:
        return cached[1]
    try:
        handbook = _read_handbook(data_dir)
    except DataError as error:
        # Name the file as the maintainer sees it in the project: data/cases/….yml
        shown = error.path.relative_to(data_dir.parent) if error.path.is_relative_to(data_dir.parent) else error.path
        raise DataError(shown, error.problem, record=error.record, line=error.line) from None
    _cache[data_dir] = (fingerprint, handbook)
    return handbook
