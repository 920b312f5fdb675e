from . import test_portal_meeting
