from . import test_business_review_visit
