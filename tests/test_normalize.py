"""Text normalisation and the English check."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.lexicon import use_lexicon
from eventwire.stages.normalize import looks_english, normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("  padded \n", "padded"),
        ("non\u00a0breaking", "non breaking"),
        ("zero\u200bwidth", "zerowidth"),
        ("bell\x07 and\x1b escape", "bell and escape"),
        ("cafe\u0301", "café"),
        ('“curly” and "straight"', '“curly” and "straight"'),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("The minister said on Tuesday that the talks with the rebels would resume in the capital "
         "after a pause of two weeks, and he added that the army was ready.", True),
        ("Der Minister sagte am Dienstag, dass die Gespräche mit den Rebellen in der "
         "Hauptstadt nach einer Pause von zwei Wochen wieder aufgenommen würden.", False),
        ("Министр заявил во вторник, что переговоры с повстанцами возобновятся в столице "
         "после двухнедельной паузы, и добавил, что армия готова к любым действиям.", False),
        ("Short Spanish: hola amigos", True),  # too short to judge: let it through
    ],
)  # fmt: skip
def test_looks_english(text: str, english: bool) -> None:
    assert looks_english(text) is english


def test_the_english_function_words_are_the_lexicons(tmp_path: Path) -> None:
    text = "The minister said that the talks with the rebels would resume in the capital soon "
    text += "and he added that the army was ready for it."
    assert looks_english(text)
    (tmp_path / "mine.tsv").write_text("[common_english_word] none of these\nzzz\n")
    use_lexicon(tmp_path)
    try:
        assert not looks_english(text)  # the test reads the class in use, not a Python set
    finally:
        use_lexicon(None)
