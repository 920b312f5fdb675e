from . import test_portal_business_review_visit
