{
    "name": "Dealer Assessment: Service Quality KPIs",
    "summary": "Service quality KPIs (售后服务监管) for dealer assessments, from the service inspections",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_assessment", "dealer_service_inspection"],
    "data": [
        "data/dealer_kpi_data.xml",
    ],
    "pre_init_hook": "pre_init_hook",
    "installable": True,
    "application": False,
    "auto_install": True,
}
