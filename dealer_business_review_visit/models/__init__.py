from . import dealer_business_review
