"""Credit and info lines: source (来源), authors (作者/记者), editors (责任编辑), view counters.

See chinese-news.md §2.2 and §2.4. Pure functions on text, read by the page extraction (``crawler.pages``), the
boilerplate rules and the boilerplate pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from crawler.cleaning import names
from crawler.items import ANONYMOUS

_SOURCE = r"稿件来源|文章来源|信息来源|新闻来源|本文来源|本文转自|转载自|转自|来源|出处|Source"
_AUTHOR = r"本报记者|新华社记者|见习记者|实习生|职工通讯员|通讯员|记者|作者|撰文|撰稿|供稿|采写|执笔|文/|文｜|Author"
_EDITOR = r"责任编辑|值班编辑|编辑|责编|审核|校对|终审|监制|出品|编 辑|Editor"
_VIEWS = r"浏览次数|浏览量|阅读量|阅读数|点击数|点击量|浏览|阅读|点击|人气|Views?"
#: Photo credits: a credit line's label, but no field of the article (a photographer is not its author).
_PHOTO = r"摄影|摄像|图片来源|图片|Photo"
#: Reporter labels that may stand right before the names with no colon: 记者 伊琳 李清芬, （记者唐霁）.
REPORTER = r"本报记者|新华社记者|中新社记者|见习记者|实习生|通讯员|评论员|发言人|记者|执笔人|执笔|作者"
#: Agency reporter labels that name their reporters glued on, to the line's end: 新华社记者王一、李二.
_AGENCY_REPORTER = r"新华社记者|中新社记者|本报记者"
#: Editor labels that may stand right before the names with no colon: 编辑 王一 校对 李二.
_BARE_EDITOR = r"责任编辑|责编|编辑"
_EDITOR_LABEL = r"责任编辑|值班编辑|编辑|责编|编 辑|Editor"
#: Roles beside the editor that are no editor (LABELS.md): their names end the editor's.
_NOT_EDITOR = r"校对|审核|审读|终审|监制|排版"
_BARE_NAMES = rf"\s+[\u4e00-\u9fff]{{2,4}}(?:[\s、]+[\u4e00-\u9fff]{{2,4}})??\s*(?:[）)】\]]|$|\s(?:{_BARE_EDITOR}|{_NOT_EDITOR})\s)"
HAN_NAMES = r"[\u4e00-\u9fff]{2,4}(?:[\s、]+[\u4e00-\u9fff]{2,4})*"
_LABELS = re.compile(
    rf"(?<!资料)(?<!数据)(?P<source>{_SOURCE})\s*[:：]|(?P<author>{_AUTHOR}|执笔人|(?<![\u4e00-\u9fff])文(?=\s*[:：]))(?:\s*[:：/]|(?<=/)|(?<=｜))"
    rf"|(?P<editor>{_EDITOR_LABEL})\s*[:：/|｜]|(?P<role>{_NOT_EDITOR}|出品)\s*[:：/|｜]|(?P<reporter>{REPORTER})(?=\s+{HAN_NAMES}\s*(?:[）)]|$)|{HAN_NAMES}[）)])"
    rf"|(?P<agency>{_AGENCY_REPORTER})(?={HAN_NAMES}\s*$)"
    rf"|(?<![\u4e00-\u9fff])(?P<bare_editor>{_BARE_EDITOR})(?={_BARE_NAMES})|(?<![\u4e00-\u9fff])(?P<other>{_NOT_EDITOR})(?={_BARE_NAMES})"
    rf"|(?P<photo>{_PHOTO})\s*[:：/]"
)
_VIEW_COUNT = re.compile(
    rf"围观\s*(?P<a>\d+)\s*次|(?:{_VIEWS})\s*[:：]?\s*[(（]?\s*(?P<b>\d+)\s*[)）]?\s*次?"
)
_EMPTY_COUNTER = re.compile(rf"(?:{_VIEWS}|围观)\s*[:：]?\s*(?:[(（]\s*[)）])?\s*次?")
_TOOLS = re.compile(
    r"我要投稿|我要纠错|我来说两句|我要评论|【?纠错】?|【?打印(?:本页|本稿|此文)?】?|【?关闭(?:窗口)?】?|【?收藏】?"
    r"|【?复制地址】?|分享到[:：]?|字[号体][:：]?\s*[【\[]?大[\]】]?\s*[【\[]?中[\]】]?\s*[【\[]?小[\]】]?|返回顶部|举报"
)
_DATE = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}\s*[:：时]\s*\d{1,2}"
    r"(?:\s*[:：分]\s*\d{1,2}秒?)?)?|(?:发布|更新)?(?:时间|日期)\s*[:：]"
)
_BY = re.compile(
    r"^\s*(?P<edited>Edited\s+)?[Bb]y\s+(?P<names>[A-Z][\w.'’-]*(?:[\s,&]+(?:and\s+)?[A-Z][\w.'’-]*)*)"
    r"\s*(?:[|,;]\s*.*)?$"
)
_NAME_SPLIT = re.compile(r"[、，,;；/&\s\u3000]+|\s+(?:and|&)\s+")
_PLACEHOLDERS = frozenset(
    {
        "佚名",
        "匿名",
        "未知",
        "本站原创",
        "本站",
        "本网",
        "网络",
        "转载",
        "转载文章",
        "原创",
        "admin",
        "administrator",
        "管理员",
        "unknown",
        "anonymous",
        "none",
        "null",
        "编辑部",
        "网络整理",
        "综合",
    }
)
_TRIM = " \t\u3000\xa0:：-—|｜/()（）[]【】<>《》「」『』,，;；.。"
#: CMS user codes after an editor's name: 杨倩_NF4425.
_CMS_SUFFIX = re.compile(r"_[A-Z]{1,4}\d{2,}$")
#: Not a name: a bare CMS id (HN666), a photo mark (摄), a role with its outlet (观察者网专栏作者).
_CODE = re.compile(r"^[A-Za-z]{1,4}\d{2,}$")
_NOT_A_NAME = re.compile(r"^[A-Za-z]{0,4}\d{2,}$|^/?摄$|(?:作者|记者|编辑|通讯员)$")
#: Two-character names padded to three with a space: 赵 培 -> 赵培.
_PADDED_NAME = re.compile(
    r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])[ \u3000]+([\u4e00-\u9fff])(?![\u4e00-\u9fff])"
)
#: An author label anywhere in a short line ("作者：").
#: A reprint note with or without a colon: 本文转自北岭晚报，… / 转载自：某网.
_REPRINT = re.compile(
    r"^(?:(?:本文|文章|此文)(?:转自|转载自|选自)\s*[:：]?|(?:转自|转载自)\s*[:：])\s*([^，,。；;\s]+)"
)
_LABEL_ONLY = re.compile(rf"^(?:{_SOURCE}|{_AUTHOR}|{_EDITOR})$")
#: What ends a sentence: a credit value never holds one (names may be listed with commas).
_SENTENCE_END = re.compile(r"[。！？]|(?<=[a-z]{2})[.!?](?=\s)")
#: What a line of page information without a label never holds: a clause break either.
_CLAUSE = re.compile(r"[，。！？；]|(?<=[a-z]{2})[,.!?;](?=\s)")
#: An empty view counter slot, filled by a script: 浏览次数： / 点击：（）.
_COUNTER_SLOT = re.compile(rf"(?:{_VIEWS}|围观)\s*(?:[:：]\s*(?:[(（]\s*[)）])?|[(（]\s*[)）])\s*次?\s*$")
#: A publication-time label opening a line (发布时间：…): the page's own information. A bare 时间：/日期： is a
#: notice's field (when an event takes place), not the page's.
_PUBLISHED = re.compile(r"^\s*[(（【\[]?\s*(?:(?:发布|更新|发表|发稿)(?:时间|日期)\s*[:：]|发布于)")


@dataclass(frozen=True)
class Credits:
    """Values found in a credit/info line; empty when absent."""

    source: str | None = None
    authors: tuple[str, ...] = field(default=())
    editors: tuple[str, ...] = field(default=())
    view_count: int | None = None

    def merged(self, other: Credits) -> Credits:
        """Fill this object's empty fields from ``other``; editors add up (编辑：王一 over 责任编辑：李二 names
        two editors of the article)."""
        return Credits(
            self.source or other.source,
            self.authors or other.authors,
            self.editors + tuple(name for name in other.editors if name not in self.editors),
            self.view_count if self.view_count is not None else other.view_count,
        )


_AFFILIATION = re.compile(r"[:：]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2}")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
_TRIM_RUN = re.compile(r"[\s" + re.escape(_TRIM) + r"]+")
_CLOSER = {"(": ")", "（": "）", "[": "]", "【": "】", "<": ">", "《": "》", "「": "」", "『": "』"}
_OPENER = {close: open_ for open_, close in _CLOSER.items()}


def _trim(value: str) -> str:
    """``value`` without the punctuation and spaces around it, its own brackets kept whole: 吴泾中学(G) and
    光明网-《光明日报》 stay so; a bracket left open by a cut (周玉清（单位) goes with what follows it."""
    stripped = value.strip(_TRIM)
    if not stripped:
        return stripped
    start = len(value) - len(value.lstrip(_TRIM))
    before, after = value[:start], value[start + len(stripped) :]
    for char in after:
        if char in _OPENER and stripped.count(_OPENER[char]) > stripped.count(char):
            stripped += char
    for char in reversed(before):
        if char in _CLOSER and stripped.count(_CLOSER[char]) > stripped.count(char):
            stripped = char + stripped
    for open_, close in _CLOSER.items():
        if stripped.count(open_) > stripped.count(close):
            stripped = stripped[: stripped.rfind(open_)].strip(_TRIM)
    return stripped


def normalize_names(value: str, keep_code: bool = False) -> tuple[str, ...]:
    """Split a names value (萧潇、张妍 / Jane Doe and John Roe) and map placeholders to ANONYMOUS.

    Interface words glued on (返回首页, 查看更多), an agency prefix (某某快訊／), role prefixes (南都记者),
    affiliations and dateline words (整合) come off (``names``). ``keep_code``: an editor shown only as a
    CMS code (HN666) keeps it.
    """
    value = _trim(_TOOLS.sub(" ", _DATE.sub(" ", value)))
    if value.lower() in _PLACEHOLDERS:
        return (ANONYMOUS,)
    value = _trim(names.strip_agency(names.cut_ui(value)))
    value = _trim(_AFFILIATION.split(value, maxsplit=1)[0])  # 赵培：北京物资学院 -> the affiliation goes
    value = _PADDED_NAME.sub(r"\1\2", value)
    if not value:
        return ()
    if value.lower() in _PLACEHOLDERS:
        return (ANONYMOUS,)
    if _LATIN_WORD.search(value) and not _HAN.search(value):
        parts = _LATIN_NAME_SPLIT.split(value)
    else:
        parts = _NAME_SPLIT.split(value)
    found = [_CMS_SUFFIX.sub("", names.strip_prefix(_trim(p))) for p in parts if _trim(p)]
    found = [n for n in found if n and not names.is_not_name(n) and not names.has_affiliation(n)]
    kept = [n for n in found if not _NOT_A_NAME.search(n)]
    if not kept and keep_code:
        kept = [n for n in found if _CODE.match(n)][:1]
    kept = [
        ANONYMOUS if n.lower() in _PLACEHOLDERS else n
        for n in kept
        if len(n) <= 40 and not _LABEL_ONLY.match(n)
    ]
    return tuple(dict.fromkeys(kept))


_KINDS = {"reporter": "author", "agency": "author", "bare_editor": "editor", "role": "other"}


def _kind(match: re.Match[str]) -> str:
    """The field a label names: ``author``, ``editor``, ``source``, ``photo`` or ``other``."""
    group = match.lastgroup or ""
    return _KINDS.get(group, group)


def _labels(text: str) -> list[re.Match[str]]:
    """The credit labels of ``text``, less an author label glued to the outlet before it inside another
    author's value (采写：南都记者 王一: 南都记者 is a prefix of the names, not a new label)."""
    out: list[re.Match[str]] = []
    for match in _LABELS.finditer(text):
        kind = _kind(match)
        glued = match.start() > 0 and _HAN.match(text[match.start() - 1])
        if glued and kind == "author" and out and _kind(out[-1]) == "author":
            continue
        out.append(match)
    return out


def _clean_source(value: str) -> str | None:
    value = _trim(_TOOLS.sub(" ", _DATE.sub(" ", _VIEW_COUNT.sub(" ", value))))
    value = _trim(re.split(r"\s{2,}|\s(?=\S+[:：])", value)[0]) if value else value
    return None if names.is_vague_source(value) else names.strip_city_note(value) or None


def _english(text: str) -> Credits | None:
    match = _BY.match(text)
    if not match:
        return None
    names = normalize_names(match["names"])
    return Credits(editors=names) if match["edited"] else Credits(authors=names)


def reprint_source(text: str) -> str | None:
    """The outlet a reprint note names ("本文转自北岭晚报，…" -> 北岭晚报), or None."""
    match = _REPRINT.match(text.strip())
    return match[1] if match else None


def view_count(text: str) -> int | None:
    """The number in a view counter (围观357次, 浏览：33, 点击数：39), or None."""
    match = _VIEW_COUNT.search(text)
    return int(match["a"] or match["b"]) if match else None


#: Lines up to this length are remembered by ``parse_credits`` and ``is_credit_line`` (4,096 of each at
#: most); a longer one is a paragraph, met once.
_REMEMBERED_CHARS = 200


def parse_credits(text: str) -> Credits:
    """Parse source, authors, editors and view count out of one credit/info line (remembered when short:
    a site's credit lines repeat, and the body edges, the byline and the trailing lines ask about the same
    ones)."""
    return _parse_credits(text) if len(text) <= _REMEMBERED_CHARS else _parse_credits.__wrapped__(text)


@lru_cache(maxsize=4096)
def _parse_credits(text: str) -> Credits:
    text = text.replace("\xa0", " ").replace("\u3000", " ").strip()
    english = _english(text)
    if english is not None:
        return english
    found: dict[str, str] = {}
    labels = _labels(text)
    for i, match in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        kind = _kind(match)
        value = _VIEW_COUNT.sub(" ", text[match.end() : end])
        if kind == "editor" and kind in found and value.strip(_TRIM):
            found[kind] += "、" + value  # 编辑：王一 责任编辑：李二
        elif kind and kind not in found and value.strip(_TRIM):
            found[kind] = value
    return Credits(
        source=_clean_source(found["source"]) if "source" in found else None,
        authors=normalize_names(found.get("author", "")),
        editors=normalize_names(found.get("editor", ""), keep_code=True),
        view_count=view_count(text),
    )


def _denoise(text: str) -> str:
    """``text`` with its dates, counters and tool words blanked out."""
    return _EMPTY_COUNTER.sub(" ", _TOOLS.sub(" ", _DATE.sub(" ", _VIEW_COUNT.sub(" ", text))))


def strip_info(text: str) -> str:
    """``text`` with its dates, counters and tool words blanked out (an info line's names are left)."""
    return _denoise(text)


def has_label(text: str) -> bool:
    """True when ``text`` holds a credit label (来源：, 作者：, 记者 王一, 编辑|王一 ...)."""
    return _LABELS.search(text.replace("\xa0", " ").replace("\u3000", " ")) is not None


def opens_with_label(text: str) -> bool:
    """True when a credit label opens ``text``, after dates and counters at most ("发布日期：2019-03-06 责任编辑：王一",
    not "Geographic Source: U.S.")."""
    text = text.replace("\xa0", " ").replace("\u3000", " ").strip()
    labels = _labels(text)
    return bool(labels) and not _strip_noise(text[: labels[0].start()])


def _strip_noise(text: str) -> str:
    """Remove dates, counters and tool words, then trim punctuation and spaces."""
    return _TRIM_RUN.sub(" ", _denoise(text)).strip()


def _plain(text: str, limit: int, stops: re.Pattern[str] = _SENTENCE_END) -> bool:
    """At most ``limit`` characters besides dates, counters, tools and punctuation, and no sentence end
    (read before the punctuation is trimmed: "1.1928年11月28日，由（ ）发起成立了国际展览局。" is a sentence)."""
    denoised = _denoise(text)
    residue = _TRIM_RUN.sub(" ", denoised).strip()
    return len(residue.replace(" ", "")) <= limit and not stops.search(denoised)


def _info_only(text: str) -> bool:
    """A line without a credit label that is still page information: a view counter (浏览：33, 点击数：（）),
    a publication label (发布时间：…) or tool links, with at most a short name besides. A bare date is not one:
    it closes a notice (its signing date) as often as it opens a page."""
    if _VIEW_COUNT.search(text) or _COUNTER_SLOT.search(text) or _PUBLISHED.match(text):
        return _plain(text, 16, _CLAUSE)
    return bool(_TOOLS.search(text)) and not _strip_noise(text)


def is_credit_line(line: str) -> bool:
    """True for a line that holds only credits, dates, counters and tool links (safe to cut at body edges);
    remembered as ``parse_credits``."""
    return _credit_line(line) if len(line) <= _REMEMBERED_CHARS else _credit_line.__wrapped__(line)


@lru_cache(maxsize=4096)
def _credit_line(line: str) -> bool:
    text = line.replace("\xa0", " ").replace("\u3000", " ").strip()
    if not text or len(text) > 160:
        return False
    if _english(text) is not None:
        return len(text) <= 100
    labels = list(_LABELS.finditer(text))
    if not labels:
        return _info_only(text)
    if not _plain(text[: labels[0].start()], 16):
        return False
    ends = [m.start() for m in labels[1:]] + [len(text)]
    return all(_plain(text[m.end() : end], 40) for m, end in zip(labels, ends, strict=True))


def parse_all(texts: Iterable[str]) -> Credits:
    """``parse_credits`` of each text, merged in order (earlier values win)."""
    found = Credits()
    for text in texts:
        found = found.merged(parse_credits(text))
    return found
