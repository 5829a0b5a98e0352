"""Tables without rules as generated reports print them: a 三公 header of three levels whose leaves are centred
over several lines, header cells that wrap and centre each on its own, labels wrapped around their amounts beside
the other panel, a caption over a label and its amounts, a table whose last row goes on to the next page, an empty
table that prints its column numbers."""

from __future__ import annotations

from pipeline.parse.pdf import extract_tables
from tests.unit.pdf.drawn import open_pdf, words_pdf

SHA = "0" * 64


def _read(pages: list[list[tuple]]):
    with open_pdf(words_pdf(pages)) as pdf:
        return extract_tables(pdf, sha256=SHA)


def _columns(left: float, widths: list[float]) -> list[float]:
    xs = [left]
    for width in widths:
        xs.append(xs[-1] + width)
    return xs


THREE_PUBLIC_XS = _columns(80, [45] * 12)


def _three_public_header() -> list[tuple]:
    xs = THREE_PUBLIC_XS

    def mid(a: int, b: int) -> float:
        return (xs[a] + xs[b]) / 2

    # 合计, 因公出国（境）费 and 公务接待费 are centred over the two lines that hold 公务用车购置及运行费 and its
    # parts: higher than 小计, lower than their sibling 公务用车购置及运行费.
    words = [
        ("财政拨款“三公”经费支出决算表", mid(0, 12), 50, "centre", 16),
        ("单位：万元", xs[12], 90, "right"),
        ("财政拨款“三公”经费", mid(0, 12), 110),
        ("公务用车购置及运行费", mid(4, 10), 126),
        ("合计", mid(0, 2), 137),
        ("因公出国（境）费", mid(2, 4), 137),
        ("公务接待费", mid(10, 12), 137),
        ("小计", mid(4, 6), 148),
        ("公务用车购置费", mid(6, 8), 148),
        ("公务用车运行费", mid(8, 10), 148),
    ]
    words += [("预算数" if c % 2 == 0 else "决算数", mid(c, c + 1), 164) for c in range(12)]
    return words


def test_a_three_level_three_public_header_whose_leaves_are_centred_over_several_lines() -> None:
    values = ["20.00", "18.00", "5.00", "4.00", "10.00", "9.00", "1.00", "0.50", "9.00", "8.50", "5.00", "5.00"]
    body = [(v, THREE_PUBLIC_XS[c + 1] - 4, 182, "right") for c, v in enumerate(values)]
    tables, items = _read([_three_public_header() + body])
    assert tables["table_kind"].to_list() == ["final_three_public"]
    top = "财政拨款“三公”经费/"
    paths = [
        "合计",
        "因公出国（境）费",
        "公务用车购置及运行费/小计",
        "公务用车购置及运行费/公务用车购置费",
        "公务用车购置及运行费/公务用车运行费",
        "公务接待费",
    ]
    expected = [
        (top + path + "/" + measure, value)
        for path, pair in zip(paths, zip(values[::2], values[1::2]))
        for measure, value in zip(("预算数", "决算数"), pair)
    ]
    assert items.select("measure", "value_printed").rows() == expected


def test_an_empty_three_public_table_prints_its_column_numbers_but_no_amount() -> None:
    xs = THREE_PUBLIC_XS
    numbers = [(str(c + 1), (xs[c] + xs[c + 1]) / 2, 182) for c in range(12)]
    note = [("注：本单位无财政拨款“三公”经费支出，故本表无数据。", xs[0], 210, "left")]
    tables, items = _read([_three_public_header() + numbers + note])
    assert tables.select("table_kind", "is_empty", "cell_count").rows() == [("final_three_public", True, 0)]
    assert items.is_empty()


def test_header_cells_that_wrap_and_centre_each_on_its_own() -> None:
    # Each header cell centres its lines on its own: lines of neighbouring cells stand a fraction of a line
    # apart and overlap in height, so bands grown glyph by glyph would chain them into one line.
    xs = _columns(60, [50, 150, 60, 60, 60, 60])
    centres = [(xs[c] + xs[c + 1]) / 2 for c in range(6)]

    def cell(c: int, first: float, lines: list[str], pitch: float = 12.4) -> list[tuple]:
        return [(text, centres[c], first + k * pitch, "centre", 9.5) for k, text in enumerate(lines)]

    words = [("收入决算表", (xs[0] + xs[6]) / 2, 50, "centre", 16), ("单位：万元", xs[6], 90, "right")]
    words += [("项目", (xs[0] + xs[2]) / 2, 112.3, "centre", 9.5)]
    words += cell(0, 131.5, ["科目编", "码"]) + cell(1, 137.7, ["科目名称"]) + cell(2, 120.5, ["本年收入合", "计"])
    words += cell(3, 126.7, ["财政拨款收入"]) + cell(4, 114.3, ["附属单", "位上缴", "收入"])
    words += cell(5, 120.5, ["其他收", "入"])
    rows = [
        ("201", "一般公共服务支出", ["30.00", "20.00", "6.00", "4.00"]),
        ("20101", "人大事务", ["30.00", "20.00", "6.00", "4.00"]),
        ("", "合计", ["30.00", "20.00", "6.00", "4.00"]),
    ]
    for r, (code, label, amounts) in enumerate(rows):
        top = 165 + 20 * r
        words += [(code, xs[0] + 3, top, "left"), (label, xs[1] + 3, top, "left")]
        words += [(v, xs[c + 3] - 4, top, "right") for c, v in enumerate(amounts)]
    tables, items = _read([words])
    assert tables["table_kind"].to_list() == ["final_income"]
    first_row = items.filter(items["classification_code"] == "201")
    assert first_row.select("item_name", "measure", "value_printed").rows() == [
        ("一般公共服务支出", "本年收入合计", "30.00"),
        ("一般公共服务支出", "财政拨款收入", "20.00"),
        ("一般公共服务支出", "附属单位上缴收入", "6.00"),
        ("一般公共服务支出", "其他收入", "4.00"),
    ]
    assert items.height == 12


def test_labels_wrapped_around_their_amounts_beside_the_other_panel_under_captions() -> None:
    xs = _columns(50, [150, 80, 150, 80, 100])
    words = [
        ("财政拨款收入支出决算总表", (xs[0] + xs[5]) / 2, 50, "centre", 16),
        ("单位：万元", xs[5], 90, "right"),
        # 收入 and 支出 caption a label column and its amounts: no word stands right under 收入.
        ("收入", (xs[0] + xs[2]) / 2, 112),
        ("支出", (xs[2] + xs[5]) / 2, 112),
        ("项目", (xs[0] + xs[1]) / 2, 136),
        ("决算数", (xs[1] + xs[2]) / 2, 136),
        ("项目", (xs[2] + xs[3]) / 2, 136),
        ("合计", (xs[3] + xs[4]) / 2, 136),
        ("一般公共预算", (xs[4] + xs[5]) / 2, 130),
        ("财政拨款", (xs[4] + xs[5]) / 2, 142),
    ]
    # The first row's label wraps: its first line above the amounts, its rest below, the right panel's row
    # beside it. The last row's label wraps below its amounts.
    left_rows = [["一、一般公共预算财政", "拨款"], ["二、政府性基金预算财政", "拨款"]]
    right_rows = [["一、一般公共服务支出"], ["二、外交支出"], ["二十六、抗疫特别国债安排的支", "出"]]
    left_values = ["100.00", "0.00"]
    right_values = [("60.00", "60.00"), ("40.00", "40.00"), ("0.00", "0.00")]
    for r in range(3):
        top = 170 + 30 * r
        if r < 2:
            words += [(left_rows[r][0], xs[0] + 3, top - 6, "left"), (left_rows[r][1], xs[0] + 3, top + 6, "left")]
            words.append((left_values[r], xs[2] - 4, top, "right"))
        lines = right_rows[r]
        words.append((lines[0], xs[2] + 3, top if len(lines) == 1 else top - 6, "left"))
        if len(lines) > 1:
            words.append((lines[1], xs[2] + 3, top + 6, "left"))
        words += [(v, xs[c + 4] - 4, top, "right") for c, v in enumerate(right_values[r])]
    tables, items = _read([words])
    assert tables["table_kind"].to_list() == ["final_fiscal_summary"]
    assert sorted(items.select("panel", "item_name", "measure", "value_printed").rows()) == [
        (0, "一、一般公共预算财政拨款", "决算数", "100.00"),
        (0, "二、政府性基金预算财政拨款", "决算数", "0.00"),
        (1, "一、一般公共服务支出", "一般公共预算财政拨款", "60.00"),
        (1, "一、一般公共服务支出", "合计", "60.00"),
        (1, "二、外交支出", "一般公共预算财政拨款", "40.00"),
        (1, "二、外交支出", "合计", "40.00"),
        (1, "二十六、抗疫特别国债安排的支出", "一般公共预算财政拨款", "0.00"),
        (1, "二十六、抗疫特别国债安排的支出", "合计", "0.00"),
    ]


def test_a_table_whose_last_row_alone_prints_an_amount_on_the_next_page() -> None:
    xs = _columns(50, [300, 100])
    first = [
        ("收入支出决算总表", (xs[0] + xs[2]) / 2, 50, "centre", 16),
        ("单位：万元", xs[2], 90, "right"),
        ("项目", (xs[0] + xs[1]) / 2, 112),
        ("决算数", (xs[1] + xs[2]) / 2, 112),
    ]
    rows = [("一、一般公共预算财政拨款收入", "572.02"), ("二、上级补助收入", "-"), ("本年收入合计", "572.02")]
    for r, (label, value) in enumerate(rows):
        first += [(label, xs[0] + 3, 135 + 20 * r, "left"), (value, xs[2] - 4, 135 + 20 * r, "right")]
    second = []
    for r, (label, value) in enumerate([("结余分配", "-"), ("年末结转和结余", "-"), ("总计", "572.02")]):
        second += [(label, xs[0] + 3, 60 + 15 * r, "left"), (value, xs[2] - 4, 60 + 15 * r, "right")]
    tables, items = _read([first, second])
    assert tables.select("table_kind", "page_first", "page_last").rows() == [
        ("final_income_expenditure_summary", 1, 2)
    ]
    assert items.select("page", "item_name", "measure", "value_printed").rows() == [
        (1, "一、一般公共预算财政拨款收入", "决算数", "572.02"),
        (1, "本年收入合计", "决算数", "572.02"),
        (2, "总计", "决算数", "572.02"),
    ]
