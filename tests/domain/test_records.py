"""Page readings round-trip through the cache's JSON, old entries included."""

from domain.records import HandwrittenField, PageReading, from_json, to_json


def test_a_reading_with_handwritten_fields_round_trips():
    reading = PageReading(1, "Số: /QĐ-UBND", handwritten=(HandwrittenField("number", "86", 99.1, (573, 380, 62, 56)),))
    assert from_json(PageReading, to_json(reading)) == reading


def test_a_reading_cached_before_handwritten_fields_still_loads():
    assert from_json(PageReading, {"number": 1, "raw_text": "Số: 937/BC-VP"}).handwritten == ()
