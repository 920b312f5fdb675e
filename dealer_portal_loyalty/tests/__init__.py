from . import test_portal_promotions
from . import test_portal_cart_quotation
from . import test_portal_cart_race
