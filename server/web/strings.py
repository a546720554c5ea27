"""The words the page scripts show, translated on the server and handed over as JSON."""

from flask_babel import lazy_gettext as _l

COMMON = {
    "phase.setup": _l("Getting ready"),
    "phase.forum": _l("Open forum"),
    "phase.cafe": _l("World Café"),
    "phase.harvest": _l("Harvest"),
    "phase.closed": _l("Closed"),
    "status.connecting": _l("Connecting…"),
    "status.online": _l("Live"),
    "status.reconnecting": _l("Reconnecting…"),
    "status.offline": _l("Offline"),
    "role.participant": _l("Participant"),
    "role.host": _l("Table host"),
    "role.rapporteur": _l("Rapporteur"),
    "role.animator": _l("Animator"),
    "people.one": _l("1 person here"),
    "people.other": _l("%(n)s people here"),
    "people.none": _l("Nobody yet: be the first!"),
    "no_organisation": _l("No organisation"),
    "error.offline": _l("You are offline; try again when the connection is back."),
    "error.timeout": _l("The server did not answer in time; try again."),
    "gone.deleted": _l("This workshop has been deleted."),
    "copied": _l("Copied"),
}

SURFACES = {
    "home": {
        "created": _l("Workshop created"),
        "error.generic": _l("Something went wrong; please check the form."),
    },
    "phone": {
        "welcome": _l("Welcome, %(name)s."),
        "next.setup": _l(
            "The workshop starts soon. Keep this page open: it will show you what to do."
        ),
        "next.forum": _l("The open forum is starting: topics will appear here."),
        "next.cafe": _l("The World Café is running: your table will appear here."),
        "next.harvest": _l("The harvest is under way: the synthesis will appear here."),
        "next.closed": _l("The workshop is over. Thank you for taking part!"),
        "gone.removed": _l("The facilitator removed you from this workshop."),
        "gone.not_joined": _l("Your place in this workshop was not found. Join again below."),
        "saved": _l("Saved"),
    },
    "screen": {
        "join_at": _l("Join at"),
        "localhost_warning": _l(
            "Phones cannot reach this address. Start the server with HOST=0.0.0.0 "
            "or set CAFE_PUBLIC_URL."
        ),
    },
    "console": {
        "confirm.next": _l("Move the workshop to the phase “%(phase)s”?"),
        "confirm.back": _l("Go back to the phase “%(phase)s”?"),
        "confirm.remove": _l(
            "Remove %(name)s? Their phone will be disconnected and can no longer join "
            "with the same link."
        ),
        "confirm.delete": _l(
            "This deletes the workshop, its participants and everything they wrote, for good. "
            "Type the code %(code)s to confirm."
        ),
        "deleted": _l("The workshop has been deleted."),
        "saved": _l("Saved"),
        "remove": _l("Remove"),
        "unauthorized": _l(
            "This console link is not valid. Open the secret link you received when you "
            "created the workshop."
        ),
        "none": _l("Nobody has joined yet. Show the screen: the QR code leads here."),
    },
}


def strings_for(surface: str) -> dict[str, str]:
    """Return the translated strings a surface's script needs, for the current locale."""
    merged = {**COMMON, **SURFACES.get(surface, {})}
    return {key: str(value) for key, value in merged.items()}
