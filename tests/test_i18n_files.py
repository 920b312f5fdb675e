"""Every term of every addon has a zh_CN translation that keeps the placeholders of its source.

Plain file checks: no Odoo server, no database. `make test` runs them first and stops there when they fail.
"""
import glob
import os
import re

import polib
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# every addon of the repository, bridges included: a new addon is checked without editing this file
ADDONS = sorted(os.path.basename(os.path.dirname(m)) for m in glob.glob(os.path.join(ROOT, "*", "__manifest__.py")))
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")


@pytest.mark.parametrize("addon", ADDONS)
def test_po_complete(addon):
    po = polib.pofile(os.path.join(ROOT, addon, "i18n", "zh_CN.po"))
    pot = polib.pofile(os.path.join(ROOT, addon, "i18n", f"{addon}.pot"))
    untranslated = [e.msgid for e in po if not e.msgstr]
    assert not untranslated, f"{addon}: untranslated terms: {untranslated[:10]}"
    missing = {e.msgid for e in pot} - {e.msgid for e in po}
    assert not missing, f"{addon}: terms of the .pot missing from zh_CN.po: {sorted(missing)[:10]}"


@pytest.mark.parametrize("addon", ADDONS)
def test_po_placeholders(addon):
    po = polib.pofile(os.path.join(ROOT, addon, "i18n", "zh_CN.po"))
    wrong = [
        e.msgid for e in po
        if e.msgstr and sorted(PLACEHOLDER.findall(e.msgid)) != sorted(PLACEHOLDER.findall(e.msgstr))
    ]
    assert not wrong, f"{addon}: placeholders differ in: {wrong[:10]}"


# The suite's Chinese glossary (issue 15): the word a channel manager and a dealer expect, against the one a
# literal translation gives. Each pattern is searched in every translation of every addon.
GLOSSARY = [
    (re.compile(r"分销(?!商)"), "sell-out is 零售/实销 (分销 is a distributor's business)"),
    (re.compile(r"零售销售"), "sell-out is 零售, not 零售销售"),
    (re.compile(r"退出"), "a dealer's exit is 终止合作"),
    (re.compile(r"强制放行"), "the override of the order checks is 特批放行"),
    (re.compile(r"反提议"), "a counter-proposal on a target is 申请调整 / 调整申请"),
    (re.compile(r"未收应收款"), "the open receivable is 应收余额"),
    (re.compile(r"考核记分卡|记分卡"), "the scorecard is 评分卡"),
    (re.compile(r"[\u4e00-\u9fff]\s?[(),;!?]|[(;!?]\s?[\u4e00-\u9fff]"), "full-width punctuation in Chinese sentences"),
]
# placeholders, markup and template expressions are not sentences
NOT_TEXT = re.compile(r"%\([a-z_]+\)[sdf]|%[sd]|\{\{.*?\}\}|<[^>]*>|\$\{.*?\}|&[a-z]+;")


@pytest.mark.parametrize("addon", ADDONS)
def test_po_glossary(addon):
    po = polib.pofile(os.path.join(ROOT, addon, "i18n", "zh_CN.po"))
    wrong = [
        (e.msgid[:60], e.msgstr[:60], why) for e in po for pattern, why in GLOSSARY
        if pattern.search(NOT_TEXT.sub("X", e.msgstr))
    ]
    assert not wrong, f"{addon}: {wrong[:10]}"


@pytest.mark.parametrize("addon", ADDONS)
def test_po_one_meaning_per_source(addon):
    """A source string with two meanings gets two source strings: "New" is only a new record (新建)."""
    po = polib.pofile(os.path.join(ROOT, addon, "i18n", "zh_CN.po"))
    expected = {"New": "新建", "Unread": "未读", "New arrival": "新品", "From": "开始日期", "To": "结束日期"}
    wrong = [(e.msgid, e.msgstr) for e in po if e.msgid in expected and e.msgstr != expected[e.msgid]]
    assert not wrong, f"{addon}: {wrong}"
