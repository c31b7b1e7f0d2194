"""Invented stories of the sample site: the text data that ``crawler.demo.site`` renders into pages.

Every sentence here was written for this project; none is taken from a real article.
"""

from __future__ import annotations

from dataclasses import dataclass

SITE_NAME = "晨光教育装备网"
EN_SITE_NAME = "Example Daily"


@dataclass(frozen=True)
class ZhStory:
    """A Chinese article in the caigou layout; ``paragraphs[0]`` follows the dateline directly."""

    key: str
    page_id: str
    title: str
    time: str
    outlet: str
    authors: tuple[str, ...]
    editor: str
    views: int
    paragraphs: tuple[str, ...]
    snippets: tuple[str, ...]
    related: tuple[str, ...]
    layout: str = "A"


@dataclass(frozen=True)
class EnStory:
    """An English article; ``meta`` says whether it declares itself with JSON-LD or OpenGraph tags."""

    key: str
    slug: str
    title: str
    published: str
    authors: tuple[str, ...]
    editor: str
    paragraphs: tuple[str, ...]
    snippets: tuple[str, ...]
    related: tuple[str, ...]
    meta: str = "jsonld"


ZH_STORIES = (
    ZhStory(
        key="zh_lab",
        page_id="20240312101",
        title="江城市完成首批中小学实验室标准化改造",
        time="2024-03-12 09:30",
        outlet="江城在线",
        authors=("佚名",),
        editor="周静",
        views=412,
        paragraphs=(
            (
                "江城市教育局近日通报，全市首批38所中小学理化生实验室标准化改造工程已全部完工并通过验收，"
                "新改造的实验室将在本学期全面投入教学使用。"
            ),
            (
                "据介绍，此次改造以够用、好用、安全为原则，重点更新了通风排毒系统、实验台水电布局和危化品储存柜。"
                "每间实验室均按照分组实验需要配备了数字化传感器套件，学生可以实时采集温度、压强和电流等数据。"
            ),
            (
                "为让设备真正用起来，江城市教研室同步编写了分学段实验指导手册，组织实验教师开展为期两周的集中培训。"
                "各校还建立了实验室开放日制度，每周安排固定时段向学生开放，鼓励学生自主设计探究实验。"
            ),
            (
                "市教育局相关负责人表示，下一步将把实验开出率纳入学校年度考核，"
                "并计划在明年底前完成其余61所学校的改造任务，实现全市中小学实验室建设标准全覆盖。"
            ),
        ),
        snippets=(
            "每间实验室均按照分组实验需要配备了数字化传感器套件，学生可以实时采集温度、压强和电流等数据。",
            "各校还建立了实验室开放日制度，每周安排固定时段向学生开放，鼓励学生自主设计探究实验。",
        ),
        related=("zh_expo", "zh_training", "zh_canteen", "zh_scifest"),
    ),
    ZhStory(
        key="zh_smart",
        page_id="20240313205",
        title="东湖区启动智慧校园建设三年行动",
        time="2024-03-13 16:45",
        outlet="东湖日报",
        authors=("李明远",),
        editor="王晓岚",
        views=1289,
        paragraphs=(
            (
                "东湖区日前印发智慧校园建设三年行动方案，明确到2026年底，"
                "全区公办中小学将全部建成覆盖教学、管理和安全的一体化智慧校园平台。"
            ),
            (
                "方案提出，全区将统一建设区级教育数据中心，打通学籍、课表、考勤和资产管理等系统，"
                "避免各校重复采购、数据各自为政。区教育局将按照每所学校每年不低于40万元的标准安排专项资金，"
                "并优先保障农村学校和薄弱学校。"
            ),
            (
                "在课堂应用方面，东湖区计划分三批遴选60个智慧课堂示范班级，推广交互式大屏、学习终端和课堂即时反馈工具，"
                "要求教师在常态课中使用信息化手段的比例逐年提高。"
            ),
            (
                "区教育局信息中心负责人介绍，平台建设将严格执行数据安全等级保护要求，"
                "所有学生个人信息存储在区级机房，第三方服务商不得擅自留存和使用。"
            ),
        ),
        snippets=(
            "打通学籍、课表、考勤和资产管理等系统，避免各校重复采购、数据各自为政。",
            "所有学生个人信息存储在区级机房，第三方服务商不得擅自留存和使用。",
        ),
        related=("zh_maker", "zh_lab", "zh_training", "zh_expo"),
        layout="B",
    ),
    ZhStory(
        key="zh_rural",
        page_id="2024031488",
        title="镕城县为乡村学校配送音体美器材",
        time="2024-03-14 10:20",
        outlet="北岭晚报",
        authors=("陈喆",),
        editor="刘堃",
        views=236,
        paragraphs=(
            (
                "镕城县教育和体育局近日为全县42所乡村小学和教学点配送了一批音乐、体育和美术器材，"
                "价值共计310万元，惠及学生一万余人。"
            ),
            (
                "这批器材包括电钢琴、打击乐器、篮球架、跳绳和写生画架等二十余个品类。"
                "配送前，县教体局逐校摸排了器材缺口，按照缺什么补什么的原则制定清单，避免出现器材闲置积压。"
            ),
            (
                "在堃山乡中心小学，新到的电钢琴刚刚安装完毕，音乐教师便带着学生上了第一堂合唱课。"
                "该校校长说，以前只能用录音机放伴奏，现在孩子们终于能听着琴声唱歌了。"
            ),
            (
                "县教体局表示，将联合县城学校开展音体美教师走教活动，每学期安排骨干教师到乡村学校送教，"
                "确保器材配得齐、用得好。"
            ),
        ),
        snippets=(
            "配送前，县教体局逐校摸排了器材缺口，按照缺什么补什么的原则制定清单，避免出现器材闲置积压。",
            "在堃山乡中心小学，新到的电钢琴刚刚安装完毕，音乐教师便带着学生上了第一堂合唱课。",
        ),
        related=("zh_lab", "zh_canteen", "zh_expo"),
    ),
    ZhStory(
        key="zh_expo",
        page_id="20240315102",
        title="南溪市举办中小学教育装备应用展示活动",
        time="2024-03-15 14:00",
        outlet="南溪教育网",
        authors=("赵一帆", "孙可"),
        editor="何平",
        views=578,
        paragraphs=(
            (
                "南溪市2024年中小学教育装备应用展示活动在市青少年活动中心举行，来自全市各区县的56所学校参加展示，"
                "现场共展出自制教具和创新实验案例200余件。"
            ),
            (
                "本次活动分为自制教具、实验创新和数字化教学应用三个板块。记者在现场看到，"
                "一套用废旧饮料瓶制作的水循环演示装置吸引了不少参观者驻足，制作者是一名从教二十多年的初中地理教师。"
            ),
            (
                "展示期间，主办方还组织了12场现场说课，由参展教师讲解教具的设计思路和课堂使用效果，"
                "评委从科学性、实用性和推广价值等方面进行点评。"
            ),
            "据悉，活动评选出的优秀作品将汇编成册，并通过市教育资源公共服务平台向全市学校共享。",
        ),
        snippets=(
            "一套用废旧饮料瓶制作的水循环演示装置吸引了不少参观者驻足，制作者是一名从教二十多年的初中地理教师。",
            "评委从科学性、实用性和推广价值等方面进行点评。",
        ),
        related=("zh_lab", "zh_rural", "zh_training"),
    ),
    ZhStory(
        key="zh_maker",
        page_id="20240318117",
        title="青禾镇中心小学新建创客教室投入使用",
        time="2024-03-18 08:50",
        outlet="青禾融媒",
        authors=("吴琳",),
        editor="王晓岚",
        views=97,
        paragraphs=(
            "青禾镇中心小学新建的创客教室日前正式投入使用，这是该镇第一间面向小学生开放的创客空间。",
            (
                "教室面积约120平方米，划分为电子搭建、三维打印和木工制作三个区域，"
                "配备了激光切割机、开源硬件套件和安全防护用品。学校根据学生年龄特点开发了小小发明家校本课程，"
                "每周安排两节课时。"
            ),
            (
                "为解决专业师资不足的问题，学校与县科技馆签订了合作协议，由科技馆辅导员每月到校开展两次专题指导，"
                "同时选派三名青年教师参加市级创客教育培训。"
            ),
        ),
        snippets=(
            "划分为电子搭建、三维打印和木工制作三个区域，配备了激光切割机、开源硬件套件和安全防护用品。",
            "由科技馆辅导员每月到校开展两次专题指导，同时选派三名青年教师参加市级创客教育培训。",
        ),
        related=("zh_smart", "zh_scifest", "zh_lab"),
        layout="B",
    ),
    ZhStory(
        key="zh_canteen",
        page_id="20240320131",
        title="北岭区校园食堂明厨亮灶工程实现全覆盖",
        time="2024-03-20 11:15",
        outlet="北岭晚报",
        authors=("郑雨",),
        editor="周静",
        views=803,
        paragraphs=(
            (
                "北岭区教育局与区市场监管局联合推进的校园食堂明厨亮灶工程日前完成收尾，"
                "全区89所中小学和幼儿园食堂全部实现后厨操作可视化。"
            ),
            (
                "按照工程要求，各学校在食堂加工区、清洗消毒区和仓储区安装了高清摄像头，"
                "画面实时接入区级监管平台和家长端小程序。家长可以在每天用餐时段查看后厨操作情况，"
                "发现问题可在线留言反馈。"
            ),
            (
                "区市场监管局还为每所学校配备了快速检测箱，食堂管理员每天对蔬菜农药残留进行抽检，"
                "检测结果在食堂门口公示栏公开。今年以来，全区共开展食材快检一万二千余批次。"
            ),
            "北岭区教育局表示，下一步将推动学校食堂大宗食材统一招标采购，从源头上保障师生饮食安全。",
        ),
        snippets=(
            "家长可以在每天用餐时段查看后厨操作情况，发现问题可在线留言反馈。",
            "食堂管理员每天对蔬菜农药残留进行抽检，检测结果在食堂门口公示栏公开。",
        ),
        related=("zh_rural", "zh_lab", "zh_training"),
    ),
    ZhStory(
        key="zh_scifest",
        page_id="20240322140",
        title="西峰中学举行科技节开幕式",
        time="2024-03-22 17:05",
        outlet="西峰教育",
        authors=("佚名",),
        editor="何平",
        views=64,
        paragraphs=(
            "西峰中学第十二届校园科技节于3月22日开幕，本届科技节以动手创造未来为主题，为期两周。",
            "科技节期间，学校将举办航模表演、水火箭比赛和科普讲座等十项活动，全校1600余名学生将全部参与。",
        ),
        snippets=("学校将举办航模表演、水火箭比赛和科普讲座等十项活动，全校1600余名学生将全部参与。",),
        related=("zh_smart", "zh_canteen", "zh_expo", "zh_training", "zh_rural", "zh_lab"),
    ),
    ZhStory(
        key="zh_training",
        page_id="20240325152",
        title="江城市教育装备管理人员培训班开班",
        time="2024-03-25 09:00",
        outlet="江城在线",
        authors=("马骁",),
        editor="刘堃",
        views=151,
        paragraphs=(
            (
                "2024年江城市中小学教育装备管理人员培训班3月25日开班，"
                "全市各中小学分管装备工作的负责人和实验室管理员共180人参加为期三天的培训。"
            ),
            (
                "培训围绕装备配置标准、资产台账管理、危险化学品安全管理和政府采购政策等内容展开。"
                "主办方邀请了高校教授和一线管理人员授课，并安排学员到两所示范学校进行现场观摩。"
            ),
            (
                "培训结束后将进行闭卷考核，考核合格的学员将获得市级培训证书。"
                "市教育技术装备中心表示，今后将把装备管理人员培训纳入常态化工作，每年至少举办一期。"
            ),
        ),
        snippets=(
            "培训围绕装备配置标准、资产台账管理、危险化学品安全管理和政府采购政策等内容展开。",
            "考核合格的学员将获得市级培训证书。",
        ),
        related=("zh_lab", "zh_expo", "zh_smart"),
        layout="B",
    ),
)

EN_STORIES = (
    EnStory(
        key="en_solar",
        slug="solar-panels-school-roofs",
        title="School roofs to host solar panels under new city plan",
        published="2024-03-04T08:30:00+00:00",
        authors=("Jane Roe",),
        editor="Sam Poe",
        paragraphs=(
            (
                "Twenty-two public schools will have solar panels fitted to their roofs over the next eighteen "
                "months, the city council confirmed on Monday."
            ),
            (
                "The programme, budgeted at 4.1 million pounds, is expected to cover roughly a third of the "
                "schools' daytime electricity use. Work will be scheduled during holidays so that lessons are "
                "not disrupted."
            ),
            (
                "Each participating school will also receive a classroom display showing live generation "
                "figures, which teachers can use in science and maths lessons."
            ),
            (
                "Councillor Priya Natarajan said the savings would be ring-fenced for school budgets rather than "
                "returned to the general fund."
            ),
        ),
        snippets=(
            "Work will be scheduled during holidays so that lessons are not disrupted.",
            "Each participating school will also receive a classroom display showing live generation figures",
        ),
        related=("en_library", "en_robotics"),
    ),
    EnStory(
        key="en_river",
        slug="river-cleanup-volunteers",
        title="Volunteers pull two tonnes of litter from the Mill River",
        published="2024-03-09T14:00:00+00:00",
        authors=("Omar Diaz",),
        editor="Ruth Kim",
        paragraphs=(
            (
                "More than three hundred volunteers spent Saturday morning clearing rubbish from a four-mile "
                "stretch of the Mill River."
            ),
            (
                "Organisers said the haul included forty shopping trolleys, a rusted motorbike and several "
                "hundred plastic bottles. Most of the material will be sorted and sent for recycling."
            ),
            (
                "The cleanup was coordinated by a residents' group that formed last year after heavy rain washed "
                "debris onto the towpath."
            ),
        ),
        snippets=(
            "the haul included forty shopping trolleys, a rusted motorbike and several hundred plastic bottles.",
            "Most of the material will be sorted and sent for recycling.",
        ),
        related=("en_bus", "en_solar"),
        meta="og",
    ),
    EnStory(
        key="en_library",
        slug="library-late-hours",
        title="Central library extends evening hours for exam season",
        published="2024-03-12T09:15:00+00:00",
        authors=("Jane Roe", "Lena Park"),
        editor="Sam Poe",
        paragraphs=(
            (
                "The Central Library will stay open until ten o'clock on weeknights from next Monday until the "
                "end of June."
            ),
            (
                "Library staff said demand for quiet study space had grown sharply, with every desk booked on "
                "most afternoons in February."
            ),
            (
                "Extra security staff will be on duty after eight o'clock, and the ground-floor cafe will extend "
                "its hours to match."
            ),
            (
                "Students can reserve a desk up to three days in advance through the library website or at the "
                "front counter."
            ),
        ),
        snippets=(
            "with every desk booked on most afternoons in February.",
            "Students can reserve a desk up to three days in advance",
        ),
        related=("en_solar", "en_robotics", "en_river"),
    ),
    EnStory(
        key="en_bus",
        slug="bus-route-redesign",
        title="Bus network redesign promises fewer transfers",
        published="2024-03-18T07:45:00+00:00",
        authors=("Lena Park",),
        editor="Ruth Kim",
        paragraphs=(
            (
                "A redesigned bus network due to launch in September will cut the number of passengers who need "
                "to change buses, according to the transport authority."
            ),
            (
                "The plan replaces several looping routes with straighter lines that run every ten minutes during "
                "the day."
            ),
            (
                "Some residents in the eastern suburbs have objected that their nearest stop will move further "
                "away, and a public consultation runs until the end of April."
            ),
        ),
        snippets=(
            "The plan replaces several looping routes with straighter lines that run every ten minutes",
            "a public consultation runs until the end of April.",
        ),
        related=("en_river", "en_library"),
        meta="og",
    ),
    EnStory(
        key="en_robotics",
        slug="robotics-league-final",
        title="Northside students win regional robotics final",
        published="2024-03-25T18:20:00+00:00",
        authors=("Omar Diaz",),
        editor="Sam Poe",
        paragraphs=(
            (
                "A team of six students from Northside Academy won the regional robotics final on Sunday, beating "
                "fourteen other schools."
            ),
            (
                "Their robot, built largely from recycled parts, completed the obstacle course in under two "
                "minutes and was the only entry to stack all twelve blocks."
            ),
            (
                "The team will travel to the national final in May, and the school has started a fundraising "
                "page to cover travel costs."
            ),
        ),
        snippets=(
            "built largely from recycled parts, completed the obstacle course in under two minutes",
            "the school has started a fundraising page to cover travel costs.",
        ),
        related=("en_solar", "en_library"),
    ),
)
