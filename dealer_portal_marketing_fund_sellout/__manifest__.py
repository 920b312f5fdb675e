{
    "name": "Dealer Portal: Marketing Support with Sell-out",
    "summary": "The sell-out during the activity (and before it) on the dealer's marketing application portal page",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_portal_marketing_fund", "dealer_marketing_fund_sellout"],
    "data": [
        "views/dealer_portal_marketing_fund_templates.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
