from . import visit_finding
