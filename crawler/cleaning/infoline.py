"""Names a Chinese page shows without a label: the outlet or account in the info line, dateline reporters.

The info line under a headline ("2019-09-09 16:01 某某晚报", "原创 某某号 2019-09-09") names the outlet or,
on platform pages, the publishing account: the source (LABELS.md). A line "王一/某某日报" names the writer and
the outlet. A dateline's brackets name the reporters ("某某网10月4日讯（记者王一 整合）"). Pure functions on
text, read by ``ArticlePage.credits`` after every labelled credit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crawler.cleaning import names
from crawler.cleaning.credits import Credits, has_label, normalize_names, strip_info

#: Relative times an info line shows instead of a date (no field of their own here).
_RELATIVE = re.compile(r"\d+\s*(?:秒|分钟|小时|天|周|个月)前|刚刚|今天|昨天|前天|\d{1,2}:\d{2}")
#: A short note in brackets ([整理], (1307人参与)) and a bare count.
_NOTE = re.compile(r"[\[【（(][^\]】）)]{0,12}[\]】）)]")
_COUNT = re.compile(r"^[\d,.+万]+$")
#: What a name of an outlet or an account never holds: a sentence or clause mark, a label's colon.
_NOT_NAME = re.compile(r"[，。！？；:：,!?;“”\"'《》、—]")
_SPLIT = re.compile(r"\s*[/／]\s*")
#: The longest unlabelled name taken (outlet and account names are short; a subtitle is longer).
_NAME_MAX = 14
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LETTER = re.compile(r"[^\W\d_]")


def _items(line: str) -> list[str]:
    """The words of an info line left once dates, times, counters, tools, notes and UI words are gone."""
    text = _NOTE.sub(" ", _RELATIVE.sub(" ", strip_info(names.remove_ui(line))))
    return [item for item in text.split() if not _COUNT.match(item) and not names.is_ui_word(item)]


def name_line(text: str) -> bool:
    """A short line holding one unlabelled name (an outlet, an account, "王一/某某日报"), nothing else."""
    text = text.strip()
    if not text or len(text) > _NAME_MAX or has_label(text) or _NOT_NAME.search(text):
        return False
    items = _items(text)
    return len(items) == 1 and items[0] == text and not _COUNT.match(text)


#: A run of this many Han characters shared with the headline makes a line a subtitle, not a name.
_SHARED_RUN = 3


def _echoes(text: str, headline: str) -> bool:
    """True when ``text`` shares a run of ``_SHARED_RUN`` Han characters with the headline (a subtitle)."""
    runs = (text[i : i + _SHARED_RUN] for i in range(len(text) - _SHARED_RUN + 1))
    return any(run in headline and len(_HAN.findall(run)) == _SHARED_RUN for run in runs)


def info_credits(lines: Iterable[str], authors: Iterable[str] = (), headline: str = "") -> Credits:
    """The source (and writer) an info line names without a label: its one name left besides dates,
    counters and tool words; "王一/某某日报" is a writer and an outlet. Lines with a label are left to
    ``parse_credits``; a line with two names or more besides the page's known ``authors`` ("原创 王一 某某号
    昨天") says too little to tell them apart."""
    known = set(authors)
    for line in lines:
        if len(line) > 80 or has_label(line):
            break  # past a labelled credit line (发布日期：… 作者：…) or a paragraph, the lines are the text's
        items = _items(line)
        if len(items) > 1:  # the page's known authors are no source
            items = [item for item in items if item not in known]
        if len(items) != 1 or len(items[0]) > _NAME_MAX or _NOT_NAME.search(items[0]):
            continue
        if headline and _echoes(items[0], headline):
            continue
        if not _LETTER.search(items[0]):
            continue
        parts = [part for part in _SPLIT.split(items[0]) if part]
        if len(parts) == 2 and names.is_outlet(parts[1]) and not names.is_outlet(parts[0]):
            return Credits(source=parts[1], authors=normalize_names(parts[0]))
        if len(parts) == 1 and (len(parts[0]) >= 2 or _HAN.search(parts[0]) is None):
            return Credits(source=parts[0])
    return Credits()


_REPORTERS = "|".join(re.escape(label) for label in names.REPORTER_LABELS)
_DATELINE = re.compile(
    rf"^[^，。！？；,]{{0,30}}?[（(〔]\s*(?:{_REPORTERS})\s*(?P<names>[^（）()〔〕，。]{{2,30}}?)\s*[)）〕]"
)


def dateline_authors(paragraph: str) -> tuple[str, ...]:
    """Reporters named in brackets at the opening of the text: "某某网10月4日讯（记者王一 整合）",
    "本站讯（通讯员 王一 李二）", "〔記者王一／台北報導〕"."""
    match = _DATELINE.match(paragraph.replace("\xa0", " ").replace("\u3000", " ").strip())
    if not match or match["names"].endswith("摄"):  # （记者王一 摄）: a photo credit
        return ()
    value = " ".join(part for part in _SPLIT.split(match["names"]) if not part.endswith(names.AGENCY_ENDINGS))
    return normalize_names(value)


_SEGMENT = re.compile(r"^(?P<label>来源|作者|责任编辑|编辑|责编)\s*(?P<value>[^\s:：].{0,24})$")
_BARS = re.compile(r"\s*[|｜]\s*")


def segment_credits(lines: Iterable[str]) -> Credits:
    """Credits of an info line cut by bars into fields whose label is glued to its value (the colon left to
    markup): "发表于2014-08-24 21:30| 1164次阅读| 来源某某网| 作者王一"."""
    for line in lines:
        segments = _BARS.split(line.strip())
        if len(segments) < 3:
            continue
        found = Credits()
        for segment in segments:
            match = _SEGMENT.match(segment)
            if not match:
                continue
            label, value = match["label"], match["value"]
            if label == "来源":
                found = found.merged(Credits(source=value.strip()))
            elif label == "作者":
                found = found.merged(Credits(authors=normalize_names(value)))
            else:
                found = found.merged(Credits(editors=normalize_names(value, keep_code=True)))
        if found != Credits():
            return found
    return Credits()
