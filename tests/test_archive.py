"""The demo workshop, the JSON archive's round trip, the downloads and the commands."""

import json
import subprocess
import sys

import pytest
import redis

from server.cli.demo import create_demo
from server.cli.embedded import free_port
from server.domain.errors import DomainError
from server.export import FORMATS
from server.store import keys
from server.store.archive import dump, load

from .helpers import ROOT


def test_the_demo_is_the_reference_workshop_played_through(store):
    code, key = create_demo(store)
    document = dump(store.redis, code)
    assert document["workshop"]["phase"] == "harvest"
    assert len(document["tables"]) == 3 and len(document["topics"]) == 5
    assert document["rounds"]["status"] == "done" and document["rounds"]["current"] == 3
    assert {n["round"] for n in document["notes"]} == {1, 2, 3}
    assert sum(document["votes"].values()) == 74
    kinds = {i["kind"] for i in document["synthesis"]}
    assert kinds == {"idea", "answer", "summary", "step"}
    report = FORMATS["md"].render(document).decode()
    assert "Projets pour la suite" in report and "Idées non développées" in report
    assert len(key) >= 43


def test_export_import_export_gives_the_same_json(store):
    code, _ = create_demo(store)
    first = FORMATS["json"].render(dump(store.redis, code))
    store.redis.flushdb()
    assert load(store.redis, json.loads(first)) == code
    again = FORMATS["json"].render(dump(store.redis, code))
    assert again == first
    # The loaded workshop works: its counters were rebuilt from the data.
    assert sum(store.votes.counts(code).values()) == 74
    assert store.forum.supporters(code)
    with pytest.raises(DomainError) as err:
        load(store.redis, json.loads(first))
    assert err.value.code == "conflict"
    with pytest.raises(DomainError):
        load(store.redis, {"format": "something else"})


def test_downloads_need_the_console_key(client, store, app):
    code, key = create_demo(app.extensions["cafe"].store)
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
    assert f"/console/{code}#key=" in out and f"/screen/{code}" in out
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
    garbage.write_text('{"format": "cafe-board/1"}')
    cases.append((cafe("import", str(garbage), env=base), b"not a complete workshop export"))
    for result, message in cases:
        assert result.returncode == 1, result
        assert message in result.stderr, result.stderr
        assert b"Traceback" not in result.stderr
    assert redis.Redis.from_url(redis_url).exists(keys.workshop(code))
