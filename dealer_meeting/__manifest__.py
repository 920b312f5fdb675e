{
    "name": "Dealer Meetings",
    "summary": "Dealer meetings and conferences on Odoo events: invitations by grade or territory",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealers",
    "license": "LGPL-3",
    "author": "Dealer Suite",
    "website": "https://example.com/dealer-suite",
    "depends": ["dealer_training"],
    "data": [
        "data/dealer_meeting_data.xml",
        "views/event_event_views.xml",
        "views/menus.xml",
    ],
    "installable": True,
    "application": False,
}
