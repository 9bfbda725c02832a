"""Write a synthetic, valid sopkit library of N documents for benchmarks.

    python benchmarks/synth.py OUT_DIR --docs 2000 [--seed 1]

Documents have realistic sizes and Chinese text (roles ~4 KB, procedures ~12 KB, checklists
~6 KB) and reference each other: reporting lines form a tree, procedure steps name roles and
records, checklists audit procedures and link items to step ids.

:func:`filled_sheets` writes an inbox of filled checklist forms for ``sopkit score``, each a
different inspection (shared by ``bench_score_json.py`` and ``bench_scaling.py``).
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
import zipfile
from pathlib import Path

WORDS = (  # noqa: SIM905 - a word list reads best as text
    "客户 业主 服务 物业 管理 接待 登记 巡视 检查 记录 报修 回访 投诉 处理 协调 部门 "
    "工程 保洁 安全 秩序 停车 车场 电瓶车 样板房 水吧 讲解 礼仪 仪容 仪表 交接 值班 "
    "培训 考核 档案 收费 催缴 通知 满意度 及时 准确 规范 标准 流程 制度 现场 设备 "
    "设施 卫生 物品 资料 信息 反馈 跟进 上报 审核 批准 执行 落实 监督 指导"
).split()


def text(rng: random.Random, low: int = 6, high: int = 18) -> str:
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))) + "。"


def q(s: str) -> str:
    return '"' + s.replace('"', "'") + '"'


def control(kind: str, doc_id: str, title: str, rng: random.Random) -> list[str]:
    minor = rng.randint(1, 9)
    return [
        f"kind: {kind}",
        f"id: {doc_id}",
        f"title: {title}",
        f'version: "1.{minor}"',
        "effective: 2026-05-01",
        "status: active",
        "owner: 物业客服部",
        "approval:",
        "  prepared_by: 张敏",
        "  reviewed_by: 李强",
        "  approved_by: 王芳",
        "  approved_on: 2026-04-28",
        "revisions:",
        *(
            line
            for v in range(minor, -1, -1)
            for line in (
                f'  - version: "1.{v}"',
                f"    date: 2026-0{max(1, 5 - (minor - v) // 3)}-01",
                "    author: 张敏",
                f"    changes: {text(rng, 3, 6)}",
            )
        ),
    ]


def role(i: int, boss: str | None, rng: random.Random) -> str:
    lines = control("role", f"R-{i:05d}", f"客服岗位{i}", rng)
    lines += [f"department: 部门{i % 7}", "grade: 主管级"]
    if boss:
        lines.append(f"reports_to: {boss}")
    lines += ["headcount: 2", f"summary: {text(rng, 15, 30)}", "duties:"]
    for _ in range(rng.randint(6, 10)):
        lines += [
            f"  - area: {text(rng, 2, 3)[:-1]}",
            f"    description: {text(rng)}",
            "    kpi: 100%完成",
        ]
    lines += ["authorities:", *(f"  - {text(rng)}" for _ in range(3))]
    lines += [
        "kpis:",
        "  - {name: 物业管理费收缴率, target: ≥95%, weight: 40}",
        "  - {name: 客户满意度, target: ≥90%, weight: 60}",
        "relations:",
        "  internal:",
        "    - {party: 工程部, frequency: often}",
        "    - {party: 保安部, frequency: regular}",
        "  external:",
        "    - {party: 供电局, frequency: occasional}",
        "qualifications:",
        "  education: 大专以上",
        "  major: 物业管理",
        "  experience_years: 3",
        f"  experience: {text(rng)}",
        "  skills: [熟练使用办公软件]",
        "  languages: [普通话, 粤语]",
        "  traits: [具有较强的团队合作精神及沟通协调能力]",
        "conditions:",
        "  workdays_per_week: 6",
        "  hours: 根据排班",
        "  environment: 室内",
        "  intensity: 中等",
        "career:",
        f"  promotion: [{boss or '客服经理'}]",
        "training: [客服管理, 领导技巧]",
    ]
    return "\n".join(lines) + "\n"


def procedure(i: int, roles: list[str], rng: random.Random) -> str:
    lines = control("procedure", f"P-{i:05d}", f"作业指导书{i}", rng)
    lines += [
        f"purpose: {text(rng)}",
        f"scope: {text(rng)}",
        "references: [《礼仪守则》]",
        "records:",
        "  - {id: log, title: 交接记录表, frequency: 每班}",
        "  - {id: visit, title: 来访登记表}",
        "steps:",
    ]
    n = 0
    for g in range(rng.randint(5, 7)):
        lines += [f"  - title: 分组{g + 1}", f"    role: {rng.choice(roles)}", "    steps:"]
        for _ in range(rng.randint(5, 8)):
            n += 1
            lines += [f"      - id: s{n}", f"        text: {text(rng, 10, 22)}"]
            if n % 3 == 0:
                lines.append("        records: [log]")
            if n % 4 == 0:
                lines.append("        standard: 距离3-5米")
    return "\n".join(lines) + "\n", n


def checklist(i: int, proc: str, steps: int, role_id: str, rng: random.Random) -> str:
    lines = control("checklist", f"C-{i:05d}", f"检查表{i}", rng)
    lines += [
        f"procedure: {proc}",
        f"roles: [{role_id}]",
        "frequency: 每日",
        "scoring:",
        "  method: percent",
        "  pass: 80",
        "  grades:",
        "    - {name: 优秀, min: 95}",
        "    - {name: 合格, min: 80}",
        "    - {name: 不合格, min: 0}",
        "sections:",
    ]
    k = 0
    for s in range(4):
        lines += [f"  - title: 分区{s + 1}", "    weight: 25", "    items:"]
        for _ in range(rng.randint(6, 9)):
            k += 1
            lines += [
                f"      - id: I{k}",
                f"        text: {text(rng, 6, 12)}",
                f"        standard: {text(rng, 4, 8)}",
                "        points: 5",
                f"        step: {proc}#s{rng.randint(1, steps)}",
            ]
            if k % 10 == 0:
                lines += ["        type: count", "        per: 2", "        critical: true"]
    return "\n".join(lines) + "\n"


def generate(out: Path, docs: int, seed: int = 1) -> Path:
    """Write ``docs`` documents under ``out`` (replaced if it exists)."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for sub in ("roles", "procedures", "checklists"):
        (out / sub).mkdir(parents=True)
    (out / "sopkit.yaml").write_text("organization: 合成物业服务有限公司\nlocale: zh-CN\n", "utf-8")
    n_roles = docs * 6 // 10
    n_procs = docs * 2 // 10
    n_checks = docs - n_roles - n_procs
    roles = []
    for i in range(n_roles):
        boss = roles[(i - 1) // 4] if i else None  # a tree, four reports per manager
        roles.append(f"R-{i:05d}")
        (out / "roles" / f"R-{i:05d}.yaml").write_text(role(i, boss, rng), "utf-8")
    procs = []
    for i in range(n_procs):
        body, steps = procedure(i, roles, rng)
        procs.append((f"P-{i:05d}", steps))
        (out / "procedures" / f"P-{i:05d}.yaml").write_text(body, "utf-8")
    for i in range(n_checks):
        proc, steps = procs[i % len(procs)]
        body = checklist(i, proc, steps, rng.choice(roles), rng)
        (out / "checklists" / f"C-{i:05d}.yaml").write_text(body, "utf-8")
    return out


MARK = "备注 #####"  # an info answer; each sheet's copy holds the sheet's number instead


def filled_sheets(lib: Path, tmp: Path, count: int) -> Path:
    """``count`` filled forms of ``bench_score.make_library``'s checklist in ``tmp/sheets``,
    each a different inspection (an info answer holds its number): copies of one form would
    be flagged ``sheet-duplicate``, which no batch is made of. Ten forms are filled with
    openpyxl; the rest are those ten with the number written into their shared strings,
    which takes a millisecond a sheet instead of an openpyxl save."""
    import openpyxl
    from bench_score import make_sheets

    make_sheets(lib, tmp, 10)
    variants = []
    for path in sorted((tmp / "sheets").iterdir()):
        wb = openpyxl.load_workbook(path)
        ws = wb.worksheets[0]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=5).value == "备注")
        ws.cell(row=row, column=5).value = MARK
        wb.save(path)
        with zipfile.ZipFile(path) as z:
            variants.append([(i, z.read(i)) for i in z.infolist()])
        path.unlink()
    mark = MARK.encode()
    for n in range(count):
        with zipfile.ZipFile(tmp / "sheets" / f"site-{n:05d}.xlsx", "w") as z:
            for info, data in variants[n % len(variants)]:
                if mark in data:
                    data = data.replace(mark, f"备注 {n:05d}".encode())
                z.writestr(info, data)
    return tmp / "sheets"


def best(fn, rounds: int) -> float:
    """The fastest of ``rounds`` runs of ``fn``, in seconds (the least disturbed by noise)."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.docs, args.seed)
    print(f"wrote {args.docs} documents to {args.out}")


if __name__ == "__main__":
    main()
