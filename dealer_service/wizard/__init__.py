from . import dealer_claim_reject_wizard
