from . import dealer_kpi
from . import dealer_kpi_compute
from . import dealer_assessment_template
from . import dealer_assessment
from . import dealer_scorecard
