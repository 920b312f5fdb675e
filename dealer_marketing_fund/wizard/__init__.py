from . import dealer_marketing_decision_wizard
