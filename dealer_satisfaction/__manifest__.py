{
    "name": "Dealer Satisfaction",
    "summary": "Dealer satisfaction surveys on Odoo surveys: scores per dealer and period",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_management", "survey"],
    "data": [
        "security/ir.model.access.csv",
        "data/dealer_satisfaction_data.xml",
        "views/dealer_satisfaction_views.xml",
        "views/dealer_satisfaction_menus.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
