{
    "name": "Dealer Assessment",
    "summary": "KPI scorecards, ranking and their consequences for dealers",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_management"],
    "data": [
        "security/ir.model.access.csv",
        "views/dealer_assessment_menus.xml",
    ],
    "installable": True,
}
