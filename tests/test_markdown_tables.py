from checker.evaluation.markdown import table


def test_a_table_has_a_header_a_separator_with_its_alignment_and_one_line_per_row():
    assert table(["kind", "n"], [["number", 3], ["date", 10]], align="lr") == [
        "| kind | n |", "|---|---:|", "| number | 3 |", "| date | 10 |"]
    assert table(["a"], []) == ["| a |", "|---|"]
