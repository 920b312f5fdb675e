from . import test_sellout
