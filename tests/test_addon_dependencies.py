"""The addons' shape, read from the manifests (no server, no database).

`dealer_management` must not pull apps that only some companies want into a database: training (`event`),
satisfaction (`survey`) and the quotation templates of `sale_management` join through bridges that install
themselves when both sides are there, as Odoo's own `sale_stock` and `event_sale` do.
"""
import ast
import glob
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BRIDGES = {
    "dealer_training": {"dealer_management", "event"},
    "dealer_satisfaction": {"dealer_management", "survey"},
    "dealer_portal_training": {"dealer_portal", "dealer_training"},
    "dealer_portal_sellout": {"dealer_portal", "dealer_sellout"},
    "dealer_portal_queue": {"dealer_portal", "dealer_queue"},
    "dealer_portal_assessment": {"dealer_portal", "dealer_assessment"},
    "dealer_portal_service": {"dealer_portal", "dealer_service"},
    "dealer_service": {"dealer_sellout", "repair"},
    "dealer_service_satisfaction": {"dealer_service", "dealer_satisfaction"},
    # the KPIs computed from another feature's data (issue 16)
    "dealer_assessment_sellout": {"dealer_assessment", "dealer_sellout"},
    "dealer_assessment_service": {"dealer_assessment", "dealer_service_inspection"},
    "dealer_assessment_training": {"dealer_assessment", "dealer_training"},
    "dealer_assessment_satisfaction": {"dealer_assessment", "dealer_satisfaction"},
    # the field force (issue 19)
    "dealer_assessment_visit": {"dealer_assessment", "dealer_visit"},
    "dealer_portal_visit": {"dealer_portal", "dealer_visit"},
    # the dealer's people (issue 19)
    "dealer_staff_certification": {"dealer_management", "survey"},
    "dealer_elearning": {"dealer_management", "website_slides_survey"},
    "dealer_portal_staff_certification": {"dealer_portal", "dealer_staff_certification"},
    "dealer_portal_training_material": {"dealer_portal", "dealer_training_material"},
    "dealer_assessment_staff_certification": {"dealer_assessment_training", "dealer_staff_certification"},
    "dealer_assessment_elearning": {"dealer_assessment_training", "dealer_elearning"},
    # the business reviews' sections and portal pages, the meetings' portal registrations (issue 19)
    "dealer_business_review_assessment": {"dealer_business_review", "dealer_assessment"},
    "dealer_business_review_service_inspection": {"dealer_business_review", "dealer_service_inspection"},
    "dealer_portal_business_review": {"dealer_portal", "dealer_business_review"},
    "dealer_business_review_visit": {"dealer_business_review", "dealer_visit"},
    "dealer_portal_business_review_visit": {"dealer_portal_business_review", "dealer_business_review_visit"},
    "dealer_portal_meeting": {"dealer_portal_training", "dealer_meeting"},
    # the marketing-support funds' portal pages (issue 17)
    "dealer_portal_marketing_fund": {"dealer_portal", "dealer_marketing_fund"},
    # the sell-out during a supported activity, on the application and its portal page (issue 17)
    "dealer_marketing_fund_sellout": {"dealer_marketing_fund", "dealer_sellout"},
    "dealer_portal_marketing_fund_sellout": {"dealer_portal_marketing_fund", "dealer_marketing_fund_sellout"},
    # trade promotions on the portal cart (issue 17)
    "dealer_portal_loyalty": {"dealer_portal", "dealer_loyalty"},
}
FEATURES = ["dealer_sellout", "dealer_service", "dealer_service_inspection", "dealer_training",
            "dealer_satisfaction", "dealer_visit"]
# `"dealer.sellout" in self.env`, `hasattr(self.env["event.event"], ...)`: asking whether an addon is installed
PROBE = re.compile(r"""["'][a-z_]+(\.[a-z_]+)+["']\s+(not\s+)?in\s+self\.env\b|hasattr\(\s*self\.env\[""")
OPTIONAL_APPS = ["event", "survey", "sale_management", "website"]


def _addons_paths():
    """This repository, then Odoo's addons folders (the package's and, for a source install, the tree's)."""
    import odoo.addons

    paths = [ROOT]
    for path in odoo.addons.__path__:
        paths.append(path)
        # a source install keeps the standard addons in <tree>/addons, next to the odoo package
        sibling = os.path.join(os.path.dirname(os.path.dirname(path)), "addons")
        if path.rstrip(os.sep).endswith(os.path.join("odoo", "addons")) and os.path.isdir(sibling):
            paths.append(sibling)
    odoo_path = os.environ.get("ODOO_PATH")
    if odoo_path:
        paths += [os.path.join(odoo_path, "addons"), os.path.join(odoo_path, "odoo", "addons")]
    return [path for path in dict.fromkeys(os.path.realpath(p) for p in paths) if os.path.isdir(path)]


PATHS = _addons_paths()


def manifest(module):
    """The module's manifest, from the first addons folder that has it (Odoo's search order)."""
    for path in PATHS:
        manifest_path = os.path.join(path, module, "__manifest__.py")
        if os.path.isfile(manifest_path):
            with open(manifest_path, encoding="utf-8") as f:
                values = ast.literal_eval(f.read())
            # Odoo's defaults (odoo.modules.module.load_manifest)
            return dict({"depends": [], "auto_install": False, "application": False, "installable": True}, **values)
    pytest.fail(f"module {module} not found in {PATHS}", pytrace=False)


def dependency_closure(module):
    """Every module installed with `module` by its `depends` (auto-install bridges not included)."""
    closure, todo = set(), [module]
    while todo:
        name = todo.pop()
        if name in closure:
            continue
        closure.add(name)
        todo.extend(manifest(name)["depends"])
    return closure


def test_closure_is_computed_from_odoo_manifests():
    closure = dependency_closure("dealer_management")
    # guards the test itself: Odoo's manifests were found and followed
    assert {"base", "sale", "sale_stock", "account", "stock", "mail", "portal"} <= closure


@pytest.mark.parametrize("app", OPTIONAL_APPS)
def test_dealer_management_does_not_pull_app(app):
    assert app not in dependency_closure("dealer_management")


@pytest.mark.parametrize("addon", ["dealer_assessment", "dealer_portal"])
def test_core_addons_do_not_pull_event_or_survey(addon):
    closure = dependency_closure(addon)
    assert not closure & {"event", "survey"}, f"{addon} pulls {sorted(closure & {'event', 'survey'})}"


@pytest.mark.parametrize("bridge", sorted(BRIDGES))
def test_bridge_depends_on_both_sides(bridge):
    assert set(manifest(bridge)["depends"]) == BRIDGES[bridge]


@pytest.mark.parametrize("bridge", sorted(BRIDGES))
def test_bridge_is_auto_install(bridge):
    bridge_manifest = manifest(bridge)
    # `True`: Odoo installs the bridge as soon as all of its depends are installed
    assert bridge_manifest["auto_install"] is True
    assert not bridge_manifest["application"]
    assert bridge_manifest["installable"]


def test_every_auto_install_addon_is_a_checked_bridge():
    """No bridge escapes the two tests above: each addon of the repository installing itself is in BRIDGES."""
    addons = sorted(os.path.basename(os.path.dirname(path))
                    for path in glob.glob(os.path.join(ROOT, "*", "__manifest__.py")))
    assert set(BRIDGES) <= set(addons)
    assert sorted(addon for addon in addons if manifest(addon)["auto_install"]) == sorted(BRIDGES)


def test_portal_does_not_pull_the_assessment():
    """The portal reaches the scorecards and correction plans through dealer_portal_assessment."""
    assert "dealer_assessment" not in dependency_closure("dealer_portal")


def test_assessment_does_not_pull_the_features_it_measures():
    closure = dependency_closure("dealer_assessment")
    assert not closure & set(FEATURES), f"dealer_assessment pulls {sorted(closure & set(FEATURES))}"


def test_no_model_asks_whether_an_addon_is_installed():
    """What joins two addons lives in a link module depending on both, never behind a probe in one of them."""
    found = []
    for path in sorted(glob.glob(os.path.join(ROOT, "dealer_*", "models", "*.py"))):
        with open(path, encoding="utf-8") as f:
            found += [f"{os.path.relpath(path, ROOT)}:{number}: {line.strip()}"
                      for number, line in enumerate(f, 1) if PROBE.search(line)]
    assert found == []


def test_probe_pattern_finds_the_probes():
    """Guards the test above: the pattern matches the probes it is meant to find, not ordinary lookups."""
    assert PROBE.search('if "dealer.sellout" in self.env:')
    assert PROBE.search('return "survey.survey" not in self.env')
    assert PROBE.search('hasattr(self.env["event.event"], "_dealer_training_completion")')
    assert not PROBE.search('self.env["dealer.sellout"].search([])')
    assert not PROBE.search('if "default_partner_id" in self.env.context:')
