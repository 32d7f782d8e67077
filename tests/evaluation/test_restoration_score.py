from evaluation.metrics import RestorationScore, restorer_score
from evaluation.restoration import ours


def test_restorer_is_scored_with_the_harness_measure():
    # Words are runs of letters and digits: `Số`, `937`, `BC`, `VP`; only `S6` was wrong.
    score = restorer_score(ours, [("Số: 937 /BC-VP", "S6: 937 /BC-VP")])
    assert score == RestorationScore(words=4, correct_after=4, correct_before=3, kept=3, reachable=4)

