#!/usr/bin/env python3
"""Fill empty msgstr entries of the addons' zh_CN.po files from JSON files {msgid: translation}.

Usage: python3 scripts/i18n_fill.py translations.json [more.json ...]
Run `make i18n` first so that the .po files hold every current term.
"""
import json
import os
import sys

import polib  # an Odoo requirement

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# every addon of the repository (a folder with a __manifest__.py)
ADDONS = sorted(d for d in os.listdir(ROOT) if os.path.isfile(os.path.join(ROOT, d, "__manifest__.py")))


def main(paths):
    translations = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            translations.update(json.load(f))
    for addon in ADDONS:
        po_path = os.path.join(ROOT, addon, "i18n", "zh_CN.po")
        if not os.path.exists(po_path):
            continue
        po = polib.pofile(po_path)
        filled = missing = 0
        for entry in po:
            if entry.msgstr:
                continue
            if translations.get(entry.msgid):
                entry.msgstr = translations[entry.msgid]
                filled += 1
            else:
                missing += 1
        po.save(po_path)
        print(f"{addon}: {filled} filled, {missing} still untranslated")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
