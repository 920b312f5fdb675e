{
    "name": "Dealer Portal Service",
    "summary": "Dealers file warranty claims on the serials they sold out, from the portal",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    # the portal (its DealerPortal base: uploads, one-time form tokens) and the warranty claims (dealer_service,
    # which brings dealer_sellout: the serials sold out)
    "depends": ["dealer_portal", "dealer_service"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_portal_service_rules.xml",
        "views/repair_order_views.xml",
        "views/dealer_portal_service_templates.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
