from checker.wording import counted


def test_one_of_a_thing_is_singular_and_any_other_count_plural():
    assert counted(1, "conflict") == "1 conflict"
    assert counted(0, "conflict") == "0 conflicts" and counted(2, "conflict") == "2 conflicts"
    assert counted(1, "story", "stories") == "1 story" and counted(3, "story", "stories") == "3 stories"
