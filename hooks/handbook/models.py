"""What a valid data record is: the pydantic models behind every YAML file in data/.

Maintainers never edit this file to add a record; they edit YAML. The models say which fields a
record needs, which values a field allows, and how each value is shown in Japanese and English.
"""

from __future__ import annotations

import calendar
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)

Language = str  # "ja" or "en"
LANGUAGES: tuple[Language, ...] = ("ja", "en")

RecordId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=2, max_length=80),
    Field(description="Lower-case ASCII letters, digits and hyphens, e.g. kirari-yoshijima."),
]
NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _http_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
        raise ValueError("must be a web address starting with http:// or https://")
    return value


WebUrl = Annotated[
    str,
    AfterValidator(_http_url),
    Field(description="A web address starting with http:// or https://", json_schema_extra={"format": "uri"}),
]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
_FIRST_YEAR, _LAST_YEAR = 1868, 2100
_DATE_DESCRIPTION = "A date as precise as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD"


def _year_as_text(value: object) -> object:
    """YAML reads `founded: 2007` as a number; the README documents that form, so it is the year '2007'."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _partial_date(value: str) -> str:
    match = _PARTIAL_DATE.match(value)
    if not match or not _FIRST_YEAR <= int(match.group(1)) <= _LAST_YEAR:
        raise ValueError(f"must be a date written YYYY, YYYY-MM or YYYY-MM-DD (years {_FIRST_YEAR}-{_LAST_YEAR})")
    year, month, day = (int(part) if part else None for part in match.groups())
    if year and month and day:
        days_in_month = calendar.monthrange(year, month)[1]
        if day > days_in_month:
            raise ValueError(
                f"'{value}' is not a day of the calendar: {calendar.month_name[month]} {year} has {days_in_month} days"
            )
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(_year_as_text),
    AfterValidator(_partial_date),
    Field(description=_DATE_DESCRIPTION),
    # Editors checking the YAML accept what the build accepts: a year may be written as a plain number.
    WithJsonSchema(
        {
            "description": _DATE_DESCRIPTION,
            "anyOf": [
                {"type": "string", "pattern": _PARTIAL_DATE.pattern},
                {"type": "integer", "minimum": _FIRST_YEAR, "maximum": _LAST_YEAR},
            ],
        }
    ),
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(Record):
    """A text readers see, in both languages."""

    ja: NonEmptyText = Field(description="日本語の文")
    en: NonEmptyText = Field(description="The same text in English")

    def __getitem__(self, language: Language) -> str:
        return self.ja if language == "ja" else self.en


class LabelledEnum(StrEnum):
    """An enum whose values are stable keys in YAML and whose labels are shown to readers."""

    @property
    def label(self) -> Text:
        return _LABELS[self]


class Stage(LabelledEnum):
    learning = "learning"
    planning = "planning"
    formation = "formation"
    operation = "operation"


class SupportKind(LabelledEnum):
    money = "money"
    people = "people"
    information = "information"


class Provider(LabelledEnum):
    cabinet_secretariat = "cabinet-secretariat"
    cabinet_office = "cabinet-office"
    mic = "mic"
    mlit = "mlit"
    maff = "maff"
    mhlw = "mhlw"
    furusato_zaidan = "furusato-zaidan"
    yamagata = "yamagata"


class ProgramStatus(LabelledEnum):
    """Whether a support program can still be used, as last confirmed on an official page."""

    current = "current"
    renamed = "renamed"
    ended = "ended"


class OrganizationForm(LabelledEnum):
    integrated = "integrated"
    separated = "separated"


class LegalForm(LabelledEnum):
    npo = "npo"
    authorized_neighborhood = "authorized-neighborhood"
    stock_company = "stock-company"
    llc = "llc"
    general_association = "general-association"
    general_foundation = "general-foundation"
    social_welfare = "social-welfare"
    workers_cooperative = "workers-cooperative"
    voluntary = "voluntary"


class IncomeKind(LabelledEnum):
    """Where a case's money comes from, in the categories the national surveys use."""

    membership_fees = "membership-fees"
    user_fees = "user-fees"
    subsidies = "subsidies"
    business = "business"
    commissions = "commissions"
    investment = "investment"


class NameKind(LabelledEnum):
    place = "place"
    organization = "organization"
    person = "person"
    other = "other"


class ChartUnit(LabelledEnum):
    percent = "percent"
    people = "people"


class Prefecture(LabelledEnum):
    hokkaido = "hokkaido"
    aomori = "aomori"
    iwate = "iwate"
    miyagi = "miyagi"
    akita = "akita"
    yamagata = "yamagata"
    fukushima = "fukushima"
    ibaraki = "ibaraki"
    tochigi = "tochigi"
    gunma = "gunma"
    saitama = "saitama"
    chiba = "chiba"
    tokyo = "tokyo"
    kanagawa = "kanagawa"
    niigata = "niigata"
    toyama = "toyama"
    ishikawa = "ishikawa"
    fukui = "fukui"
    yamanashi = "yamanashi"
    nagano = "nagano"
    gifu = "gifu"
    shizuoka = "shizuoka"
    aichi = "aichi"
    mie = "mie"
    shiga = "shiga"
    kyoto = "kyoto"
    osaka = "osaka"
    hyogo = "hyogo"
    nara = "nara"
    wakayama = "wakayama"
    tottori = "tottori"
    shimane = "shimane"
    okayama = "okayama"
    hiroshima = "hiroshima"
    yamaguchi = "yamaguchi"
    tokushima = "tokushima"
    kagawa = "kagawa"
    ehime = "ehime"
    kochi = "kochi"
    fukuoka = "fukuoka"
    saga = "saga"
    nagasaki = "nagasaki"
    kumamoto = "kumamoto"
    oita = "oita"
    miyazaki = "miyazaki"
    kagoshima = "kagoshima"
    okinawa = "okinawa"


def _text(ja: str, en: str) -> Text:
    return Text(ja=ja, en=en)


_PREFECTURE_NAMES = (
    "北海道 Hokkaido,青森県 Aomori,岩手県 Iwate,宮城県 Miyagi,秋田県 Akita,山形県 Yamagata,福島県 Fukushima,"
    "茨城県 Ibaraki,栃木県 Tochigi,群馬県 Gunma,埼玉県 Saitama,千葉県 Chiba,東京都 Tokyo,神奈川県 Kanagawa,"
    "新潟県 Niigata,富山県 Toyama,石川県 Ishikawa,福井県 Fukui,山梨県 Yamanashi,長野県 Nagano,岐阜県 Gifu,"
    "静岡県 Shizuoka,愛知県 Aichi,三重県 Mie,滋賀県 Shiga,京都府 Kyoto,大阪府 Osaka,兵庫県 Hyogo,奈良県 Nara,"
    "和歌山県 Wakayama,鳥取県 Tottori,島根県 Shimane,岡山県 Okayama,広島県 Hiroshima,山口県 Yamaguchi,"
    "徳島県 Tokushima,香川県 Kagawa,愛媛県 Ehime,高知県 Kochi,福岡県 Fukuoka,佐賀県 Saga,長崎県 Nagasaki,"
    "熊本県 Kumamoto,大分県 Oita,宮崎県 Miyazaki,鹿児島県 Kagoshima,沖縄県 Okinawa"
)

_LABELS: dict[LabelledEnum, Text] = {
    Stage.learning: _text("学ぶ・気づく", "Learning and awareness"),
    Stage.planning: _text("話し合い・計画づくり", "Discussion and planning"),
    Stage.formation: _text("組織の設立", "Founding the organization"),
    Stage.operation: _text("運営・継続", "Running and sustaining"),
    ProgramStatus.current: _text("実施中", "Current"),
    ProgramStatus.renamed: _text("名称変更・後継の制度へ移行", "Renamed or replaced by a successor"),
    ProgramStatus.ended: _text("終了", "Ended"),
    ChartUnit.percent: _text("%", "%"),
    NameKind.place: _text("地名", "Place"),
    NameKind.organization: _text("団体名", "Organization"),
    NameKind.person: _text("人名", "Person"),
    NameKind.other: _text("その他", "Other"),
    ChartUnit.people: _text("人", "people"),
    SupportKind.money: _text("資金", "Money"),
    SupportKind.people: _text("人材", "People"),
    SupportKind.information: _text("情報・ノウハウ", "Information and know-how"),
    Provider.cabinet_secretariat: _text("内閣官房", "Cabinet Secretariat"),
    Provider.cabinet_office: _text("内閣府", "Cabinet Office"),
    Provider.mic: _text("総務省", "Ministry of Internal Affairs and Communications"),
    Provider.mlit: _text("国土交通省", "Ministry of Land, Infrastructure, Transport and Tourism"),
    Provider.maff: _text("農林水産省", "Ministry of Agriculture, Forestry and Fisheries"),
    Provider.mhlw: _text("厚生労働省", "Ministry of Health, Labour and Welfare"),
    Provider.furusato_zaidan: _text(
        "一般財団法人地域総合整備財団（ふるさと財団）", "Japan Foundation for Regional Vitalization (Furusato Zaidan)"
    ),
    Provider.yamagata: _text("山形県", "Yamagata Prefecture"),
    OrganizationForm.integrated: _text("一体型", "Integrated (one body plans and acts)"),
    OrganizationForm.separated: _text("分離型", "Separated (planning and action in linked bodies)"),
    LegalForm.npo: _text("NPO法人（特定非営利活動法人）", "NPO corporation"),
    LegalForm.authorized_neighborhood: _text("認可地縁団体", "Authorized neighborhood association"),
    LegalForm.stock_company: _text("株式会社", "Stock company (kabushiki kaisha)"),
    LegalForm.llc: _text("合同会社", "Limited liability company (godo kaisha)"),
    LegalForm.general_association: _text("一般社団法人", "General incorporated association"),
    LegalForm.general_foundation: _text("一般財団法人", "General incorporated foundation"),
    LegalForm.social_welfare: _text("社会福祉法人", "Social welfare corporation"),
    LegalForm.workers_cooperative: _text("労働者協同組合", "Workers' cooperative (rōdōsha kyōdō kumiai)"),
    IncomeKind.membership_fees: _text("会費", "Membership fees"),
    IncomeKind.user_fees: _text("利用料", "User fees"),
    IncomeKind.subsidies: _text("補助金・交付金", "Subsidies and grants"),
    IncomeKind.business: _text("事業収入（売上など）", "Business income (sales and the like)"),
    IncomeKind.commissions: _text("委託料・指定管理料", "Contract and designated-manager fees"),
    IncomeKind.investment: _text("出資・寄付", "Investment and donations"),
    LegalForm.voluntary: _text("法人格なし（任意団体）", "No legal personality (voluntary body)"),
    **{
        prefecture: _text(*name.split(" "))
        for prefecture, name in zip(Prefecture, _PREFECTURE_NAMES.split(","), strict=True)
    },
}


class Source(Record):
    """A document the handbook's facts come from."""

    id: RecordId
    title: Text
    issuer: Text
    issued: PartialDate | None = Field(None, description="Date of the document; leave out when it gives none")
    fiscal_year: bool = Field(False, description="true when the source gives a fiscal year (年度), not a date")
    note: Text | None = Field(None, description="What a reader should know about the source, e.g. its survey date")
    url: WebUrl | None = None
    accessed: PartialDate | None = Field(None, description="When a web page was read")


def _https_url(value: str) -> str:
    if not re.match(r"^https://[^\s/$.?#][^\s]*$", value):
        raise ValueError("must be an official web address starting with https://")
    return value


HttpsUrl = Annotated[
    str,
    AfterValidator(_https_url),
    Field(description="An official web address starting with https://", json_schema_extra={"format": "uri"}),
]


class SupportProgram(Record):
    """A national or prefectural support measure a district can use, with how fresh that knowledge is.

    `status`, `checked` and, for a current program, `url` are required: a municipal officer who prints
    the support menu must see whether a program still exists and when someone last confirmed it.
    """

    id: RecordId
    name: Text
    provider: Provider
    kind: SupportKind
    stages: list[Stage] = Field(min_length=1)
    summary: Text
    status: ProgramStatus = Field(
        description="current: still offered; renamed: replaced by the program named in successor; "
        "ended: no longer offered (give the fiscal year in ended)"
    )
    successor: RecordId | None = Field(
        None,
        validate_default=True,
        description="For a renamed program: the id of the program that replaced it (a record in this file)",
    )
    ended: int | None = Field(
        None,
        ge=1868,
        le=2100,
        validate_default=True,
        description="The last fiscal year (年度) the program ran under this name, e.g. 2022 for 令和4年度; "
        "required when status is ended",
    )
    checked: PartialDate = Field(
        description="The date someone last confirmed the program on an official page (YYYY-MM-DD; "
        "YYYY-MM or YYYY when only an official document's date is known)"
    )
    url: HttpsUrl | None = Field(
        None, validate_default=True, description="The official page (https://); required for a current program"
    )
    sources: list[RecordId] = Field(min_length=1)

    @field_validator("successor")
    @classmethod
    def _successor_only_when_renamed(cls, successor: str | None, info: ValidationInfo) -> str | None:
        status = info.data.get("status")
        if status == ProgramStatus.renamed and successor is None:
            raise ValueError("a renamed program needs 'successor': the id of the program that replaced it")
        if status is not None and status != ProgramStatus.renamed and successor is not None:
            raise ValueError("only a renamed program has a successor; set status: renamed or remove successor")
        if successor is not None and successor == info.data.get("id"):
            raise ValueError("a program cannot be its own successor")
        return successor

    @field_validator("ended")
    @classmethod
    def _ended_year_when_ended(cls, ended: int | None, info: ValidationInfo) -> int | None:
        status = info.data.get("status")
        if status == ProgramStatus.ended and ended is None:
            raise ValueError("an ended program needs 'ended': the last fiscal year it ran, e.g. 2022")
        if status == ProgramStatus.current and ended is not None:
            raise ValueError("a current program has no end year; set status: ended or remove ended")
        return ended

    @field_validator("url")
    @classmethod
    def _current_programs_link_their_official_page(cls, url: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("status") == ProgramStatus.current and url is None:
            raise ValueError("a current program needs 'url': its official page, starting with https://")
        return url


class Described(Record):
    """A nested record that reads as one line in each language (for open data and tables)."""

    def describe(self, language: Language) -> str:
        raise NotImplementedError


class Figure(Described):
    """A number about a place, with the date the source gives for it."""

    value: int = Field(ge=0, description="The number as the source gives it")
    as_of: PartialDate | None = Field(
        None, description="When it was counted: YYYY, YYYY-MM or YYYY-MM-DD; leave out when the source gives no date"
    )
    approximate: bool | None = Field(None, description="true when the source says about (約)")

    def describe(self, language: Language) -> str:
        number = f"{self.value:,}"
        if language == "ja":
            when = f"{self.as_of[:4]}年" if self.as_of else "時点の記載なし"
            return f"{'約' if self.approximate else ''}{number}（{when}）"
        when = self.as_of[:4] if self.as_of else "date not given"
        return f"{'about ' if self.approximate else ''}{number} ({when})"


class IncomeSource(Described):
    """One kind of income a source names, with what it says about it."""

    kind: IncomeKind
    detail: Text | None = Field(None, description="What the source says, e.g. 一口1,000円の出資")

    def describe(self, language: Language) -> str:
        label = self.kind.label[language]
        return f"{label}: {self.detail[language]}" if self.detail else label


class Development(Described):
    """Something a public source says happened later, with its date."""

    date: PartialDate
    text: Text

    def describe(self, language: Language) -> str:
        return f"{self.date}: {self.text[language]}"


# The fields every case page shows in the same order; a field left empty is listed once on the
# page as not stated in the sources, instead of a sentence saying so.
CASE_SHAPE: tuple[str, ...] = (
    "population",
    "households",
    "founded",
    "preparation",
    "form",
    "legal_form",
    "first_steps",
    "activities",
    "income",
    "staff",
    "success_factors",
    "difficulties",
)


class CaseStudy(Record):
    """One organization or district whose formation the handbook describes.

    Fill in what the sources say and leave out the rest: every page shows the same fields, and one
    line lists the ones no source states. Never fill a field from memory or by guessing."""

    id: RecordId
    name: Text
    prefecture: Prefecture
    place: Text = Field(description="Municipality and district, e.g. 川西町吉島地区")
    population: Figure | None = Field(None, description="People living in the district, with the year counted")
    households: Figure | None = Field(None, description="Households in the district, with the year counted")
    form: OrganizationForm | None = Field(None, description="Leave out when no source says it")
    form_basis: Text | None = Field(
        None, description="Why the form is given, when the source describes the structure without naming the form"
    )
    legal_form: LegalForm | None = Field(None, description="Leave out when no source says it")
    founded: PartialDate | None = None
    preparation: Text | None = Field(None, description="How long preparing the organization took, as the source says")
    summary: Text
    background: Text
    first_steps: Text | None = Field(None, description="What the district did first")
    activities: list[Text] = Field(min_length=1)
    income: list[IncomeSource] = Field(default_factory=list, description="Income sources the sources name")
    staff: Text | None = Field(None, description="Paid staff, volunteers, secretariat, as the source says")
    success_factors: Text | None = Field(None, description="What the source says made it work")
    difficulties: Text | None = Field(None, description="What the source says was hard")
    later: list[Development] = Field(
        default_factory=list, description="What public sources say happened later (plans adopted, bodies formed)"
    )
    url: WebUrl | None = None
    sources: list[RecordId] = Field(min_length=1)
    programs: list[RecordId] = Field(default_factory=list, description="ids of support programs it used")

    def unstated(self) -> list[str]:
        """The shape's fields that no source fills for this case, in the page's order."""
        return [name for name in CASE_SHAPE if getattr(self, name) in (None, [])]


class GlossaryTerm(Record):
    """A word a resident may not know, explained wherever it appears."""

    id: RecordId
    term: Text
    reading: str | None = Field(None, description="よみがな in hiragana, for the Japanese term")
    definition: Text
    sources: list[RecordId] = Field(default_factory=list)


_HIRAGANA = re.compile(r"^[\u3041-\u3096\u30fc]+$")
_KANJI = re.compile(r"[\u3005\u3006\u30f6\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class Reading(Record):
    """How a name the handbook uses is read: the furigana over it, and its kana in the search index."""

    surface: NonEmptyText = Field(description="The name as the pages write it, e.g. 吉島 or 川西町")
    reading: str | None = Field(
        description="よみがな in hiragana, e.g. よしじま; null when no public source gives the reading "
        "(the name then gets no furigana rather than a guessed one)"
    )
    kind: NameKind = Field(description="place, organization, person or other")
    note: NonEmptyText = Field(description="Where the reading comes from, or why it is left out")
    url: WebUrl | None = Field(None, description="A public page that gives the reading")

    @field_validator("surface")
    @classmethod
    def _has_kanji(cls, surface: str) -> str:
        if not _KANJI.search(surface):
            raise ValueError("must contain a kanji: names written in kana need no reading")
        return surface

    @field_validator("reading")
    @classmethod
    def _is_hiragana(cls, reading: str | None) -> str | None:
        if reading is not None and not _HIRAGANA.match(reading.strip()):
            raise ValueError("must be written in hiragana only, e.g. よしじま")
        return reading.strip() if reading is not None else None


class ChartRow(Record):
    label: Text
    values: list[float] = Field(min_length=1, description="One number per series, in the series' order")


class Chart(Record):
    """Numbers from a source, drawn as a bar chart with a table beside it."""

    id: RecordId
    title: Text
    unit: ChartUnit
    series: list[Text] = Field(min_length=1, max_length=3)
    rows: list[ChartRow] = Field(min_length=1)
    note: Text | None = None
    sources: list[RecordId] = Field(min_length=1)

    @field_validator("rows")
    @classmethod
    def _one_value_per_series(cls, rows: list[ChartRow], info: ValidationInfo) -> list[ChartRow]:
        series = info.data.get("series")
        if series is not None:
            for number, row in enumerate(rows, 1):
                if len(row.values) != len(series):
                    raise ValueError(
                        f"row {number} ({row.label.ja}) has {len(row.values)} values for {len(series)} series"
                    )
        return rows


class TimelinePhase(Record):
    """One bar of a model timeline: a step of forming an organization and the months it spans."""

    label: Text
    start: int = Field(ge=1, description="The first month of the phase (month 1 is the first study session)")
    end: int = Field(ge=1, description="The last month of the phase")
    basis: Text = Field(description="What the span rests on: the facts from the sources, or that it is the model's")
    sources: list[RecordId] = Field(min_length=1)

    @field_validator("end")
    @classmethod
    def _ends_after_it_starts(cls, end: int, info: ValidationInfo) -> int:
        start = info.data.get("start")
        if start is not None and end < start:
            raise ValueError(f"month {end} is before the phase's start, month {start}")
        return end


class TimelineMilestone(Record):
    month: int = Field(ge=1)
    label: Text


class Timeline(Record):
    """A model timeline (an example, not a rule), drawn as a chart with a table beside it."""

    id: RecordId
    title: Text
    start_month: int = Field(ge=1, le=12, description="The calendar month of month 1, e.g. 10 for October")
    months: int = Field(ge=6, le=60, description="How many months the chart shows")
    note: Text
    phases: list[TimelinePhase] = Field(min_length=1)
    milestones: list[TimelineMilestone] = Field(default_factory=list)

    @field_validator("phases")
    @classmethod
    def _phases_fit(cls, phases: list[TimelinePhase], info: ValidationInfo) -> list[TimelinePhase]:
        months = info.data.get("months")
        for number, phase in enumerate(phases, 1):
            if months is not None and phase.end > months:
                raise ValueError(f"phase {number} ({phase.label.ja}) ends in month {phase.end}, after month {months}")
        return phases


class Term(BaseModel):
    """One entry of the English term list (data/terms.yml): a concept or name, its one English form, and
    the forms it replaces. The English pages are checked against it; the build does not read it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    ja: NonEmptyText = Field(description="The Japanese term or name, or （綴り） for a spelling rule")
    en: NonEmptyText = Field(description="The one English form used on every page")
    variants: list[NonEmptyText] = Field(min_length=1, description="Forms that must not appear in English text")
    note: str | None = Field(default=None, description="Why this form, for the next translator")

    @field_validator("variants")
    @classmethod
    def _variant_is_not_the_term(cls, variants: list[str], info: ValidationInfo) -> list[str]:
        english = str(info.data.get("en", "")).lower()
        for variant in variants:
            if variant.lower() == english:
                raise ValueError(f"'{variant}' is the term itself, not a variant")
        return variants


# --- Templates to fill in (data/templates/<id>.yml): one source for the page and the Word/Excel file ---

# A part the district must decide itself is written [[what]] in both languages, e.g. "年額[[金額]]円".
BLANK = re.compile(r"\[\[([^\[\]]*)\]\]")


class FormText(Text):
    """A text of a template, which may hold parts a district fills in, written [[…]]."""

    @field_validator("en")
    @classmethod
    def _same_blanks(cls, english: str, info: ValidationInfo) -> str:
        japanese = info.data.get("ja")
        if japanese is not None:
            if BLANK.sub("", japanese).count("[[") or BLANK.sub("", english).count("[["):
                raise ValueError("a part to decide is written [[like this]]: a '[[' has no matching ']]'")
            if len(BLANK.findall(japanese)) != len(BLANK.findall(english)):
                raise ValueError(
                    f"the Japanese has {len(BLANK.findall(japanese))} parts to decide ([[…]]) "
                    f"and the English {len(BLANK.findall(english))}: give both languages the same ones"
                )
        return english


class FileFormat(StrEnum):
    docx = "docx"
    xlsx = "xlsx"


class TemplateGroup(LabelledEnum):
    """Where a template is listed: the papers of founding, or the plans of the workshops."""

    founding = "founding"
    session_plan = "session-plan"


class FundingDomain(LabelledEnum):
    """The three sources of money the handbook's chapter on money names (総務省)."""

    market = "market"
    community = "community"
    public = "public"


_LABELS.update(
    {
        TemplateGroup.founding: _text("組織をつくるときの書類", "Papers for founding the organization"),
        TemplateGroup.session_plan: _text("ワークショップの進行案（モデル）", "Workshop session plans (models)"),
        FundingDomain.market: _text("市場（民）", "Market"),
        FundingDomain.community: _text("集落（共）", "Community"),
        FundingDomain.public: _text("行政（公）", "Public"),
    }
)


class Article(Record):
    """One numbered article of a set of rules (第○条); the number is counted by the build."""

    title: FormText = Field(description="The article's subject, e.g. 目的 / Purpose")
    text: FormText | None = Field(None, description="The article's sentence(s)")
    items: list[FormText] = Field(default_factory=list, description="Numbered items (1), (2), … under the text")

    @field_validator("items")
    @classmethod
    def _text_or_items(cls, items: list[FormText], info: ValidationInfo) -> list[FormText]:
        if not items and info.data.get("text") is None:
            raise ValueError("an article needs a text, items, or both")
        return items


class FormField(Record):
    """A line to write on, e.g. 氏名 ________."""

    label: FormText
    hint: FormText | None = Field(None, description="A short example or instruction shown with the blank")


class FormTable(Record):
    """A table: rows written in the template and/or empty rows to fill in."""

    caption: Text | None = None
    columns: list[Text] = Field(min_length=1, max_length=8)
    rows: list[list[FormText | Literal[""]]] = Field(
        default_factory=list, description='Each row has one cell per column; "" is a cell left empty'
    )
    blank_rows: int = Field(0, ge=0, le=40, description="Empty rows to write in, after the written rows")

    @field_validator("rows")
    @classmethod
    def _one_cell_per_column(cls, rows: list[list[FormText | str]], info: ValidationInfo) -> list[list[FormText | str]]:
        columns = info.data.get("columns")
        if columns is not None:
            for number, row in enumerate(rows, 1):
                if len(row) != len(columns):
                    raise ValueError(f"row {number} has {len(row)} cells for {len(columns)} columns")
        return rows


class BudgetLine(Record):
    """One line of a budget: a fixed amount, or a quantity times a unit price (a formula in Excel)."""

    item: Text
    domain: FundingDomain | None = Field(None, description="market, community or public (income only)")
    quantity: float | None = Field(None, gt=0)
    unit: Text | None = Field(None, description="What the quantity counts, e.g. 世帯 / households")
    unit_price: int | None = Field(None, ge=0, description="Yen per unit")
    amount: int | None = Field(None, ge=0, description="Yen, when there is no quantity × unit price")
    basis: FormText = Field(description="Where the figure comes from: a cited source, or 例示の数字 / illustrative")

    @field_validator("basis")
    @classmethod
    def _amount_or_product(cls, basis: FormText, info: ValidationInfo) -> FormText:
        product = info.data.get("quantity") is not None and info.data.get("unit_price") is not None
        partial = (info.data.get("quantity") is None) != (info.data.get("unit_price") is None)
        fixed = info.data.get("amount") is not None
        if partial or product == fixed:
            raise ValueError("give either amount, or quantity and unit_price (not both, not neither)")
        return basis

    @property
    def total(self) -> int:
        if self.amount is not None:
            return self.amount
        return round((self.quantity or 0) * (self.unit_price or 0))  # both given: the validator checked


class Budget(Record):
    """Income and spending of a year; the page shows the totals, the Excel file computes them."""

    income: list[BudgetLine] = Field(min_length=1)
    expense: list[BudgetLine] = Field(min_length=1)

    @property
    def income_total(self) -> int:
        return sum(line.total for line in self.income)

    @property
    def expense_total(self) -> int:
        return sum(line.total for line in self.expense)

    def domain_total(self, domain: FundingDomain) -> int:
        return sum(line.total for line in self.income if line.domain == domain)


class Block(Record):
    """One piece of a template section; give exactly one of the fields."""

    heading: Text | None = Field(None, description="A sub-heading")
    paragraph: FormText | None = None
    bullets: list[FormText] | None = Field(None, min_length=1)
    steps: list[FormText] | None = Field(None, min_length=1, description="A numbered list")
    article: Article | None = None
    fields: list[FormField] | None = Field(None, min_length=1)
    table: FormTable | None = None
    budget: Budget | None = None

    @property
    def kind(self) -> str:
        (name,) = [name for name in type(self).model_fields if getattr(self, name) is not None]
        return name

    def model_post_init(self, context: object) -> None:
        given = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(given) != 1:
            names = ", ".join(type(self).model_fields)
            raise ValueError(f"a block holds exactly one of {names}; this one has {', '.join(given) or 'none'}")


class TemplateSection(Record):
    heading: Text
    blocks: list[Block] = Field(min_length=1)


class DocumentTemplate(Record):
    """A template a district adapts: shown as a page and offered as a Word or Excel file."""

    id: RecordId
    order: int = Field(ge=1, description="Its place in the list of templates")
    group: TemplateGroup = Field(
        TemplateGroup.founding, description="founding (papers for founding) or session-plan (a workshop's plan)"
    )
    format: FileFormat = Field(description="docx (Word) for documents, xlsx (Excel) for a budget")
    title: Text
    summary: Text = Field(description="One or two sentences for the list of templates and the page description")
    intro: FormText = Field(description="What the template is for and how to use it; paragraphs apart by an empty line")
    decide: list[Text] = Field(min_length=1, description="What the district must decide itself")
    sections: list[TemplateSection] = Field(min_length=1)
    sources: list[RecordId] = Field(min_length=1)

    @field_validator("sections")
    @classmethod
    def _budget_only_in_excel(cls, sections: list[TemplateSection], info: ValidationInfo) -> list[TemplateSection]:
        budgets = sum(1 for section in sections for block in section.blocks if block.budget is not None)
        if info.data.get("format") == FileFormat.xlsx and budgets != 1:
            raise ValueError(f"an xlsx template holds exactly one budget block; this one has {budgets}")
        if info.data.get("format") == FileFormat.docx and budgets:
            raise ValueError("a budget block needs format: xlsx, so that its totals are Excel formulas")
        return sections

    @property
    def budget(self) -> Budget | None:
        return next((block.budget for section in self.sections for block in section.blocks if block.budget), None)
