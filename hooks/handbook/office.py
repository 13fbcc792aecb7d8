"""Write a template as a file a municipal officer edits: Word (.docx) for documents, Excel (.xlsx) for a budget.

The page and the file are made from the same validated record (data/templates/<id>.yml), so they never
drift apart: the file has the page's headings in the same order, its articles numbered the same way,
and each part a district decides highlighted. In the Excel file every amount that is a quantity times a
unit price, every total, the balance and the shares are formulas, so the budget recalculates when a
district puts in its own numbers.

The bytes depend only on the record: dates inside the files are fixed and the ZIP entries carry a fixed
time, so a rebuild writes a file only when its content changed (and `mkdocs serve` has nothing to chase).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from handbook.models import (
    BLANK,
    Article,
    Block,
    Budget,
    BudgetLine,
    DocumentTemplate,
    FormTable,
    FundingDomain,
    Language,
    Source,
    TemplateGroup,
    Text,
)
from handbook.render import UI

FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")
FONTS = {"ja": ("游明朝", "游ゴシック"), "en": ("Cambria", "Calibri")}


def ui(key: str, language: Language) -> str:
    return UI[key][language]


def notice(template: DocumentTemplate, language: Language) -> tuple[str, str]:
    """The title and text of the box that says the template is an example (or a model) to adapt."""
    suffix = "" if template.group == TemplateGroup.founding else f"_{template.group.value}"
    return ui(f"template_notice_title{suffix}", language), ui(f"template_notice{suffix}", language)


def blank_label(what: str, language: Language) -> str:
    """How a part to decide reads: 【地区で決める：金額】 / [District decides: amount]."""
    decide = ui("decide", language)
    if language == "ja":
        return f"【{decide}：{what}】" if what else f"【{decide}】"
    return f"[{decide}: {what}]" if what else f"[{decide}]"


def pieces(text: str, language: Language) -> Iterator[tuple[str, bool]]:
    """The text in order, each piece with whether it is a part to decide."""
    position = 0
    for match in BLANK.finditer(text):
        if match.start() > position:
            yield text[position : match.start()], False
        yield blank_label(match.group(1).strip(), language), True
        position = match.end()
    if position < len(text):
        yield text[position:], False


def plain(text: str, language: Language) -> str:
    return "".join(piece for piece, _ in pieces(text, language))


def paragraphs(text: str, language: Language) -> list[str]:
    """A longer text's paragraphs: YAML keeps them apart with an empty line. Japanese joins the lines of a
    paragraph without a space, English with one."""
    joiner = "" if language == "ja" else " "
    return [joiner.join(line.strip() for line in part.splitlines()) for part in text.split("\n\n") if part.strip()]


def article_heading(number: int, article: Article, language: Language) -> str:
    return ui("article", language).format(number=number, title=plain(article.title[language], language))


@dataclass(frozen=True)
class Numbered:
    """A block with the number of its article, counted through the whole template (第1条, 第2条, …)."""

    block: Block
    article_number: int | None


def numbered_blocks(template: DocumentTemplate) -> list[list[Numbered]]:
    """Each section's blocks, with articles numbered in order across sections."""
    number = 0
    sections = []
    for section in template.sections:
        blocks = []
        for block in section.blocks:
            if block.article is not None:
                number += 1
                blocks.append(Numbered(block, number))
            else:
                blocks.append(Numbered(block, None))
        sections.append(blocks)
    return sections


def source_line(source: Source, language: Language) -> str:
    parts = [source.title[language], source.issuer[language]]
    if source.issued:
        parts.append(source.issued)
    if source.url:
        parts.append(source.url)
    return " / ".join(parts) if language == "en" else "、".join(parts)


def stable_zip(data: bytes) -> bytes:
    """The same archive with fixed times, so equal content gives equal bytes."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)
    return output.getvalue()


# --- Word ---


def _set_font(style: object, latin: str, east_asian: str) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = latin
    properties = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    for theme_attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme_attribute), None)


def _write_runs(paragraph: Paragraph, text: str, language: Language, *, bold: bool = False) -> None:
    for piece, is_blank in pieces(text, language):
        run = paragraph.add_run(piece)
        run.bold = bold or is_blank
        if is_blank:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _docx_table(document: object, table: FormTable, language: Language) -> Table:
    rows = len(table.rows) + table.blank_rows + 1
    word_table: Table = document.add_table(rows=rows, cols=len(table.columns))  # type: ignore[attr-defined]
    word_table.style = "Table Grid"
    for cell, column in zip(word_table.rows[0].cells, table.columns, strict=True):
        _write_runs(cell.paragraphs[0], column[language], language, bold=True)
    for row, values in zip(word_table.rows[1:], table.rows, strict=False):
        for cell, value in zip(row.cells, values, strict=True):
            if value:
                _write_runs(cell.paragraphs[0], value[language], language)
    for row in word_table.rows[1 + len(table.rows) :]:
        row.height = Mm(9)
    return word_table


def _docx_block(document: object, numbered: Numbered, language: Language) -> None:
    block = numbered.block
    add_paragraph = document.add_paragraph  # type: ignore[attr-defined]
    if block.heading is not None:
        document.add_heading(block.heading[language], level=2)  # type: ignore[attr-defined]
    elif block.paragraph is not None:
        _write_runs(add_paragraph(), block.paragraph[language], language)
    elif block.bullets is not None:
        for item in block.bullets:
            _write_runs(add_paragraph(style="List Bullet"), item[language], language)
    elif block.steps is not None:
        for number, item in enumerate(block.steps, 1):
            _write_runs(add_paragraph(f"{number}. "), item[language], language)
    elif block.article is not None:
        add_paragraph().add_run(article_heading(numbered.article_number or 0, block.article, language)).bold = True
        if block.article.text is not None:
            _write_runs(add_paragraph(), block.article.text[language], language)
        for number, item in enumerate(block.article.items, 1):
            paragraph = add_paragraph(f"（{number}）" if language == "ja" else f"({number}) ")
            paragraph.paragraph_format.left_indent = Mm(5)
            _write_runs(paragraph, item[language], language)
    elif block.fields is not None:
        table = document.add_table(rows=len(block.fields), cols=2)  # type: ignore[attr-defined]
        table.style = "Table Grid"
        for row, form_field in zip(table.rows, block.fields, strict=True):
            _write_runs(row.cells[0].paragraphs[0], form_field.label[language], language, bold=True)
            if form_field.hint is not None:
                _write_runs(row.cells[1].paragraphs[0], form_field.hint[language], language)
            row.height = Mm(10)
        add_paragraph()
    elif block.table is not None:
        if block.table.caption is not None:
            add_paragraph().add_run(block.table.caption[language]).bold = True
        _docx_table(document, block.table, language)
        add_paragraph()


def docx_bytes(template: DocumentTemplate, language: Language, sources: list[Source]) -> bytes:
    """The template as a Word document with the page's headings, in one language."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    body_font, heading_font = FONTS[language]
    _set_font(document.styles["Normal"], body_font, body_font)
    document.styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2"):
        _set_font(document.styles[name], heading_font, heading_font)
    properties = document.core_properties
    properties.title = template.title[language]
    properties.subject = template.summary[language]
    properties.author = properties.last_modified_by = UI["site_name"][language]
    properties.language = language
    properties.revision = 1

    document.add_heading(template.title[language], level=0)
    notice_title, notice_text = notice(template, language)
    notice_paragraph = document.add_paragraph()
    notice_paragraph.add_run(notice_title + ("：" if language == "ja" else ": ")).bold = True
    _write_runs(notice_paragraph, notice_text, language)

    document.add_heading(ui("how_to_use", language), level=1)
    for paragraph in paragraphs(template.intro[language], language):
        _write_runs(document.add_paragraph(), paragraph, language)
    document.add_paragraph().add_run(ui("decide_heading", language)).bold = True
    for item in template.decide:
        document.add_paragraph(item[language], style="List Bullet")

    for section_model, blocks in zip(template.sections, numbered_blocks(template), strict=True):
        document.add_heading(section_model.heading[language], level=1)
        for numbered in blocks:
            _docx_block(document, numbered, language)

    document.add_heading(ui("sources", language), level=1)
    for source in sources:
        document.add_paragraph(source_line(source, language), style="List Bullet")
    output = io.BytesIO()
    document.save(output)
    return stable_zip(output.getvalue())


# --- Excel ---

THIN = Side(style="thin", color="808080")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="E8EEF4")
DECIDE_FILL = PatternFill("solid", fgColor="FFF2A8")
YEN = "#,##0"


@dataclass(frozen=True)
class BudgetCells:
    """Where the totals sit in the sheet, for the tests and for the page to name them."""

    income_total: str
    expense_total: str
    balance: str
    domain_totals: dict[FundingDomain, str]
    line_amounts: list[str]  # each budget line's amount, income lines first, in the record's order


BUDGET_COLUMNS = ("budget_item", "budget_domain", "budget_quantity", "budget_unit", "budget_unit_price",
                  "budget_amount", "budget_basis")  # fmt: skip
AMOUNT_COLUMN = "F"


def _budget_rows(sheet: Worksheet, lines: list[BudgetLine], first_row: int, language: Language) -> int:
    """Write the lines from first_row; return the row after the last one."""
    row = first_row
    for line in lines:
        values: list[object] = [
            line.item[language],
            line.domain.label[language] if line.domain else "",
            line.quantity if line.quantity is not None else None,
            line.unit[language] if line.unit else "",
            line.unit_price,
            f"=C{row}*E{row}" if line.amount is None else line.amount,
            plain(line.basis[language], language),
        ]
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.border = GRID
            cell.alignment = Alignment(vertical="top", wrap_text=column in (1, 7))
            if column in (3, 5, 6):
                cell.number_format = YEN if column != 3 else "#,##0.##"
        if BLANK.search(line.basis[language]):
            sheet.cell(row=row, column=7).fill = DECIDE_FILL
        row += 1
    return row


def _header(sheet: Worksheet, row: int, language: Language) -> None:
    for column, key in enumerate(BUDGET_COLUMNS, 1):
        cell = sheet.cell(row=row, column=column, value=ui(key, language))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = GRID


def _total_row(sheet: Worksheet, row: int, label: str, formula: str) -> str:
    sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
    cell = sheet.cell(row=row, column=6, value=formula)
    cell.font = Font(bold=True)
    cell.number_format = YEN
    cell.border = GRID
    return f"{AMOUNT_COLUMN}{row}"


def write_budget_sheet(sheet: Worksheet, template: DocumentTemplate, budget: Budget, language: Language) -> BudgetCells:
    sheet.title = ui("budget_sheet", language)
    sheet["A1"] = template.title[language]
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = plain(notice(template, language)[1], language)
    sheet["A3"] = ui("budget_formula_note", language)
    for address in ("A2", "A3"):
        sheet[address].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A2:G2")
    sheet.merge_cells("A3:G3")
    sheet.row_dimensions[2].height = 36
    sheet.row_dimensions[3].height = 30

    row = 5
    sheet.cell(row=row, column=1, value=ui("budget_income", language)).font = Font(bold=True, size=12)
    _header(sheet, row + 1, language)
    income_first = row + 2
    income_end = _budget_rows(sheet, budget.income, income_first, language)
    income_range = f"{AMOUNT_COLUMN}{income_first}:{AMOUNT_COLUMN}{income_end - 1}"
    income_total = _total_row(sheet, income_end, ui("budget_income_total", language), f"=SUM({income_range})")

    row = income_end + 2
    sheet.cell(row=row, column=1, value=ui("budget_expense", language)).font = Font(bold=True, size=12)
    _header(sheet, row + 1, language)
    expense_first = row + 2
    expense_end = _budget_rows(sheet, budget.expense, expense_first, language)
    expense_range = f"{AMOUNT_COLUMN}{expense_first}:{AMOUNT_COLUMN}{expense_end - 1}"
    expense_total = _total_row(sheet, expense_end, ui("budget_expense_total", language), f"=SUM({expense_range})")

    row = expense_end + 2
    balance = _total_row(sheet, row, ui("budget_balance", language), f"={income_total}-{expense_total}")

    row += 2
    sheet.cell(row=row, column=1, value=ui("budget_mix", language)).font = Font(bold=True, size=12)
    for column, key in ((1, "budget_domain"), (6, "budget_amount"), (7, "budget_share")):
        cell = sheet.cell(row=row + 1, column=column, value=ui(key, language))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = GRID
    domain_totals = {}
    domain_range = f"B{income_first}:B{income_end - 1}"
    for offset, domain in enumerate(FundingDomain, 2):
        current = row + offset
        sheet.cell(row=current, column=1, value=domain.label[language]).border = GRID
        amount = sheet.cell(row=current, column=6, value=f"=SUMIF({domain_range},A{current},{income_range})")
        amount.number_format = YEN
        amount.border = GRID
        share = sheet.cell(row=current, column=7, value=f"=IF({income_total}=0,0,F{current}/{income_total})")
        share.number_format = "0.0%"
        share.border = GRID
        domain_totals[domain] = f"F{current}"

    for letter, width in zip("ABCDEFG", (30, 12, 9, 10, 12, 14, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    lines = [*range(income_first, income_end), *range(expense_first, expense_end)]
    return BudgetCells(income_total, expense_total, balance, domain_totals, [f"{AMOUNT_COLUMN}{row}" for row in lines])


def _notes_sheet(sheet: Worksheet, template: DocumentTemplate, language: Language, sources: list[Source]) -> None:
    """The page's text beside the budget: how to use it, what to decide, the sections' notes, the sources."""
    sheet.title = ui("budget_notes_sheet", language)
    sheet.column_dimensions["A"].width = 110
    lines: list[tuple[str, bool]] = [(ui("how_to_use", language), True)]
    lines += [(plain(paragraph, language), False) for paragraph in paragraphs(template.intro[language], language)]
    lines += [(ui("decide_heading", language), True)] + [("・" + item[language], False) for item in template.decide]
    for section in template.sections:
        lines.append((section.heading[language], True))
        for block in section.blocks:
            texts: list[Text] = []
            if block.heading is not None:
                lines.append((block.heading[language], True))
            if block.paragraph is not None:
                texts = [block.paragraph]
            elif block.bullets is not None or block.steps is not None:
                texts = list(block.bullets or block.steps or [])
            lines += [(plain(text[language], language), False) for text in texts]
    lines.append((ui("sources", language), True))
    lines += [("・" + source_line(source, language), False) for source in sources]
    for row, (text, is_heading) in enumerate(lines, 1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if is_heading:
            cell.font = Font(bold=True, size=12)


def xlsx_bytes(template: DocumentTemplate, language: Language, sources: list[Source]) -> bytes:
    """The budget template as an Excel workbook whose totals are formulas."""
    budget = template.budget
    if budget is None:
        raise ValueError(f"template '{template.id}' has no budget to write as Excel")
    workbook = Workbook()
    write_budget_sheet(workbook.active, template, budget, language)
    _notes_sheet(workbook.create_sheet(), template, language, sources)
    # No values are cached in the file: have Excel and LibreOffice compute every formula when it opens.
    workbook.calculation.fullCalcOnLoad = True
    workbook.properties.title = template.title[language]
    workbook.properties.creator = UI["site_name"][language]
    output = io.BytesIO()
    workbook.save(output)
    return stable_zip(output.getvalue())


def file_bytes(template: DocumentTemplate, language: Language, sources: list[Source]) -> bytes:
    if template.format.value == "xlsx":
        return xlsx_bytes(template, language, sources)
    return docx_bytes(template, language, sources)
