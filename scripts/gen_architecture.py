#!/usr/bin/env python3
"""Write docs/architecture.md: the graph of our addons as their manifests declare it.

Reads every ``*/__manifest__.py`` of the repository root (whatever addons exist when it runs) and writes a Mermaid
graph of the dependencies between our addons and of the Odoo apps each one depends on, the auto-install link
modules marked, then a table addon → summary → depends → auto_install. ``--check`` exits 1 when the committed file
is not what the manifests give (tests/test_architecture_doc.py does the same in memory), so the picture never
drifts from the code.
"""
import argparse
import ast
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join("docs", "architecture.md")
NOTICE = ("<!-- generated from the addons' __manifest__.py by scripts/gen_architecture.py: "
          "run `python3 scripts/gen_architecture.py` after changing a manifest, never edit this file -->")


def read_manifests(root=ROOT):
    """{addon: manifest dict} of every folder of ``root`` holding a __manifest__.py, sorted by name."""
    manifests = {}
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name, "__manifest__.py")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                manifests[name] = ast.literal_eval(f.read())
    return manifests


def is_link(manifest):
    """Whether Odoo installs the addon by itself (auto_install: True, or a list of dependencies, even empty)."""
    value = manifest.get("auto_install", False)
    return isinstance(value, (list, tuple)) or bool(value)


def auto_install_text(manifest):
    """The auto_install column: Odoo accepts a boolean or the list of dependencies that trigger it."""
    value = manifest.get("auto_install", False)
    if isinstance(value, (list, tuple)):
        return ("when " + ", ".join(f"`{dep}`" for dep in value) + " are installed") if value else "yes"
    return "yes" if value else "no"


def _odoo_node(app):
    # a prefix keeps Odoo's names (``event``, ``portal``…) clear of Mermaid's keywords and of our addons' ids
    return f"odoo_{app}"


def render_graph(manifests):
    """The Mermaid graph: an arrow from each addon to each addon or Odoo app it depends on."""
    ours = set(manifests)
    odoo_apps = sorted({dep for m in manifests.values() for dep in m.get("depends", []) if dep not in ours})
    lines = ["```mermaid", "graph BT"]
    for addon, manifest in manifests.items():
        label = f"{addon}<br/><i>auto_install</i>" if is_link(manifest) else addon
        lines.append(f'    {addon}["{label}"]')
    lines.append('    subgraph odoo["Odoo 18.0 apps"]')
    lines += [f'        {_odoo_node(app)}(["{app}"])' for app in odoo_apps]
    lines.append("    end")
    for addon, manifest in manifests.items():
        for dep in sorted(manifest.get("depends", [])):
            lines.append(f"    {addon} --> {dep if dep in ours else _odoo_node(dep)}")
    links = [addon for addon, manifest in manifests.items() if is_link(manifest)]
    lines.append("    classDef link stroke-dasharray: 5 5")
    lines.append("    classDef odooapp fill:#f3f0f5,stroke:#714b67")
    if links:
        lines.append(f"    class {','.join(links)} link")
    if odoo_apps:
        lines.append(f"    class {','.join(_odoo_node(app) for app in odoo_apps)} odooapp")
    lines.append("```")
    return lines


def table_cell(text):
    """Text for one cell of a Markdown table."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_table(manifests):
    lines = ["| addon | summary | depends | auto_install |", "|---|---|---|---|"]
    for addon, manifest in manifests.items():
        depends = ", ".join(f"`{dep}`" for dep in manifest.get("depends", []))
        lines.append(f"| `{addon}` | {table_cell(manifest.get('summary', ''))} | {depends} | "
                     f"{auto_install_text(manifest)} |")
    return lines


def render(root=ROOT):
    """The text of docs/architecture.md for the manifests found under ``root``."""
    manifests = read_manifests(root)
    links = sum(1 for m in manifests.values() if is_link(m))
    lines = [
        NOTICE,
        "",
        "# Addon graph",
        "",
        f"The {len(manifests)} addons of this repository as their manifests declare them. An arrow goes from an "
        "addon to what it depends on; the Odoo apps it needs are in the box. A dashed addon "
        f"(*auto_install*, {links} of them) is a link module: Odoo installs it by itself as soon as everything it "
        "depends on is installed, as it does with its own `sale_stock` or `event_sale`.",
        "",
    ]
    lines += render_graph(manifests)
    lines += ["", "## Addons", ""]
    lines += render_table(manifests)
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help=f"exit 1 when {TARGET} is stale instead of writing it")
    args = parser.parse_args()
    text = render()
    path = os.path.join(ROOT, TARGET)
    current = None
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            current = f.read()
    if current == text:
        print(f"{TARGET} is up to date")
        return
    if args.check:
        print(f"{TARGET} differs from the manifests: run `python3 scripts/gen_architecture.py`")
        sys.exit(1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{TARGET} written")


if __name__ == "__main__":
    main()
