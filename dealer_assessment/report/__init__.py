from . import dealer_assessment_dashboard
from . import dealer_assessment_xlsx
