{
    "name": "Dealer Portal Training",
    "summary": "Dealer trainings on the dealer portal: list them and register the dealer's people",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_portal", "dealer_training"],
    "data": [
        "views/dealer_portal_training_templates.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
