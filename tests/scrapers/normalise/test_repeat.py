from scrapers.normalise.repeat import drop_repeats

A = "近日，京津冀晋蒙检验检测认证区域合作联席会议在河北省召开，各方代表齐聚一堂。"
B = "根据协议约定，将在京津冀三地原有检验检测认证合作的基础上，全力构建交流合作机制。"


def test_repeated_body_once_in_order():
    assert drop_repeats([A, B, A, B]) == [A, B]


def test_truncated_copy_gives_way_to_the_full_one():
    assert drop_repeats([A[:25], B, A]) == [A, B]


def test_seen_lines_are_dropped():
    assert drop_repeats(["标题", A], seen=["标题"]) == [A]


def test_a_summary_box_telling_the_lead_again_is_a_repeat():
    assert drop_repeats(["导语：" + A[:30] + "…", A, B]) == [A, B]
    assert drop_repeats(["【导读】" + A, A, B]) == [A, B]
    # a summary of its own (not the lead's words) stays, and so does a sentence opening with the word
    summary = "导语：某某会议明确了今后三年检验检测认证区域合作的重点任务。"
    assert drop_repeats([summary, A, B]) == [summary, A, B]
    assert drop_repeats(["导语" + A, A]) == ["导语" + A, A]
