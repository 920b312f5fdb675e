#!/usr/bin/env python3
"""Build each addon's README.rst from its OCA-style ``readme/`` fragments.

Fragments (Markdown as OCA's 18.0 template has them, or reStructuredText; each optional but DESCRIPTION):
DESCRIPTION, CONFIGURE, USAGE, ROADMAP (``.md`` or ``.rst``). Markdown is turned into reStructuredText for the
little it uses: ``- `` bullets and ``**bold**`` are the same in both, `` `code` `` becomes double back-quotes,
``# headings`` get underlined and ``[text](url)`` becomes a reST link. The title and summary come from the
manifest. It also writes the *Addons* table of the repository's README.md (between its two ``addons`` markers)
from the manifests: each addon linked to its README.rst, its summary and how it is installed. ``--check`` exits 1
when a README.rst is not what the fragments give or the table not what the manifests give (tests/test_readme.py
runs it), so a README never drifts from its fragments nor the table from the addons that exist.
"""
import argparse
import ast
import os
import re
import sys

from gen_architecture import is_link, read_manifests, table_cell

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTIONS = [("DESCRIPTION", None), ("CONFIGURE", "Configuration"), ("USAGE", "Usage"),
            ("ROADMAP", "Known issues / Roadmap")]
NOTICE = ".. This file is generated from readme/ by scripts/gen_readme.py: edit the fragments, not this file."
HEADING_CHARS = {1: "=", 2: "-", 3: "~"}
TABLE_START = "<!-- addons: generated from the manifests by scripts/gen_readme.py, do not edit -->"
TABLE_END = "<!-- /addons -->"


def md_to_rst(text):
    """The Markdown of our fragments as reStructuredText."""
    lines = []
    for line in text.splitlines():
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        if heading:
            title = heading.group(2).strip()
            lines += [title, HEADING_CHARS[len(heading.group(1))] * len(title)]
            continue
        # `code` → ``code``; reST needs a break after a literal followed by a letter: ``access_url``\ s
        line = re.sub(r"(?<!`)`([^`]+)`(?!`)(\w?)", lambda m: f"``{m[1]}``" + (f"\\ {m[2]}" if m[2] else ""), line)
        line = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"`\1 <\2>`_", line)
        lines.append(line)
    return "\n".join(lines)


def read_fragment(folder, fragment):
    """The fragment as reStructuredText, or None when the addon has none."""
    for ext in ("md", "rst"):
        path = os.path.join(folder, f"{fragment}.{ext}")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                text = f.read().strip()
            return md_to_rst(text) if ext == "md" else text
    return None


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
    depends = [f"``{d}``" for d in manifest.get("depends", [])]
    listed = ", ".join(depends[:-1]) + " and " + depends[-1] if len(depends) > 1 else "".join(depends)
    installed = "; installed automatically when they are all there" if manifest.get("auto_install") else ""
    parts += [f"Depends on {listed}{installed}.", ""]
    for fragment, heading in SECTIONS:
        text = read_fragment(os.path.join(path, "readme"), fragment)
        if text is None:
            if fragment == "DESCRIPTION":
                raise SystemExit(f"{addon}: readme/DESCRIPTION.md is missing")
            continue
        if heading:
            parts += [heading, "=" * len(heading), ""]
        parts += [text, ""]
    return "\n".join(parts)


def addons_table(manifests):
    """The Addons table of README.md: addon (linked to its README.rst), what it does, how it is installed."""
    lines = ["| addon | what it does | installed |", "|---|---|---|"]
    for addon, manifest in manifests.items():
        if is_link(manifest):
            # auto_install may name the dependencies that trigger it; True means all of them
            triggers = manifest["auto_install"] if isinstance(manifest["auto_install"], list) else manifest["depends"]
            installed = "automatically with " + " + ".join(f"`{dep}`" for dep in triggers)
        else:
            installed = "when you install it"
        lines.append(f"| [`{addon}`]({addon}/README.rst) | {table_cell(manifest.get('summary', ''))} | {installed} |")
    return "\n".join(lines)


def render_root_readme(text, manifests):
    """README.md's text with the table between the markers rebuilt (the markers must be there)."""
    start, end = text.find(TABLE_START), text.find(TABLE_END)
    if start < 0 or end < start:
        raise SystemExit(f"README.md: the markers {TABLE_START} and {TABLE_END} are missing")
    return text[:start] + TABLE_START + "\n" + addons_table(manifests) + "\n" + text[end:]


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
    readme = os.path.join(ROOT, "README.md")
    with open(readme, encoding="utf-8") as f:
        current = f.read()
    text = render_root_readme(current, read_manifests(ROOT))
    if current != text:
        if args.check:
            stale.append("README.md: the Addons table differs from the manifests")
        else:
            with open(readme, "w", encoding="utf-8") as f:
                f.write(text)
            print("README.md: Addons table written")
    if stale:
        print("\n".join(stale))
        print("run `python3 scripts/gen_readme.py` to rebuild them")
        sys.exit(1)


if __name__ == "__main__":
    main()
