{
    "name": "Dealer Assessment eLearning",
    "summary": "The training completion KPI counts the eLearning courses of each dealer's grade its people finished",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_assessment_training", "dealer_elearning"],
    "data": [],
    "installable": True,
    "application": False,
    "auto_install": True,
}
