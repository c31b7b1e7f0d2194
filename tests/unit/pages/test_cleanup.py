"""Phase 2 of ArticlePage: what the body keeps after the boilerplate is gone."""

from crawler.pages import extract

PARA = "<p>河口的渡轮明天起改为每半小时一班，管理处说，夜间班次也将延长到十一点，以方便晚归的市民。</p>"


def _body(keywords: str, line: str) -> str:
    html = (
        f"<html><head><title>渡轮加密班次_某站</title><meta name='keywords' content='{keywords}'></head>"
        f"<body><h1>渡轮加密班次</h1><div class='content'>{PARA * 4}<div>{line}</div></div></body></html>"
    )
    return extract(html, "http://a.example.cn/2020/0101/1.html")["body"] or ""


def test_a_line_listing_the_pages_keywords_is_no_paragraph() -> None:
    body = _body("渡轮|班次|河口", "河口 | 渡轮")
    assert "河口 | 渡轮" not in body
    assert "夜间班次" in body


def test_the_keyword_line_is_recorded_as_tag_list() -> None:
    html = (
        "<html><head><title>渡轮加密班次_某站</title><meta name='keywords' content='渡轮|班次|河口'></head>"
        f"<body><h1>渡轮加密班次</h1><div class='content'>{PARA * 4}<div>河口 | 渡轮</div></div></body></html>"
    )
    removed = extract(html, "http://a.example.cn/2020/0101/1.html")["removed"]
    assert removed["tag_list"] == ["河口 | 渡轮"]


def test_a_line_with_one_keyword_or_other_words_stays() -> None:
    assert "河口" in _body("渡轮,班次,河口", "河口")
    assert "河口、码头" in _body("渡轮,班次,河口", "河口、码头")


def test_a_headline_broken_over_lines_at_the_top_is_cut_like_the_headline() -> None:
    html = (
        "<html><head><title>关于调整河口渡轮夜间班次和票价的决定</title></head><body>"
        "<div class='content'><p>关于调整河口渡轮</p><p>夜间班次和票价的决定</p>"
        f"{PARA * 4}</div></body></html>"
    )
    body = extract(html, "http://a.example.cn/2020/0101/1.html")["body"] or ""
    assert "夜间班次和票价的决定" not in body
    assert body.startswith("河口的渡轮")


def test_a_labelled_summary_the_text_repeats_is_no_paragraph() -> None:
    first = "河口的渡轮明天起改为每半小时一班，夜间班次也将延长到十一点。"
    html = (
        "<html><head><title>渡轮加密班次_某站</title></head><body><h1>渡轮加密班次</h1><div class='content'>"
        f"<p>摘要：{first}</p><p>{first}</p>{PARA * 4}<p>内容摘要：码头的新候船室下月启用，设座位两百个。</p>"
        "</div></body></html>"
    )
    found = extract(html, "http://a.example.cn/2020/0101/1.html")
    body = found["body"] or ""
    assert found["removed"]["summary_box"] == [f"摘要：{first}"]
    assert "摘要：河口" not in body
    assert body.count(first) == 1
    assert "内容摘要：码头" in body  # not repeated by the text: a paragraph of it
