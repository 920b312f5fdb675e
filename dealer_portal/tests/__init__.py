from . import test_portal_relations
from . import test_portal_announcements
from . import test_security_portal
from . import test_portal_stock_reports
from . import test_portal_apply
from . import test_security_portal_matrix
from . import test_security_portal_forms
