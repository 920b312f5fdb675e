from . import dealer_grade_change_wizard
from . import dealer_application_reject_wizard
from . import dealer_contract_amend_wizard
from . import dealer_contract_renew_wizard
from . import dealer_target_adjust_wizard
from . import dealer_target_split_wizard
from . import dealer_order_override_wizard
from . import dealer_rebate_generate_wizard
