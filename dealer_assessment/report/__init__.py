from . import dealer_assessment_dashboard
from . import dealer_assessment_xlsx
from . import dealer_scorecard_report
