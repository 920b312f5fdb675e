{
    "name": "Dealer Trade Promotions",
    "summary": "Trade promotions (促销: 满减、买赠、折扣、代金券) on Odoo's loyalty programs, limited to dealer "
               "grades, territories and named dealers, with a budget, applied before the dealer order checks",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    # not a link module: a company without trade promotions installs neither loyalty nor this addon
    "depends": ["dealer_management", "sale_loyalty"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_loyalty_rules.xml",
        "views/loyalty_program_views.xml",
        "report/dealer_loyalty_report_views.xml",
        "views/menus.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": False,
}
