"""Each addon's README.rst is the one its readme/ fragments give, and it is valid reStructuredText; the README's
KPI example has the signature of the built-in KPIs. The repository's README.md is the product's documentation
(its Addons table from the manifests, its images there, no measured figure) and docs/benchmarks.md holds the
figures, each with its command, date and machine."""
import ast
import datetime
import os
import re
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
    KPI methods, and the record's compute_method names that method (dealer_assessment/tests/test_kpi_example.py
    runs it)."""
    with open(os.path.join(ROOT, "dealer_assessment", "README.rst"), encoding="utf-8") as f:
        doctree = docutils.core.publish_doctree(f.read(), settings_overrides={"report_level": 5})
    section = next(node for node in doctree.findall(docutils.nodes.section)
                   if node.next_node(docutils.nodes.title).astext() == "Adding a KPI")
    blocks = {next(c for c in block["classes"] if c != "code"): block.astext()
              for block in section.findall(docutils.nodes.literal_block)}
    with open(os.path.join(ROOT, "dealer_assessment", "models", "dealer_kpi.py"), encoding="utf-8") as f:
        builtin = set(map(tuple, _kpi_signatures(ast.parse(f.read())).values()))
    assert builtin == {("self", "dealers", "date_from", "date_to", "company")}
    example = _kpi_signatures(ast.parse(blocks["python"]))
    assert list(example.values()) == [["self", "dealers", "date_from", "date_to", "company"]]
    record = lxml.etree.fromstring(blocks["xml"])
    assert record.get("model") == "dealer.kpi"
    assert list(example) == [record.find("field[@name='compute_method']").text]


# ---------------------------------------------------------------- README.md (the product) and docs/benchmarks.md
FIGURE = re.compile(
    r"\b\d[\d,.½]*\s?(ms|s|MiB|GiB|minutes|lines/s|SQL queries)\b"  # a time, a size, a throughput, a query count
    r"|\b\d[\d,]* (passed|failed)\b"                                   # a test count
    r"|(?<!@)\b20\d\d-\d\d-\d\d\b"                                      # the date of a run (not a faketime example)
)


def _read(*path):
    with open(os.path.join(ROOT, *path), encoding="utf-8") as f:
        return f.read()


def test_readme_images_exist():
    """Every image of README.md is a file of the repository, the screenshots among them."""
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", _read("README.md"))
    assert len(images) >= 10
    assert [image for image in images if not os.path.isfile(os.path.join(ROOT, image))] == []
    assert "python3 scripts/screenshot.py" in _read("README.md")  # how they are taken


def test_readme_holds_no_measured_figure():
    """Measured figures live in docs/benchmarks.md, which README.md points to, never in README.md itself."""
    readme = _read("README.md")
    assert "](docs/benchmarks.md)" in readme
    found = [(number, line) for number, line in enumerate(readme.splitlines(), 1) if FIGURE.search(line)]
    assert found == [], "measured figures belong in docs/benchmarks.md"


def _benchmark_sections():
    """{title: {field: value}} of docs/benchmarks.md's sections ("- Command: `…`", "- Date: …", …)."""
    sections = {}
    for block in _read("docs", "benchmarks.md").split("\n## ")[1:]:
        title, _sep, body = block.partition("\n")
        assert title not in sections, f"two sections {title!r}: keep only the latest measurement"
        # a field's value goes on over the indented lines that follow it
        sections[title] = {key: " ".join(value.split())
                           for key, value in re.findall(r"^- (\w+): (.*(?:\n  .*)*)", body, re.M)}
    return sections


def test_benchmarks_doc_says_how_when_and_where():
    """Each figure of docs/benchmarks.md has the command that reproduces it, its date and the machine; the command
    is a target of the Makefile, and `make bench ONLY=x` selects exactly one benchmark script, as the harness does."""
    with open(os.path.join(ROOT, "Makefile"), encoding="utf-8") as f:
        targets = set(re.search(r"^\.PHONY: (.*)$", f.read(), re.M).group(1).split())
    benches = sorted(f for f in os.listdir(os.path.join(ROOT, "bench")) if f.startswith("bench_") and f.endswith(".py"))
    sections = _benchmark_sections()
    assert sections
    measured = set()
    for title, fields in sections.items():
        assert {"Command", "Date", "Machine", "Result"} <= set(fields), title
        assert datetime.date.fromisoformat(fields["Date"][:10]), title
        assert "2-core" in fields["Machine"], title
        command = re.match(r"`([^`]+)`", fields["Command"])
        assert command, f"{title}: the command in back-quotes"
        words = command.group(1).split()
        if words[0] == "make":
            assert words[1] in targets, f"{title}: no target {words[1]} in the Makefile"
            only = [word.removeprefix("ONLY=") for word in words if word.startswith("ONLY=")]
            if only:
                matched = [bench for bench in benches if only[0] in bench]
                assert len(matched) == 1, f"{title}: ONLY={only[0]} selects {matched}"
                measured.add(matched[0])
            measured.add(words[1])
        else:
            assert words[-1] == ".ci/run", f"{title}: {command.group(1)}"
            measured.add(".ci/run")
    # what moved out of README.md: every benchmark script, CI with the test count, demo-check, Odoo's own tests,
    # the large data set
    assert set(benches) | {".ci/run", "demo-check", "test-odoo", "large-data"} <= measured
    assert re.search(r"\*\*[\d,]+ passed, \d+ failed\*\*", sections["Test suite and CI"]["Result"])
