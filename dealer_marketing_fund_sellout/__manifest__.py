{
    "name": "Dealer Marketing Fund: Sell-out",
    "summary": "The dealer's sell-out during a supported marketing activity (and before it), frozen with the proof",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_marketing_fund", "dealer_sellout"],
    "data": [
        "views/dealer_marketing_activity_type_views.xml",
        "views/dealer_marketing_application_views.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
