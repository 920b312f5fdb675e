"""Each addon's README.rst is the one its readme/ fragments give, and it is valid reStructuredText; the README's
KPI example has the signature of the built-in KPIs."""
import ast
import os
import subprocess
import sys

import docutils.core
import docutils.frontend
import docutils.nodes
import docutils.utils
import lxml.etree
import pytest
from docutils.parsers.rst import Parser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = sorted(d for d in os.listdir(ROOT) if os.path.isfile(os.path.join(ROOT, d, "__manifest__.py")))


def test_readmes_match_their_fragments():
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_readme.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("addon", ADDONS)
def test_readme_is_valid_rst(addon):
    with open(os.path.join(ROOT, addon, "README.rst"), encoding="utf-8") as f:
        text = f.read()
    messages = []
    settings = docutils.frontend.get_default_settings(Parser)
    settings.report_level = 5  # collect the messages instead of printing them
    document = docutils.utils.new_document(f"{addon}/README.rst", settings)
    document.reporter.attach_observer(
        lambda msg: messages.append(msg.astext()) if msg["level"] >= docutils.utils.Reporter.WARNING_LEVEL else None
    )
    Parser().parse(text, document)
    assert not messages, "\n".join(messages)


def _kpi_signatures(tree):
    """{method name: argument names} of the _kpi_<code> methods (not the _available checks) in a module's AST."""
    return {
        node.name: [arg.arg for arg in node.args.args]
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name.startswith("_kpi_") and not node.name.endswith("_available")
    }


def test_readme_kpi_example_has_the_builtin_signature():
    """The "Adding a KPI" example of dealer_assessment's README: the method has the signature of the built-in
    KPI methods, and the record's code names that method (dealer_assessment/tests/test_kpi_example.py runs it)."""
    with open(os.path.join(ROOT, "dealer_assessment", "README.rst"), encoding="utf-8") as f:
        doctree = docutils.core.publish_doctree(f.read(), settings_overrides={"report_level": 5})
    section = next(node for node in doctree.findall(docutils.nodes.section)
                   if node.next_node(docutils.nodes.title).astext() == "Adding a KPI")
    blocks = {next(c for c in block["classes"] if c != "code"): block.astext()
              for block in section.findall(docutils.nodes.literal_block)}
    with open(os.path.join(ROOT, "dealer_assessment", "models", "dealer_kpi_compute.py"), encoding="utf-8") as f:
        builtin = set(map(tuple, _kpi_signatures(ast.parse(f.read())).values()))
    assert builtin == {("self", "dealers", "date_from", "date_to", "company")}
    example = _kpi_signatures(ast.parse(blocks["python"]))
    assert list(example.values()) == [["self", "dealers", "date_from", "date_to", "company"]]
    record = lxml.etree.fromstring(blocks["xml"])
    assert record.get("model") == "dealer.kpi"
    code = record.find("field[@name='code']").text
    assert list(example) == [f"_kpi_{code}"]
