from . import test_dealer_course
