"""hooks/document_templates.py and hooks/handbook/office.py: each template is a page and a Word or Excel file
made from one record. The files are opened with the libraries Word and Excel files are read with, and the
budget's formulas are computed by a formula engine, not trusted."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import docx.table
import docx.text.paragraph
import openpyxl
import pytest
from bs4 import BeautifulSoup, Tag
from conftest import LANGUAGES, ROOT, heading_text, load_yaml, page_path
from playwright.sync_api import Page
from pycel import ExcelCompiler

from handbook import office
from handbook.loader import DataError, load_handbook
from handbook.models import BLANK, DocumentTemplate

TEMPLATE_FILES = sorted((ROOT / "data" / "templates").glob("*.yml"))
TEMPLATES = {path.stem: load_yaml(path) for path in TEMPLATE_FILES}
DECIDE = {"ja": "地区で決める", "en": "District decides"}
Html = Callable[[str, str], BeautifulSoup]


def squash(text: str) -> str:
    """Text without any white space, to compare what a reader sees in two renderings."""
    return re.sub(r"\s+", "", text)


def record(template_id: str) -> DocumentTemplate:
    return load_handbook(ROOT / "data").templates[template_id]


def downloaded(site: Path, language: str, template_id: str, soup: BeautifulSoup) -> Path:
    link = soup.select_one(".handbook-download a[download]")
    assert link is not None, f"{template_id} ({language}) links no file"
    target = (page_path(site, language, f"templates/{template_id}.md").parent / str(link["href"])).resolve()
    assert target.is_file(), f"{template_id} ({language}) links {link['href']}, which the build did not write"
    return target


def article(soup: BeautifulSoup) -> Tag:
    found = soup.select_one("article")
    assert found is not None
    return found


def test_every_template_is_offered() -> None:
    expected = {"bylaws-integrated", "bylaws-separated", "founding-meeting", "business-plan", "member-roster", "budget"}
    assert expected <= set(TEMPLATES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_links_every_template_page_and_file(html: Html, site: Path, language: str) -> None:
    page = page_path(site, language, "templates/index.md")
    rows = html(language, "templates/index.md").select(".handbook-template-list tbody tr")
    assert len(rows) == len(TEMPLATES)
    for row in rows:
        page_link, file_link = row.select("a")
        assert (page.parent / str(page_link["href"]) / "index.html").resolve().is_file()
        assert (page.parent / str(file_link["href"])).resolve().is_file()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
def test_the_page_says_it_is_an_example_and_marks_what_the_district_decides(
    html: Html, language: str, template_id: str
) -> None:
    body = article(html(language, f"templates/{template_id}.md"))
    notice = body.select_one(".handbook-template-notice")
    assert notice is not None and DECIDE[language] in notice.get_text()
    written = sum(len(BLANK.findall(text)) for text in _texts(TEMPLATES[template_id], language))
    marks = body.select("mark.handbook-decide")
    assert len(marks) == written + 1  # every [[…]] of the record, and the one in the notice
    assert written > 0, "a template names at least one part for the district to decide"
    assert all(DECIDE[language] in mark.get_text() for mark in marks)
    assert "[[" not in body.get_text() and "]]" not in body.get_text()


def _texts(value: object, language: str) -> list[str]:
    if isinstance(value, dict):
        if language in value and isinstance(value[language], str):
            return [value[language]]
        return [text for item in value.values() for text in _texts(item, language)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item, language)]
    return []


def _docx_headings(document: docx.document.Document, style: str) -> list[str]:
    return [squash(paragraph.text) for paragraph in document.paragraphs if paragraph.style.name == style]


WORD_TEMPLATES = sorted(key for key, value in TEMPLATES.items() if value["format"] == "docx")  # type: ignore[index]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template_id", WORD_TEMPLATES)
def test_the_word_file_has_the_pages_headings_articles_and_fields(
    html: Html, site: Path, language: str, template_id: str
) -> None:
    soup = html(language, f"templates/{template_id}.md")
    document = docx.Document(str(downloaded(site, language, template_id, soup)))
    body = article(soup)
    assert _docx_headings(document, "Title") == [squash(heading_text(body.select_one("h1")))]
    assert _docx_headings(document, "Heading 1") == [squash(heading_text(h2)) for h2 in body.select("h2")]
    assert _docx_headings(document, "Heading 2") == [squash(heading_text(h3)) for h3 in body.select("h3")]

    paragraphs = [squash(paragraph.text) for paragraph in document.paragraphs]
    page_articles = [squash(title.get_text()) for title in body.select(".handbook-article__title")]
    assert [text for text in paragraphs if text in page_articles] == page_articles

    # Every part to decide is highlighted in Word, as it is marked on the page.
    highlighted = [
        run.text
        for paragraph in _all_paragraphs(document)
        for run in paragraph.runs
        if run.font.highlight_color is not None
    ]
    assert [squash(text) for text in highlighted] == [
        squash(mark.get_text()) for mark in body.select("mark.handbook-decide")
    ]
    cells = {squash(cell.text) for table in document.tables for row in table.rows for cell in row.cells}
    for label in body.select(".handbook-form-fields th"):
        assert squash(label.get_text()) in cells
    assert document.core_properties.title == TEMPLATES[template_id]["title"][language]  # type: ignore[index]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def _all_paragraphs(document: docx.document.Document) -> list[docx.text.paragraph.Paragraph]:
    """The body's paragraphs and the paragraphs inside tables, in the order they appear."""
    found = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            found.append(docx.text.paragraph.Paragraph(block, document))
        elif block.tag.endswith("}tbl"):
            table = docx.table.Table(block, document)
            found += [paragraph for row in table.rows for cell in row.cells for paragraph in cell.paragraphs]
    return found


def _amount(cell: Tag | None) -> int:
    assert cell is not None
    return int(cell.get_text().replace(",", "").strip())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_budget_workbook_computes_the_totals_shown_on_the_page(
    html: Html, site: Path, language: str, tmp_path: Path
) -> None:
    soup = html(language, "templates/budget.md")
    path = downloaded(site, language, "budget", soup)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    formulas = [cell.value for row in sheet.iter_rows() for cell in row if str(cell.value).startswith("=")]
    assert any(str(formula).startswith("=SUM(") for formula in formulas)
    assert any(str(formula).startswith("=SUMIF(") for formula in formulas)

    cells = office.write_budget_sheet(
        openpyxl.Workbook().active,  # type: ignore[arg-type]
        record("budget"),
        record("budget").budget,  # type: ignore[arg-type]
        language,
    )
    engine = ExcelCompiler(filename=str(path))

    def computed(address: str) -> float:
        return float(engine.evaluate(f"'{sheet.title}'!{address}"))

    income = _amount(soup.select_one('[data-total="budget_income"]'))
    expense = _amount(soup.select_one('[data-total="budget_expense"]'))
    assert computed(cells.income_total) == income
    assert computed(cells.expense_total) == expense
    assert computed(cells.balance) == _amount(soup.select_one('[data-total="balance"]'))
    for domain, address in cells.domain_totals.items():
        assert computed(address) == _amount(soup.select_one(f'[data-domain="{domain.value}"]'))
    assert sum(computed(address) for address in cells.domain_totals.values()) == income
    # Each line's amount on the page is the one Excel computes (a quantity times a unit price, or as written).
    page_lines = [_amount(cell) for cell in soup.select(".handbook-budget td[data-amount]")]
    assert [computed(address) for address in cells.line_amounts] == page_lines


def test_the_budget_recalculates_when_a_district_changes_a_figure(site: Path, tmp_path: Path) -> None:
    path = site / "downloads" / "templates" / "budget.ja.xlsx"
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    cells = office.write_budget_sheet(openpyxl.Workbook().active, record("budget"), record("budget").budget, "ja")  # type: ignore[arg-type]
    first_line = 7  # the first income line, under the title, notes and column heads
    assert str(sheet[f"F{first_line}"].value) == f"=C{first_line}*E{first_line}"
    quantity, price = sheet[f"C{first_line}"].value, sheet[f"E{first_line}"].value
    sheet[f"C{first_line}"] = quantity + 10  # type: ignore[operator]
    edited = tmp_path / "edited.xlsx"
    workbook.save(edited)
    before = ExcelCompiler(filename=str(path))
    after = ExcelCompiler(filename=str(edited))
    name = f"'{sheet.title}'!"
    assert after.evaluate(name + cells.income_total) - before.evaluate(name + cells.income_total) == 10 * price
    assert after.evaluate(name + cells.balance) - before.evaluate(name + cells.balance) == 10 * price


def test_the_files_do_not_change_unless_the_record_does(tmp_path: Path) -> None:
    handbook = load_handbook(ROOT / "data")
    for template in handbook.templates.values():
        sources = [handbook.sources[source_id] for source_id in template.sources]
        assert office.file_bytes(template, "ja", sources) == office.file_bytes(template, "ja", sources)
    from document_templates import write_if_changed

    target = tmp_path / "file.docx"
    assert write_if_changed(target, b"one")
    stamp = target.stat().st_mtime_ns
    assert not write_if_changed(target, b"one")
    assert target.stat().st_mtime_ns == stamp
    assert write_if_changed(target, b"two") and target.read_bytes() == b"two"


@pytest.mark.parametrize(
    ("find", "replace", "field"),
    [
        ("年額[[金額]]円", "年額円", "sections.1.blocks.1.article.text.en"),
        # an article whose title is misspelled as a heading
        ("title:\n            ja: 名称\n", "heading:\n            ja: 名称\n", "sections.0.blocks.0"),
    ],
)
def test_a_template_error_names_the_file_the_record_and_the_field(
    tmp_path: Path, find: str, replace: str, field: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "templates" / "bylaws-integrated.yml"
    text = path.read_text(encoding="utf-8")
    assert find in text
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_handbook(data)
    message = str(error.value)
    assert "data/templates/bylaws-integrated.yml, line " in message
    assert "record 'bylaws-integrated'" in message
    assert f"field '{field}" in message


@pytest.mark.parametrize("template_id", ["founding-meeting", "budget"])
def test_a_template_page_prints_as_a_clean_form(tab: Page, server: str, template_id: str) -> None:
    tab.set_viewport_size({"width": 720, "height": 1000})  # about the width of A4 inside its margins
    tab.goto(f"{server}templates/{template_id}/")
    tab.emulate_media(media="print")
    hidden = tab.evaluate(
        """selectors => selectors.map(selector => [...document.querySelectorAll(selector)]
             .every(element => getComputedStyle(element).display === 'none'))""",
        [".md-header", ".md-sidebar--primary", ".md-footer", ".handbook-download"],
    )
    assert all(hidden), hidden
    # Every table fits the printed width: none is cut off or needs sideways scrolling on paper.
    overflowing = tab.evaluate(
        """() => { const article = document.querySelector('article').getBoundingClientRect();
                   return [...document.querySelectorAll('article table')]
                     .filter(table => table.getBoundingClientRect().right > article.right + 1
                                      || table.scrollWidth > table.clientWidth + 1).length }"""
    )
    assert overflowing == 0
    marks = tab.evaluate(
        """() => [...document.querySelectorAll('mark.handbook-decide')].map(mark => {
             const style = getComputedStyle(mark);
             return [style.borderBottomStyle, Number(style.fontWeight)] })"""
    )
    assert marks and all(style == "dashed" and weight >= 700 for style, weight in marks)
    boxed = tab.evaluate(
        """() => [...document.querySelectorAll(
               '.handbook-form-fields td, .handbook-form-table td, .handbook-budget td')]
             .map(cell => [getComputedStyle(cell).borderTopStyle, cell.getBoundingClientRect().height])"""
    )
    assert boxed and all(style == "solid" for style, _ in boxed)
    if template_id == "founding-meeting":  # the lines to sign and write on leave room for a pen
        assert min(height for _, height in boxed) >= 24


def test_the_excel_file_opens_to_a_printable_a4_sheet(site: Path) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO((site / "downloads" / "templates" / "budget.en.xlsx").read_bytes()))
    sheet = workbook.worksheets[0]
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert workbook.calculation.fullCalcOnLoad
    assert "example" in str(sheet["A2"].value)


SESSION_PLANS = sorted(key for key, value in TEMPLATES.items() if value.get("group") == "session-plan")  # type: ignore[union-attr]


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


@pytest.mark.parametrize("template_id", SESSION_PLANS)
def test_a_session_plan_fills_120_minutes_without_gaps(template_id: str) -> None:
    table = record(template_id).sections[0].blocks[0].table
    assert table is not None, f"{template_id}: the first block is the timetable"
    start = 0
    for row in table.rows:
        assert not isinstance(row[0], str) and not isinstance(row[1], str)
        begin, end = row[0].ja.split("–")
        assert _minutes(begin) == start, f"{template_id}: {row[0].ja} does not follow on at {start} minutes"
        assert _minutes(end) - _minutes(begin) == int(row[1].ja), f"{template_id}: {row[0].ja} is not {row[1].ja} min"
        assert row[0].ja == row[0].en and row[1].ja == row[1].en
        start = _minutes(end)
    assert start == 120


def test_every_workshop_has_a_session_plan() -> None:
    titles = " ".join(str(TEMPLATES[plan]["title"]["ja"]) for plan in SESSION_PLANS)  # type: ignore[index]
    for workshop in ("①", "②", "③", "④", "⑤"):
        assert workshop in titles


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_session_plan_is_labelled_a_model(html: Html, language: str) -> None:
    for plan in SESSION_PLANS:
        notice = html(language, f"templates/{plan}.md").select_one(".handbook-template-notice .admonition-title")
        assert notice is not None
        assert ("モデル" if language == "ja" else "model") in notice.get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_session_plan_prints_on_one_a4_sheet(tab: Page, server: str, language: str) -> None:
    from pypdf import PdfReader

    prefix = "" if language == "ja" else f"{language}/"
    for plan in SESSION_PLANS:
        tab.goto(f"{server}{prefix}templates/{plan}/")
        tab.emulate_media(media="print")
        printed = PdfReader(io.BytesIO(tab.pdf(format="A4", prefer_css_page_size=True)))
        assert len(printed.pages) == 1, f"{prefix}templates/{plan}/ prints on {len(printed.pages)} pages"
        assert "120" in printed.pages[0].extract_text()
