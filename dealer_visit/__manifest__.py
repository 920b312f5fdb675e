{
    "name": "Dealer Visits",
    "summary": "Salespeople's visits of the dealers (拜访): planned per grade on the calendar, checked in on site "
               "from a phone, checklist, photos, findings with deadlines",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_management", "calendar", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_visit_rules.xml",
        "data/dealer_visit_data.xml",
        "data/ir_cron.xml",
        "views/dealer_visit_views.xml",
        "views/dealer_visit_finding_views.xml",
        "views/dealer_visit_checklist_views.xml",
        "views/dealer_grade_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "dealer_visit/static/src/js/geo_buttons.js",
            "dealer_visit/static/src/xml/geo_buttons.xml",
        ],
        "web.assets_tests": ["dealer_visit/static/tests/tours/*.js"],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
    "application": False,
    "auto_install": False,
}
