"""A café played over Socket.IO for the browser tests of the harvest's surfaces: eleven
people of ten organisations at three tables, two rounds, a note carried between them,
two near-identical notes at two tables, and a vote whose dots come from many
organisations for one note and from one organisation for another."""

from dataclasses import dataclass, field

import requests
import socketio

from server.domain.secrets import new_id

from .conftest import REFERENCE

PEOPLE = [("Claire", "Latitude"), ("Alexia", "C-L'Org"), ("Marc", "Via Storia"),
          ("Julie", "ATE Conseil"), ("Paul", "Latitude"), ("Nadia", "Mairie de Rennes"),
          ("Hugo", "Coop Ouest"), ("Marie", "Région Bretagne"), ("Thomas", "Les Ateliers"),
          ("Émilie", "Numérique 35"), ("Karim", "Université Rennes 2")]
TABLES = ["Coopération dans les services", "Mutualisation des compétences", "Le numérique"]
CHARTER = ("Créer une charte commune", "Une charte commune à créer !")


@dataclass
class Room:
    """The workshop's creation answer, its console client, the people's clients."""

    body: dict
    console: socketio.Client
    phones: dict = field(default_factory=dict)  # name -> socketio.Client
    ids: dict = field(default_factory=dict)  # name -> participant id
    tokens: dict = field(default_factory=dict)  # name -> device token
    tables: list = field(default_factory=list)
    notes: dict = field(default_factory=dict)  # text -> note

    @property
    def code(self) -> str:
        return self.body["workshop"]["code"]

    def seat(self, name: str) -> str:
        return self.phones[name].call("sync", {})["me"]["seat"]

    def post(self, name: str, text: str) -> dict:
        posted = self.phones[name].call("note_post", {
            "id": new_id(16), "table": self.seat(name), "text": text, "colour": "yellow"})
        assert posted["ok"], posted
        self.notes[text] = posted["note"]
        return posted["note"]

    def close(self) -> None:
        for client in [self.console, *self.phones.values()]:
            client.disconnect()


def play(live_server, language: str) -> Room:
    """Play two rounds: notes at every table, one note carried, the vote opened and given."""
    body = requests.post(live_server.url + "/api/workshops",
                         json={**REFERENCE, "language": language}, timeout=5).json()
    console = socketio.Client()
    console.connect(live_server.url, auth={"code": body["workshop"]["code"], "role": "console",
                                           "key": body["console_key"]}, transports=["websocket"])
    room = Room(body, console)
    for name, org in PEOPLE:
        joined = requests.post(f"{live_server.url}/api/workshops/{room.code}/participants",
                               json={"name": name, "organisation": org}, timeout=5).json()
        phone = socketio.Client()
        phone.connect(live_server.url, auth={"code": room.code, "role": "participant",
                                             "token": joined["token"]},
                      transports=["websocket"])
        room.phones[name], room.ids[name] = phone, joined["participant"]["id"]
        room.tokens[name] = joined["token"]
    room.tables = [console.call("table_add", {"title": title})["table"] for title in TABLES]
    for table, host in zip(room.tables, ["Claire", "Alexia", "Paul"], strict=True):
        assert console.call("table_update", {"table": table["id"], "host": room.ids[host]})["ok"]
    for phase in ("forum", "cafe"):
        assert console.call("phase_set", {"phase": phase})["ok"]
    assert console.call("rounds_configure", {"count": 2, "minutes": 10})["ok"]
    assert console.call("seating_show", {})["ok"]
    assert console.call("round_start", {})["ok"]
    # The charter is written at two tables, by hosts who stay there.
    room.post("Claire", CHARTER[0])
    room.post("Alexia", CHARTER[1])
    room.post("Paul", "Un annuaire des compétences")
    hosts = {"Claire", "Alexia", "Paul"}
    traveller = next(n for n, _ in PEOPLE if n not in hosts
                     and room.seat(n) == room.tables[0]["id"])
    room.post(traveller, "Partager les clients")
    assert console.call("round_end", {})["ok"]
    carried = room.phones[traveller].call("note_carry", {
        "table": room.tables[0]["id"], "note": room.notes["Partager les clients"]["id"]})
    assert carried["ok"], carried
    room.notes["carried"] = carried["note"]
    room.traveller = traveller
    assert console.call("round_start", {})["ok"]
    assert console.call("round_end", {})["ok"]
    # The vote: the charter backed by many organisations, the directory by one.
    assert console.call("voting_open", {"budget": 3, "cap": 3})["ok"]
    charter = room.notes[CHARTER[0]]
    for name in ("Marc", "Julie", "Nadia", "Hugo"):
        assert room.phones[name].call("vote", {"table": charter["table"], "note": charter["id"],
                                               "delta": 1})["ok"]
    # The carried note gets a dot at its new table: built on there.
    copy = room.notes["carried"]
    assert room.phones["Marc"].call("vote", {"table": copy["table"], "note": copy["id"],
                                             "delta": 1})["ok"]
    directory = room.notes["Un annuaire des compétences"]
    for _ in range(3):
        assert room.phones["Paul"].call("vote", {"table": directory["table"],
                                                 "note": directory["id"], "delta": 1})["ok"]
    return room
