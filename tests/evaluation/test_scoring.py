from domain.records import Extraction, Header, Reference, Statistic
from evaluation.scoring import score_extraction


def _extraction() -> Extraction:
    reference = Reference("Quyết định", "124", 2023, "QĐ-UBND", "124/QĐ-UBND", "2023-01-30", None, 1, "")
    statistic = Statistic(1, "tiếp nhận", 55653.0, "hồ sơ", None, "", "text")
    header = Header(doc_type="Báo cáo", number="937", title="Kết quả  công tác")
    return Extraction(header, (reference,), (statistic,), ())


def test_fields_references_and_statistics_are_scored():
    gold = {
        "doc_type": "Báo cáo", "number": "938", "title": "Kết quả công tác",
        "references": ["124/QĐ-UBND", "11/KH-UBND"], "statistics": [[55653, "hồ sơ"], [99.8, "%"]],
    }
    score = score_extraction(_extraction(), gold)
    assert (score["fields"], score["references"]["precision"], score["references"]["recall"],
            score["statistics"]["recall"], score["statistics"]["missing"]) == (
        {"doc_type": True, "number": False, "title": True}, 1.0, 0.5, 0.5, [(99.8, "%")],
    )
