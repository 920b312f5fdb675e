from . import test_staff_qualification
