from . import business_review
