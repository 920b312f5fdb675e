{
    "name": "Dealer Assessment: Visit KPIs",
    "summary": "Visit coverage and findings follow-up KPIs of the dealers' visits for dealer assessments",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_assessment", "dealer_visit"],
    "data": [
        "data/dealer_kpi_data.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
