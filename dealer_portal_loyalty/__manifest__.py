{
    "name": "Dealer Portal: Trade Promotions",
    "summary": "The portal cart applies the dealer's promotions and coupons before the dealer checks, shows the "
               "rewards and the saving; the catalog badges and /my/promotions list the programs open to the dealer",
    "version": "18.0.1.1.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    # the portal's cart and catalog, and the trade promotions on Odoo's loyalty programs
    "depends": ["dealer_portal", "dealer_loyalty"],
    "data": [
        "data/ir_cron.xml",
        "views/dealer_portal_loyalty_templates.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
