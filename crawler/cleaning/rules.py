"""Boilerplate line rules shared by every site (Chinese and English), plus a site profile's own rules.

See README § Boilerplate rules and chinese-news.md §2.5–2.9. Rules are data; ``text.apply_rules`` runs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from crawler.cleaning.credits import is_credit_line

Where = Literal["edge", "anywhere", "tail_block"]
Predicate = Callable[[str], bool]


@dataclass(frozen=True)
class Rule:
    """One named way to recognise a boilerplate line.

    Attributes:
      name     the audit/stats name (``Article.removed`` key, ``archive/boilerplate/rule/<name>``).
      pattern  a compiled regex searched in the stripped line, or a predicate called with it.
      where    ``edge``: only leading/trailing lines of the body (credit and tool lines);
               ``anywhere``: a line anywhere (unambiguous junk such as a copyright sentence);
               ``tail_block``: this line and everything after it (a 相关阅读 or 版权与免责声明 heading).
      beside_boilerplate  edge rules only: the line counts only when the next line inward is itself
               boilerplate (an orphan promo line between the credit line and the end of the page).
    """

    name: str
    pattern: re.Pattern[str] | Predicate
    where: Where = "edge"
    beside_boilerplate: bool = False

    def matches(self, line: str) -> bool:
        """True when the stripped ``line`` is non-empty and this rule recognises it."""
        return self.matches_stripped(line.strip())

    def matches_stripped(self, text: str) -> bool:
        """``matches`` for a line the caller has already stripped (the hot path of ``apply_rules``)."""
        if not text:
            return False
        if isinstance(self.pattern, re.Pattern):
            return self.pattern.search(text) is not None
        return self.pattern(text)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_PROSE = re.compile(r"[。！？]")


def _short(pattern: str, limit: int, prose: bool = False) -> Predicate:
    """A predicate: the line has at most ``limit`` characters, matches ``pattern`` and (unless
    ``prose``) has no Chinese sentence-ending punctuation, so a real sentence is never taken."""
    regex = _rx(pattern)
    return lambda text: (
        len(text) <= limit and (prose or not _PROSE.search(text)) and regex.search(text) is not None
    )


def _credit_line(text: str) -> bool:
    # A sentence (。！？) is content even when is_credit_line sees only tool words in it (打印机...).
    return not _PROSE.search(text) and is_credit_line(text)


_TOOL_ANCHOR = re.compile(r"打印|关闭|收藏|复制地址|复制链接|纠错|揪.?错|字体|字号|放大|缩小|我来说两句")
_TOOL_TOKENS = re.compile(
    r"打印本页|打印本稿|打印此文|打印|关闭窗口|关闭本页|关闭|已收藏|收藏本页|收藏|复制地址|复制链接|我来说两句"
    r"|我要[“\"]?揪[”\"]?错|纠错|推荐|小字号|调整字体|字体|字号|放大|缩小|正常|默认|大|中|小|\+1|举报|评论"
    r"|返回顶部|分享"
)
_TOOL_PUNCT = re.compile(r"[\s【】\[\]()（）:：|｜/、,，.。·\-]+")


def tool_line(text: str) -> bool:
    """A line made only of tool links (打印本页 关闭窗口 【纠错】 字号：大 中 小 ...)."""
    if len(text) > 80 or not _TOOL_ANCHOR.search(text):
        return False
    return not _TOOL_PUNCT.sub("", _TOOL_TOKENS.sub("", text))


_OPEN = r"^[\s【\[（(<«□]*"
_HEADING_END = r"\s*[】\]）)>»]?\s*[:：>》]?\s*$"

COPYRIGHT = _short(
    r"版\s*[权權]\s*所\s*有(?![者人])|著作[权權]所有|未经.{0,20}(授权|许可|同意).{0,10}(不得|禁止|严禁)(转载|复制|使用)"
    r"|(不得|禁止|严禁)转载|不得轉載|违者.{0,6}必究|copyright\s*(©|\(c\)|&copy;|\d{4})|©\s*\d{4}"
    r"|all rights reserved|ICP[备证].{0,12}号|如有侵权.{0,12}(删除|联系)|转载请注明(出处|来源)|公网安备.{0,20}号|互联网新闻信息服务许可证|违法和不良信息举报",
    160,
    prose=True,
)

SHARED_RULES: tuple[Rule, ...] = (
    # --- edge: leading/trailing credit, counter and tool lines (most specific first) ---------------
    Rule(
        "view_counter",
        _rx(
            r"^(围观|阅读|浏览|点击|人气|阅读量|浏览量|点击量|浏览次数|点击数|阅读数|views?)\s*[:：]?\s*"
            r"[(（]?\s*[\d,.]*\s*(万\+?|\+)?\s*[)）]?\s*次?$"
        ),
    ),
    Rule(
        "english_credit",
        _short(
            r"^\(?(edited by|additional reporting by|reporting by|reported by|writing by|written by|editing by"
            r"|compiled by|translated by|photo(graph)?s? by|(photo(graph)?s?|image|picture|source|credit)s?\s*:"
            r"|contact (the )?(writer|reporter|author)|follow (the )?(writer|reporter|author))",
            200,
        ),
    ),
    Rule("submit_link", _rx(_OPEN + r"(我要投稿|我要爆料|投稿邮箱\s*[:：].*)\s*[】\]]?$")),
    Rule(
        "share_widget",
        _short(
            _OPEN
            + r"(分享到|分享至|分享让更多人看到|一键分享|(扫一扫|扫描二维码|扫二维码|用微信扫描?|微信扫一扫).{0,16}(打开|分享|阅读|浏览|关注|手机|移动)"
            r"|关注.{0,8}(微信|微博|公众号)|((微信|微博|新浪微博|腾讯微博|QQ空间|QQ好友|人人网?|朋友圈|豆瓣|Qzone)"
            r"[\s、,，|/]*){2,}$)",
            80,
        ),
    ),
    Rule("print_widget", tool_line),
    Rule(
        "prev_next",
        _short(
            _OPEN
            + r"(上一篇|下一篇|上一条|下一条|上一页|下一页|前一篇|后一篇|(previous|next) (article|story|post)\b)"
            r"|^第\s*\d+\s*页\s*[/／]\s*共\s*\d+\s*页$|^(\[\d+\]\s*)+$",
            200,
        ),
    ),
    Rule(
        "nav_promo",
        _short(
            _OPEN
            + r"(返回首页|返回列表|返回上一页|返回顶部|返回搜狐[，,]?\s*查看更多|点击(进入|查看)(专题|更多|原文)"
            r"|(点击)?阅读(全文|原文)|查看(全文|原文|更多)|更多精彩内容|下载.{0,10}客户端|打开.{0,10}APP)",
            40,
        ),
    ),
    Rule(
        "read_more",
        _short(
            r"^(read (more|next)\s*(:|»|>|…|\.\.\.|$)|read the full|continue reading|share this( article| story| page)?\b"
            r"|share on\b|sign up (for|to)\b|subscribe to (our|the)\b|follow us on\b|click here to\b"
            r"|see also\b|also read\b|leave a comment|tags?\s*:|topics?\s*:)",
            200,
        ),
    ),
    Rule("related_reading", _short(_OPEN + r"(相关阅读|延伸阅读|推荐阅读|相关链接)\s*[:：]", 120)),
    # Broadest edge rule last, so the specific names above win.
    Rule("credit_line", _credit_line),
    Rule(
        "credit_line",
        _rx(
            _OPEN + r"(本报记者|新华社记者|见习记者|实习生|职工通讯员|通讯员|记者)\s*[\u4e00-\u9fff·]{2,4}"
            r"([\s、][\u4e00-\u9fff·]{2,4})*\s*[）)】\]]?$"
        ),
    ),
    Rule(
        "credit_line",
        _short(
            r"^((本文|文章|此文)(转自|转载自|选自)\s*[:：]?|(转自|转载自)\s*[:：])\s*[^，,。；;\s]{2,30}"
            r"([，,；;]\s*(版权|著作权).{0,20})?[。.]?$",
            80,
            prose=True,
        ),
    ),
    # An orphan promo line (an image's alt text such as an ad label) sitting next to boilerplate.
    Rule("nav_promo", _rx(r"^[\u4e00-\u9fffA-Za-z0-9 ]{1,12}$"), beside_boilerplate=True),
    # --- anywhere: unambiguous junk ----------------------------------------------------------------
    Rule("copyright", COPYRIGHT, where="anywhere"),
    Rule(
        "disclaimer",
        _rx(
            r"凡本网注明|转载目的在于传递更多信息|不代表本(网|站)(赞同|观点|立场)|^(版权与免责声明|免责声明|版权声明)\s*[:：]"
        ),
        where="anywhere",
    ),
    Rule(
        "nav_promo",
        _rx(
            r"^(特别声明|平台声明|声明)\s*[:：].{0,60}(仅代表作者|自媒体|信息发布平台|信息存储空间|用户上传)"
            r"|^(advertisement|sponsored|广告)$"
        ),
        where="anywhere",
    ),
    # --- tail_block: headings after which nothing is article text ----------------------------------
    Rule(
        "disclaimer",
        _rx(
            _OPEN
            + r"(版权与免责声明|版权和免责声明|免责声明|版权声明|法律声明|网站申明|版权说明|免責聲明|版權聲明)"
            + _HEADING_END
        ),
        where="tail_block",
    ),
    Rule(
        "related_reading",
        _rx(
            _OPEN
            + r"(相关阅读|相关新闻|相关文章|相关链接|相关推荐|推荐阅读|延伸阅读|热点推荐|热门推荐|热门文章|更多精彩"
            r"|精彩推荐|精彩专题|猜你喜欢|你可能感兴趣|您可能感兴趣)" + _HEADING_END
        ),
        where="tail_block",
    ),
    Rule(
        "read_more",
        _rx(
            r"^(related (articles?|stories|story|coverage|content|links|posts|reading|news)|more (stories|news)"
            r"|more on this story|you (may|might) also (like|be interested in)|recommended( for you| reading"
            r"| stories)?|most (read|popular|viewed)|trending( now)?|read (more|next))\s*:?$"
        ),
        where="tail_block",
    ),
)


def profile_rules(patterns: Iterable[re.Pattern[str] | str], where: Where = "anywhere") -> tuple[Rule, ...]:
    """Rules named ``profile`` for a site profile's ``boilerplate.drop_lines`` regexes."""
    return tuple(
        Rule("profile", p if isinstance(p, re.Pattern) else re.compile(p), where=where) for p in patterns
    )
