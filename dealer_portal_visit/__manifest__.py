{
    "name": "Dealer Portal: Visit Findings",
    "summary": "Dealers see the findings of their salesperson's visits on the portal and answer them with a note "
               "and photos",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    # the portal (its DealerPortal base: lists, uploads, one-time form tokens) and the visits' findings
    "depends": ["dealer_portal", "dealer_visit"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_portal_visit_rules.xml",
        "views/dealer_portal_visit_templates.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
