{
    "name": "Dealer Marketing Fund",
    "summary": "Marketing-support funds (市场支持费用): the dealer applies, the company approves, the dealer proves, "
               "the company verifies (核销) and settles through accounting",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    # account: the settlement is a credit note or a vendor bill; dealer_queue: a large batch settles as one job
    "depends": ["dealer_management", "account", "dealer_queue"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_marketing_fund_rules.xml",
        "data/ir_sequence_data.xml",
        "data/dealer_marketing_activity_type_data.xml",
        "data/product_data.xml",
        "data/queue_job_data.xml",
        "data/ir_cron.xml",
        "views/dealer_marketing_fund_views.xml",
        "views/dealer_marketing_application_views.xml",
        "views/dealer_marketing_activity_type_views.xml",
        "views/dealer_grade_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/dealer_marketing_decision_wizard_views.xml",
        "views/menus.xml",
    ],
    "installable": True,
}
