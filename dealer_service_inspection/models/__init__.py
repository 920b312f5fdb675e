from . import dealer_grade
from . import dealer_service_inspection_template
from . import dealer_service_inspection_item
from . import dealer_service_inspection
from . import dealer_service_inspection_line
from . import dealer_service_finding
