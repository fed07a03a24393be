"""billing.notice: a notice is its English text and keeps its message ids for the desk."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from billing.messages import Msg, english
from billing.notice import Notice, join_notices

NOTICES = [m for m in Msg if m.name.startswith("NOTICE_")]


def test_a_notice_is_its_english_text() -> None:
    notice = Notice(Msg.NOTICE_SAME_SERVER, "http://127.0.0.1:8765")
    assert notice == english(Msg.NOTICE_SAME_SERVER, "http://127.0.0.1:8765")
    assert "same server" in notice and isinstance(notice, str)
    assert notice.parts == (("", Msg.NOTICE_SAME_SERVER, ("http://127.0.0.1:8765",)),)


@given(st.lists(st.tuples(st.sampled_from(NOTICES), st.text(max_size=8), st.text(max_size=8)),
                min_size=1, max_size=4),
       st.sampled_from([" ", "\n"]))
def test_joined_notices_read_as_the_joined_text_and_keep_every_part(
        made: list[tuple[Msg, str, str]], sep: str) -> None:
    notices = [Notice(msg, a, b, "x") for msg, a, b in made]
    joined = join_notices(notices[0], None, *notices[1:], sep=sep)
    assert joined == sep.join(notices)
    assert isinstance(joined, Notice)
    assert [p[1] for p in joined.parts] == [m for m, _, _ in made]
    assert "".join(s + english(m, *v) for s, m, v in joined.parts) == joined


def test_plain_text_in_a_join_gives_plain_text_and_nothing_gives_none() -> None:
    mixed = join_notices(Notice(Msg.NOTICE_SIGNED_IN_OFFLINE), "Something else.")
    assert mixed == english(Msg.NOTICE_SIGNED_IN_OFFLINE) + " Something else."
    assert not isinstance(mixed, Notice)
    assert join_notices(None, "") is None
