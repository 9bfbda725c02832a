"""The words HR documents use: section headings, field labels and document titles.

Matching is done on a normalized key (Traditional → Simplified for the few characters these
words use, no spaces or punctuation); values are always kept exactly as written.
"""

from __future__ import annotations

import re

# Traditional characters of the heading and label words (the values keep theirs).
T2S = str.maketrans(
    "崗職責務說書條資與關係權限環內對外門屬級編製導標準達績發展晉陞訓練歷經驗專業齡別"
    "證體健語項範圍錄據紀錄範作業範級總結隊負屬員",
    "岗职责务说书条资与关系权限环内对外门属级编制导标准达绩发展晋升训练历经验专业龄别"
    "证体健语项范围录据纪录范作业范级总结队负属员",
)
_NOISE = re.compile(r"[\s:：、,，.。;；()（）【】\[\]《》\"“”'‘’*#/／]+")


def key(text: str) -> str:
    """``text`` reduced for matching: Simplified, no spaces or punctuation."""
    return _NOISE.sub("", text.translate(T2S))


# Section headings → section name. Longest synonyms first where one contains another.
SECTIONS: dict[str, tuple[str, ...]] = {
    "summary": ("岗位概述", "工作概述", "岗位概要", "工作概要", "基本目标", "岗位目的", "岗位目标",
                "岗位使命", "职位概要", "基本职能", "岗位职能", "部门职能", "岗位描述", "职务概述"),
    "duties": ("岗位职责", "工作职责", "主要职责", "职责描述", "职责权限", "职责与任务",
               "工作的职责与任务", "工作职责与任务", "主要工作内容", "工作内容", "职责范围",
               "岗位职责描述", "岗位职责描述与考核指标提取", "主要工作职责", "职责", "其他职责",
               "工作事项", "工作任务"),
    "authorities": ("岗位权限", "权限", "职权", "工作权限", "主要权限"),
    "kpis": ("考核指标", "关键考核指标", "关键绩效指标", "绩效指标", "kpi", "考核标准",
             "业绩考核指标", "绩效考核指标"),
    "relations": ("工作关系", "工作协调关系", "组织关系", "工作联系", "协作关系",
                  "内外部关系", "沟通关系", "工作内部沟通关系", "工作外部沟通关系"),
    "qualifications": ("任职资格", "任职要求", "任职条件", "岗位要求", "职位要求",
                       "任职资格要求", "岗位任职资格", "任职基本要求", "岗位资格", "任职资格条件"),
    "conditions": ("工作条件", "工作环境", "岗位工作环境", "工作时间", "工作场所",
                   "工作条件与环境", "工作地点", "工作时间和待遇"),
    "career": ("职业发展", "晋升", "晋升方向", "发展前景", "个人发展", "职业发展通道",
               "晋升通道", "职业生涯发展", "发展方向"),
    "training": ("培训", "持续培训要求", "培训要求", "培训需求", "岗位培训"),
    "purpose": ("目的", "编制目的", "工作目的"),
    "scope": ("适用范围", "范围", "适用岗位"),
    "references": ("引用文件", "相关文件", "参考文件", "支持性文件", "相关制度"),
    "records": ("相关记录", "作业记录", "记录表格", "相关作业记录", "记录", "质量记录",
                "相关表单", "表格"),
    "steps": ("管理内容", "作业内容", "工作程序", "工作流程", "作业程序", "作业流程",
              "操作程序", "服务程序", "流程", "程序", "工作标准", "作业标准"),
}  # fmt: skip

_HEADING = {key(word): name for name, words in SECTIONS.items() for word in words}


def section_of(text: str) -> str | None:
    """The section a heading line opens (``岗位职责:`` → duties), else ``None``."""
    k = key(text)
    if len(k) > 20:
        return None
    return _HEADING.get(k.lower())


# Field labels (in forms, tables and 岗位名称:… lines) → (section or None, field).
LABELS: dict[tuple[str | None, str], tuple[str, ...]] = {
    (None, "title"): ("岗位名称", "职位名称", "岗位", "职位", "职务名称", "名称", "文件名称"),
    (None, "department"): ("所属部门", "部门", "所在部门", "所属单位"),
    (None, "grade"): ("岗位等级", "职级", "职等", "职等职级", "岗位级别", "级别", "岗位序列"),
    (None, "reports_to"): ("直接上级", "上级", "汇报对象", "直属上级", "报告"),
    (None, "subordinates"): ("直接下属", "直接下级", "下属", "督导", "间接下属", "直接下属人数"),
    (None, "headcount"): ("岗位编制", "编制", "定员", "定员标准", "人数", "编制人数"),
    (None, "doc_no"): ("岗位编号", "职位编号", "文件编号", "编号", "编 号"),
    (None, "version"): ("版本", "版本号", "版次"),
    (None, "date"): ("编制日期", "编制修订日期", "生效日期", "修订日期", "日期"),
    (None, "prepared_by"): ("编制人", "编写人", "拟制"),
    (None, "reviewed_by"): ("审核人", "审核"),
    (None, "approved_by"): ("批准人", "批准"),
    (None, "peers"): ("协作部门", "联系", "合作部门"),
    ("relations", "internal"): ("内部关系", "内部联系", "对内", "内部", "内部协调关系"),
    ("relations", "external"): ("外部关系", "外部联系", "对外", "外部", "外部协调关系"),
    ("qualifications", "education"): ("学历", "教育背景", "教育水平", "学历要求", "文化程度",
                                      "教育程度"),
    ("qualifications", "major"): ("专业", "所学专业", "专 业", "专业背景"),
    ("qualifications", "experience"): ("工作经验", "经验", "工作年限", "行业经验", "经验年限"),
    ("qualifications", "age"): ("年龄", "年龄要求"),
    ("qualifications", "gender"): ("性别", "性别要求"),
    ("qualifications", "skills"): ("技能", "专业技能", "知识技能", "技能素质", "管理技能",
                                   "技能要求", "技能技巧"),
    ("qualifications", "knowledge"): ("知识", "业务知识", "专业知识", "知识要求"),
    ("qualifications", "abilities"): ("能力", "能力素质", "能力要求", "核心能力"),
    ("qualifications", "training_history"): ("培训经历", "培训背景", "受训经历"),
    ("qualifications", "certificates"): ("证书", "资格证书", "职业资格", "上岗证"),
    ("qualifications", "languages"): ("语言", "外语", "语言能力"),
    ("qualifications", "health"): ("身体", "健康", "身体状况", "身体条件"),
    ("qualifications", "traits"): ("个性", "素质", "职业素质", "职业素养", "基本素养",
                                   "特殊素养", "个人素质", "性格", "性格及素质"),
    ("qualifications", "other"): ("其他要求", "其他", "其 他", "其它"),
    ("conditions", "hours"): ("工作时间", "工作时段"),
    ("conditions", "environment"): ("工作场所", "环境状况", "工作环境", "环境", "工作地点"),
    ("conditions", "hazards"): ("危险性", "职业病", "职业危害"),
    ("conditions", "intensity"): ("工作强度", "强度"),
    ("career", "promotion"): ("晋升方向", "向上职位", "晋升", "晋升职位"),
    ("career", "lateral"): ("可轮换岗位", "平行职位", "轮换岗位", "可轮换"),
}  # fmt: skip

_LABEL = {key(word): place for place, words in LABELS.items() for word in words}
_LABEL_LINE = re.compile(r"\s*([^:：,，。;；]{1,12}?)\s*[:：]\s*(.*)\Z", re.S)


def field_label(text: str) -> tuple[str | None, str] | None:
    """``(section, field)`` for a field label (``岗位名称``, ``學歷``), else ``None``."""
    k = key(text)
    if not k or len(k) > 12:
        return None
    return _LABEL.get(k)


def split_label(text: str) -> tuple[tuple[str | None, str], str, str] | None:
    """``岗位名称:客服领班`` → (place, the label as written, the value)."""
    m = _LABEL_LINE.match(text)
    if not m:
        return None
    place = field_label(m.group(1))
    if place is None:
        return None
    return place, m.group(1), m.group(2).strip()


# Titles: what a document's first line ends with.
ROLE_TITLE = re.compile(
    r"(岗位说明书|岗位职责|工作职责|职位说明书|岗位工作说明书|工作说明书|岗位描述|岗位职责及工作事项"
    r"|员工岗位职责|职务说明书|说明书)\s*(篇?\d+篇?|\(.*?\)|（.*?）)?\s*\Z"
)
PROC_TITLE = re.compile(
    r"(作业指导书|工作指导书|作业文件|作业流程|工作流程|操作规程|工作程序|服务程序|指导书|"
    r"作业规范|工作规范|标准作业程序|sop)\s*(\d+|\(.*?\)|（.*?）)?\s*\Z",
    re.I,
)


def title_kind(text: str) -> str | None:
    """``role`` / ``procedure`` when ``text`` reads as a document title, else ``None``."""
    simple = text.translate(T2S).strip().rstrip(":：").strip()
    if not simple or len(simple) > 40 or re.search(r"[。;；,，]", simple):
        return None
    if PROC_TITLE.search(simple):
        return "procedure"
    m = ROLE_TITLE.search(simple)
    if m and m.start() > 0:  # 「岗位职责」 alone is a heading; 「客服领班岗位职责」 a title
        return "role"
    return None


def title_name(text: str) -> str:
    """The role or procedure named by a title line, as written (``客服领班岗位职责2`` →
    ``客服领班``); the whole line when nothing is left."""
    stripped = text.strip().rstrip(":：").strip()
    simple = stripped.translate(T2S)
    m = ROLE_TITLE.search(simple)
    if m and m.start() > 0:
        return stripped[: m.start()].strip(" 　-—·:：")
    return stripped
