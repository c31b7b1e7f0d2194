"""Chinese filler for the fixture sites: school-news titles, paragraphs and notices from word lists written here."""

from __future__ import annotations

import random
from datetime import datetime

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "晓明丽华伟芳敏静磊洋勇艳杰娟涛超秀英霞平刚桂兰玉红志强建国海燕春梅文博思雨婷子涵浩然欣怡"
UNITS = (
    "我校",
    "高一年级",
    "初二年级组",
    "学校团委",
    "语文教研组",
    "数学教研组",
    "英语教研组",
    "学生会",
    "德育处",
    "教务处",
    "校工会",
    "心理健康中心",
    "科技社团",
    "学生合唱团",
    "校足球队",
    "家长委员会",
    "学校党支部",
    "物理教研组",
)
ACTIONS = ("开展", "举行", "组织", "召开", "承办", "参加")
EVENTS = (
    "主题班会",
    "教学研讨活动",
    "秋季田径运动会",
    "读书分享会",
    "安全疏散演练",
    "青年教师汇报课",
    "校园科技节",
    "家长开放日",
    "志愿服务活动",
    "期中质量分析会",
    "社会实践活动",
    "新生入学教育",
    "心理健康讲座",
    "硬笔书法比赛",
    "英语演讲比赛",
    "校本课程展示",
    "消防安全培训",
    "党员集中学习",
    "区级公开课",
    "班主任工作论坛",
    "劳动教育周",
    "艺术节文艺汇演",
)
PLACES = (
    "学校报告厅",
    "多功能教室",
    "大操场",
    "图书馆二楼",
    "实验楼三楼",
    "体育馆",
    "录播教室",
    "东楼会议室",
)
PURPOSES = (
    "进一步提升学生的综合素养",
    "加强教师之间的交流与合作",
    "增强师生的安全意识和自我保护能力",
    "丰富校园文化生活",
    "推动课堂教学改革走向深入",
    "落实立德树人的根本任务",
    "帮助新生尽快适应初中生活",
)
RESULTS = (
    "取得了良好的效果",
    "受到师生的一致好评",
    "为今后的工作积累了宝贵经验",
    "营造了积极向上的校园氛围",
    "达到了预期目标",
)
QUOTES = (
    "每一次实践都是成长的机会",
    "教学要从学生的实际出发",
    "安全无小事，责任重于泰山",
    "读书让我们看见更大的世界",
    "好的课堂要让每个孩子都有收获",
    "团队的力量远远大于个人",
)
DOINGS = (
    "积极参与、踊跃发言",
    "分组合作、认真探究",
    "有序撤离、秩序井然",
    "认真聆听、做好笔记",
    "大胆展示、相互点评",
)
FEELINGS = ("纷纷表示收获很大", "现场气氛热烈", "感受到了团队合作的力量", "对今后的学习充满信心")
PLANS = (
    "学校将继续完善相关制度",
    "下一步将把此类活动常态化开展",
    "将以此为契机推动各项工作再上新台阶",
    "将认真总结经验，查找不足",
)


def person(rng: random.Random) -> str:
    """A two- or three-character name."""
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


def title(rng: random.Random, when: datetime, notice: bool = False) -> str:
    """A news headline, or a notice title (关于…的通知)."""
    event = rng.choice(EVENTS)
    if notice:
        return f"关于{rng.choice(('举办', '开展', '组织'))}{when.year}年{rng.choice(UNITS)}{event}的通知"
    head = f"{rng.choice(UNITS)}{rng.choice(ACTIONS)}{event}"
    if rng.random() < 0.3:
        return f"{rng.choice(('凝心聚力', '青春正当时', '以赛促学', '润物无声', '携手同行'))}——{head}"
    return f"{when.year}学年{head}" if rng.random() < 0.5 else head


def paragraph(rng: random.Random, when: datetime) -> str:
    """A paragraph of school news, three or four sentences."""
    unit, event = rng.choice(UNITS), rng.choice(EVENTS)
    sentences = [
        f"{when.month}月{when.day}日{rng.choice(('上午', '下午'))}，{unit}在{rng.choice(PLACES)}{rng.choice(ACTIONS)}了{event}。",
        f"本次活动旨在{rng.choice(PURPOSES)}，{rng.choice(RESULTS)}。",
        f"活动中，同学们{rng.choice(DOINGS)}，{rng.choice(FEELINGS)}。",
        f"{person(rng)}老师说：“{rng.choice(QUOTES)}。”",
        f"{unit}负责人表示，{rng.choice(PLANS)}。",
    ]
    return "".join(rng.sample(sentences, rng.choice((3, 4))))


def notice_fields(rng: random.Random, when: datetime, event: str) -> list[str]:
    """The 时间：/地点：/主题：/参加人员： lines of a notice."""
    weekday = "一二三四五六日"[when.weekday()]
    return [
        f"时间：{when.year}年{when.month}月{when.day}日（周{weekday}）{when:%H}:30",
        f"地点：{rng.choice(PLACES)}",
        f"主题：{event}",
        f"参加人员：{rng.choice(('全体高一学生', '各教研组长', '全体班主任', '全体党员教师'))}",
    ]
