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
    "reason-department": "其所属部门有作业指导书",
    "reason-checklist": "有检查表检查其工作",
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
    "file-empty": {
        "message": "文件为空(0 字节)",
        "hint": "文件没有完整保存或复制:请在填写它的软件中重新保存,或向检查人重新索取。",
    },
    "file-corrupt": {
        "message": "无法读取该工作簿:{error}",
        "hint": "请用 Excel、WPS 或 LibreOffice 打开并另存为 .xlsx;若无法打开,说明文件已损坏。",
    },
    "file-encrypted": {
        "message": "该工作簿设置了打开密码",
        "hint": "请打开文件,取消密码(Excel:文件 → 信息 → 保护工作簿 → 用密码进行加密,清空密码)"
        "后重新保存。",
    },
    "file-format": {
        "message": "无法为 “{ext}” 文件评分",
        "hint": "请将表格另存为 .xlsx;sopkit 也能读取 .xlsm、.xls、.xlsb、.ods 和 .csv。",
    },
    "sheet-not-checklist": {
        "message": "工作表 “{sheet}” 中没有找到 sopkit 检查表",
        "hint": "请为 “sopkit checklist” 生成的工作簿评分:其表格有 “编号” 和 “结果” 两列,"
        "表头有文件编号。",
    },
    "sheet-unknown-checklist": {
        "message": "库 {library} 中没有检查表 “{id}”",
        "hint": "请使用包含该检查表的库评分(--lib 文件夹)。",
        "hint_suggest": "是否应为 “{suggestion}”?否则请用 --lib 指定包含它的库。",
    },
    "sheet-wrong-items": {
        "message": "工作表 “{sheet}” 的编号列中没有 {id} 的任何检查项编号",
        "hint": "该表格属于其他检查表,或编号列被改写:"
        "请使用 “sopkit checklist” 生成的新表格重新填写。",
    },
    "sheet-meta-missing": {
        "message": "隐藏工作表 _sopkit 已被删除:已按编号列查找检查项",
        "hint": "只要编号列完好,得分仍然正确;下次请使用 “sopkit checklist” 生成的新表格。",
    },
    "sheet-version": {
        "message": "表格是 {id} 的 {sheet} 版,库中为 {library} 版",
        "hint": "已按库中 {library} 版(分值与题型)评分;"
        "请使用 “sopkit checklist” 生成的现行版表格检查。",
    },
    "sheet-fingerprint": {
        "message": "表格中的检查项与库中 {id} {version} 版不一致",
        "hint": "表格被改动过,或 YAML 修改后未升版;已按库中的定义评分。"
        "请用 “sopkit checklist” 重新生成表格。",
    },
    "sheet-item-row-missing": {
        "message": "检查项 {id} 在表格中没有对应的行",
        "hint": "该行被删除或其编号被修改;该项按未填处理。",
    },
    "sheet-duplicate-row": {
        "message": "检查项 {id} 出现在多行中(第一处在 {other})",
        "hint": "请删除多余的行:只有第一行参与评分。",
    },
    "answer-invalid-check": {
        "message": "“{answer}” 不是检查项 {id} 的有效结果",
        "hint": "请填写 合格、不合格 或 不适用(也接受 √ × 是 否 Y N OK NG 1 0)。",
    },
    "answer-invalid-number": {
        "message": "“{answer}” 不是数字(检查项 {id},{type})",
        "hint": "请填写数字,或 “不适用”。",
    },
    "answer-invalid-count": {
        "message": "“{answer}” 不是发生次数(检查项 {id})",
        "hint": "请填写 0 或正整数,或 “不适用”。",
    },
    "answer-out-of-range": {
        "message": "“{answer}” 超出 0..{points} 的范围(检查项 {id})",
        "hint": "请填写 0 到 {points} 之间的分数,或 “不适用”。",
    },
    "answers-missing": {
        "message": "{count} 个计分项未填写:{ids}",
        "hint": "请填写其 “结果” 单元格,或使用 --missing fail(按不合格计)或 --missing na"
        "(不计入)评分。",
    },
    # --- document control (diff, bump, approve, due, coverage) -----------------------
    "invalid-duration": {
        "message": "“{value}” 不是有效的复审周期",
        "hint": "请写整数加单位:d(天)、w(周)、m(月)或 y(年),例如 1y、6m、90d。",
    },
    "approval-stale": {
        "message": "文件内容在批准后被修改(批准时指纹 {fingerprint},当前内容 {current})",
        "hint": "请将修改送审,然后重新记录批准:sopkit approve {file} --by 姓名",
        # {suggestion} 为 git 历史中自批准内容以来的修改。
        "hint_suggest": "自 {since} 以来的修改:{suggestion}。完整差异:"
        "“sopkit diff {file} --rev {commit}”;审核后重新记录批准:sopkit approve {file} --by 姓名",
    },
    "step-not-inspected": {
        "message": "步骤 {number} 规定了可测量的标准,但检查表 {checklist} 中没有检查项检查它",
        "hint": "请在 {checklist} 中添加 “step: {procedure}#{id}” 的检查项,"
        "或把已有检查项链接到该步骤。",
    },
    "item-without-step": {
        "message": "检查项 {id} 没有链接到作业指导书 {procedure} 的任何步骤",
        "hint": "请加上 “step: {procedure}#步骤编号”,指明该项检查的步骤"
        "(该步骤没有 “id” 时请先加上)。",
    },
    "role-without-procedure": {
        "message": "岗位 {id} 在任何作业指导书中都没有步骤,但{reason}({ref})",
        "hint": "请在其执行的步骤的 “role:” 中写上该岗位,或将其设为所保管记录的 “keeper”。",
    },
    "version-unchanged": {
        "message": "{id} 的内容已修改,但版本仍为 {version}",
        "hint": "请升版并记录修改内容:sopkit bump 文件 --minor --note \"……\"",
    },
    "version-not-newer": {
        "message": "{id} 的版本由 {old} 改为 {new},新版本并不更高",
        "hint": "版本只能升高:请使用高于 {old} 的版本。",
    },
    "bump-style": {
        "message": "版本 {version} 为{style}格式,{option} 不适用",
        "hint": "该文件请使用 {options}。",
    },
    "bump-last-letter": {
        "message": "版本 {version} 的字母已到 Z",
        "hint": "请改为升数字(--minor),或手工重新编排该文件的版本。",
    },
    "bump-date": {
        "message": "新修订记录的日期 {date} 早于最新一条修订记录({previous})",
        "hint": "请用 --date 指定不早于 {previous} 的日期。",
    },
    "edit-would-reformat": {
        "message": "sopkit 无法在不改动其他行格式的情况下修改此文件",
        "hint": "请让文件中所有列表的缩进方式一致(例如两个空格后接 “- ”),或手工修改。",
    },
}

# Labels for manuals and sheets: one key per label, the same keys in every language.
LABELS: dict[str, str] = {
    # --- manuals ---------------------------------------------------------------------
    # --- checklists and score reports ------------------------------------------------
    "sheet.form": "检查表",
    "sheet.doc_id": "文件编号",
    "sheet.version": "版本",
    "sheet.effective": "生效日期",
    "sheet.frequency": "检查频次",
    "sheet.site": "站点",
    "sheet.date": "检查日期",
    "sheet.inspector": "检查人",
    "sheet.inspected": "被检查人",
    "sheet.reviewer": "审核人",
    "sheet.col_id": "编号",
    "sheet.col_item": "检查项目",
    "sheet.col_standard": "检查标准",
    "sheet.col_points": "分值",
    "sheet.col_result": "结果",
    "sheet.col_score": "得分",
    "sheet.col_remarks": "备注",
    "sheet.pass": "合格",
    "sheet.fail": "不合格",
    "sheet.na": "不适用",
    "sheet.section_title": "{n}、{title}",
    "sheet.section_weight": "(权重 {weight})",
    "sheet.rule_scale": "按 0–{points} 分评定",
    "sheet.rule_count": "每次扣 {per} 分,最多扣 {points} 分",
    "sheet.rule_measure": "目标 {target}",
    "sheet.target_between": "{min}–{max}{unit}",
    "sheet.target_min": "≥{min}{unit}",
    "sheet.target_max": "≤{max}{unit}",
    "sheet.prompt_title": "填写说明",
    "sheet.prompt_check": "从下拉列表选择:{pass} / {fail} / {na}。"
    "也可输入:√ × 是 否 Y N OK NG 1 0。",
    "sheet.prompt_scale": "输入 0–{points} 之间的分数;不适用请填“{na}”。",
    "sheet.prompt_count": "输入发生次数(0、1、2……),每次扣 {per} 分,最多扣 {points} 分;"
    "不适用请填“{na}”。",
    "sheet.prompt_measure": "输入实测值({unit}),目标 {target};不适用请填“{na}”。",
    "sheet.prompt_info": "自由填写,不计分。",
    "sheet.error_title": "请核对填写内容",
    "sheet.error_check": "请从下拉列表选择 合格 / 不合格 / 不适用(也接受 √ × 是 否 Y N)。"
    "仍保留此值吗?",
    "sheet.error_number": "请输入填写说明中范围内的数字,或“不适用”。仍保留此值吗?",
    "sheet.error_count": "请输入 0 或正整数,或“不适用”。仍保留此值吗?",
    "sheet.method_percent": "评分方法:百分制(实得分 ÷ 适用分值)",
    "sheet.method_weighted": "评分方法:百分制,各分区得分率按权重加权平均",
    "sheet.method_deduct": "评分方法:扣分制,满分 {total} 分",
    "sheet.pass_mark_text": "合格线 {value} 分",
    "sheet.critical_fail": "★ 关键项:任一关键项不合格,本表即不合格",
    "sheet.critical_zero": "★ 关键项:任一关键项不合格,本表得 0 分",
    "sheet.grades_text": "评级:{bands}",
    "sheet.band": "{name} ≥{min}",
    "sheet.band_sep": ",",
    "sheet.part_sep": ";",
    "sheet.summary": "评分汇总",
    "sheet.section": "分区",
    "sheet.weight": "权重",
    "sheet.applicable": "适用分值",
    "sheet.earned": "实得分",
    "sheet.percentage": "得分率(%)",
    "sheet.critical_failed": "关键项不合格数",
    "sheet.unanswered": "未填项数",
    "sheet.score": "得分",
    "sheet.pass_mark": "合格线",
    "sheet.verdict": "结论",
    "sheet.verdict_pass": "合格",
    "sheet.verdict_fail": "不合格",
    "sheet.verdict_incomplete": "未填完",
    "sheet.grade": "评级",
    "sheet.signature": "{who}(签字):",
    "sheet.sign_date": "日期:",
    "sheet.page": "第 &P 页 / 共 &N 页",
    "score.file": "文件",
    "score.checklist": "检查表",
    "score.title": "名称",
    "score.version": "版本",
    "score.status": "状态",
    "score.score": "得分",
    "score.passed": "是否合格",
    "score.grade": "评级",
    "score.critical_failed": "关键项不合格",
    "score.missing": "未填项",
    "score.invalid": "无效答案",
    "score.warnings": "警告",
    "score.site": "站点",
    "score.date": "检查日期",
    "score.inspector": "检查人",
    "score.inspected": "被检查人",
    "score.yes": "是",
    "score.no": "否",
    "score.status_ok": "已评分",
    "score.status_incomplete": "未填完",
    "score.status_invalid": "有无效答案",
    "score.status_unreadable": "无法读取",
    "score.status_unknown": "无法识别",
    "score.summary_sheet": "汇总",
    "score.actions_sheet": "整改清单",
    "score.item_id": "编号",
    "score.item": "检查项目",
    "score.standard": "检查标准",
    "score.answer": "结果",
    "score.earned": "得分",
    "score.points": "分值",
    "score.critical": "关键项",
    "score.remarks": "备注",
    "score.total": "{files} 个文件:{scored} 个已评分,{passed} 个合格,{failed} 个不合格,"
    "{problems} 个有问题",
    # --- document control (diff, due, coverage) --------------------------------------
    "diff.element.step": "步骤",
    "diff.element.duty": "职责",
    "diff.element.kpi": "考核指标",
    "diff.element.record": "记录",
    "diff.element.item": "检查项",
    "diff.element.section": "分区",
    "diff.element.grade": "评级",
    "diff.element.relation": "工作关系",
    "diff.element.revision": "修订记录",
    "diff.md.added": "新增{what}",
    "diff.md.removed": "删除{what}",
    "diff.md.changed": "修改{what}",
    "diff.md.moved": "移动{what}",
    "diff.moved_from": "原位置 {old}",
    "diff.doc.added": "新文件",
    "diff.doc.removed": "已删除",
    "diff.no_changes": "无变化。",
    "diff.summary": "{documents} 个文件有变化,共 {changes} 处",
    "diff.hint": "提示",
    "due.none": "没有到期需复审的文件。",
    "due.state.overdue": "复审已逾期",
    "due.state.due": "即将到期复审",
    "due.state.draft-overdue": "草稿已过计划生效日期",
    "due.state.draft-due": "草稿即将到计划生效日期",
    "coverage.matrix": "各岗位在各作业指导书中的步骤数",
    "coverage.uncovered": "没有检查项检查的作业步骤",
    "coverage.unlinked": "未链接到步骤的检查项",
    "coverage.idle": "没有作业指导书的岗位",
    "coverage.none": "无",
}
