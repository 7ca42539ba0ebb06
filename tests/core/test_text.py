"""clean_text / clean_block / printable: untrusted text cannot drive the terminal."""

from __future__ import annotations

from watcher.core.text import clean_block, clean_text, printable


def test_clean_text_drops_controls_and_keeps_one_line() -> None:
    hostile = "\x1b]0;pwned\x07Pay\x00 \x1b[31mrent\r\nnow\t\u202eevil\ud800 "
    assert clean_text(hostile) == "]0;pwnedPay [31mrent now evil\ufffd"
    assert clean_text("  Vote on\u00a0Nov. 4  ") == "Vote on Nov. 4"
    assert clean_text("Café 東京 👩‍💻") == "Café 東京 👩‍💻"  # printable text is untouched


def test_clean_block_keeps_lines_and_length() -> None:
    text = "Para one\x1b[2J.\n\nPara\ttwo\x07\n"
    cleaned = clean_block(text)
    assert cleaned == "Para one [2J.\n\nPara\ttwo \n"
    assert len(cleaned) == len(text)  # mention offsets stay true


def test_printable_escapes_what_reached_the_store_raw() -> None:
    assert printable("a\x1b[0m\nb") == "a\\x1b[0m\\x0ab"
    assert printable("plain") == "plain"
