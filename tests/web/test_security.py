"""The web face's protections, against the real app served by uvicorn on loopback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.web.conftest import Served, csrf_of
from watcher.cli.app import app as cli
from watcher.web.server import scrub_path

PASSWORD = "correct horse battery staple"


def test_every_page_carries_the_security_headers(serve: Callable[..., Served]) -> None:
    served = serve()
    with served.client() as client:
        for path in ("/", "/login", "/no-such-page"):
            response = client.get(path)
            assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
            assert "default-src 'none'" in response.headers["content-security-policy"]
            assert response.headers["x-content-type-options"] == "nosniff"
            assert response.headers["x-frame-options"] == "DENY"
            assert response.headers["referrer-policy"] == "no-referrer"


def test_without_a_password_only_loopback_host_names_are_answered(
    serve: Callable[..., Served],
) -> None:
    served = serve()
    with served.client() as client:
        assert client.get("/").status_code == 200
        # a DNS-rebinding page reaches 127.0.0.1 under its own name: refused
        assert client.get("/", headers={"Host": "attacker.example"}).status_code == 403


def test_with_a_password_pages_need_the_login(serve: Callable[..., Served]) -> None:
    served = serve(http={"password": PASSWORD})
    with served.client() as client:
        response = client.get("/")
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")
        login = client.get("/login")
        assert PASSWORD not in login.text
        token = csrf_of(login.text)
        wrong = client.post("/login", data={"csrf": token, "password": "guess", "next": "/"})
        assert wrong.status_code == 401
        assert "Wrong password" in wrong.text
        assert client.get("/").status_code == 303
        right = client.post("/login", data={"csrf": token, "password": PASSWORD, "next": "/"})
        assert right.status_code == 303
        page = client.get("/")
        assert page.status_code == 200
        assert PASSWORD not in page.text
        logout = client.post("/logout", data={"csrf": csrf_of(page.text)})
        assert logout.status_code == 303
        assert client.get("/").status_code == 303


def test_basic_auth_with_the_password_also_opens_the_pages(serve: Callable[..., Served]) -> None:
    served = serve(http={"password": PASSWORD})
    with served.client(auth=("any", PASSWORD)) as client:
        assert client.get("/").status_code == 200
    with served.client(auth=("any", "nope")) as client:
        assert client.get("/").status_code == 303


def test_a_form_without_its_csrf_token_is_refused(serve: Callable[..., Served]) -> None:
    served = serve(http={"password": PASSWORD})
    with served.client() as client:
        client.get("/login")  # has a session now, but posts without the token
        for data in ({"password": PASSWORD}, {"password": PASSWORD, "csrf": "0" * 64}):
            response = client.post("/login", data=data)
            assert response.status_code == 403
            assert "Nothing was changed" in response.text
        assert client.get("/").status_code == 303  # still not logged in


def test_a_tampered_session_cookie_is_a_new_anonymous_session(
    serve: Callable[..., Served],
) -> None:
    served = serve(http={"password": PASSWORD})
    with served.client() as client:
        login = client.get("/login")
        client.post("/login", data={"csrf": csrf_of(login.text), "password": PASSWORD, "next": "/"})
        cookie = client.cookies["watcher_session"]
        forged = cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB")
        client.cookies.set("watcher_session", forged)
        assert client.get("/").status_code == 303


def test_login_never_redirects_to_another_site(serve: Callable[..., Served]) -> None:
    served = serve(http={"password": PASSWORD})
    with served.client() as client:
        login = client.get("/login")
        response = client.post(
            "/login",
            data={
                "csrf": csrf_of(login.text),
                "password": PASSWORD,
                "next": "//attacker.example/",
            },
        )
        assert response.headers["location"] == "/"


def test_serving_beyond_loopback_needs_a_password(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--db", f"sqlite:///{tmp_path / 'w.db'}", "serve", "--host", "0.0.0.0"]
    )
    assert result.exit_code == 2
    assert "needs a password" in result.stderr
    assert "http.password" in result.stderr


def test_a_bad_http_section_is_one_line_naming_the_key(tmp_path: Path) -> None:
    config = tmp_path / "watcher.toml"
    config.write_text('[http]\nport = "eighty"\n')
    result = CliRunner().invoke(
        cli, ["--db", f"sqlite:///{tmp_path / 'w.db'}", "--config", str(config), "serve"]
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "http.port" in result.stderr


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ('"GET /calendar/s3cr3t.ics?tag=x HTTP/1.1"', '"GET /calendar/***?tag=x HTTP/1.1"'),
        ('"POST /act/eyJhbGciOi.abc HTTP/1.1"', '"POST /act/*** HTTP/1.1"'),
        ('"GET /deadlines/4 HTTP/1.1"', '"GET /deadlines/4 HTTP/1.1"'),
    ],
)
def test_tokens_are_masked_in_logged_paths(line: str, shown: str) -> None:
    assert scrub_path(line) == shown


def test_the_example_configuration_documents_every_http_key() -> None:
    import tomllib

    from watcher.config import parse_config
    from watcher.web.settings import HTTP_KEYS, HttpSettings

    path = Path(__file__).parents[2] / "config" / "watcher.example.toml"
    text = path.read_text()
    settings = HttpSettings.from_mapping(parse_config(tomllib.loads(text), source=path).http)
    assert settings.host == "127.0.0.1" and not settings.enabled
    section = text[text.index("[http]") :]
    for key in HTTP_KEYS:
        assert f"{key} = " in section, key
