from . import test_portal_visit_findings
