{
    "name": "Dealer Business Reviews: Visits",
    "summary": "The quarter's visits and the open visit findings on the dealer's business reviews",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_business_review", "dealer_visit"],
    "data": [
        "views/dealer_business_review_views.xml",
        "report/dealer_business_review_report.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
