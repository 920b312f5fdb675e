from . import dealer_customer_survey_mixin
from . import survey_survey
from . import survey_user_input
from . import dealer_sellout
from . import repair_order
from . import res_config_settings
