{
    "name": "Dealer Portal: Meetings",
    "summary": "Invited dealers register their people to dealer meetings on the portal's training page",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_portal_training", "dealer_meeting"],
    "data": [],
    "installable": True,
    "application": False,
    "auto_install": True,
}
