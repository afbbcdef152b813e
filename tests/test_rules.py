"""Rules: profiles, the TOML file, and messages that name the bad key."""

from __future__ import annotations

import tomllib

import pytest
from typer.testing import CliRunner

from jiekun.cli.app import app
from jiekun.errors import RulesError
from jiekun.model.rules import Rules, build_rules, load_rules
from jiekun.model.rules_template import default_rules_toml

runner = CliRunner()


def test_defaults_are_the_survey_profile():
    r = Rules()
    assert [(t.label, t.max_per_capita) for t in r.tiers] == [("特困职工", 245.0), ("困难职工", 280.0)]
    assert r.inclusive and (r.male_split, r.female_split) == (50, 40)


def test_dibao_profile_needs_an_amount():
    r = build_rules(profile="dibao", dibao=930)
    assert [t.max_per_capita for t in r.tiers] == [930.0, 1860.0]
    with pytest.raises(RulesError, match="--dibao"):
        build_rules(profile="dibao")


def test_default_file_round_trips(tmp_path):
    text = default_rules_toml()
    tomllib.loads(text)
    p = tmp_path / "rules.toml"
    p.write_text(text, encoding="utf-8")
    assert load_rules(p).tiers == Rules().tiers


def test_file_settings_apply(tmp_path):
    p = tmp_path / "r.toml"
    p.write_text(
        """
[[tiers]]
label = "特困"
max_per_capita = 300
[[tiers]]
label = "困难"
max_per_capita = 400
[age_groups]
male_split = 55
[education]
"扫盲班" = "junior_or_below"
[causes]
illness = ["慢性病"]
[aliases]
household_income = ["家庭收入合计"]
""",
        encoding="utf-8",
    )
    r = load_rules(p)
    assert [t.max_per_capita for t in r.tiers] == [300, 400]
    assert r.male_split == 55 and r.education_values()["扫盲班"] == "junior_or_below"
    assert r.cause_words()["慢性病"] == "illness"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('profile = "survey"\n[age_groups]\nmale_split = "fifty"\n', "第 3 行的 'age_groups.male_split'"),
        ('[[tiers]]\nlabel = "x"\nmax_per_capita = -5\n', "第 3 行的 'max_per_capita'"),
        ('[education]\n"扫盲班" = "primary"\n', "'education.扫盲班'"),
        ("colour = 1\n", "第 1 行的 'colour'"),
        ("[checks\n", "不是有效的 TOML"),
    ],
)
def test_bad_file_names_key_and_line(tmp_path, text, needle):
    p = tmp_path / "bad.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as e:
        load_rules(p)
    assert needle in str(e.value)


def test_rules_command_init_and_show(tmp_path):
    out = tmp_path / "规则.toml"
    r = runner.invoke(app, ["rules", "--init", str(out)])
    assert r.exit_code == 0 and out.exists()
    again = runner.invoke(app, ["rules", "--init", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    shown = runner.invoke(app, ["rules", "--rules", str(out)])
    assert shown.exit_code == 0 and "特困职工" in shown.output and "245" in shown.output


def test_bad_rules_file_exits_2_without_traceback(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text("[age_groups]\nmale_split = -1\n", encoding="utf-8")
    r = runner.invoke(app, ["rules", "--rules", str(p)])
    assert r.exit_code == 2
    assert "male_split" in r.output and "Traceback" not in r.output


def test_rules_errors_exist_in_both_languages(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text('profile = "survey"\n[age_groups]\nmale_split = "fifty"\n', encoding="utf-8")
    with pytest.raises(RulesError) as e:
        load_rules(p)
    assert (
        e.value.message("zh")
        == f"规则文件 {p} 第 3 行的 'age_groups.male_split' 有误：应为非负整数，实际是 'fifty'。"
    )
    assert e.value.message("en") == (
        f"Rules file {p}, line 3: 'age_groups.male_split' is wrong: "
        "it should be a whole number of 0 or more, not 'fifty'."
    )
    with pytest.raises(RulesError) as e:
        build_rules(profile="dibao")
    assert "--dibao 930" in e.value.message("en") and "低保方案需要当地低保标准" in e.value.message("zh")


def test_built_in_tier_names_come_in_both_languages():
    assert [(t.label, t.label_en) for t in build_rules(profile="dibao", dibao=900).tiers] == [
        ("深度困难", "Deep hardship"),
        ("相对困难", "Relative hardship"),
    ]
    assert [t.label_en for t in Rules().tiers] == ["Extreme hardship", "Hardship"]


def test_rules_command_speaks_jiekun_lang(tmp_path):
    """``rules`` has no --lang: it follows JIEKUN_LANG, like the messages of errors."""
    shown = runner.invoke(app, ["rules", "--profile", "dibao", "--dibao", "930"], env={"JIEKUN_LANG": "en"})
    assert shown.exit_code == 0
    assert "Rules in force (defaults)" in shown.output and "Tier 1" in shown.output and "930" in shown.output
    assert "当前规则" not in shown.output
    out = tmp_path / "rules.toml"
    assert runner.invoke(app, ["rules", "--init", str(out)], env={"JIEKUN_LANG": "en"}).exit_code == 0
    again = runner.invoke(app, ["rules", "--init", str(out)], env={"JIEKUN_LANG": "en"})
    assert again.exit_code == 2 and "Error: " in again.output and "Add --force" in again.output
