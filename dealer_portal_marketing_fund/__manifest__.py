{
    "name": "Dealer Portal Marketing Fund",
    "summary": "Dealers see their marketing-support funds, apply for support and submit proof on the portal",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    # the portal (its DealerPortal base: uploads, one-time form tokens) and the funds and applications
    "depends": ["dealer_portal", "dealer_marketing_fund"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_portal_marketing_fund_rules.xml",
        "views/dealer_portal_marketing_fund_templates.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
