from . import test_portal_relations
from . import test_portal_announcements
from . import test_security_portal
from . import test_portal_pages_roles
from . import test_portal_pages
from . import test_security_portal_pages
