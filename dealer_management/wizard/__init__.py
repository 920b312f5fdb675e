from . import dealer_grade_change_wizard
from . import dealer_application_reject_wizard
from . import dealer_complaint_reject_wizard
from . import dealer_complaint_stock_return
from . import dealer_complaint_move_reversal
