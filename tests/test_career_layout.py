"""The career chart's layout (tui/careerlayout.py): certain and possible cells for each date
notation, open ends, year labels that fit and never collide, titles cut by terminal cells."""

from __future__ import annotations

from typing import Any

import pytest
from rich.cells import cell_len

from ktimeline.tui.careerlayout import CERTAIN, EMPTY, POSSIBLE, Chart, layout, mark_line

Row = dict[str, Any]


def post(start: str, end: str | None, title: str = "Minister", post_id: str = "p") -> Row:
    return {"post_id": post_id, "title_en": title, "title_ja": title, "start": start,
            "end": end}


def profile(*posts: Row, ranks: list[Row] | None = None) -> Row:
    return {"posts": list(posts), "ranks": ranks or []}


# A frame of dated items so that the axis is 2010–2019 whatever the term under test says.
FRAME = [{"id": "a", "date": "2010-01-01", "title_en": "first"},
         {"id": "b", "date": "2019-12-31", "title_en": "last"}]


def chart_of(*posts: Row, width: int = 80, meetings: list[Row] | None = None) -> Chart:
    chart = layout(profile(*posts), FRAME if meetings is None else meetings, width, "en")
    assert chart is not None
    return chart


def kind_at(chart: Chart, day: str, row: int = 0) -> str:
    import datetime

    return chart.bars[row].cells[chart.column_of(datetime.date.fromisoformat(day).toordinal())]


def runs(cells: str) -> str:
    """The cells with repeats folded: "  pppccccpp " reads " pcp "."""
    out = ""
    for cell in cells:
        if not out or out[-1] != cell:
            out += cell
    return out


def test_a_term_with_day_dates_is_certain_throughout() -> None:
    chart = chart_of(post("2012-01-01", "2015-12-31"))
    assert runs(chart.bars[0].cells) == " c "
    assert kind_at(chart, "2014-06-01") == CERTAIN
    assert kind_at(chart, "2011-06-01") == EMPTY and kind_at(chart, "2017-06-01") == EMPTY


def test_a_year_start_is_possible_within_that_year_then_certain() -> None:
    chart = chart_of(post("2012", "2015-12-31"))
    assert runs(chart.bars[0].cells) == " pc "
    assert kind_at(chart, "2012-03-01") == POSSIBLE
    assert kind_at(chart, "2013-03-01") == CERTAIN


def test_a_month_end_leaves_the_month_possible() -> None:
    chart = chart_of(post("2012-01-01", "2015-06"), width=200)
    assert kind_at(chart, "2015-06-20") == POSSIBLE
    assert kind_at(chart, "2015-04-15") == CERTAIN
    assert kind_at(chart, "2015-08-15") == EMPTY


def test_in_post_by_a_date_start_unknown_is_possible_before_it() -> None:
    chart = chart_of(post("..2014-06-30", "2016-12-31"))
    cells = chart.bars[0].cells
    assert cells[0] == POSSIBLE  # the start could be any time before: hatched to the axis start
    assert kind_at(chart, "2013-01-01") == POSSIBLE
    assert kind_at(chart, "2015-01-01") == CERTAIN
    assert runs(cells) == "pc "


def test_an_unknown_start_gets_a_year_of_hatching_before_the_record() -> None:
    chart = layout(profile(post("..2014-06-30", "2016-12-31")), [], 80, "en")
    assert chart is not None
    assert chart.labels[0][1] == "2013" or chart.axis().lstrip().startswith("2013")
    assert chart.bars[0].cells[0] == POSSIBLE


def test_still_in_post_then_end_unknown_is_possible_after_it_and_open() -> None:
    chart = chart_of(post("2012-01-01", "2016-07-03.."))
    bar = chart.bars[0]
    assert kind_at(chart, "2015-01-01") == CERTAIN
    assert kind_at(chart, "2018-01-01") == POSSIBLE
    assert bar.cells[-1] == POSSIBLE and bar.open_at == chart.columns - 1
    assert runs(bar.cells) == " cp"


def test_a_term_with_no_end_runs_certain_to_the_newest_date_and_is_open() -> None:
    chart = chart_of(post("2012-01-01", None))
    bar = chart.bars[0]
    assert runs(bar.cells) == " c"
    assert bar.open_at == chart.columns - 1
    assert bar.terms[0].open_end


def test_a_closed_term_is_not_open() -> None:
    assert chart_of(post("2012-01-01", "2019-12-31")).bars[0].open_at is None


def test_appointed_some_day_between_is_possible_over_the_whole_window() -> None:
    chart = chart_of(post("2012-01..2013-12", "2016-12-31"), width=200)
    assert kind_at(chart, "2012-02-01") == POSSIBLE
    assert kind_at(chart, "2013-06-01") == POSSIBLE
    assert kind_at(chart, "2014-06-01") == CERTAIN


def test_a_term_with_no_certain_day_is_hatched_only() -> None:
    # appointed on or after 2013 and left by 2015: every day could be outside the term
    chart = chart_of(post("2013..", "..2015"))
    assert CERTAIN not in chart.bars[0].cells
    assert POSSIBLE in chart.bars[0].cells
    assert chart.bars[0].terms[0].certain is None


def test_a_post_held_twice_is_one_row_with_two_bars() -> None:
    chart = chart_of(post("2011-01-01", "2012-12-31"), post("2016-01-01", "2017-12-31"),
                     post("2014-01-01", "2015-01-01", "Other", "q"))
    assert [bar.title for bar in chart.bars] == ["Minister", "Other"]
    assert runs(chart.bars[0].cells) == " c c "
    assert len(chart.bars[0].terms) == 2


def test_a_date_the_store_should_not_hold_draws_nothing_and_does_not_fail() -> None:
    chart = chart_of(post("not a date", "2015"), post("2012-01-01", "bad", "Other", "q"))
    bars = {bar.title: bar for bar in chart.bars}
    assert set(bars["Minister"].cells) == {EMPTY}
    other = bars["Other"]  # an end that is not a date says nothing: possible and open after
    assert other.open_at is not None and other.terms[0].certain is None
    assert kind_at(chart, "2016-01-01", row=chart.bars.index(other)) == POSSIBLE


def test_nothing_dated_is_no_chart() -> None:
    assert layout(profile(), [], 80, "en") is None


def test_rank_steps_and_meetings_are_marks_at_their_dates() -> None:
    ranks = [{"change": "promotion", "start": "2012-06", "title_en": "General"},
             {"change": "demotion", "start": "2015-02", "title_en": "Colonel General"},
             {"change": "restoration", "start": "2017-07", "title_en": "General"},
             {"change": "held", "start": "..2018-04-24", "title_en": "General"}]
    chart = layout(profile(post("2012-01-01", "2019-12-31"), ranks=ranks), FRAME, 80, "en")
    assert chart is not None
    assert mark_line(chart.ranks, chart.columns).split() == ["▲", "▼", "↺", "·"]
    meetings = mark_line(chart.meetings, chart.columns)
    assert meetings[0] == "│" and meetings[-1] == "│"


def test_meetings_in_one_cell_show_how_many() -> None:
    many = [{"id": str(n), "date": f"2015-03-{n + 1:02d}"} for n in range(3)]
    chart = chart_of(post("2012-01-01", "2019-12-31"), meetings=FRAME + many)
    assert "3" in mark_line(chart.meetings, chart.columns)


@pytest.mark.parametrize("width", [40, 80, 200])
@pytest.mark.parametrize("span", [("1945", "2024"), ("2018", "2019"), ("1990", "2024"),
                                  ("2019", "2019")])
def test_axis_labels_fit_and_never_collide(width: int, span: tuple[str, str]) -> None:
    meetings = [{"id": "a", "date": span[0]}, {"id": "b", "date": span[1]}]
    chart = layout(profile(post(span[0], span[1])), meetings, width, "en")
    assert chart is not None
    assert chart.title_cells + 1 + chart.columns == width
    assert chart.labels, "at least one year is labelled"
    free = 0
    for column, year in chart.labels:
        assert column >= free, f"{year} collides with the label before it"
        assert column + len(year) <= chart.columns
        free = column + len(year) + 1
    axis = chart.axis()
    assert len(axis) == chart.columns
    assert axis.split() == [year for _column, year in chart.labels]
    for column, year in chart.labels:  # each label starts where its year starts
        first, _last = chart.days_of(column)
        import datetime

        assert datetime.date.fromordinal(first).year <= int(year)


def test_at_80_columns_titles_take_about_20_cells() -> None:
    chart = chart_of(post("2012", "2015"), width=78)
    assert 18 <= chart.title_cells <= 20
    assert chart.columns >= 55


@pytest.mark.parametrize("width", [40, 80, 200])
def test_japanese_titles_are_cut_by_cells(width: int) -> None:
    title = "朝鮮労働党中央委員会政治局常務委員会委員兼中央軍事委員会副委員長"
    rows = layout(profile({"post_id": "p", "title_en": "Member", "title_ja": title,
                           "start": "2012", "end": "2015"}), FRAME, width, "ja")
    assert rows is not None
    label = rows.bars[0].label
    assert cell_len(label) == rows.title_cells
    assert label.endswith("…") or label.endswith(" …")
    assert label.startswith("朝鮮労働")
    assert rows.bars[0].title == title


def test_titles_follow_the_language() -> None:
    item = {"post_id": "p", "title_en": "Minister of National Defence", "title_ja": "国防相",
            "start": "2012", "end": "2015"}
    english = layout(profile(item), FRAME, 80, "en")
    japanese = layout(profile(item), FRAME, 80, "ja")
    assert english is not None and japanese is not None
    assert english.bars[0].label.startswith("Minister of")
    assert japanese.bars[0].label.rstrip() == "国防相"


def test_month_at_names_the_middle_of_a_cell() -> None:
    chart = chart_of(post("2012", "2015"), width=200)
    import datetime

    column = chart.column_of(datetime.date(2014, 5, 15).toordinal())
    assert chart.month_at(column) == "2014-05"
