"""docs/architecture.md is what scripts/gen_architecture.py draws from the manifests today, and the layout rules it
stands for hold (every cron in data/ir_cron.xml of its addon). Plain pytest: no server, no database."""
import glob
import importlib.util
import os
import textwrap

import lxml.etree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location("gen_architecture", os.path.join(ROOT, "scripts", "gen_architecture.py"))
gen_architecture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen_architecture)


def test_architecture_doc_is_up_to_date():
    with open(os.path.join(ROOT, "docs", "architecture.md"), encoding="utf-8") as f:
        committed = f.read()
    assert committed == gen_architecture.render(), (
        "docs/architecture.md differs from the addons' manifests: run python3 scripts/gen_architecture.py")


def _manifest(root, addon, text):
    os.makedirs(os.path.join(root, addon))
    with open(os.path.join(root, addon, "__manifest__.py"), "w", encoding="utf-8") as f:
        f.write(textwrap.dedent(text))


def test_generator_draws_whatever_addons_exist(tmp_path):
    """A new addon is in the graph and the table as soon as its manifest exists; a link module is marked."""
    root = str(tmp_path)
    _manifest(root, "dealer_base", '{"name": "Base", "summary": "Core | rules", "depends": ["sale_stock", "mail"]}')
    _manifest(root, "dealer_kpi_x", '{"name": "X", "summary": "Joins", "depends": ["dealer_base", "event"], '
                                    '"auto_install": True}')
    _manifest(root, "dealer_partial", '{"name": "P", "depends": ["dealer_base", "survey"], '
                                      '"auto_install": ["survey"]}')
    os.makedirs(os.path.join(root, "not_an_addon"))  # a folder without a manifest is not drawn
    text = gen_architecture.render(root)
    for edge in ("dealer_kpi_x --> dealer_base", "dealer_kpi_x --> odoo_event", "dealer_base --> odoo_sale_stock",
                 "dealer_base --> odoo_mail", "dealer_partial --> odoo_survey"):
        assert f"    {edge}\n" in text
    assert '        odoo_event(["event"])\n' in text  # an Odoo app sits in the Odoo box, ours never do
    assert "odoo_dealer_base" not in text and "not_an_addon" not in text
    assert "    class dealer_kpi_x,dealer_partial link\n" in text
    assert '    dealer_base["dealer_base"]\n' in text
    assert "| `dealer_base` | Core \\| rules | `sale_stock`, `mail` | no |" in text
    assert "| `dealer_kpi_x` | Joins | `dealer_base`, `event` | yes |" in text
    assert "| `dealer_partial` |  | `dealer_base`, `survey` | when `survey` are installed |" in text
    assert "The 3 addons of this repository" in text and "2 of them" in text


def test_crons_live_in_data_ir_cron_xml():
    """Every ir.cron record of an addon is in its data/ir_cron.xml, and that file is in the manifest's data."""
    cron_file = os.path.join("data", "ir_cron.xml")
    misplaced, unlisted = [], []
    for addon, manifest in gen_architecture.read_manifests().items():
        addon_dir = os.path.join(ROOT, addon)
        for path in glob.glob(os.path.join(addon_dir, "**", "*.xml"), recursive=True):
            relative = os.path.relpath(path, addon_dir)
            if relative.startswith("static"):
                continue  # the web client's templates, never data
            crons = lxml.etree.parse(path).xpath("//record[@model='ir.cron']")
            if crons and relative != cron_file:
                misplaced += [f"{addon}/{relative}: {cron.get('id')}" for cron in crons]
        if os.path.exists(os.path.join(addon_dir, cron_file)) and "data/ir_cron.xml" not in manifest.get("data", []):
            unlisted.append(addon)
    assert not misplaced, "ir.cron records outside data/ir_cron.xml: " + ", ".join(misplaced)
    assert not unlisted, "data/ir_cron.xml missing from the manifest of: " + ", ".join(unlisted)
