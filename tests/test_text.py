"""Both languages have the same words: the same keys and the same placeholders."""

from __future__ import annotations

import pkgutil
import string

import pytest

import jiekun.text
from jiekun.text import LANGS, lang_of, table

AREAS = sorted(m.name for m in pkgutil.iter_modules(jiekun.text.__path__))


def placeholders(value) -> set[str]:
    if isinstance(value, str):
        return {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
    if isinstance(value, (tuple, list)):
        return set().union(*(placeholders(v) for v in value)) | {f"#len={len(value)}"}
    if isinstance(value, dict):
        return {f"{k}:{p}" for k, v in value.items() for p in placeholders(v) | {"#key"}}
    return set()


def test_there_are_word_modules():
    assert "report" in AREAS


@pytest.mark.parametrize("area", AREAS)
def test_every_area_has_both_languages_with_the_same_keys(area):
    words = table(area)
    assert set(words) == set(LANGS)
    zh, en = words["zh"], words["en"]
    assert set(zh) == set(en), set(zh) ^ set(en)


@pytest.mark.parametrize("area", AREAS)
def test_placeholders_agree(area):
    zh, en = table(area)["zh"], table(area)["en"]
    bad = {
        k: (placeholders(zh[k]), placeholders(en[k]))
        for k in zh
        if placeholders(zh[k]) != placeholders(en[k])
    }
    assert not bad


@pytest.mark.parametrize("area", AREAS)
def test_no_word_is_empty_in_one_language_only(area):
    zh, en = table(area)["zh"], table(area)["en"]
    assert [k for k in zh if bool(zh[k]) != bool(en[k])] == []


def test_lang_of(monkeypatch):
    monkeypatch.delenv("JIEKUN_LANG", raising=False)
    assert lang_of(None) == "zh" and lang_of("en") == "en" and lang_of("EN") == "en"
    monkeypatch.setenv("JIEKUN_LANG", "en")
    assert lang_of(None) == "en" and lang_of("zh") == "zh"
