{
    "name": "Dealer Portal",
    "summary": "Dealer self-service on the Odoo portal",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_management", "dealer_assessment", "portal", "sale"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_portal_rules.xml",
        "views/dealer_portal_templates.xml",
        "views/dealer_portal_relations_templates.xml",
    ],
    "installable": True,
}
