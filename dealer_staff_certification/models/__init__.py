from . import dealer_staff_position
from . import dealer_staff_requirement
from . import res_partner
from . import dealer_staff_qualification
