"""The 文字说明: a paragraph of the figures, the kind a work summary (工作总结) states.

``narrative(tally)`` turns a :class:`~jiekun.model.tallies.Tally` into prose a clerk can
paste into a report::

    全区共有职工33724人，困难职工（含特困）3456人，占10.2%；其中特困职工1058人，占3.1%。
    特困职工中，男50岁以下612人，男50岁及以上140人，女40岁及以上196人，女40岁以下110人；
    初中及以下692人，高中(含中专)345人，大专及以上21人。……

Every number comes from the tally; nothing is rounded except the shares (one
decimal, as the survey reports print them).
"""

from __future__ import annotations

from jiekun.model.labels import hardship_label
from jiekun.model.tallies import Tally
from jiekun.text import pct

#: How many causes the paragraph names (the most frequent first).
TOP_CAUSES = 5


def _zh_n(n: int) -> str:
    return str(n)


def _en_n(n: int) -> str:
    return f"{n:,}"


def _groups(tally: Tally, status: str, lang: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(age–gender, education) as (label, count) for one status, unknown only when non-zero."""
    out = []
    for dim in ("age_gender", "education"):
        rows = tally.rows(dim, lang)
        out.append([(r["label"], r[status]) for r in rows if r["key"] != "unknown" or r[status]])
    return out[0], out[1]


def _causes(tally: Tally, lang: str) -> list[tuple[str, int]]:
    rows = [r for r in tally.rows("cause", lang) if r["hardship"]]
    rows.sort(key=lambda r: -r["hardship"])  # stable: survey order among equals
    return [(r["label"], r["hardship"]) for r in rows[:TOP_CAUSES]]


def narrative(tally: Tally, lang: str = "zh", *, area: str | None = None) -> str:
    """The 文字说明 paragraph of a tally, in Chinese (``lang="zh"``) or English.

    ``area`` is the word the paragraph opens with (default 全区; a county union
    passes 全县). English ignores it.
    """
    if not tally.workers:
        return "The roster lists no workers." if lang == "en" else f"{area or '全区'}共有职工0人。"
    return _en(tally) if lang == "en" else _zh(tally, area or "全区")


def _zh(t: Tally, area: str) -> str:
    n = _zh_n
    w, h, e = t.workers, t.hardship, t.extreme
    first = t.rules.tier_label(0, "zh")
    parts = [
        f"{area}共有职工{n(w)}人，{hardship_label(t.rules)}{n(h)}人，占{pct(h, w)}；"
        f"其中{first}{n(e)}人，占{pct(e, w)}。"
    ]
    status, who = ("extreme", first) if e else ("hardship", "困难职工")
    if e or h:
        ag, edu = _groups(t, status, "zh")
        ag_txt = "，".join(f"{label.replace('未知', '年龄或性别不详')}{n(c)}人" for label, c in ag)
        edu_txt = "，".join(f"{label.replace('未知', '文化程度不详')}{n(c)}人" for label, c in edu)
        parts.append(f"{who}中，{ag_txt}；{edu_txt}。")
    causes = _causes(t, "zh")
    if causes:
        listed = "，".join(f"{label}{n(c)}人次" for label, c in causes)
        more = "等" if len([r for r in t.rows("cause") if r["hardship"]]) > len(causes) else ""
        parts.append(f"困难职工的致困原因（按原因计数，一人可有多个原因）主要是：{listed}{more}。")
    if t.undetermined:
        parts.append(
            f"另有{n(t.undetermined)}人因收入或家庭人口缺失、有误，无法判定是否困难，详见“问题数据”表。"
        )
    if t.duplicates:
        parts.append(f"花名册中有{n(t.duplicates)}行身份证号重复，已不重复计数。")
    return "".join(parts)


def _en(t: Tally) -> str:
    n = _en_n
    w, h, e = t.workers, t.hardship, t.extreme
    first = t.rules.tier_label(0, "en")
    low = first[0].lower() + first[1:]
    parts = [
        f"The roster lists {n(w)} workers; {n(h)} ({pct(h, w)}) are in hardship "
        f"({low} included), of whom {n(e)} ({pct(e, w)}) are in {low}."
    ]
    status, who = ("extreme", f"the workers in {low}") if e else ("hardship", "the workers in hardship")
    if e or h:
        ag, edu = _groups(t, status, "en")
        ag_txt = ", ".join(f"{label.lower()}: {n(c)}" for label, c in ag)
        edu_txt = ", ".join(f"{label.lower()}: {n(c)}" for label, c in edu)
        parts.append(f"Among {who}: {ag_txt}; by education, {edu_txt}.")
    causes = _causes(t, "en")
    if causes:
        listed = ", ".join(f"{label.lower()} ({n(c)})" for label, c in causes)
        parts.append(
            f"The main causes of hardship (counted per cause; a worker may name several) are {listed}."
        )
    if t.undetermined:
        parts.append(
            f"A further {n(t.undetermined)} worker{'s' if t.undetermined != 1 else ''} could not be "
            "classified because income or household size is missing or wrong (see the Problems sheet)."
        )
    if t.duplicates:
        rows = (
            "1 row repeats an ID number and is"
            if t.duplicates == 1
            else f"{n(t.duplicates)} rows repeat ID numbers and are"
        )
        parts.append(f"{rows} not counted twice.")
    return " ".join(parts)
