"""Near-duplicate articles are flagged, not lost."""

from __future__ import annotations

from eventwire.neardup import NearDuplicates, flag_near_duplicates
from eventwire.readers import make_document
from eventwire.record import Document

STORY = (
    "Israeli warplanes struck several military sites in southern Lebanon overnight, the army "
    "said on Tuesday, after Hezbollah fired a salvo of rockets at the northern town of "
    "Kiryat Shmona. There were no immediate reports of casualties on either side, officials "
    "said. Lebanon's caretaker government condemned the strikes and called on the United "
    "Nations to intervene. Residents of border villages said they heard loud explosions."
)
COPY = STORY.replace("on Tuesday", "on Tuesday morning") + " (Reporting by a correspondent.)"
OTHER = (
    "Ukraine's parliament approved a new budget on Wednesday that raises defence spending, "
    "while lawmakers rejected a proposal to cut pensions, the speaker's office said. The vote "
    "followed weeks of debate over how to pay for the war, and the finance minister warned "
    "that foreign aid would be needed to close the remaining gap in the coming year."
)


def test_wire_copy_is_flagged_and_kept() -> None:
    docs = [
        make_document(STORY, article_id="reuters-1", outlet="Reuters"),
        make_document(OTHER, article_id="ap-9", outlet="AP"),
        make_document(COPY, article_id="paper-3", outlet="Daily Paper"),
    ]
    out = list(flag_near_duplicates(docs))
    assert [d.article.id for d in out if isinstance(d, Document)] == [
        "reuters-1",
        "ap-9",
        "paper-3",
    ]
    assert [d.article.duplicate_of for d in out if isinstance(d, Document)] == [
        None, None, "reuters-1",
    ]  # fmt: skip


def test_window_bounds_the_index() -> None:
    index = NearDuplicates(window=2)
    assert index.check("a", STORY) is None
    assert index.check("b", OTHER) is None
    assert index.check("c", OTHER + " Extra words here today.") == "b"
    # "a" has left the window: a copy of it is no longer recognised
    assert index.check("d", COPY) is None


def test_short_texts_are_not_compared() -> None:
    docs = [make_document("Israel struck Iran.", article_id=f"s{i}") for i in range(3)]
    assert all(d.article.duplicate_of is None for d in flag_near_duplicates(docs))  # type: ignore[union-attr]
