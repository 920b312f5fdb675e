{
    "name": "Dealer Portal Training Materials",
    "summary": "Training materials of the dealer's grade on the portal, downloaded through a checked route",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_portal", "dealer_training_material"],
    "data": [
        "views/dealer_portal_training_material_templates.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
