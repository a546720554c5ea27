"""The demo workshop, the JSON archive's round trip, the downloads and the commands."""

import json
import subprocess
import sys

import pytest
import redis

from server.cli.demo import create_demo
from server.cli.embedded import free_port
from server.domain.errors import DomainError
from server.domain.secrets import hash_secret, new_secret, secret_matches
from server.export import FORMATS
from server.store import keys
from server.store.archive import dump, load

from .helpers import ROOT


def test_the_demo_is_the_reference_workshop_played_through(store):
    code, key, _ = create_demo(store)
    document = dump(store.redis, code)
    assert document["workshop"]["phase"] == "harvest"
    assert len(document["tables"]) == 3 and len(document["topics"]) == 5
    assert document["rounds"]["status"] == "done" and document["rounds"]["current"] == 3
    assert {n["round"] for n in document["notes"]} == {1, 2, 3}
    assert sum(document["votes"].values()) == 78
    carried = [n for n in document["notes"] if n["carried"]]
    assert len(carried) == 7 and {n["carried"]["round"] for n in carried} == {1, 2}
    assert any(n["carried"]["from_note"] in {c["id"] for c in carried} for n in carried)
    settings = document["workshop"]["settings"]
    assert settings["rank_ideas_by"] == "organisations"
    kinds = {i["kind"] for i in document["synthesis"]}
    assert kinds == {"idea", "answer", "summary", "step"}
    report = FORMATS["md"].render(document).decode()
    assert "Projets pour la suite" in report and "Idées non développées" in report
    assert len(key) >= 43


def test_export_import_export_gives_the_same_json(store):
    code, old_key, _ = create_demo(store)
    first = FORMATS["json"].render(dump(store.redis, code))
    store.redis.flushdb()
    new_key = new_secret()
    assert load(store.redis, json.loads(first), console_digest=hash_secret(new_key)) == code
    again = FORMATS["json"].render(dump(store.redis, code))
    assert again == first
    # The loaded workshop works: its counters were rebuilt from the data.
    assert sum(store.votes.counts(code).values()) == 78
    assert store.forum.supporters(code)
    # Its console opens with the new key only, and no device token came back.
    digest = store.workshops.console_digest(code)
    assert secret_matches(new_key, digest) and not secret_matches(old_key, digest)
    assert not store.redis.exists(keys.devices(code))
    with pytest.raises(DomainError) as err:
        load(store.redis, json.loads(first), console_digest=hash_secret(new_key))
    assert err.value.code == "conflict"
    for other in ({"format": "something else"}, {"format": "cafe-board/3"}, [], "x"):
        with pytest.raises(DomainError) as err:
            load(store.redis, other, console_digest=hash_secret(new_key))
        assert err.value.code == "invalid"


def test_the_archive_holds_no_secret_and_no_anonymous_author(store):
    code, _, _ = create_demo(store)
    note = dump(store.redis, code)["notes"][0]
    stored = json.loads(store.redis.hget(keys.notes(code, note["table"]), note["id"]))
    stored["anonymous"] = True
    store.redis.hset(keys.notes(code, note["table"]), note["id"], json.dumps(stored))
    document = dump(store.redis, code)
    assert document["format"] == "cafe-board/2"
    assert "devices" not in document and "console" not in document["workshop"]
    archived = next(n for n in document["notes"] if n["id"] == note["id"])
    assert archived["author"] is None and archived["author_name"] == ""
    # The other notes keep their author: a restored workshop still says who wrote what.
    assert all(n["author"] for n in document["notes"] if n["id"] != note["id"])


def test_an_archive_of_the_first_format_loads_without_its_secrets(store):
    code, _, _ = create_demo(store)
    document = dump(store.redis, code)
    first = {**document, "format": "cafe-board/1",
             "devices": store.redis.hgetall(keys.devices(code)),
             "workshop": {**document["workshop"],
                          "console": store.workshops.console_digest(code)},
             "notes": [dict(n) for n in document["notes"]]}
    first["notes"][0]["anonymous"] = True  # its author still named, as the first format did
    author = first["notes"][0]["author"]
    store.redis.flushdb()
    load(store.redis, first, console_digest=hash_secret("new key"))
    assert not store.redis.exists(keys.devices(code))
    assert store.workshops.console_digest(code) == hash_secret("new key")
    again = dump(store.redis, code)
    assert again["format"] == "cafe-board/2"
    restored = next(n for n in again["notes"] if n["id"] == first["notes"][0]["id"])
    assert restored["author"] is None and restored["author_name"] == ""
    assert author and author in {p["id"] for p in again["participants"]}


def test_downloads_need_the_console_key(client, store, app):
    code, key, _ = create_demo(app.extensions["cafe"].store)
    url = f"/api/workshops/{code}/export"
    ok = client.get(f"{url}/pdf", headers={"Authorization": f"Bearer {key}"})
    assert ok.status_code == 200 and ok.mimetype == "application/pdf"
    assert ok.data.startswith(b"%PDF")
    assert f'filename="atelier-2013-04-04-{code}.pdf"' in ok.headers["Content-Disposition"]
    for fmt in ["md", "html", "docx", "csv", "json"]:
        answer = client.get(f"{url}/{fmt}", headers={"Authorization": f"Bearer {key}"})
        assert answer.status_code == 200, fmt
    assert client.get(f"{url}/pdf").status_code == 401
    assert client.get(f"{url}/pdf", headers={"Authorization": "Bearer forged"}).status_code == 401
    assert client.get(f"{url}/pdf", headers={"Authorization": key}).status_code == 401
    bad = client.get(f"{url}/exe", headers={"Authorization": f"Bearer {key}"})
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid"
    assert client.get("/api/workshops/ZZZZZZ/export/pdf",
                      headers={"Authorization": f"Bearer {key}"}).status_code == 404


def cafe(*args, env=None, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "server", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=120)


@pytest.mark.slow
def test_the_commands_demo_export_and_import(tmp_path, redis_server, redis_url):
    import os

    base = {"PATH": os.environ["PATH"], "CAFE_REDIS_URL": redis_url}
    made = cafe("demo", env=base)
    assert made.returncode == 0, made.stderr.decode()
    out = made.stdout.decode()
    code = out.split("Demo workshop ")[1].split()[0]
    assert f"/console/{code}#key=" in out and f"/screen/{code}#key=" in out
    for fmt in ["md", "html", "pdf", "docx", "csv", "json"]:
        done = cafe("export", code.lower(), "--format", fmt, "-o", str(tmp_path), env=base)
        assert done.returncode == 0, done.stderr.decode()
    archive = tmp_path / f"atelier-2013-04-04-{code}.json"
    assert json.loads(archive.read_text())["code"] == code
    to_stdout = cafe("export", code, "--format", "md", env=base)
    assert "Projets pour la suite" in to_stdout.stdout.decode()
    # Import into an empty Redis (another database), then export again: the same file.
    other = {**base, "CAFE_REDIS_URL": redis_url.rsplit("/", 1)[0] + "/3"}
    redis.Redis.from_url(other["CAFE_REDIS_URL"]).flushdb()
    loaded = cafe("import", str(archive), env=other)
    assert loaded.returncode == 0, loaded.stderr.decode()
    said = loaded.stdout.decode()
    console = said.split("Console (keep it secret): ")[1].split()[0]
    assert console.startswith("http") and f"/console/{code}#key=" in console
    assert console != next(line for line in out.splitlines() if "Console" in line).split()[-1]
    assert "must join again" in said
    again = cafe("export", code, "--format", "json", env=other)
    assert again.stdout == archive.read_bytes()
    twice = cafe("import", str(archive), env=other)
    assert twice.returncode == 1 and b"already exists" in twice.stderr


@pytest.mark.slow
def test_the_commands_fail_clearly(tmp_path, redis_url):
    import os

    base = {"PATH": os.environ["PATH"], "CAFE_REDIS_URL": redis_url}
    cases = [
        (cafe("export", "ZZZZZZ", env=base), b"no workshop has the code ZZZZZZ"),
        (cafe("export", "nope!", env=base), b"6 letters or digits"),
        (cafe("export", "ZZZZZZ", env={**base, "CAFE_REDIS_URL":
                                       f"redis://127.0.0.1:{free_port()}/0"}),
         b"cannot reach Redis"),
        (cafe("import", str(tmp_path / "missing.json"), env=base), b"cannot read"),
    ]
    made = cafe("demo", env=base)
    code = made.stdout.decode().split("Demo workshop ")[1].split()[0]
    cases.append((cafe("export", code, "--format", "pdf", "-o", "/nonexistent/dir/r.pdf",
                       env=base), b"cannot write /nonexistent/dir/r.pdf"))
    garbage = tmp_path / "garbage.json"
    garbage.write_text('{"format": "cafe-board/2"}')
    cases.append((cafe("import", str(garbage), env=base), b"not a complete workshop export"))
    for result, message in cases:
        assert result.returncode == 1, result
        assert message in result.stderr, result.stderr
        assert b"Traceback" not in result.stderr
    assert redis.Redis.from_url(redis_url).exists(keys.workshop(code))
