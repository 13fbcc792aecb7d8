"""Jinja2 rendering shared by the hooks: one environment, templates compiled once, escaping on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape

from handbook.dates import format_date
from handbook.models import LabelledEnum, Text

TEMPLATES = Path(__file__).parent / "templates"

# Words the generated tables and cards show, in the page's language.
UI: dict[str, Text] = {
    key: Text(ja=ja, en=en)
    for key, ja, en in [
        ("name", "名称", "Name"),
        ("provider", "所管", "Provided by"),
        ("kind", "支援の種類", "Kind of support"),
        ("stages", "使える段階", "Stages"),
        ("summary", "概要", "Summary"),
        ("sources", "出典", "Sources"),
        ("official_page", "公式ページ", "official page"),
        ("programs_caption", "支援メニュー一覧", "Support programs"),
        (
            "programs_repeat_note",
            "この段階で使える支援です。名前を押すと、下の「全ての支援メニュー」の表で、中身・状況・確認日・出典が見られます。",
            "The programs for this stage. Choose a name to see its summary, status, date checked and sources in the "
            "table of all support programs below.",
        ),
        ("programs_empty", "この条件に合う支援メニューはまだ登録されていません。", "No support program matches yet."),
        ("status", "状況", "Status"),
        ("checked", "確認日", "Last checked"),
        (
            "stale",
            "12か月以上、公式ページで確認されていません。使う前に所管の窓口でお確かめください。",
            "Not confirmed on an official page for over 12 months: check with the provider before relying on it.",
        ),
        ("successor", "後継の制度", "Successor"),
        ("no_successor", "なし", "none"),
        ("former_caption", "終了・名称変更した制度", "Programs that were renamed or have ended"),
        ("former_empty", "終了・名称変更した制度は登録されていません。", "No program has been renamed or ended."),
        ("official_pages", "各制度の公式ページ", "Official pages of the programs"),
        (
            "programs_checked",
            "支援制度のデータ（{total}件）を最後に公式ページで確認した日：",
            "The support-program data ({total} records) was last confirmed on official pages on ",
        ),
        ("sentence_end", "。", "."),
        (
            "programs_stale_count",
            "うち{count}件は12か月以上確認されていません（支援メニューの表に印があります）。",
            "{count} of them have not been confirmed for over 12 months (marked in the support tables).",
        ),
        ("cases_empty", "この条件に合う事例はまだ登録されていません。", "No case study matches yet."),
        ("place", "所在地", "Place"),
        ("prefecture", "都道府県", "Prefecture"),
        ("form", "組織の形", "Organization form"),
        ("legal_form", "法人格", "Legal personality"),
        ("founded", "設立", "Founded"),
        ("background", "成り立ち", "Background"),
        ("activities", "主な活動", "Main activities"),
        ("programs_used", "活用した支援制度", "Support programs used"),
        ("website", "ウェブサイト", "Website"),
        ("not_stated", "出典に記載なし", "not stated in the sources"),
        ("population", "人口", "Population"),
        ("households", "世帯数", "Households"),
        ("preparation", "準備にかかった期間", "Time spent preparing"),
        ("form_basis", "組織の形の根拠", "Basis for the form"),
        ("first_steps", "最初にしたこと", "What they did first"),
        ("income", "収入源", "Income sources"),
        ("staff", "人・事務局", "Staff and secretariat"),
        ("success_factors", "うまくいった理由", "What made it work"),
        ("difficulties", "難しかったこと", "What was hard"),
        ("later", "その後の動き", "Later developments"),
        ("unstated", "出典に記載のない項目", "Not stated in the sources"),
        ("facts", "基本情報", "Key facts"),
        ("comparison_caption", "事例の比較（設立の年順）", "The cases compared (in order of founding)"),
        ("heading_link", "この見出しへのリンク", "Link to this heading"),
        ("comparison_sort_hint", "見出しを押すと並べ替えられます。", "Select a column heading to sort by it."),
        ("not_stated_short", "記載なし", "not stated"),
        ("no_count_date", "時点の記載なし", "date not given"),
        ("people_unit", "人", "people"),
        ("households_unit", "世帯", "households"),
        ("issued", "発行", "Issued"),
        ("accessed", "閲覧", "accessed"),
        ("no_date", "日付の記載なし", "undated"),
        ("reading", "よみ", "reading"),
        ("furigana", "ふりがな", "Furigana"),
        ("furigana_title", "漢字の上に読みがなを表示する", "Show readings above kanji"),
        ("back_to_cases", "事例集にもどる", "Back to case studies"),
        ("pdf_page", "PDFで印刷・保存（A4）", "Print or save as PDF (A4)"),
        ("pdf_whole", "手順書全体をPDFで印刷・保存（A4）", "Print or save the whole handbook as PDF (A4)"),
        ("pdf_chapter", "この章をPDFで印刷・保存（A4）", "Print or save this chapter as PDF (A4)"),
        ("filter_legend", "しぼりこみ", "Narrow the list"),
        ("filter_all", "すべて", "All"),
        ("filter_reset", "条件を消す", "Clear"),
        ("open_data_csv", "CSV形式（Excelで開けます）", "CSV (opens in Excel)"),
        ("open_data_json", "JSON形式", "JSON"),
        ("open_data_schema", "データの項目の定義（JSON Schema）", "Field definitions (JSON Schema)"),
        (
            "open_data_license",
            "ライセンス：クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）",
            "License: Creative Commons Attribution 4.0 International (CC BY 4.0)",
        ),
        ("updated", "このページの最終更新", "This page was last updated"),
        ("report", "このページの問題を報告する（GitHub）", "Report a problem with this page (GitHub)"),
        ("report_title", "「{page}」の問題", 'Problem on the page "{page}"'),
        ("feedback", "ご意見・お問い合わせ（アカウント不要）", "Comments and questions (no account needed)"),
        ("feedback_subject", "「{page}」へのご意見", 'Comment on the page "{page}"'),
        ("filter_status", "{total}件中{shown}件を表示しています", "Showing {shown} of {total}"),
        ("self_check_progress", "{total}項目中{done}項目ができています", "{done} of {total} done"),
        ("self_check_total", "全体で{total}項目中{done}項目ができています", "{done} of {total} done in all"),
        ("self_check_reset", "チェックをすべて消す", "Clear all ticks"),
        (
            "self_check_confirm",
            "この端末に保存したチェックをすべて消します。よろしいですか？",
            "Clear every tick saved on this device?",
        ),
        ("self_check_explained", "「{step}」の説明を読む", "Read how “{step}” works"),
        # Templates to fill in (hooks/document_templates.py, hooks/handbook/office.py)
        ("decide", "地区で決める", "District decides"),
        ("site_name", "地域運営組織 形成の手順書", "Handbook for Forming Community-Run Organizations"),
        (
            "template_notice",
            "これは例です。そのまま使わず、地区の話し合いで直してから使ってください。"
            "[[]]の部分は、地区が自分で決めて書きこむところです。",
            "This is an example. Do not use it as it stands: adapt it in your district's meetings first. "
            "The parts marked [[]] are for your district to decide and fill in.",
        ),
        ("template_notice_title", "この書式は例です", "This template is an example"),
        ("template_notice_title_session-plan", "この進行案はモデルです", "This session plan is a model"),
        (
            "template_notice_session-plan",
            "これは、この手順書がつくったモデル（例）です。時間の配分は出典の資料にはなく、決まりではありません。"
            "参加する人数や地区の事情に合わせて直してください。[[]]の部分は、地区が自分で決めるところです。",
            "This is a model (an example) written for this handbook. The sources give no timings, so these are "
            "not rules: adjust them to the number of participants and your district. The parts marked [[]] are "
            "for your district to decide.",
        ),
        ("how_to_use", "この例の使い方", "How to use this example"),
        ("decide_heading", "地区で決めること", "What your district decides"),
        ("download_title", "編集できるファイル", "Editable file"),
        ("download_docx", "Word形式（.docx）をダウンロード", "Download as Word (.docx)"),
        ("download_xlsx", "Excel形式（.xlsx、計算式入り）をダウンロード", "Download as Excel (.xlsx, with formulas)"),
        (
            "download_note",
            "ページとファイルは同じ元データから作っています。内容は同じです。",
            "The page and the file are made from the same source, so their content is the same.",
        ),
        ("article", "第{number}条（{title}）", "Article {number} ({title})"),
        ("templates_caption", "ひな形の一覧", "Templates"),
        ("template_name", "ひな形", "Template"),
        ("template_file", "ファイル", "File"),
        ("budget_income", "収入の部", "Income"),
        ("budget_expense", "支出の部", "Spending"),
        ("budget_item", "項目", "Item"),
        ("budget_domain", "領域", "Source of money"),
        ("budget_quantity", "数量", "Quantity"),
        ("budget_unit", "単位", "Unit"),
        ("budget_unit_price", "単価（円）", "Unit price (yen)"),
        ("budget_amount", "金額（円）", "Amount (yen)"),
        ("budget_basis", "見積もりの根拠", "Basis of the estimate"),
        ("budget_income_total", "収入合計", "Total income"),
        ("budget_expense_total", "支出合計", "Total spending"),
        ("budget_balance", "収支差額（収入合計－支出合計）", "Balance (income minus spending)"),
        ("budget_mix", "収入の領域ごとの内訳", "Income by source of money"),
        ("budget_share", "割合", "Share"),
        ("budget_sheet", "収支予算書", "Budget"),
        ("budget_notes_sheet", "使い方と出典", "How to use and sources"),
        (
            "budget_formula_note",
            "金額・合計・割合の欄は計算式です。数量・単価・金額を書きかえると自動で計算されます。",
            "The amount, total and share cells are formulas: change a quantity, unit price or amount and they "
            "recalculate.",
        ),
        ("search_preparing", "検索の準備中…", "Preparing search…"),
    ]
}


@dataclass(frozen=True)
class Select:
    """One filter control: the data attribute it reads, its label and its (value, label) options."""

    name: str
    label: str
    options: list[tuple[str, str]]


def select(name: str, label_key: str, values: Iterable[LabelledEnum], language: str) -> Select:
    """A filter over the values that occur in the list, in the order the model declares them."""
    present = set(values)
    options = (
        [(value.value, value.label[language]) for value in type(next(iter(present))) if value in present]
        if present
        else []
    )
    return Select(name, UI[label_key][language], options)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["date"] = format_date
    return env


@cache
def template(name: str) -> Template:
    return environment().get_template(name)


def render(name: str, language: str, **context: Any) -> str:
    """Render a template for one language; `t(text)` picks that language from a bilingual Text."""

    def t(text: Text) -> str:
        return text[language]

    return template(name).render(lang=language, t=t, ui={key: text[language] for key, text in UI.items()}, **context)
