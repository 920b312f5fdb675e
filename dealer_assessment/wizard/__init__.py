from . import dealer_assessment_reopen_wizard
from . import dealer_assessment_proposal_wizard
