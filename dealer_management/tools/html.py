"""Plain text shown as HTML (activity notes, chatter messages): escaped, never interpreted.

An activity note is an HTML field: a plain string assigned to it is only sanitized, so a link typed by a dealer
(``<a href="http://evil">Open</a>`` in a target comment, an exit reason or its own user name) would reach the
back office as a working link. Odoo's ``plaintext2html`` escapes too, but turns every URL into a link: a note
built from a dealer's text is built with ``text_to_html`` instead.
"""
from markupsafe import Markup


def text_to_html(text):
    """One paragraph of ``text``, every character escaped, its line breaks kept."""
    return Markup("<p>%s</p>") % Markup("<br/>").join(str(text or "").splitlines())
