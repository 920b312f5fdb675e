{
    "name": "Dealer Background Jobs",
    "summary": "Long dealer work (mass settlements, assessments, large uploads) as OCA queue_job jobs, with its "
               "status and result on the document",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_management", "queue_job"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_queue_rules.xml",
        "data/queue_job_data.xml",
        "views/res_config_settings_views.xml",
        "views/dealer_rebate_views.xml",
        "views/dealer_import_run_views.xml",
    ],
    "installable": True,
}
