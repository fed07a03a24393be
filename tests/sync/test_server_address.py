"""The one rule for a server address (sign-in window and Settings): a bad one is refused
with a message before any request, never a "Failed to parse" from ``requests``."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.auth import SignInFailed
from sync.server_address import server_address
from tests.sync.conftest import Desk, LiveServer

BAD = [
    "", "   ", "localhost:8000", "portal.example.in", "ftp://portal.example.in",
    "http://", "https:///api", "http://127.0.0.1:99999", "http://127.0.0.1:0",
    "http://127.0.0.1:80a", "http://[::1", "http://exa mple.in", "http://user:pw@host",
    "http://host/?x=1", "http://host/#top", "http://ho\nst", "http://ho\tst",
]
GOOD = {
    "https://portal.example.in": "https://portal.example.in",
    "  http://127.0.0.1:8765/ ": "http://127.0.0.1:8765",
    "http://[::1]:8000": "http://[::1]:8000",
    "https://portal.example.in/partner//": "https://portal.example.in/partner",
    "HTTPS://Portal.Example.IN": "HTTPS://Portal.Example.IN",
}


@pytest.mark.parametrize("text", BAD)
def test_bad_addresses_are_refused(text: str) -> None:
    assert server_address(text) is None


@pytest.mark.parametrize("text,expected", GOOD.items())
def test_good_addresses_are_kept_without_spaces_and_trailing_slashes(
        text: str, expected: str) -> None:
    assert server_address(text) == expected


@given(st.text(max_size=60))
def test_any_text_gives_an_answer_never_an_error(text: str) -> None:
    address = server_address(text)
    if address is not None:
        assert address.lower().startswith(("http://", "https://"))
        assert address == address.strip() and not address.endswith("/")
        assert server_address(address) == address  # the kept form is itself usable


@given(st.integers(min_value=-10, max_value=200_000))
def test_a_port_is_usable_only_from_1_to_65535(port: int) -> None:
    usable = server_address(f"http://127.0.0.1:{port}") is not None
    assert usable == (1 <= port <= 65_535)


@pytest.mark.parametrize("text", ["http://127.0.0.1:99999", "http://[::1", "localhost:8000"])
def test_sign_in_refuses_a_bad_address_with_the_message(
        desk: Desk, live_server: LiveServer, text: str) -> None:
    with pytest.raises(SignInFailed) as refused:
        desk.auth.sign_in(text, "staff.cbe", "whatever")
    assert refused.value.code == "bad_server"
    assert "1 to 65535" in str(refused.value)
