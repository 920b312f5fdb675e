{
    "name": "Dealer Assessment Staff Certification",
    "summary": "The training completion KPI counts the staff certifications each dealer's positions require",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_assessment_training", "dealer_staff_certification"],
    "data": [],
    "installable": True,
    "application": False,
    "auto_install": True,
}
