from . import warranty_claim
