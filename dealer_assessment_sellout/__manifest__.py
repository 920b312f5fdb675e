{
    "name": "Dealer Assessment: Sell-out KPIs",
    "summary": "Sell-out volume, sell-through, sell-out compliance and forecast accuracy KPIs for dealer assessments",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_assessment", "dealer_sellout"],
    "data": [
        "data/dealer_kpi_data.xml",
    ],
    "pre_init_hook": "pre_init_hook",
    "installable": True,
    "application": False,
    "auto_install": True,
}
