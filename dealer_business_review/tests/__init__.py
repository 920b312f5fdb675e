from . import test_business_review
from . import test_business_review_actions
from . import test_business_review_race
from . import test_business_review_report
from . import test_security_business_review
