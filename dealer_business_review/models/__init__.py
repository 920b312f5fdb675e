from . import dealer_business_review
from . import dealer_business_review_action
from . import res_partner
