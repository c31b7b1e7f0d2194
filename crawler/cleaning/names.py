"""Page-level rules for names as readable data: what comes off a name, and what is never a name.

Each entry is tested (tests/unit/cleaning/test_names.py). Read by ``credits`` (credit values) and
``infoline`` (the unlabelled names of the info line under a headline).
"""

from __future__ import annotations

import re

#: Role words before a name that come off it: 记者王一 -> 王一, 南都记者 王一 -> 王一, 文/王一 -> 王一.
PREFIXES: tuple[str, ...] = (
    "本报特约记者",
    "本报记者",
    "新华社记者",
    "中新社记者",
    "特约记者",
    "见习记者",
    "实习记者",
    "首席记者",
    "职工通讯员",
    "特约通讯员",
    "通讯员",
    "实习生",
    "评论员",
    "记者",
    "执笔",
    "采写",
    "撰文",
    "文/",
    "图/",
    "文｜",
)
#: Words that end the name of an outlet or a body, never of a person: 某某日报, 某某网, 某某新闻.
OUTLET_ENDINGS: tuple[str, ...] = (
    "网",
    "报",
    "社",
    "台",
    "刊",
    "新闻",
    "消息",
    "传媒",
    "媒体",
    "集团",
    "频道",
    "客户端",
    "编辑部",
    "杂志",
    "在线",
)
#: Words that end the name of any organisation (an outlet's, a company's, a desk's), never a person's: a
#: markup author named so is the source or the site (新京报, 参考消息, 某某报业集团, 某某科技).
ORGANISATION_ENDINGS: tuple[str, ...] = (*OUTLET_ENDINGS, "中心", "综合", "公司", "科技", "财经", "工作室")
#: Words of the page's interface that get glued to a name ("王一返回首页", "查看更多", the 简/繁 toggle):
#: a names value is cut where one starts; alone, one is no name.
UI_WORDS: tuple[str, ...] = (
    "查看更多",
    "更多文章",
    "返回",
    "关注",
    "订阅",
    "进入专栏",
    "简体",
    "繁体",
    "簡體",
    "繁體",
    "简/繁",
    "簡/繁",
    "简繁",
    "我有话说",
    "收藏本文",
    "优质原创作者",
    "原创",
)
#: Labels of reporters in a dateline's brackets: （记者王一）, （通讯员 王一 李二）, 〔記者王一／台北報導〕.
REPORTER_LABELS: tuple[str, ...] = (
    "本报记者",
    "特约记者",
    "见习记者",
    "实习记者",
    "首席记者",
    "职工通讯员",
    "特约通讯员",
    "通讯员",
    "实习生",
    "记者",
    "記者",
)
#: Kinds of publishing account that platforms show under the account's name (某某 / 企鹅号).
ACCOUNT_KINDS: tuple[str, ...] = (
    "企鹅号",
    "头条号",
    "百家号",
    "网易号",
    "搜狐号",
    "大风号",
    "澎湃号",
    "一点号",
)
#: Words of a person's affiliation or position: a name token holding one is no name (王一，某某大学教授).
AFFILIATION_MARKERS: tuple[str, ...] = (
    "大学",
    "学院",
    "研究院",
    "研究所",
    "研究员",
    "教授",
    "院长",
    "主任",
    "专栏作者",
    "发言人",
)
#: Words after reporter names in a dateline that name what they did, not who they are: （记者王一 整合）.
NOT_NAMES: tuple[str, ...] = ("整合", "报道", "综合", "编译", "整理", "摄影", "摄", "制图", "发自")
#: Endings of an agency's prefix before the byline's name: 某某快訊／王一 -> 王一.
AGENCY_ENDINGS: tuple[str, ...] = ("快讯", "快訊", "讯", "訊", "电", "電", "报导", "報導", "报道")

#: Sources that name no outlet ("来源：网络"): no source, so the page's own outlet or account may stand.
VAGUE_SOURCES: tuple[str, ...] = ("网络", "网络整理", "互联网", "网友", "网友投稿", "佚名", "未知", "不详")

_UI = re.compile("|".join(re.escape(word) for word in sorted(UI_WORDS, key=len, reverse=True)))
_PREFIX = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,6}?)(?:" + "|".join(re.escape(p) for p in PREFIXES) + r")\s*(?=\S)"
)
_OUTLET = re.compile("(?:" + "|".join(re.escape(word) for word in OUTLET_ENDINGS) + ")$")
_ORGANISATION = re.compile("(?:" + "|".join(re.escape(word) for word in ORGANISATION_ENDINGS) + ")$")
_AFFILIATION = re.compile("|".join(re.escape(word) for word in AFFILIATION_MARKERS))
_AGENCY = re.compile(
    r"^[^/／|｜]{1,12}?(?:" + "|".join(re.escape(word) for word in AGENCY_ENDINGS) + r")\s*[/／|｜]\s*"
)


def cut_ui(value: str) -> str:
    """``value`` up to the first interface word in it: "王一 李二返回首页" -> "王一 李二"."""
    match = _UI.search(value)
    return value[: match.start()] if match else value


def remove_ui(text: str) -> str:
    """``text`` with every interface word blanked out (an info line: "原创 某某号 2019-09-09")."""
    return _UI.sub(" ", text)


def is_account_kind(text: str) -> bool:
    """True for the kind of publishing account a platform shows alone under its name (企鹅号, 百家号)."""
    return text.strip() in ACCOUNT_KINDS


def is_ui_word(text: str) -> bool:
    """True for an interface word alone ("原创", "简/繁")."""
    return bool(text) and _UI.fullmatch(text) is not None


def strip_prefix(name: str) -> str:
    """``name`` without a role prefix (记者, 南都记者, 文/); unchanged when nothing is left after it."""
    return _PREFIX.sub("", name, count=1) or name


def strip_agency(value: str) -> str:
    """``value`` without an agency prefix ending in 讯/电/报道 before a slash: "某某快訊／王一" -> "王一"."""
    return _AGENCY.sub("", value, count=1)


def is_outlet(name: str) -> bool:
    """True for the name of an outlet or a body (某某日报, 某某网), never a person's."""
    return _OUTLET.search(name) is not None


def is_organisation(name: str) -> bool:
    """True for the name of any organisation (某某日报, 某某科技, 某某中心), never a person's."""
    return _ORGANISATION.search(name) is not None


def has_affiliation(name: str) -> bool:
    """True for a token that holds an affiliation or position (某某大学教授)."""
    return _AFFILIATION.search(name) is not None


def is_not_name(word: str) -> bool:
    """True for a word that names what reporters did (整合, 报道), not who they are."""
    return word in NOT_NAMES


def is_vague_source(value: str) -> bool:
    """True for a source that names no outlet (网络, 互联网, 未知)."""
    return value in VAGUE_SOURCES


#: A place note after an outlet's name: 某某日报（北京）, 某某网 北京, 新华社北京3月5日电 (a dateline).
_CITY_NOTE = re.compile(
    r"(?:\s*[（(][\u4e00-\u9fff]{2,3}[）)]|\s+[\u4e00-\u9fff]{2,3}|\d{1,2}月\d{1,2}日电)$"
)


def strip_city_note(source: str) -> str:
    """``source`` without a place note after an outlet's name ("某某日报（北京）" -> "某某日报"); a source that is
    no outlet's name keeps it."""
    match = _CITY_NOTE.search(source)
    if not match:
        return source
    if match[0].endswith("电"):  # the city before the date: two to four characters
        cuts = [source[: match.start() - length] for length in (2, 3, 4)]
    else:
        cuts = [source[: match.start()]]
    return next((cut for cut in cuts if is_outlet(cut)), source)
