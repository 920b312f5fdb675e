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
