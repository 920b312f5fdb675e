"""Each addon's README.rst is the one its readme/ fragments give, and it is valid reStructuredText."""
import os
import subprocess
import sys

import docutils.frontend
import docutils.utils
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
