from . import test_portal_promotions
