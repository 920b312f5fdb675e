from . import test_portal_business_review_visit
from . import test_portal_phone_tour
