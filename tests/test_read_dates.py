from __future__ import annotations

import pytest

from graphbuilder.read import iter_articles
from graphbuilder.read.dates import dateline_date, normalise_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-05-08", "2022-05-08"),
        ("2022-05-08T10:00:00Z", "2022-05-08T10:00:00Z"),
        ("Sunday, 8 May 2022", "2022-05-08"),
        ("May 9, 2022", "2022-05-09"),
        ("Sept. 3rd 2021", "2021-09-03"),
        ("   ", None),
        (None, None),
        ("last Tuesday", "last Tuesday"),  # unparseable: kept, never lost
    ],
)
def test_dates_normalise(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KYIV, May 9, 2022 - Officials said the talks went well.", "2022-05-09"),
        ("# Title\n\n*Moscow, 8 May 2022*\n\nThe minister spoke.", "2022-05-08"),
        ("Officials said the talks went well.", None),
        ("February 30, 2022 is not a day.", None),
        ("x" * 300 + " May 9, 2022", None),  # too far down to be a dateline
    ],
)
def test_dates_dateline(text: str, expected: str | None) -> None:
    assert dateline_date(text) == expected


def test_dates_dateline_fills_published(tmp_path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("BAMAKO, 17 February 2022 - France said its troops would leave Mali.\n")
    (article,) = iter_articles([path])
    assert article.published == "2022-02-17"
