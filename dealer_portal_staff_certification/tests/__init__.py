from . import test_portal_staff_qualification
