from . import dealer_correction_plan_line
from . import res_partner
