"""Display text: language choice, labels in Japanese and English, cell-exact fitting."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.content import Content

from ktimeline.safetext import visible, visible_tree
from ktimeline.store import dates

Row = Mapping[str, Any]

DATE_CELLS = 14

KIND_LABELS: dict[str, tuple[str, str]] = {
    "summit": ("summit", "首脳会談"), "visit": ("visit", "訪問"), "talks": ("talks", "会談"),
    "treaty": ("treaty", "条約"), "agreement": ("agreement", "合意"),
    "statement": ("statement", "声明"), "military": ("military", "軍事"),
    "parliamentary": ("parliament", "議会"), "economic": ("economic", "経済"),
    "other": ("other", "その他"),
}

SIDE_LABELS: dict[str, tuple[str, str]] = {
    "KP": ("DPRK", "北朝鮮"), "RU": ("Russia", "ロシア"), "SU": ("USSR", "ソ連"),
    "other": ("other", "その他"),
}

SCRIPT_LABELS: dict[str, tuple[str, str]] = {
    "kanji": ("kanji", "漢字"), "katakana": ("katakana", "カタカナ"),
    "hiragana": ("hiragana", "ひらがな"), "hangul": ("hangul", "ハングル"),
    "latin": ("Latin", "ラテン文字"), "cyrillic": ("Cyrillic", "キリル文字"),
    "mixed": ("mixed", "混在"),
}

CHANGE_LABELS: dict[str, tuple[str, str]] = {
    "promotion": ("promoted", "昇進"), "demotion": ("demoted", "降格"),
    "restoration": ("restored", "復帰"), "held": ("held", "在任確認"),
}

# What a recorded disagreement is about; "posts.ID.start" reads "post (start)": no raw ids.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "date": ("date", "日付"), "end": ("end", "終了日"), "start": ("start", "開始"),
    "born": ("born", "生年"), "died": ("died", "没年"), "names": ("name", "名前"),
    "posts": ("post", "役職"), "ranks": ("rank", "階級"),
    "participants": ("people present", "出席者"),
    "note": ("note", "注記"), "summary_en": ("summary", "概要"), "summary_ja": ("summary", "概要"),
    "title_en": ("title", "題名"), "title_ja": ("title", "題名"), "place": ("place", "場所"),
    "kanji": ("kanji", "漢字"), "katakana": ("katakana", "カタカナ"),
    "hangul": ("hangul", "ハングル"),
}

UI: dict[str, tuple[str, str]] = {
    "sources_label": ("sources", "出典"),
    "note_label": ("note", "注記"),
    "present": ("present", "出席"),
    "preferred": ("preferred", "採用"),
    "reason": ("why", "理由"),
    "list_sep": (", ", "、"),
    "event_conflicts": ("Sources disagree", "出典間の相違"),
    "people_present": ("People present", "出席者"),
    "sources": ("Sources", "出典"),
    "printed": ("printed", "原文"),
    "no_place": ("place not recorded", "場所不明"),
    "no_post": ("post not recorded", "役職不明"),
    "names": ("Names", "名前の表記"),
    "career": ("Career", "経歴"),
    "meetings": ("Meetings attended", "出席した会合"),
    "conflicts": ("Sources disagree", "出典間の相違"),
    # The career chart (tui/widgets/careerchart.py)
    "chart_title": ("Career at a glance (█ certain, ░ possible, ▶ in post at the latest source)",
                    "経歴の概観(█ 確実、░ 可能性あり、▶ 最新の出典時点で在任)"),
    "chart_ranks": ("rank", "階級"),
    "chart_meetings": ("meetings", "会合"),
    "chart_not_held": ("not in this post then", "この時期は在任せず"),
    "chart_enter_opens": ("Enter opens it", "Enter で開く"),
    "chart_enter_holders": ("Enter: every holder of the post", "Enter: この役職の歴代在任者"),
    "no_events": ("No events", "該当する出来事はありません"),
    "matching": ("matching", "件該当"),
    "people": ("People", "人物"),
    "events": ("Events", "出来事"),
    "until": ("until", "まで"),
    "now": ("now", "現在"),
    "ends": ("ends", "終了"),
    "none": ("none", "なし"),
    "loading": ("loading…", "読み込み中…"),
    "goto": ("Go to date:", "日付へ移動:"),
    "goto_placeholder": ("YYYY, YYYY-MM or YYYY-MM-DD", "YYYY、YYYY-MM、YYYY-MM-DD"),
    "disputed": ("disputed", "異論あり"),
    # The command palette's own commands
    "cmd_Theme": ("Theme", "テーマ"),
    "cmd_Theme_help": ("Change the current theme", "配色を変える"),
    "cmd_Quit": ("Quit", "終了"),
    "cmd_Quit_help": ("Quit the application", "アプリを終了する"),
    "cmd_Screenshot": ("Screenshot", "スクリーンショット"),
    "cmd_Screenshot_help": ("Save an SVG 'screenshot' of the current screen",
                            "今の画面を SVG で保存する"),
    "cmd_Export": ("Export this view", "この画面を書き出す"),
    "cmd_Export_help": ("The filtered and searched timeline, or the person's career and "
                        "meetings, to a file: CSV, Markdown, TimelineJS, JSON (e)",
                        "絞り込み・検索した年表、または人物の経歴と会合をファイルへ: "
                        "CSV、Markdown、TimelineJS、JSON (e)"),
    "cmd_Zoom": ("Zoom", "拡大"),
    "cmd_Zoom_help": ("The detail pane alone, or back beside the timeline (z)",
                      "詳細欄だけを表示/年表の横に戻す (z)"),
    "cmd_Help": ("Help", "ヘルプ"),
    "cmd_Help_help": ("Every key and what it does (?)", "すべてのキーとその働き (?)"),
    "date_by": ("by {date}", "{date}以前"),
    "date_from": ("from {date}", "{date}以降"),
    "date_by_short": ("by {date}", "{date}まで"),
    "weak_match": ("weak match", "一致度低"),
    "born": ("b.", "生"),
    "died": ("d.", "没"),
    "too_small": ("Terminal too small: make it at least 60×14.",
                  "端末が小さすぎます。60×14以上にしてください。"),
    "no_person": ("No person {id}", "人物 {id} はいません"),
    "error_title": ("Something went wrong", "エラーが発生しました"),
    "filter_cleared": ("Filter cleared to show the event.",
                       "出来事を表示するため絞り込みを解除しました。"),
    "no_search": ("No search: press / first.", "検索していません。先に / を押してください。"),
    "no_more_below": ("No more matches below.", "これより下に一致はありません。"),
    "no_more_above": ("No more matches above.", "これより上に一致はありません。"),
    "no_event_to_go": ("No event to go to.", "移動先の出来事がありません。"),
    "search_placeholder": ("Search people and events (any script)",
                           "人物と出来事を検索(どの文字でも)"),
    "search_summary": ("{people} {people_word} · {events} {events_word}",
                       "人物 {people} · 出来事 {events}"),
    "person_word": ("person", "人"),
    "people_word": ("people", "人"),
    "event_word": ("event", "件"),
    "events_word": ("events", "件"),
    "palette_person": ("Person: {name}", "人物: {name}"),
    "copied_citation": ("Copied the event in one paragraph: who was present with post and "
                        "rank that day, and {count} source(s). Copying goes through the "
                        "terminal (OSC 52); if nothing pastes, the terminal refuses it.",
                        "出来事を一段落でコピーしました(出席者とその日の役職・階級、"
                        "出典{count}件)。コピーは端末経由 (OSC 52) です。"
                        "貼り付けられない場合は端末が許可していません。"),
    "copied_source": ("Copied the citation of source {number}: {publisher} (through the "
                      "terminal, OSC 52).",
                      "出典{number}の引用をコピーしました: {publisher}(端末経由、OSC 52)。"),
    "copied_url": ("Copied the address of source {number} (through the terminal, OSC 52).",
                   "出典{number}のアドレスをコピーしました(端末経由、OSC 52)。"),
    "source_chosen": ("Source {number} of {count}: o opens its address, u copies it, y copies "
                      "its citation; j/k choose another.",
                      "出典 {number}/{count}: o でアドレスを開く、u でコピー、y で引用をコピー。"
                      "j/k で他の出典へ。"),
    "export_timeline": ("Export the timeline", "年表を書き出す"),
    "export_search": ("search: {query}", "検索: {query}"),
    "export_person": ("Export {name}: career and meetings", "{name}の経歴と会合を書き出す"),
    "export_csv": ("CSV: a row per event", "CSV(表計算用): 出来事ごとに1行"),
    "export_csv_people": ("CSV: a row per person present (post and rank that day)",
                          "CSV(表計算用): 出席者ごとに1行(その日の役職・階級)"),
    "export_person_csv": ("CSV: a row per post, rank and meeting",
                          "CSV(表計算用): 役職・階級・会合ごとに1行"),
    "export_md": ("Markdown table, for a document", "Markdown の表(文書用)"),
    "export_timelinejs": ("TimelineJS, to publish as a timeline",
                          "TimelineJS(年表として公開)"),
    "export_json": ("JSON (as person --profile --json)", "JSON(person --profile --json と同じ)"),
    "export_jsonl": ("JSON Lines, for scripts", "JSON Lines(スクリプト用)"),
    "export_file": ("File (Enter writes; an existing file is replaced):",
                    "ファイル(Enter で書き出し。既存のファイルは置き換え):"),
    "export_keys": ("↑↓ format · Tab/Enter to the file · Enter writes · Esc cancels",
                    "↑↓ 形式 · Tab/Enter でファイル欄へ · Enter で書き出し · Esc で取消"),
    "exported": ("Wrote {count} {what} to {path}", "{count}{what}を {path} に書き出しました"),
    "export_failed": ("Could not write {path}: {reason}",
                      "{path} に書き出せませんでした: {reason}"),
    "items_word": ("items", "件"),
    "counterparts": ("Met from the other side", "会った相手側の人物"),
    "counterparts_hint": ("most-met first · Enter: the meetings both attended",
                          "会った回数順 · Enter: 両者が出席した会合"),
    "meetings_count": ("{count} meeting(s)", "{count}回"),
    "no_sources": ("This event cites no source.", "この出来事には出典がありません。"),
    "no_url": ("Source {number} has no web address.",
               "出典{number}にはウェブのアドレスがありません。"),
    "not_web_url": ("Source {number}'s address is not a web address: not opened.",
                    "出典{number}のアドレスはウェブのアドレスではないため開きません。"),
    "opening_url": ("Opening source {number} in the browser.",
                    "出典{number}をブラウザで開きます。"),
    "no_browser": ("No browser can be started from this terminal (no display, as over SSH): "
                   "the address of source {number} is copied instead (OSC 52).",
                   "この端末からはブラウザを起動できません(SSH 経由などで画面がない)。"
                   "代わりに出典{number}のアドレスをコピーしました (OSC 52)。"),
    "copied_id": ("Copied the event id {id} (through the terminal, OSC 52).",
                  "出来事の ID {id} をコピーしました(端末経由、OSC 52)。"),
    "palette_event": ("Event: {date} {title}", "出来事: {date} {title}"),
    "filter_title": ("Filter the timeline (Enter or ctrl+s applies, Esc cancels)",
                     "年表を絞り込む(Enter か ctrl+s で適用、Esc で取消)"),
    "filter_kind": ("Kind", "種類"),
    "filter_side": ("Side", "側"),
    "filter_from": ("From year", "開始年"),
    "filter_to": ("To year", "終了年"),
    "filter_person": ("Person", "人物"),
    "any_kind": ("any kind", "すべての種類"),
    "any_side": ("any side", "すべての側"),
    "year_example_from": ("e.g. 2014", "例: 2014"),
    "year_example_to": ("e.g. 2022", "例: 2022"),
    "any_name": ("any name form", "どの表記でも"),
    "apply": ("Apply", "適用"),
    "clear": ("Clear", "解除"),
    "years_reversed": ("The first year ({start}) is after the last ({end}).",
                       "開始年 ({start}) が終了年 ({end}) より後です。"),
    "status_position": ("{ordinal} of {total}", "{ordinal} / {total}件"),
    "status_matching": ("{ordinal} of {total} matching ({all})",
                        "{ordinal} / {total}件該当 (全{all}件)"),
    "status_filter": ("filter: {what}", "絞り込み: {what}"),
    "status_esc": ("Esc clears", "Escで解除"),
    "status_search": ("search: {query} ({count} events)", "検索: {query} ({count}件)"),
    "status_search_at": ("search: {query} ({at} of {count}, n/N)",
                         "検索: {query} ({count}件中{at}件目、n/N)"),
    "status_search_walk": ("search: {query} ({count} events, n/N)",
                           "検索: {query} ({count}件、n/N)"),
    "language": ("English", "日本語"),
    "kind_is": ("kind", "種類"),
    "side_is": ("side", "側"),
    "years_are": ("years", "年"),
    "person_is": ("person", "人物"),
    "mouse_help": ("Mouse: click a row to select it, double-click to open; scroll with the wheel.",
                   "マウス: クリックで選択、ダブルクリックで開く、ホイールでスクロール。"),
    # Help sections
    "help_everywhere": ("Everywhere", "全画面共通"),
    "help_main": ("Main screen", "メイン画面"),
    "help_timeline": ("Timeline", "年表"),
    "help_detail": ("People present (detail pane)", "出席者(詳細欄)"),
    "help_person": ("Person", "人物"),
    "help_meetings": ("Meetings (person view)", "出席した会合(人物画面)"),
    "help_search": ("Search", "検索"),
    "help_filter": ("Filter", "絞り込み"),
    "help_goto": ("Go to date", "日付へ移動"),
    "help_help": ("Help", "ヘルプ"),
    "help_dates": ("Reading dates and \"possibly\"", "日付の読み方と「可能性あり」"),
    # Key descriptions, keyed by the English the bindings declare
    "Open": ("Open", "開く"),
    "Search": ("Search", "検索"),
    "Filter": ("Filter", "絞り込み"),
    "Go to date": ("Go to date", "日付へ移動"),
    "Quit": ("Quit", "終了"),
    "Help": ("Help", "ヘルプ"),
    "Back": ("Back", "戻る"),
    "Forward": ("Forward", "進む"),
    "Cancel": ("Cancel", "取消"),
    "Apply": ("Apply", "適用"),
    "Open person": ("Open person", "人物を開く"),
    "Filter timeline to person": ("Filter timeline to person", "この人物で絞り込み"),
    "Commands": ("Commands", "コマンド"),
    "Next pane": ("Next pane", "次の欄"),
    "Previous pane": ("Previous pane", "前の欄"),
    "日本語/English": ("日本語/English", "日本語/English"),
    "Copy selected text": ("Copy selected text", "選択した文字をコピー"),
    "Next match": ("Next match", "次の一致"),
    "Previous match": ("Previous match", "前の一致"),
    "Clear filter/search": ("Clear filter/search", "絞り込み・検索を解除"),
    "Previous event": ("Previous event", "前の出来事"),
    "Next event": ("Next event", "次の出来事"),
    "First event": ("First event", "最初の出来事"),
    "year_strip_hint": ("{ } a year back/on", "{ } 前後の年へ"),
    "Previous year": ("Previous year", "前の年"),
    "Next year": ("Next year", "次の年"),
    "Last event": ("Last event", "最後の出来事"),
    "Page up": ("Page up", "前のページ"),
    "Page down": ("Page down", "次のページ"),
    "Previous person": ("Previous person", "前の人物"),
    "Next person": ("Next person", "次の人物"),
    "Open person/source": ("Open person/source", "人物・出典を開く"),
    "Next person or source": ("Next person or source", "次の人物・出典"),
    "Previous person or source": ("Previous person or source", "前の人物・出典"),
    "Open the source's address in the browser": ("Open the source's address in the browser",
                                                 "出典のアドレスをブラウザで開く"),
    "Copy the source's address": ("Copy the source's address", "出典のアドレスをコピー"),
    "Export this view to a file": ("Export this view to a file", "この画面をファイルに書き出す"),
    "Copy a citation (the source, or the event with its people)": (
        "Copy a citation (the source, or the event with its people)",
        "引用をコピー(出典、または出席者を含む出来事)"),
    "Top": ("Top", "先頭"),
    "Bottom": ("Bottom", "末尾"),
    "Zoom": ("Zoom", "拡大"),
    "Copy the event's id": ("Copy the event's id", "出来事の ID をコピー"),
    "Next meeting": ("Next meeting", "次の会合"),
    "Previous meeting": ("Previous meeting", "前の会合"),
    "Up": ("Previous meeting", "前の会合"),
    "Down": ("Next meeting", "次の会合"),
    "First": ("First meeting", "最初の会合"),
    "Last": ("Last meeting", "最後の会合"),
    "Page Up": ("Page up", "前のページ"),
    "Page Down": ("Page down", "次のページ"),
    "Select": ("Open meeting", "会合を開く"),
    "Close (keep matches for n/N)": ("Close (keep matches for n/N)", "閉じる(n/N 用に一致を残す)"),
    "Next result": ("Next result", "次の結果"),
    "Previous result": ("Previous result", "前の結果"),
    "Open result": ("Open result", "結果を開く"),
    "Close help": ("Close help", "ヘルプを閉じる"),
    # The line-up on a date and a post's holders
    "Line-up on this date": ("Line-up on this date", "この日付の役職者一覧"),
    "Posts held…": ("Posts held…", "在任した役職…"),
    "Day": ("Day", "前後の日"),
    "Day back": ("Day back", "前の日"),
    "Month": ("Month", "前後の月"),
    "Month back": ("Month back", "前の月"),
    "Year": ("Year", "前後の年"),
    "Year back": ("Year back", "前の年"),
    "Post's holders": ("Post's holders", "歴代在任者"),
    "Side": ("Side", "側"),
    "Empty posts": ("Empty posts", "空席の役職"),
    "Next line": ("Next line", "次の行"),
    "Previous line": ("Previous line", "前の行"),
    "Next term": ("Next term", "次の任期"),
    "Previous term": ("Previous term", "前の任期"),
    "help_lineup": ("Line-up on a date", "日付時点の役職者一覧"),
    "help_post": ("A post's holders", "役職の歴代在任者"),
    "cmd_Lineup": ("Line-up on this date", "この日付の役職者一覧"),
    "cmd_Lineup_help": ("Every post and who held it on the highlighted event's date (l)",
                        "選択中の出来事の日付時点の全役職と在任者 (l)"),
    "lineup_title": ("Line-up on {date}", "{date}時点の役職者"),
    "lineup_precision_year": ("(a year: a holder for part of it shows as possibly)",
                              "(年単位: 一部の期間だけの在任者は「可能性あり」)"),
    "lineup_precision_month": ("(a month: a holder for part of it shows as possibly)",
                               "(月単位: 一部の期間だけの在任者は「可能性あり」)"),
    "lineup_precision_range": ("(a span of days: a holder for part of it shows as possibly)",
                               "(期間: 一部の期間だけの在任者は「可能性あり」)"),
    "lineup_precision_day": ("(about that day: a holder for part of it shows as possibly)",
                             "(その日前後: 一部の期間だけの在任者は「可能性あり」)"),
    "lineup_present": ("present at {date} {title}", "{date} {title} の出席者"),
    "lineup_count": ("{held} posts with a holder (a: all {total})",
                     "在任者のいる役職 {held}件(a: 全{total}件)"),
    "lineup_count_all": ("all {total} posts, {held} with a holder (a: only those held)",
                         "全{total}件の役職、在任者あり {held}件(a: 在任者ありのみ)"),
    "lineup_open_end": ("in post at the latest source", "最新の出典時点で在任"),
    "lineup_vacant": ("no holder in the record", "記録上の在任者なし"),
    "lineup_none": ("No post has a holder on this date in the record.",
                    "この日付に在任者が記録された役職はありません。"),
    "post_single": ("one holder at a time", "在任者は一度に一人"),
    "post_several": ("several holders at once", "複数が同時に在任"),
    "post_established": ("established", "設置"),
    "post_abolished": ("abolished", "廃止"),
    "no_post_id": ("No post {id}", "役職 {id} はありません"),
    "post_no_terms": ("No holder recorded.", "在任者の記録はありません。"),
    "after_handover": ("handed over", "引き継ぎ"),
    "after_gap": ("a gap in the record", "記録に空白期間"),
    "after_overlap": ("overlaps the term before (the record disagrees with itself)",
                      "前任の任期と重なる(記録内の矛盾)"),
    "after_open": ("handover date not known", "交代時期不明"),
    "no_posts_held": ("No post recorded for this person.", "この人物の役職は記録されていません。"),
    "posts_of": ("{name}: posts held (Enter shows every holder; Esc cancels)",
                 "{name}の役職(Enter で歴代在任者、Esc で取消)"),
    "Earlier": ("Earlier", "前の時期"),
    "Later": ("Later", "後の時期"),
    "Row above": ("Row above", "上の行"),
    "Row below": ("Row below", "下の行"),
    "Open meeting": ("Open meeting", "会合を開く"),
    "Open the meeting or the post": ("Open the meeting or the post", "会合または役職を開く"),
}

# Roles the curators write most; others show as written.
ROLE_LABELS: dict[str, tuple[str, str]] = {
    "host": ("host", "接遇"), "visitor": ("visitor", "訪問者"),
    "visiting leader": ("visiting leader", "訪問した首脳"), "recipient": ("recipient", "受領者"),
    "signatory": ("signatory", "署名者"), "head of delegation": ("head of delegation", "代表団長"),
    "sender": ("sender", "送り手"), "accompanying": ("accompanying", "随行"),
    "received the visitor": ("received the visitor", "訪問者を接見"),
    "special envoy": ("special envoy", "特使"), "speaker": ("speaker", "発言者"),
    "sender and recipient": ("sender and recipient", "送り手・受け手"),
    "present": ("present", "同席"), "delegation": ("delegation", "代表団"),
    "presidential envoy": ("presidential envoy", "大統領特使"),
    "interviewee": ("interviewee", "取材対象"), "author": ("author", "筆者"),
    "guest": ("guest", "来賓"), "guest of honour": ("guest of honour", "主賓"),
    "delegation member": ("delegation member", "代表団員"), "mentioned": ("mentioned", "言及"),
    "new ambassador": ("new ambassador", "新任大使"),
}


# -- untrusted text: every string from a store or the user reaches a widget through these ----
def safe(value: object, multiline: bool = False) -> str:
    """Text from the data or the user, safe to show: control characters and bidi overrides
    escaped (see ktimeline.safetext)."""
    return visible("" if value is None else value, multiline)


def safe_row(row: Any) -> Any:
    """A copy of a row (or a tree of rows) with every string made safe to show; summaries and
    notes keep their line breaks."""
    return visible_tree(row)


def plain(value: object, style: str = "") -> Text:
    """A Rich Text of untrusted text: made safe, never parsed as markup."""
    return Text(safe(value, multiline=True), style=style)


def content(value: object) -> Content:
    """A Textual Content of untrusted text (for Static.update and friends): made safe, never
    parsed as markup."""
    return Content(safe(value, multiline=True))


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """Japanese when the locale is Japanese (LC_ALL, then LANG), English otherwise."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def label(table: Mapping[str, tuple[str, str]], key: str | None, lang: str) -> str:
    if key is None:
        return ""
    pair = table.get(key)
    if pair is None:
        return safe(key)  # a value the store holds, not one of ours
    return pair[1] if lang == "ja" else pair[0]


def ui(key: str, lang: str) -> str:
    return label(UI, key, lang)


def pick(row: Row, field: str, lang: str) -> str:
    """``field_ja`` or ``field_en`` as the language asks, falling back to the other."""
    first, second = f"{field}_{lang}", f"{field}_{'en' if lang == 'ja' else 'ja'}"
    return safe(row.get(first) or row.get(second) or "", multiline=field == "summary")


def fit(text: str, cells: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``cells`` terminal cells."""
    if cells <= 0:
        return ""
    if cell_len(text) <= cells:
        return text + " " * (cells - cell_len(text))
    return set_cell_size(text, cells - 1) + "…"


def shown_date(value: str | None, lang: str) -> str:
    """A stored date as a user reads it, in ``lang``: ``..2014-12-31`` is "by 2014-12-31" or
    「2014-12-31以前」, ``2014..`` "from 2014" or 「2014以降」 (dates.display, translated)."""
    if not value or ".." not in value:
        return value or ""
    head, _, tail = value.partition("..")
    if not head:
        return tr("date_by", lang, date=tail)
    if not tail:
        return tr("date_from", lang, date=head)
    if tail.startswith(head[:4]) and len(head) < len(tail):
        return f"{head} ({tr('date_by_short', lang, date=tail[5:])})"
    return f"{head}..{tail}"


def short_date(text: str | None, cells: int = DATE_CELLS, lang: str = "en") -> str:
    """dates.display, shortened to ``cells`` by dropping what a range's end repeats of its start.

    ``2022-04..2022-04-24`` reads ``2022-04..04-24``; ``2024-06-19..2024-06-20`` reads
    ``2024-06-19..20``.
    """
    text = safe(text) if text else text
    shown = shown_date(text, lang)
    if cell_len(shown) <= cells or not text or ".." not in text:
        return shown
    head, _, tail = text.partition("..")
    if not (head and tail):
        return shown
    for cut in (5, 8):  # drop the repeated year, then the repeated month
        if tail[:cut] != head[:cut] or len(tail) <= cut:
            break
        shown = f"{head}..{tail[cut:]}"
        if cell_len(shown) <= cells:
            return shown
    return shown


def field_label(field: str, lang: str) -> str:
    """A conflict's field as words: ``posts.kp-wpk-chairman.start`` → ``post (start)``; the
    ids between the dots are for curators and are not shown."""
    head, *rest = field.split(".")
    shown = label(FIELD_LABELS, head, lang) if head in FIELD_LABELS else head.replace("_", " ")
    tail = rest[-1] if rest else None
    if tail in FIELD_LABELS and tail != head:
        shown += f" ({label(FIELD_LABELS, tail, lang)})"
    return shown


def humanise(value: str, labels: Mapping[str, Row], lang: str) -> str:
    """``value`` with every id it mentions (of a person, post or rank) replaced by its name or
    title in ``lang``: users read names, not the store's ids."""
    if not labels or not value:
        return value
    def named(found: re.Match[str]) -> str:
        label = labels.get(found.group(0))
        if label is None:
            return found.group(0)
        if label.get("conflict_field") is not None:  # "see conflict X": the section that shows it
            field = field_label(str(label["conflict_field"]), lang)
            return f"“{ui('conflicts', lang)}: {field}”"
        return str(label.get(lang) or label.get("en") or found.group(0))

    return _ID_LIKE.sub(named, value)


_ID_LIKE = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")


def tr(key: str, lang: str, **values: object) -> str:
    """The table's text for ``key`` in ``lang``, with ``{name}`` filled from ``values``."""
    shown = ui(key, lang)
    return shown.format(**values) if values else shown


def role(value: str | None, lang: str) -> str:
    """A participant's role in ``lang``: each ``;``-separated part the table knows, translated."""
    if not value:
        return ""
    parts = [label(ROLE_LABELS, part.strip(), lang) for part in value.split(";")]
    return ("、" if lang == "ja" else "; ").join(parts)


def identity(person: Row, latest: Row | None, lang: str) -> str:
    """A line that tells apart people who share a name, in ``lang``: country, birth, death,
    the latest post with its years (``DPRK, b. 1952..1955, Minister … (2021–2022)``)."""
    parts = [label(SIDE_LABELS, person.get("country"), lang)]
    for field in ("born", "died"):
        if person.get(field):
            parts.append(f"{ui(field, lang)} {dates.years_text(person[field])}")
    if latest is not None:
        start = dates.years_text(latest.get("start_date"))
        end = dates.years_text(latest.get("end_date"))
        # "..2014" to "2014.." is a term attested only within 2014: say "2014".
        bare_start, bare_end = start.strip("≤≥"), end.strip("≤≥")
        span = bare_start if bare_start == bare_end else f"{start}–{end}"
        parts.append(f"{pick(latest, 'title', lang)} ({span})")
    return ui("list_sep", lang).join(part for part in parts if part)
