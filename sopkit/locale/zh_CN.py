"""简体中文目录。"""

TERMS = {
    "text": "文字",
    "number": "数字",
    "integer": "整数",
    "list": "列表",
    "mapping": "映射(“键: 值”若干行)",
    "boolean": "true 或 false",
    "date": "日期",
    "nothing": "空值",
    "role": "岗位",
    "procedure": "作业指导书",
    "checklist": "检查表",
    "dotted": "数字点分式(1.2)",
    "letter": "字母/数字式(A/1)",
}

MESSAGES = {
    # --- 读取文件 ------------------------------------------------------------------
    "encoding": {
        "message": "文件不是 UTF-8 编码,看起来是 {encoding}",
        "hint": "请另存为 UTF-8(记事本/WPS:另存为 → 编码选 UTF-8),"
        "或转换:iconv -f GB18030 -t UTF-8 旧.yaml > 新.yaml",
    },
    "unreadable": {
        "message": "无法读取文件:{error}",
        "hint": "请确认文件存在并且有读取权限。",
    },
    "empty-document": {
        "message": "文件是空的",
        "hint": "请写入以 “kind: role”“kind: procedure” 或 “kind: checklist” "
        "开头的文档,或删除该文件。",
    },
    "multiple-documents": {
        "message": "文件中有不止一个 YAML 文档(出现了第二个 “---”)",
        "hint": "每个文件只放一个文档:把 “---” 之后的内容移到新文件中。",
    },
    "yaml-syntax": {
        "message": "YAML 语法错误:{problem}",
        "hint": "请检查本行和上一行的缩进、括号和引号;含有 “: ” 或以 [ {{ * & ! | > "
        "开头的文字需要加引号。",
    },
    "yaml-tab": {
        "message": "使用了制表符(Tab),YAML 这里只能用空格",
        "hint": "把 Tab 换成空格(每级缩进两个空格)。",
    },
    "undefined-alias": {
        "message": "使用了别名(*名称),但没有对应的锚点(&名称)",
        "hint": "请直接写出完整内容;sopkit 文档不需要锚点和别名。",
    },
    "too-many-nodes": {
        "message": "文档展开后超过 {limit} 个值",
        "hint": "请删除锚点(&)和别名(*):它们会成倍放大数据,sopkit 文档不需要它们。",
    },
    "too-deep": {
        "message": "文档嵌套超过 {limit} 层",
        "hint": "请减少嵌套层级;别名引用自身的锚点(&a [*a])也会造成此问题。",
    },
    "complex-key": {
        "message": "键必须是普通文字",
        "hint": "键写成简单的单词加冒号,例如 “title:”。",
    },
    "duplicate-key": {
        "message": "同一块中键 “{key}” 出现了两次(第一次在第 {first_line} 行)",
        "hint": "删除其中一个或合并内容,否则其中一个会被悄悄丢弃。",
    },
    "unsupported-tag": {
        "message": "不允许使用标签 {tag}",
        "hint": "删除该标签:只写文字、数字、列表和 “键: 值” 行。",
    },
    "not-a-mapping": {
        "message": "文档应由 “键: 值” 行组成,实际是{found}",
        "hint": "文件开头应是 “kind: role”、“id: KF-LB” 这样的行。",
    },
    # --- 字段 ----------------------------------------------------------------------
    "unknown-kind": {
        "message": "未知的文档类型 “{value}”",
        "hint": "请写 “kind: role”(岗位说明书)、“kind: procedure”(作业指导书)或 "
        "“kind: checklist”(检查表)。",
        "hint_suggest": "是不是想写 “kind: {suggestion}”?",
    },
    "missing-field": {
        "message": "缺少必填字段 “{field}”",
        "hint": "请在这一块中加一行 “{field}: …”。",
    },
    "unknown-key": {
        "message": "未知的键 “{key}”",
        "hint": "这里可用的键:{allowed}。自定义的键请以 “x-” 开头,sopkit 会忽略它们。",
        "hint_suggest": "是不是想写 “{suggestion}”?这里可用的键:{allowed}。",
    },
    "invalid-choice": {
        "message": "“{value}” 不是 “{field}” 的有效取值",
        "hint": "请写以下之一:{allowed}。",
        "hint_suggest": "是不是想写 “{suggestion}”?可选:{allowed}。",
    },
    "wrong-type": {
        "message": "“{field}” 应为{expected},实际是{found}",
        "hint": "请在这里写{expected}。",
    },
    "invalid-date": {
        "message": "“{value}” 不是 “{field}” 的有效日期",
        "hint": "日期格式为 年-月-日,例如 2026-05-01。",
    },
    "invalid-id": {
        "message": "“{value}” 不是有效的编号",
        "hint": "编号只能用字母、数字、“.”、“_”、“-”,以字母或数字开头,最长 64 个字符,例如 KF-LB。",
    },
    "empty-value": {
        "message": "“{field}” 不能为空",
        "hint": "请填写内容;如果是可选字段,也可以删除这一行。",
    },
    "out-of-range": {
        "message": "“{field}” 为 {value},但必须{limit}",
        "hint": "请写一个{limit}的值。",
    },
    "invalid-value": {
        "message": "“{field}”:{detail}",
        "hint": "请对照 README 中的格式说明检查该值。",
    },
    "version-not-string": {
        "message": "版本号 {raw} 被写成了数字",
        "hint": '请加引号:"{raw}"(不加引号时 YAML 会把 1.10 读成数字 1.1)。',
    },
    "invalid-version": {
        "message": "“{value}” 不是有效的版本号",
        "hint": '请写成数字点分式("1"、"1.1"、"2.0.3")或字母/数字式("A/0"、"B/2"),并加引号。',
    },
    # --- 文档规则 ------------------------------------------------------------------
    "revision-version-mismatch": {
        "message": "最新的修订记录是 {first},但文档版本是 {version}",
        "hint": "请在 “revisions” 最前面加一条版本 {version} 的记录,或更正 “version”。",
    },
    "revision-order": {
        "message": "修订记录 {version} 不比上一条({previous})旧",
        "hint": "修订记录按从新到旧排列,每条的版本都要低于上一条。",
    },
    "revision-date-order": {
        "message": "修订日期 {date} 晚于上一条记录({previous})",
        "hint": "修订记录按从新到旧排列:日期不能往下递增。",
    },
    "version-style-mixed": {
        "message": "版本 “{value}” 是{found},但本文档使用{style}版本号",
        "hint": "同一文档只用一种版本格式:全部数字点分式(1.2)或全部字母/数字式(A/1)。",
    },
    "approved-after-effective": {
        "message": "批准日期 {approved_on} 晚于生效日期 {effective}",
        "hint": "文件应先批准后生效:请核对两个日期。",
    },
    "kpi-weights-partial": {
        "message": "有的考核指标写了权重,这一条没有",
        "hint": "请给每个指标都写权重(合计 100),或者全部不写。",
    },
    "kpi-weights-sum": {
        "message": "考核指标权重合计为 {total},不是 100",
        "hint": "请调整权重,使合计正好为 100。",
    },
    "section-weights-partial": {
        "message": "有的分区写了权重,这一个没有",
        "hint": "请给每个分区都写权重,或者全部不写。",
    },
    "step-empty": {
        "message": "步骤需要 “text” 或 “title”",
        "hint": "请加上 “text: …” 写明要做什么,或用 “title: …” 作为一组步骤的标题。",
    },
    "empty-group": {
        "message": "“steps” 是空列表",
        "hint": "请在 “steps” 下至少写一个步骤,或删除 “steps” 这一行。",
    },
    "duplicate-step-id": {
        "message": "步骤编号 “{id}” 在本作业指导书中用了两次(第一次在第 {first_line} 行)",
        "hint": "同一作业指导书中步骤编号不能重复:请改掉其中一个。",
    },
    "duplicate-record-id": {
        "message": "记录编号 “{id}” 在本作业指导书中用了两次(第一次在第 {first_line} 行)",
        "hint": "同一作业指导书中记录编号不能重复:请改掉其中一个。",
    },
    "duplicate-item-id": {
        "message": "检查项编号 “{id}” 在本检查表中用了两次(第一次在第 {first_line} 行)",
        "hint": "同一检查表中检查项编号不能重复:请改掉其中一个,例如把 A2 改为 A3。",
    },
    "grades-order": {
        "message": "等级 “{name}”(最低分 {min})没有低于上一个等级(最低分 {previous})",
        "hint": "等级请按最低分从高到低排列。",
    },
    "grades-last": {
        "message": "最后一个等级 “{name}” 的最低分是 {min},不是 0",
        "hint": "最后一个等级的最低分应为 0,例如 {{name: 不合格, min: 0}}。",
    },
    "pass-range": {
        "message": "及格线 {value} 不在 0..{max} 范围内",
        "hint": "请写 0 到 {max} 之间的及格线。",
    },
    "item-points": {
        "message": "检查项 {id}({type})需要大于 0 的 “points”(分值)",
        "hint": "请加上 “points: 5”(任意大于 0 的数);只有 info 类检查项不计分。",
    },
    "item-target": {
        "message": "测量类检查项 {id} 需要 “target”(目标范围)",
        "hint": "请加上 “target: {{min: 3, max: 5}}”(上下限可只写一个)。",
    },
    "target-range": {
        "message": "目标下限 {min} 大于上限 {max}",
        "hint": "请交换这两个值。",
    },
    "item-per": {
        "message": "计次类检查项 {id} 需要 “per”(每次扣分)",
        "hint": "请加上 “per: 2”(任意大于 0 的数)。",
    },
    "field-not-for-type": {
        "message": "“{field}” 不适用于 {type} 类检查项,将被忽略",
        "hint": "请删除 “{field}”,或修改检查项的 “type”。",
    },
    # --- 文档库 --------------------------------------------------------------------
    "duplicate-id": {
        "message": "编号 “{id}” 已被 {other} 使用",
        "hint": "文档编号在整个文档库中必须唯一(不区分大小写):请修改其中一个。",
    },
    "unknown-role": {
        "message": "文档库中没有编号为 “{id}” 的岗位",
        "hint": "请写已有岗位的编号(可用 “sopkit list” 查看),或先添加该岗位。",
        "hint_suggest": "是不是想写 “{suggestion}”?",
    },
    "unknown-procedure": {
        "message": "文档库中没有编号为 “{id}” 的作业指导书",
        "hint": "请写已有作业指导书的编号(可用 “sopkit list” 查看)。",
        "hint_suggest": "是不是想写 “{suggestion}”?",
    },
    "unknown-record": {
        "message": "本作业指导书的 “records” 中没有记录 “{id}”",
        "hint": "请在 “records:” 下添加该记录(编号和名称),或更正编号。",
        "hint_suggest": "是不是想写 “{suggestion}”?",
    },
    "unknown-step": {
        "message": "作业指导书 {procedure} 中没有编号为 “{id}” 的步骤",
        "hint": "请在 {procedure} 中给该步骤加上 “id: {id}”,或更正链接。",
        "hint_suggest": "是不是想写 “{procedure}#{suggestion}”?",
    },
    "bad-step-link": {
        "message": "“{value}” 不是有效的步骤链接",
        "hint": "请写成 作业指导书编号#步骤编号,例如 XC-SOP-01#arrive。",
    },
    "wrong-kind-reference": {
        "message": "“{id}” 是{found},不是{expected}",
        "hint": "这里请写一个{expected}的编号。",
    },
    "reporting-cycle": {
        "message": "汇报关系形成循环:{cycle}",
        "hint": "请修改其中一个岗位的 “reports_to”,使汇报链最终止于最高岗位。",
    },
    "no-documents": {
        "message": "没有找到任何文档",
        "hint": "请在该文件夹中放入以 “kind: role|procedure|checklist” 开头的 *.yaml 文件。",
    },
    # --- workbooks and scoring (sopkit/workbook.py, sopkit/scoring.py) ---------------
    # --- document control (diff, bump, approve, due, coverage) -----------------------
}

# Labels for manuals and sheets: one key per label, the same keys in every language.
LABELS: dict[str, str] = {
    # --- manuals ---------------------------------------------------------------------
    # --- checklists and score reports ------------------------------------------------
}
