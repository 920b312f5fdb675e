{
    "name": "Dealer Portal: Large Uploads in the Background",
    "summary": "A dealer's stock-report file above the company's threshold of lines is checked and recorded by one "
               "queue_job job; the portal shows its status and the errors of a refused file",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_portal", "dealer_queue"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_portal_queue_rules.xml",
        "data/queue_job_data.xml",
        "views/dealer_portal_stock_report_upload_templates.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
