from . import res_company
from . import res_config_settings
from . import dealer_grade
from . import dealer_visit_checklist
from . import dealer_visit_checklist_item
from . import dealer_visit
from . import dealer_visit_line
from . import dealer_visit_finding
