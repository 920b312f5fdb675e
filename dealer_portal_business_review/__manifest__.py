{
    "name": "Dealer Portal: Business Reviews",
    "summary": "The dealer's owner reads its business reviews on the portal: figures, minutes, agreed actions, PDF",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_portal", "dealer_business_review"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_portal_business_review_rules.xml",
        "views/dealer_portal_business_review_templates.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
