from . import dealer_grade_change_wizard
from . import dealer_application_reject_wizard
