#!/usr/bin/env python3
"""Build each addon's README.rst from its OCA-style ``readme/`` fragments.

Fragments (reStructuredText, each optional but DESCRIPTION): DESCRIPTION.rst, CONFIGURE.rst, USAGE.rst,
ROADMAP.rst. The title and summary come from the manifest. ``--check`` exits 1 when a README.rst is not
what the fragments give (the tests run it), so a README never drifts from its fragments.
"""
import argparse
import ast
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTIONS = [("DESCRIPTION", None), ("CONFIGURE", "Configuration"), ("USAGE", "Usage"),
            ("ROADMAP", "Known issues / Roadmap")]
NOTICE = ".. This file is generated from readme/*.rst by scripts/gen_readme.py: edit the fragments, not this file."


def addons():
    """Our addons: folders of the repository root holding a manifest and a readme/ folder."""
    for name in sorted(os.listdir(ROOT)):
        if os.path.isfile(os.path.join(ROOT, name, "__manifest__.py")):
            yield name


def render(addon):
    path = os.path.join(ROOT, addon)
    with open(os.path.join(path, "__manifest__.py"), encoding="utf-8") as f:
        manifest = ast.literal_eval(f.read())
    title = manifest["name"]
    parts = [NOTICE, "", "=" * len(title), title, "=" * len(title), "", manifest.get("summary", "") + ".", ""]
    depends = ", ".join(f"``{d}``" for d in manifest.get("depends", []))
    parts += [f"Depends on {depends}" + (" and is installed automatically when they are all there." if
              manifest.get("auto_install") else "."), ""]
    for fragment, heading in SECTIONS:
        fragment_path = os.path.join(path, "readme", f"{fragment}.rst")
        if not os.path.exists(fragment_path):
            if fragment == "DESCRIPTION":
                raise SystemExit(f"{addon}: readme/DESCRIPTION.rst is missing")
            continue
        with open(fragment_path, encoding="utf-8") as f:
            text = f.read().strip()
        if heading:
            parts += [heading, "=" * len(heading), ""]
        parts += [text, ""]
    return "\n".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="report stale READMEs instead of writing them")
    args = parser.parse_args()
    stale = []
    for addon in addons():
        if not os.path.isdir(os.path.join(ROOT, addon, "readme")):
            stale.append(f"{addon}: no readme/ folder")
            continue
        text = render(addon)
        target = os.path.join(ROOT, addon, "README.rst")
        current = open(target, encoding="utf-8").read() if os.path.exists(target) else ""
        if current != text:
            if args.check:
                stale.append(f"{addon}: README.rst differs from its readme/ fragments")
            else:
                with open(target, "w", encoding="utf-8") as f:
                    f.write(text)
                print(f"{addon}: README.rst written")
    if stale:
        print("\n".join(stale))
        print("run `python3 scripts/gen_readme.py` to rebuild them")
        sys.exit(1)


if __name__ == "__main__":
    main()
