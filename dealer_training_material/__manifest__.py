{
    "name": "Dealer Training Materials",
    "summary": "Library of training documents per product and topic, published to dealers by grade",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_training"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_training_material_rules.xml",
        "views/dealer_training_material_views.xml",
        "views/menus.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": False,
}
