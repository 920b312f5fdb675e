from . import dealer_assessment_reopen_wizard
