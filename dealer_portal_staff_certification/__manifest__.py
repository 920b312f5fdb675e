{
    "name": "Dealer Portal Staff Certification",
    "summary": "The dealer owner sees on the portal which of its people hold the certifications their position needs",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_portal", "dealer_staff_certification"],
    "data": [
        "views/dealer_portal_staff_certification_templates.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
