{
    "name": "Dealer Portal: Business Reviews with Visits",
    "summary": "The quarter's visits and the open visit findings on the dealer's business review portal page",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_portal_business_review", "dealer_business_review_visit"],
    "data": [
        "views/dealer_portal_business_review_templates.xml",
    ],
    "assets": {
        "web.assets_tests": ["dealer_portal_business_review_visit/static/tests/tours/*.js"],
    },
    "installable": True,
    "application": False,
    "auto_install": True,
}
