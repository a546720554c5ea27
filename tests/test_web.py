"""HTTP: the JSON API, pages, QR code, health, headers and readable errors."""

import pytest

from .conftest import REFERENCE


def test_creating_a_workshop_returns_its_code_key_and_links(client):
    r = client.post("/api/workshops", json=REFERENCE)
    assert r.status_code == 201
    assert r.headers["Cache-Control"] == "no-store"
    body = r.get_json()
    code = body["workshop"]["code"]
    assert len(code) == 6 and body["workshop"]["phase"] == "setup"
    assert len(body["console_key"]) >= 43
    assert body["links"]["join"].endswith(f"/j/{code}")
    assert body["links"]["screen"].endswith(f"/screen/{code}#key={body['screen_key']}")
    assert body["links"]["console"].endswith(f"/console/{code}#key={body['console_key']}")


@pytest.mark.parametrize(("payload", "status", "code"), [
    ({"date": "2013-04-04"}, 400, "empty"),
    ({**REFERENCE, "language": "de"}, 400, "invalid_language"),
    ({**REFERENCE, "theme": "x" * 201}, 400, "too_long"),
    ({**REFERENCE, "theme": "a\x00b"}, 400, "invalid_characters"),
    ({**REFERENCE, "organisations": 5}, 400, "invalid"),
    ([1, 2], 400, "bad_request"),
])
def test_bad_workshops_are_refused_with_a_readable_error(client, store, payload, status, code):
    r = client.post("/api/workshops", json=payload)
    assert r.status_code == status
    body = r.get_json()
    assert body["ok"] is False and body["error"]["code"] == code and body["error"]["message"]
    assert store.redis.keys("cafe:{*") == [] and not store.redis.exists("cafe:workshops")


def test_malformed_and_oversized_bodies_are_refused(client, store):
    r = client.post("/api/workshops", data="{not json", content_type="application/json")
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "bad_request"
    r = client.post("/api/workshops", data="x" * 100_000, content_type="application/json")
    assert r.status_code == 413 and r.get_json()["error"]["code"] == "too_large"
    assert store.redis.keys("cafe:{*") == []  # nothing stored


def test_joining_returns_a_token_and_the_public_record(client, workshop):
    r = client.post(f"/api/workshops/{workshop['code'].lower()}/participants",
                    json={"name": "Claire", "organisation": "Latitude", "language": "en"})
    assert r.status_code == 201
    body = r.get_json()
    assert body["participant"]["name"] == "Claire" and body["participant"]["role"] == "participant"
    assert body["participant"]["language"] == "en"
    assert len(body["token"]) >= 43


@pytest.mark.parametrize(("payload", "code"), [
    ({"name": ""}, "empty"),
    ({"name": "x" * 200}, "too_long"),
    ({"name": "Cla\u0007ire"}, "invalid_characters"),
    ({"name": "Claire", "language": "de"}, "invalid_language"),
    ({"name": "Claire", "organisation": "o" * 101}, "too_long"),
    ({"name": {"first": "Claire"}}, "invalid"),
])
def test_bad_joins_are_refused_and_store_nothing(client, store, workshop, payload, code):
    r = client.post(f"/api/workshops/{workshop['code']}/participants", json=payload)
    assert r.status_code == 400
    assert r.get_json()["error"]["code"] == code
    assert store.participants.all(workshop["code"]) == []


def test_unknown_or_invalid_codes_give_404_or_400(client):
    r = client.post("/api/workshops/ZZZZZZ/participants", json={"name": "Claire"})
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"
    r = client.post("/api/workshops/nope!/participants", json={"name": "Claire"})
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "invalid_code"
    page = client.get("/j/ZZZZZZ")
    assert page.status_code == 404 and "ZZZZZZ" in page.get_data(as_text=True)
    assert "<html" in page.get_data(as_text=True)


def test_workshop_info_suggests_organisations(client, workshop):
    client.post(f"/api/workshops/{workshop['code']}/participants",
                json={"name": "Paul", "organisation": "Nouvelle Org"})
    info = client.get(f"/api/workshops/{workshop['code']}").get_json()["workshop"]
    assert "Nouvelle Org" in info["organisations"] and "Latitude" in info["organisations"]
    assert set(info) == {"code", "theme", "phase", "language", "organisations"}


def test_qr_code_is_an_svg_of_the_join_link(client, workshop):
    r = client.get(f"/w/{workshop['code']}/qr.svg")
    assert r.status_code == 200 and r.mimetype == "image/svg+xml"
    assert r.get_data(as_text=True).lstrip().startswith("<svg")
    assert client.get("/w/ZZZZZZ/qr.svg").status_code == 404


def test_qr_code_follows_the_public_url(app, client, workshop):
    app.config["PUBLIC_URL"] = "https://cafe.example.org"
    body = client.post("/api/workshops", json=REFERENCE).get_json()
    assert body["links"]["join"].startswith("https://cafe.example.org/j/")


def test_pages_render_in_the_workshop_language_with_security_headers(client, workshop):
    code = workshop["code"]
    for path in ["/", f"/j/{code}", f"/screen/{code}", f"/console/{code}"]:
        r = client.get(path)
        assert r.status_code == 200, path
        csp = r.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "same-origin"
    phone = client.get(f"/j/{code}").get_data(as_text=True)
    assert 'lang="fr"' in phone and "Rejoindre" in phone
    english = client.get(f"/j/{code}?lang=en")
    assert 'lang="en"' in english.get_data(as_text=True)
    assert "lang=en" in english.headers["Set-Cookie"]


def test_the_console_page_never_contains_the_key(client, workshop):
    page = client.get(f"/console/{workshop['code']}").get_data(as_text=True)
    assert workshop["key"] not in page


def test_the_join_form_redirects_to_the_phone_page(client, workshop):
    r = client.get("/j?code=" + workshop["code"].lower())
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/j/{workshop['code']}")
    assert client.get("/j?code=bad").status_code == 400
    unknown = client.get("/j?code=ZZZZZZ", headers={"Accept-Language": "fr"})
    assert unknown.status_code == 404  # said next to the field of the home page
    page = unknown.get_data(as_text=True)
    assert 'role="alert">Aucun atelier n’a le code ZZZZZZ.</p>' in page


def test_healthz_reports_redis(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.get_json() == {"ok": True, "redis": "up"}


def test_socketio_handshake_refuses_foreign_origins(client):
    path = "/socket.io/?EIO=4&transport=polling"
    foreign = client.get(path, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 400
    own = client.get(path, headers={"Origin": "http://localhost"})
    assert own.status_code == 200


def test_configured_origins_are_accepted_and_star_is_rejected(redis_url):
    from server import create_app

    app = create_app({"REDIS_URL": redis_url, "ALLOWED_ORIGINS": "https://board.example.org"})
    try:
        r = app.test_client().get("/socket.io/?EIO=4&transport=polling",
                                  headers={"Origin": "https://board.example.org"})
        assert r.status_code == 200
    finally:
        app.extensions["cafe"].close()
    with pytest.raises(ValueError, match="may not contain"):
        create_app({"REDIS_URL": redis_url, "ALLOWED_ORIGINS": "*"})



def test_guessing_join_codes_is_refused_after_twenty_tries(client, workshop):
    """Six letters are short enough to type, so wrong ones are counted per address."""
    wrong = [f"/api/workshops/ZZZZ{a}{b}" for a in "ABCDE" for b in "ABCDE"]
    statuses = [client.get(url).status_code for url in wrong]
    assert statuses[:20] == [404] * 20 and set(statuses[20:]) == {429}
    refused = client.get("/api/workshops/ZZZZZZ")
    error = refused.get_json()["error"]
    assert error["code"] == "rate_limited" and "minute" in error["message"]
    # The right code still leads to its workshop: a room behind one address is not
    # locked out because one of them mistyped (tests/test_rules.py tries a whole room).
    assert client.get(f"/api/workshops/{workshop['code']}").status_code == 200
    other = client.get("/api/workshops/ZZZZZZ", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other.status_code == 404  # another address has its own count


def test_behind_a_proxy_the_forwarded_address_counts(redis_url):
    from server import create_app

    app = create_app({"TESTING": True, "REDIS_URL": redis_url, "PROXY_HOPS": 1})
    try:
        client = app.test_client()
        for i in range(20):
            client.get(f"/api/workshops/ZZZZZ{'ABCDEFGHJKMNPQRSTUVW'[i]}",
                       headers={"X-Forwarded-For": "203.0.113.5"})
        blocked = client.get("/api/workshops/ZZZZZZ", headers={"X-Forwarded-For": "203.0.113.5"})
        other = client.get("/api/workshops/ZZZZZZ", headers={"X-Forwarded-For": "203.0.113.6"})
        assert (blocked.status_code, other.status_code) == (429, 404)
    finally:
        app.extensions["cafe"].close()


def _page_data(html: str) -> dict:
    import json
    import re

    return json.loads(re.search(r'<script type="application/json" id="page-data">(.*?)</script>',
                                html, re.S).group(1))


def test_the_phone_joins_with_a_plain_form_post(client, store, workshop):
    code = workshop["code"]
    r = client.post(f"/j/{code.lower()}", data={"name": "Claire", "organisation": "Latitude",
                                                 "language": "en"},
                    headers={"Origin": "http://localhost"})
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    html = r.get_data(as_text=True)
    joined = _page_data(html)["joined"]
    assert joined["participant"]["name"] == "Claire" and len(joined["token"]) >= 43
    assert html.count(joined["token"]) == 1  # handed to the page's script, nowhere else
    assert '<html lang="en"' in html  # the language picked in the form, from this page on
    cookies = r.headers.getlist("Set-Cookie")
    assert any(c.startswith(f"cafe_member_{code}=1") for c in cookies)
    assert any(c.startswith("lang=en") for c in cookies)
    assert not any(joined["token"] in c for c in cookies)
    [person] = store.participants.all(code)
    assert person.name == "Claire" and person.language == "en"
    # A same-origin page's Referer does when its browser sends no Origin (another phone).
    client.delete_cookie("cafe_device")
    r = client.post(f"/j/{code}", data={"name": "Paul"},
                    headers={"Referer": f"http://localhost/j/{code}"})
    assert r.status_code == 200 and len(store.participants.all(code)) == 2


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"}, {"Origin": "null"},
    {"Referer": "https://evil.example/j/ABC234"}, {},
])
def test_a_form_post_from_another_site_joins_nobody(client, store, workshop, headers):
    r = client.post(f"/j/{workshop['code']}", data={"name": "Claire"}, headers=headers)
    assert r.status_code == 403 and "<html" in r.get_data(as_text=True)
    assert store.participants.all(workshop["code"]) == []


def test_a_refused_form_post_says_what_to_fix_next_to_the_field(client, store, workshop):
    r = client.post(f"/j/{workshop['code']}", data={"name": "x" * 61, "organisation": "Lat"},
                    headers={"Origin": "http://localhost", "Accept-Language": "fr"})
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    error = html.split('id="f-name-error" role="alert">')[1].split("</p>")[0]
    assert "60" in error  # the server's message, by the field
    assert 'value="' + "x" * 61 + '"' in html and 'value="Lat"' in html  # nothing retyped
    assert "joined" not in _page_data(html)
    assert store.participants.all(workshop["code"]) == []


def test_a_phone_speaks_its_owners_language_the_room_the_workshops(client, workshop):
    code = workshop["code"]  # a French workshop
    english = {"Accept-Language": "en-GB,en;q=0.9"}
    assert '<html lang="en"' in client.get(f"/j/{code}", headers=english).get_data(as_text=True)
    for path in [f"/screen/{code}", f"/console/{code}"]:
        assert '<html lang="fr"' in client.get(path, headers=english).get_data(as_text=True)
    german = {"Accept-Language": "de-DE"}  # neither: the workshop's
    assert '<html lang="fr"' in client.get(f"/j/{code}", headers=german).get_data(as_text=True)
    chosen = client.get(f"/j/{code}?lang=fr", headers=english).get_data(as_text=True)
    assert '<html lang="fr"' in chosen  # a choice wins, and is remembered
    assert '<html lang="fr"' in client.get(f"/j/{code}", headers=english).get_data(as_text=True)


def test_scripts_and_styles_carry_no_document_headers(client):
    # A script is no document: the headers that rule one would only weigh on each of the
    # twenty files a slow phone loads. It keeps nosniff.
    r = client.get("/static/js/lib/dom.js")
    assert r.status_code == 200 and r.headers["X-Content-Type-Options"] == "nosniff"
    for name in ["Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"]:
        assert name not in r.headers, name
    r.close()
    page = client.get("/")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"
