"""`cafe demo --format forum-ouvert`: a forum ouvert of forty people, four spaces and
three slots, played through: the marketplace filled, people moving between sessions,
notes, reports, comments in the amendment window, the proceedings final.

Everything goes through the store's one write path, as the phones would.
"""

import datetime as dt

from ..domain import secrets
from ..domain.notes import Note
from ..domain.workshop import clean_details
from ..store import Store

START = dt.datetime(2026, 3, 12, 8, 30, tzinfo=dt.UTC).timestamp()  # 9:30 in Paris

DETAILS = {
    "theme": "Coopérer entre entreprises d'un même territoire",
    "date": "2026-03-12", "place": "Maison des associations, Lyon",
    "organisations": ["ATE Conseil", "Latitude", "Via Storia", "C-L'Org"],
    "animators": ["Claire", "Alexia"], "rapporteurs": ["Alexia"], "language": "fr",
    "format": "forum-ouvert",
}
SPACES = [("Salle Rhône", 30), ("Salle Saône", 20), ("Coin jardin", 12), ("Atelier", 15)]
SLOTS = [("Matin 1", "10:00", "11:15"), ("Matin 2", "11:30", "12:45"),
         ("Après-midi", "14:00", "15:15")]
FIRST = ["Claire", "Alexia", "Marc", "Sophie", "Julie", "Pierre", "Thomas", "Nadia",
         "Laurent", "Émilie", "Hugo", "Inès", "Karim", "Lucie", "Mathieu", "Nora", "Olivier",
         "Paula", "Quentin", "Rania", "Samuel", "Tania", "Ugo", "Valérie", "William", "Yasmine",
         "Zoé", "Antoine", "Bérénice", "Cyril", "Delphine", "Étienne", "Fanny", "Gaël",
         "Hélène", "Igor", "Jeanne", "Kevin", "Léa", "Malik"]
ORGS = ["ATE Conseil", "Latitude", "Via Storia", "C-L'Org", "Pierre Garnier Toiture"]
# slot, space, convener (index in FIRST), title, description
SESSIONS = [
    (0, 0, 2, "Mutualiser un poste de commercial", "à deux ou trois entreprises"),
    (0, 1, 3, "Répondre ensemble aux appels d'offres", "groupements momentanés"),
    (0, 2, 4, "Une charte de coopération", ""),
    (0, 3, 5, "Partager un atelier et ses machines", ""),
    (1, 0, 6, "Former ensemble nos apprentis", "un parcours commun"),
    (1, 1, 7, "Les achats groupés", "énergie, fournitures"),
    (1, 2, 8, "Se faire confiance entre concurrents", ""),
    (2, 0, 9, "Un annuaire des compétences du territoire", ""),
    (2, 1, 10, "Coopérer avec les collectivités", ""),
    (2, 3, 11, "Et après ? Suivre nos engagements", "qui fait quoi d'ici juin"),
]
POINTS = ["Les besoins se recoupent plus qu'on ne croit", "Commencer petit, sur un cas concret",
          "La confiance se construit en faisant ensemble"]
RECOMMENDATIONS = ["Tester sur six mois avec deux entreprises volontaires",
                   "Écrire une convention simple"]


def create_openspace_demo(store: Store) -> tuple[str, str, str]:
    """Create the forum ouvert demo; return its code, console key and screen key."""
    key, screen = secrets.new_secret(), secrets.new_secret()
    workshop = store.workshops.create(clean_details(DETAILS), secrets.hash_secret(key), START,
                                      screen_digest=secrets.hash_secret(screen))
    code = workshop.code
    people = [store.participants.join(code, {"name": name, "organisation": ORGS[i % 5],
                                             "language": "fr"}, secrets.new_secret(),
                                      START - 900 + i * 10) for i, name in enumerate(FIRST)]
    for name, capacity in SPACES:
        store.openspace.save_space(code, None, {"name": name, "capacity": capacity})
    for label, start, end in SLOTS:
        store.openspace.save_slot(code, None, {"label": label, "start": start, "end": end})
    layout = store.openspace.layout(code)
    store.workshops.set_phase(code, "forum", START)
    sessions = []
    for index, (slot, space, convener, title, description) in enumerate(SESSIONS):
        who = (people[convener].id, people[convener].name)
        sessions.append(store.openspace.convene(
            code, {"title": title, "description": description}, layout.spaces[space].id,
            layout.slots[slot].id, who, START + index * 40)["session"])
    store.workshops.set_phase(code, "cafe", START + 1800)
    for slot_index, slot in enumerate(layout.slots):
        store.openspace.set_slot_now(code, slot.id)
        here = [s for s in sessions if s["slot"] == slot.id]
        for i, person in enumerate(people):
            convened = [s for s in here if person.id in s["conveners"]]
            first = convened[0] if convened else here[(i + slot_index) % len(here)]
            store.openspace_life.check_in(code, person.id, first["id"])
            if not convened and i % 7 == 3:  # a bumblebee: moves on to another session
                store.openspace_life.check_in(code, person.id, here[(i + 1) % len(here)]["id"])
        _notes_and_reports(store, code, people, here, slot_index)
    store.openspace.set_slot_now(code, None)
    store.workshops.set_phase(code, "harvest", START + 6 * 3600)
    store.openspace_life.set_amendment(code, "open", store.openspace.state(code))
    visits = store.openspace_life.visits(code)
    for n, session in enumerate(sessions[:4]):
        pid = next(p for p, s in visits if s == session["id"] and p not in session["conveners"])
        store.openspace_life.comment(code, session["id"], pid,
                                     "Ajouter : on se revoit dans un mois pour faire le point.",
                                     START + 6 * 3600 + n * 60)
    store.openspace_life.set_amendment(code, "final", store.openspace.state(code))
    store.workshops.set_phase(code, "closed", START + 7 * 3600)
    return code, key, screen


def _notes_and_reports(store: Store, code: str, people, here: list[dict], slot: int) -> None:
    by_id = {p.id: p for p in people}
    for n, session in enumerate(here):
        present = [p["id"] for p in store.openspace_life.here(code, session["id"])]
        for i, pid in enumerate(present[:3]):
            when = START + 2400 + slot * 4500 + n * 60 + i * 20
            note = Note(id=secrets.new_id(16), table=session["id"], text=POINTS[i],
                        colour=("yellow", "blue", "green")[i], author=pid,
                        author_name=by_id[pid].name, created_at=when, updated_at=when)
            store.board.post(code, note)
        convener = by_id[session["conveners"][0]]
        fields = {"key_points": POINTS[: 2 + n % 2], "recommendations": RECOMMENDATIONS,
                  "next_steps": [{"what": f"Réunir le groupe « {session['title']} »",
                                  "owner": convener.name}]}
        store.openspace_life.save_report(
            code, store.openspace.session(code, session["id"]), fields,
            (convener.id, convener.name), START + 3600 + slot * 4500 + n * 60)
