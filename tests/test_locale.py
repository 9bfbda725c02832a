"""The catalogues are complete: every code and label in every language, same placeholders."""

from __future__ import annotations

import string

import pytest

from sopkit.locale import LANGS, catalogue, normalize_lang

CATALOGUES = {lang: catalogue(lang) for lang in LANGS}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_same_codes_and_labels_in_every_language():
    zh, en = CATALOGUES["zh-CN"], CATALOGUES["en"]
    assert set(zh.MESSAGES) == set(en.MESSAGES)
    assert set(zh.LABELS) == set(en.LABELS)
    assert set(zh.TERMS) == set(en.TERMS)


@pytest.mark.parametrize("code", sorted(CATALOGUES["en"].MESSAGES))
def test_every_code_has_message_and_hint_with_the_same_placeholders(code):
    en, zh = CATALOGUES["en"].MESSAGES[code], CATALOGUES["zh-CN"].MESSAGES[code]
    assert set(en) == set(zh) and {"message", "hint"} <= set(en)
    for part in en:
        assert en[part].strip() and zh[part].strip()
        assert _fields(en[part]) == _fields(zh[part]), part


def test_language_names():
    assert normalize_lang("zh") == normalize_lang("zh_cn") == "zh-CN"
    assert normalize_lang("EN") == "en"
    with pytest.raises(ValueError):
        normalize_lang("fr")
