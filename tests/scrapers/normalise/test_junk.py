from scrapers.normalise.junk import drop_junk, is_caption, is_credited_caption, is_junk_line

BODY = "1月15日下午，杭州市检验检测认证促进会第一届第一次全体会员大会在杭州举行，175家会员单位参加了大会。"


def test_chrome_lines():
    for line in [
        "您当前的位置：首页 > 新闻 > 协学会动态",
        "当前位置: 首页 > 实时讯息 >",
        "发布时间：2023-01-18 作者：某某 来源：供稿 浏览：2627",
        "Copyright © 2001-2025 某某网络科技股份有限公司 All Rights Reserved",
        "营业执照 - 增值电信业务许可证 - 互联网出版机构",
        "会员注册",
        "找回密码",
        "分享到：",
        "官方微信公众号",
        "- 首页",
        "- English",
        "0次浏览",
        "免责声明：本站文章多为转载，如有侵权请联系本站删除。",
        "（本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP）",
        "某某影视 港台电影 2024-02-02 09:30 3",
        "陕西咸阳：精“检”细“验”显成效2024-01-24",
        "- 甘肃首个广告行业公平竞争指南正式发布（2025-04-30）",
        "华东日报 2022年03月15日 星期二",
        "活动现场 图片来源：某某市市场监督管理局",
    ]:
        assert is_junk_line(line), line


def test_article_text_is_not_junk():
    assert not is_junk_line(BODY)
    assert not is_junk_line("2015年6月17日")  # a notice's own date line
    assert not is_junk_line("来自中央编办、公安部等部门的代表，共计200余人参加了启动仪式。")


def test_related_list_after_text_is_cut():
    lines = [BODY, "相关推荐", "某条无关新闻标题", "另一条新闻"]
    assert drop_junk(lines) == [BODY]
    lines = [BODY, "相关信息", "- [2024-10-07 19:02] 某条无关新闻标题"]
    assert drop_junk(lines) == [BODY]


def test_heading_words_before_text_do_not_cut():
    lines = ["通知公告", BODY]
    assert drop_junk(lines) == [BODY]


def test_captions_and_editor_tags():
    assert is_caption("市民代表参观国家质检中心基地。")
    assert not is_caption(BODY)
    assert drop_junk([BODY + "【编辑：张三】", "（完）"]) == [BODY]


def test_more_widget_and_heading_variants():
    for line in ["【打印本页】【关闭窗口】", "打印 | 关闭", "扫码关注我们", "分享："]:
        assert is_junk_line(line), line  # chrome on its own line, wherever it stands
    assert not is_junk_line("[责任编辑:张三]")  # an editor tag is removed from inside the text…
    assert drop_junk([BODY, "[责任编辑:张三]"]) == [BODY]  # …so nothing of the line is left
    assert drop_junk([BODY, "【相关阅读】", "另一条新闻"]) == [BODY]


def test_spam_widgets_forum_chrome_and_contacts():
    for line in [
        "国产精品，某某无码视频，一区二区在线观看",  # SEO spam, whatever its length
        "关键词：检验检测 苏州",
        "特别声明：以上内容为自媒体平台某某号用户上传并发布",
        "Powered by Discuz! X3.4",
        "本版积分规则",
        "GMT+8, 2024-3-1 08:00",
        "快速回复 返回顶部 返回列表",
        "某用户 发表于 2012-5-6 10:11:12 | 显示全部楼层 |阅读模式",
        "关闭 [复制链接]",
        "股票行情",
        "- 某某电气 12.31 10.01%",
        "现场照片2.jpg",
        "B.jpg",
        "请将意见发送至 service@example.com",
        "联系电话：0571-12345678",
        "网站首页 | 关于我们 | 联系方式",
        "点击收起全文",
        "正在阅读：某某新闻",
        "全部评论",
        "附件下载：某某名单.xlsx",
        "审核：一审：某某；二审：某某",
        "图片来自某某计量院",
        "欢迎访问某某检测技术有限公司！提供检测、认证、培训服务！",
    ]:
        assert is_junk_line(line), line


def test_the_article_ends_at_its_end_mark():
    spam = "某某热门视频在线的相关文章"
    assert drop_junk([BODY, BODY[:-1] + "完毕。（完） 【编辑：张三】 新闻结尾", spam, "另一条标题"]) == [
        BODY,
        BODY[:-1] + "完毕。",
    ]
    assert drop_junk(["（完）", BODY]) == [BODY]  # an end mark before any text ends nothing


def test_photo_credits_after_the_last_sentence_are_dropped():
    assert drop_junk([BODY + "张明摄"]) == [BODY]
    assert drop_junk([BODY + "□李 红/摄"]) == [BODY]


def test_copyright_notices_and_keyword_lists_are_dropped():
    for line in [
        "①凡本网注明“来源：某某仪器网”之内容，版权均属本网所有，转载请注明出处。",
        "③ 如涉及作品内容、版权等问题，请在30日内与本网联系。",
        "检测，仪器，测量仪器，试验设备",
    ]:
        assert is_junk_line(line), line
    assert not is_junk_line("会议由张明主持，李红出席，王刚讲话。")


def test_a_short_closing_sentence_is_text_not_a_caption():
    assert drop_junk([BODY, "市民代表参观检测实验室。", BODY + "又一段。"]) == [BODY, BODY + "又一段。"]
    assert drop_junk([BODY, "与会人员参加座谈。"]) == [BODY, "与会人员参加座谈。"]


def test_a_short_sentence_reporting_a_decision_is_not_a_caption():
    assert not is_caption("会议审议通过了协会章程修正案。")
    assert drop_junk([BODY, "会议审议通过了协会章程修正案。", BODY + "又一段。"]) == [
        BODY,
        "会议审议通过了协会章程修正案。",
        BODY + "又一段。",
    ]


def test_keyword_lists_link_lines_feedback_boxes_and_site_maps_are_junk():
    assert is_junk_line("检测， 仪器， 测量仪器，（ 里氏硬度计），无损检测， 检测标准")
    assert is_junk_line("报道链接：http://www.example.com/view/1.html")
    assert is_junk_line("http://www.example.com/view/1.html")
    assert is_junk_line("XML 地图") and is_junk_line("意见箱：")
    long_feedback = (
        "如果您对我们的稿件有什么建议或意见，请发送意见至editor@example.com（注明网络部），"
        "或拨打电话联系网络部，您的意见一经采纳，我们将送出一份纪念品以示感谢。"
    )
    assert is_junk_line(long_feedback)
    # a notice asking for replies by e-mail is text
    assert not is_junk_line("请各单位于5月10日前将报名表发送至某某邮箱，逾期不再受理，联系人为某某处工作人员。")
    assert not is_junk_line("检验、检测、认证、认可是国家质量基础设施的重要组成部分。")


def test_a_gambling_brand_written_into_a_sentence_is_cut_out_and_the_sentence_kept():
    from scrapers.normalise.junk import strip_inline

    line = "会上，某某省金年会有限公司与三家检测机构签署了战略合作协议。"
    assert strip_inline(line) == "会上，某某省有限公司与三家检测机构签署了战略合作协议。"


def test_comment_boxes_calls_to_contact_hospital_spam_and_summary_boxes_are_junk():
    for line in ("参与评论", "0/200", "您有合作意向?即刻联系我们吧!", "某某正规专科医院", "某地看病哪个最好", "友情链接"):
        assert is_junk_line(line), line
    assert is_junk_line("核心提示：某市检验检测技术联盟由三十余家机构组成。")
    assert not is_junk_line("市民代表参观了某某医院的检验科，了解检验流程。")


def test_round_three_chrome_lines_are_junk_and_real_sentences_are_not():
    # a hospital advert by the disease it treats, a government site's leaving notice, a
    # picture-and-text credit, a paper's closing credit with its edition, a footer of site links
    for line in (
        "某市儿童自闭症医院",
        "某地治疗癫痫哪家好",
        '您访问的链接即将离开"某县人民政府"门户网站 是否继续?',
        "图文/李小明",
        "《某某科技报》 （2011-3-14 A3 要闻）",
        "关于我们 | 隐私政策 | 网站声明 | 广告服务 | 联系我们 |",
    ):
        assert is_junk_line(line), line
    for line in (
        "市儿童医院检验科通过实验室认可。",
        "该院癫痫门诊的检测设备完成了计量校准。",
        "关于我们如何开展检测，局长作了说明。",
    ):
        assert not is_junk_line(line), line


def test_a_closing_sentence_survives_a_picture_credit_after_it():
    lines = ["市民走进计量实验室，观看电子秤的检定过程，了解误差从何而来。", "副区长参加开放日活动。", "图文/李小明", "推荐阅读"]
    assert drop_junk(lines)[-1] == "副区长参加开放日活动。"


def test_round_four_chrome_captions_pagers_meta_rows_and_place_lists():
    for line in (
        "图为签约现场。来源：某某计量学会",  # a photo caption with its credit
        "总共： 3页",  # a pager
        "层级：省级 发文机关：某某厅 成文日期：2024-03-01 主题分类：质量监督",  # a row of meta fields
        "东山县| 西河县| 南平镇| 北岭乡| 中原市|",  # places listed for search engines, a bar left at the end
    ):
        assert is_junk_line(line), line
    for line in (
        "图为签约现场，双方代表交换了协议文本。",  # a sentence that happens to open with 图为
        "会议共审议了3项议案，通过了新的章程。",
        "甲方：某某检测公司，乙方：某某大学，双方约定共建实验室。",
    ):
        assert not is_junk_line(line), line


def test_sidebar_headings_end_the_text():
    lines = ["某某协会召开理事会，审议通过了年度工作报告。", "栏目热文", "某明星的婚礼", "本站推荐", "相关内容"]
    assert drop_junk(lines) == lines[:1]
    lines = ["某某检测认证联盟在杭州成立，首批二十家机构加入联盟并签署了自律公约。", "相关内容", "一则无关的消息"]
    assert drop_junk(lines) == lines[:1]


def test_a_notices_closing_formula_and_its_deadline_are_text_not_captions():
    lines = [
        "为做好计量器具监管工作，协会将汇总会员单位意见并上报。",
        "意见反馈截止日期为2025年3月1日。",
        "附件：1.某某办法（征求意见稿）.pdf",
    ]
    assert drop_junk(lines) == lines
    lines = ["经查证，两家机构擅自开展认证活动，颁发的证书无效。", "特此公告。", "某某认证监督委员会"]
    assert drop_junk(lines) == lines
    assert not is_caption("特此公告。") and not is_caption("报名截止日期为5月8日。")
    assert is_caption("市民代表参观计量文化展馆。")


def test_page_widgets_and_a_directorys_notes_are_chrome():
    for line in (
        "图说：某某质量提升活动在某新区举行 张小明/摄",
        "本文关键词： 认证， 机构， 公告",
        "请输入账号",
        "请输验证码",
        "以上信息由企业自行提供，信息内容的真实性、准确性和合法性由相关企业负责",
        "Baidu",
        "map",
        "Print",
    ):
        assert is_junk_line(line), line
    # a word of code or a name alone is not a widget
    for line in ("return", "CNAS", "图说计量发展七十年，展览在某馆开幕，市民踊跃参观。"):
        assert not is_junk_line(line), line


def test_a_column_navigation_box_ends_the_text():
    lines = ["某某计量日主题发布，市场监管部门确定了中文主题。", "栏目导航", "内容推荐", "更多>2024-05-27", "2024-04-20"]
    assert drop_junk(lines) == lines[:1]


def test_round_six_chrome_office_hours_back_buttons_cut_teasers_and_glued_editor_credits():
    for line in (
        "工作日：9:30-18:30",
        "服务时间：周一至周五 9:00-17:00",
        "返回上一页",
        "【返回首页】",
        "某某日报报道（",
        "责任编辑：张小明某某报北京讯记者李某）某某局11月2日发布通告，在某某抽检工作中，"
        "经某某检验研究院检验，某某公司生产的产品不合格 ...",
    ):
        assert is_junk_line(line), line
    for line in (
        "工作日期间，实验室向市民免费开放，每天接待参观者两百余人。",
        "返回上一级页面查看更多内容的市民不多。",
        "责任编辑是报纸编辑部中负责稿件的人。",
    ):
        assert not is_junk_line(line), line


def test_a_forex_token_opening_a_clause_is_cut_and_the_paragraph_kept():
    line = "据了解，外汇ab官网登录入口该中心依托某某研究院筹建，ABCD外汇平台提高某某地区计量水平。"
    assert drop_junk([line]) == ["据了解，该中心依托某某研究院筹建，提高某某地区计量水平。"]
    # the word inside a sentence about exchange is text
    line = "该公司的外汇收入增长了两成，外汇储备稳定。"
    assert drop_junk([line]) == [line]


def test_forum_jammer_text_original_headline_notes_and_source_meta_rows_are_junk():
    for line in (
        "c5 q. B4 d8 ?/ k5 W",
        "（原标题：某某检测机构开放日活动启动）",
        "（原题为《某某计量院迎来小小计量员》）",
        "本文原标题：《某某联盟成立！》",
        "本文来源：某某日报 责任编辑：张小明\\_AB1234",
    ):
        assert is_junk_line(line), line
    for line in ("A B C D E", "GB/T 1 2 3 4", "（原有标题栏目保留）"):
        assert not is_junk_line(line), line
    line = "某某检测工作顺利完成。c5 q. B4 d8 ?/ k5 W"
    assert drop_junk([line]) == ["某某检测工作顺利完成。"]


def test_a_photo_caption_signed_by_its_photographer_is_dropped_between_paragraphs():
    text = "某某市市场监管局举办计量开放日，市民代表走进实验室参观了长度和质量计量标准装置。"
    captions = [
        "5月20日，小学生在实验室观看砝码检定。某某晚报记者 张小明 摄",
        "图为开放日活动现场。（李某某摄）",
        "市民代表体验电子秤检定。 通讯员王某 摄",
        "某某学院师生参观实验室。某某学院供图 某某网",
    ]
    for caption in captions:
        assert drop_junk([text, caption, text + "活动持续一天。"]) == [text, text + "活动持续一天。"], caption
    # the text's last line is kept, credit and all: a closing paragraph is never taken for one
    assert drop_junk([text, captions[0]]) == [text, captions[0]]
    # a paragraph that mentions a photograph has no credit of its own
    line = "某某摄影协会会员拍摄了计量实验室的工作场景，作品将在市图书馆展出。"
    assert drop_junk([text, line, text]) == [text, line, text]


def test_reprint_notices_and_a_footers_police_lines_are_junk():
    for line in (
        "本文为某某网原创文章，转载请注明出处。",
        "（本文系某某日报独家稿件，未经授权不得使用）",
        "网络110报警服务",
        "网上有害信息举报专区",
    ):
        assert is_junk_line(line), line
    for line in ("本文为记者在开放日现场采访所得。", "本文系统梳理了某某计量院的原创成果和转载规范。", "市民可拨打110报警。"):
        assert not is_junk_line(line), line


def test_reader_widget_rows_qr_calls_and_player_messages_are_junk():
    for line in (
        "点赞 12 在看 3",
        "收藏 | 转发 | 评论",
        "长按识别二维码关注我们",
        "视频加载中...",
        "您的浏览器不支持video标签",
        "点击查看大图",
    ):
        assert is_junk_line(line), line
    for line in ("他在会上为检测人员点赞。", "转发给你们", "市民扫描样品上的二维码查询检测结果。"):
        assert not is_junk_line(line), line


def test_a_briefs_lead_closing_with_its_photos_credit_is_text():
    lead = "本报讯（记者 李明）5月20日，某市举行世界计量日宣传活动。（记者 李明 摄）"
    text = "活动现场，计量技术人员为市民免费检定了电子秤和血压计，并讲解了计量知识。"
    assert drop_junk([lead, text]) == [lead, text]


def test_a_paragraph_with_a_spam_brand_woven_into_a_clause_opening_loses_the_token_not_the_text():
    line = (
        "据了解，某某娱乐城官网登录入口该中心依托某某计量院筹建，该院多年来面向港澳地区开展计量技术服务，"
        "年均服务客户逾四百家，检定校准仪器近万台。"
    )
    assert drop_junk([line]) == [line.replace("某某娱乐城官网登录入口", "")]
    # a line that stays spam once the token is cut, and a short one, go whole
    spam = "某某娱乐城官网登录入口，欢迎您的光临，注册即送彩金，真人娱乐体育投注应有尽有，精彩不停，天天有惊喜等着你。"
    assert drop_junk([spam, "某某体育官网登录入口"]) == []


def test_a_line_stuffed_with_search_keywords_is_junk():
    assert is_junk_line("检测仪器_检测设备_实验室仪器_第三方检测_计量校准")
    assert is_junk_line("压力变送器-电磁流量计-超声波液位计-涡街流量计-温度变送器厂家")
    # a headline with its site, a breadcrumb of four, a standard's number and a phone line are not
    for line in ("某某会议召开_新闻频道_某某网", "400-100-9187、0731-84444840", "GB/T 27025-2019 检测和校准实验室能力的通用要求"):
        assert not is_junk_line(line), line


def test_a_forums_prompts_and_its_note_on_an_edited_post_are_junk():
    for line in (
        "马上注册，结交更多好友，享用更多功能，让你轻松玩转社区。",
        "您需要 登录 才可以下载或查看，没有账号？注册",
        "电梯直达",
    ):
        assert is_junk_line(line), line
    text = "某某检测中心于5月20日举办开放日活动，市民代表参观了实验室。"
    assert drop_junk(["本帖最后由 张三 于 2024-5-20 10:30 编辑", text]) == [text]
    assert drop_junk(["本帖最后由 张三 于 2024-5-20 10:30 编辑 " + text]) == [text]


def test_forum_jammer_lines_with_any_ascii_marks_are_junk_and_cut_from_a_sentence():
    for line in ["! K$ [# P! u7 y! Q- H: Q", "$ X# b& z* m4 O* A: B9 G& {. a", "& R5 q9 h; k, W0 A, R"]:
        assert is_junk_line(line), line
    kept = drop_junk([BODY[:-1] + "。！ [/ c4 g# W"])
    assert kept == [BODY]


def test_a_footers_registration_number_copyright_year_and_disclaimer_are_junk_whatever_shares_the_line():
    for line in [
        "©2015-2016 某某论坛 版权所有，并保留所有权利。 浙ICP备12345678号-1",
        "本站由某某公司维护。京公网安备11010502030123号",
        "郑重免责声明：某某社区(abc",
        "本文引用地址：http://example.com/article/201605/123456.htm",
        "1、“某某在线”由某某广播电台主办。经某某广播电台授权，某某网络有限公司独家负责“某某在",
    ]:
        assert is_junk_line(line), line
    assert not is_junk_line("该中心主办的检验检测开放日活动共接待市民300余人。经现场评审，12家机构获得授权。")


def test_a_forex_brand_with_chinese_between_its_letters_and_外汇_is_cut_from_a_clause():
    line = "会议强调，要统筹推进计量协作，ABCD某某外汇平台服务区域经济高质量发展。"
    assert drop_junk([line]) == ["会议强调，要统筹推进计量协作，服务区域经济高质量发展。"]


def test_a_promo_line_of_a_label_and_an_address_is_junk_with_its_jammer_tail():
    assert drop_junk(["更多信息请进：某某仪器 https://www.example.cn/4 K! i7 s. T- Z3 e8", BODY]) == [BODY]
    assert drop_junk(["申报网站：https://www.example.gov.cn", BODY]) == ["申报网站：https://www.example.gov.cn", BODY]
    assert drop_junk([BODY, "详情请登录某某平台（网址：https://www.example.cn）查询。"])[1].startswith("详情")


def test_a_widget_label_and_a_forum_profiles_note_are_junk():
    for line in ["面包屑", "面包屑导航", "上述资料恕不公开"]:
        assert is_junk_line(line), line


def test_a_caption_credited_to_an_app_and_its_paper_is_a_caption():
    caption = "5月9日，某某检验检测活动启动仪式上，机构代表在倡议书上签字。某某云/某某日报 记者王某 摄"
    assert drop_junk([BODY, caption, BODY]) == [BODY, BODY]


def test_a_bare_caption_telling_who_does_what_is_dropped_between_paragraphs_a_subhead_stays():
    captions = ["讲解员向来访市民介绍计量器具的检定知识", "某某大学副校长王某大会致辞", "技术人员正在进行样品检测"]
    for caption in captions:
        assert drop_junk([BODY, caption, BODY]) == [BODY, BODY], caption
        assert drop_junk([BODY, caption]) == [BODY, caption]  # the last line: text, not a caption
    for subhead in ["检验检测市场结构进一步优化", "计量日的由来", "专业对口学生顺利入行"]:
        assert drop_junk([BODY, subhead, BODY]) == [BODY, subhead, BODY], subhead
    assert drop_junk(["讲解员向来访市民介绍计量器具的检定知识", BODY])[0].startswith("讲解员")  # before any text


def test_an_attachment_label_with_nothing_after_it_is_dropped_one_over_its_list_stays():
    assert drop_junk([BODY, "附件："]) == [BODY]
    assert drop_junk([BODY, "附件：", "1.某某机构名单"]) == [BODY, "附件：", "1.某某机构名单"]


def test_a_separator_rule_with_or_without_a_word_in_it_is_junk():
    for line in ["------分隔线----------------------------", "==========", "* * * * *", "——————"]:
        assert is_junk_line(line), line
    assert not is_junk_line("——某某检测中心主任")  # a dash opening a line of text


def test_an_english_portals_widget_headings_are_junk_a_line_of_code_or_an_english_name_with_marks_stays():
    for line in ["Editor's picks", "XYZQWERTYLatest News", "Play Video", "Most Viewed Stories"]:
        assert is_junk_line(line), line
    for line in ["import json", "client = redis.Redis()", "ISO/IEC 17025:2017", "CNAS CMA", "Print"]:
        assert is_junk_line(line) == (line == "Print"), line


def test_a_link_label_with_a_long_address_is_junk():
    line = "原文链接：https://www.example.gov.cn/" + "xwdt/" * 20 + "t20240521_123456.html"
    assert len(line) > 80
    assert is_junk_line(line)
    assert not is_junk_line("详情请登录某某平台（网址：https://www.example.cn）查询。")


def test_related_list_headings_in_either_wording_end_the_text_and_an_attachment_label_over_them_goes():
    for heading in ["相关稿件", "关联文章：", "最新信息", "推荐内容", "热点新闻"]:
        assert drop_junk([BODY, heading, "- 某某标题一", "- 某某标题二"]) == [BODY], heading
    assert drop_junk([BODY, "相关附件：", "关联文章："]) == [BODY]
    assert drop_junk([BODY, "附件：", "原文链接：https://www.example.cn/a.html", "最新信息", "- 某某"]) == [BODY]


def test_a_photo_credit_glued_to_a_name_and_an_archive_photos_caption_are_junk():
    assert is_junk_line("王某某 某某消费者报记者李某摄影报道")
    assert is_junk_line("资料图片") and is_junk_line("（资料图）")
    caption = "某省市场监管部门开展“世界认可日”系列宣传活动。资料图片"
    assert drop_junk([BODY, caption, BODY]) == [BODY, BODY]
    assert not is_junk_line("某某报记者李某报道")  # a byline with no photo: the author finder's line


def test_a_bare_time_stamp_and_a_forum_profiles_rank_badge_are_junk_a_signature_date_stays():
    for line in ["2024-12-13 03:01:36", "2019/5/20 9:02", "创始人", "注册会员", "版主"]:
        assert is_junk_line(line), line
    for line in ["2024年12月13日", "某某检测中心创始人王某介绍了实验室的发展历程。"]:
        assert not is_junk_line(line), line


def test_a_papers_name_alone_in_title_marks_closing_the_text_is_its_credit():
    for line in ["《某某质量报》", "《某某周刊》", "《某某杂志》"]:
        assert drop_junk([BODY, line]) == [BODY], line
    for line in ["《某某检验检测管理办法》", "《某某报》发表评论员文章，指出检验检测是质量基础设施的重要组成部分。"]:
        assert not is_junk_line(line), line


def test_a_short_signed_caption_is_found_as_a_long_one_is():
    # under 40 characters the credit may stand anywhere in the line, not only in its last few
    short = "市民代表参观计量实验室并体验电子秤检定。某某区市场监管局供图 某某新闻网"
    assert len(short) < 40
    assert is_credited_caption(short) and is_credited_caption("当天上午，" + short)


def test_a_directory_sites_calls_and_notes_to_its_readers_are_junk_a_texts_own_reminder_stays():
    for line in [
        "抓住商机 立刻联系",
        "马上留言 共同发展",
        "温馨提醒：本网站属于信息交流平台，请与企业合作前认真考察其资质，以免造成损失。",
        "友情提醒：为保障您的利益，建议优先选择本站认证会员的产品。",
        "本文为机构在某某新闻上传并发布，仅代表该机构观点，某某新闻仅提供信息发布平台。",
        "网站支持IPV6 推荐使用1280*800或以上分辨率，并使用IE10.0或以上版本浏览器",
    ]:
        assert is_junk_line(line), line
    for line in [
        "温馨提醒：本周气温持续下降，市民购买取暖器时请认准3C认证标志。",
        "该型号卡尺的分辨率为0.01mm，检定结果符合要求。",
    ]:
        assert not is_junk_line(line), line


def test_a_sites_footer_line_goes_only_when_no_text_follows_it():
    footer = ["主办单位：某某市市场监督管理局", "地址：某某市某某路1号"]
    assert drop_junk([BODY, *footer]) == [BODY]
    # a notice names who holds its meeting in the same words, with its text going on below
    notice = ["主办单位：某某市检验检测协会", "会议时间：2024年5月20日上午9时，请各会员单位准时参加。"]
    assert drop_junk([BODY, *notice]) == [BODY, *notice]


def test_a_bare_line_under_a_pictures_file_name_and_a_poster_named_as_such_are_captions():
    lines = [BODY, "20240520101530123.png", "学生分组在实验室观察样品", BODY.replace("1月", "2月")]
    assert drop_junk(lines) == [BODY, BODY.replace("1月", "2月")]
    lines = [BODY, "2024年世界计量日宣传海报", BODY.replace("1月", "2月")]
    assert drop_junk(lines) == [BODY, BODY.replace("1月", "2月")]
    # a subhead under the text, no picture above it, stays
    lines = [BODY, "检测能力稳步提升", BODY.replace("1月", "2月")]
    assert drop_junk(lines) == lines


def test_comment_boxes_button_rows_text_credits_and_attachments_by_file_name_are_junk():
    for line in [
        "0 条回复",
        "暂无讨论，说说你的看法吧！",
        "你需要 登录 或 注册 后参与讨论！",
        "[ 站内搜索 ]  [ 加入收藏 ]  [ 告诉好友 ]  [ 打印本文 ]",
        "文字：王小明",
        "|",
    ]:
        assert is_junk_line(line), line
    for line in [
        # an attachment's title is the notice's own: the document block lists it (enrich/document.py)
        "附件2.某某管理办法（征求意见稿）起草说明.pdf",
        "该中心已有3条检测线投入使用，市民回复称满意。",
        "[1] 某某标准起草说明",
    ]:
        assert not is_junk_line(line), line


def test_an_apps_closing_credit_rows_are_junk_whatever_a_mirror_did_to_the_role():
    for line in [
        "【记者】王小明",
        "【通讯员】李某某",
        "【】 王小明",
        "【】 某某报业传媒集团某某+客户端",
        "【来源】 某某日报",
        "【致谢】王小明",
    ]:
        assert is_junk_line(line), line
    for line in [
        "【科普】世界认可日 | 通行世界的认证认可",  # a subhead tagged in brackets
        "【编者按】5月20日是世界计量日，本刊记者走访了三家计量院。",
        "【背景】",
    ]:
        assert not is_junk_line(line), line


def test_a_row_of_back_buttons_is_junk():
    for line in ["返回首页 返回栏目首页", "【返回首页】", "返回上一页", "返回顶部 返回列表"]:
        assert is_junk_line(line), line
    assert not is_junk_line("检查组返回首页面板后确认了数据。")


def test_a_sites_name_and_slogan_closing_the_page_goes_one_above_the_text_stays():
    assert drop_junk([BODY, "某某+ - 创造更多价值"]) == [BODY]
    assert drop_junk(["某某+ - 创造更多价值", BODY]) == ["某某+ - 创造更多价值", BODY]


def test_a_scene_caption_and_a_visiting_groups_caption_are_dropped_between_paragraphs():
    other = BODY.replace("1月", "2月")
    for caption in ["专家论证会现场", "活动现场", "专家组参观某某中心化学实验室", "调研组一行察看检测设备"]:
        assert drop_junk([BODY, caption, other]) == [BODY, other], caption
        assert drop_junk([BODY, caption]) == [BODY, caption]  # the last line: text, not a caption
    for subhead in ["现场检查发现的问题", "专家组意见"]:
        assert drop_junk([BODY, subhead, other]) == [BODY, subhead, other], subhead


def test_symbol_runs_woven_into_sentences_go_and_the_sentence_stays():
    line = "企业自愿参与分级，在质量合格的前提下■■◆◆，通过第三方检验确认等级◆★。"
    assert drop_junk([line]) == ["企业自愿参与分级，在质量合格的前提下，通过第三方检验确认等级。"]
    assert drop_junk(["■ 本报记者走访了三家检测机构，了解检测流程。"]) == ["■ 本报记者走访了三家检测机构，了解检测流程。"]


def test_a_contact_boxs_hotline_heading_is_junk():
    for line in ["产品咨询热线", "全国服务热线", "新闻热线：0371-12345678"]:
        assert is_junk_line(line), line
    assert not is_junk_line("市民可拨打12315热线反映计量问题。")


def test_a_newsrooms_review_chain_credit_row_is_junk():
    rows = ["编辑 王小明 二审 李某某 三审 赵某", "编辑 钱某？ 二审 孙某某？ 三审 周某"]
    rows += ["责任编辑：吴某 终审：郑某", "编辑 刘某某 校对 陈某", "编辑/周某某", "编辑|孙某 责编|钱某某"]
    rows += ["编辑 周某某 ｜ 排版 吴某", "编辑丨郑某", "本期编辑 王某某", "值班主任：李某", "新媒体编辑：赵某"]
    for line in rows:
        assert is_junk_line(line), line
    # a sentence naming the review chain is text; so is a long line that only mentions it
    assert not is_junk_line("稿件经编辑初审、二审和三审后方可刊发。")


def test_comment_boxes_statement_labels_and_copyright_statements_close_the_text():
    notice = "本网注明“来源：某某质量网”的所有作品，版权均属于某某质量网，未经本网授权不得转载。已经本网授权使"
    assert drop_junk([BODY, "最新评论", "声明：", notice]) == [BODY]
    assert is_junk_line("声明：") and is_junk_line("免责声明")
    assert is_junk_line(notice)
    # a heading that only names comments in the text is no widget
    assert not is_junk_line("市民纷纷发表意见，称赞检测服务便民。")


def test_html_comment_leftovers_and_file_names_with_a_lost_dot_are_junk():
    for line in [
        "--> 2023-03-01 1 1 某某日报 content_123.html 1 某市燃煤质量抽查合格率100% /enpproperty-->",
        "<!-- 正文开始",
        "ad1 webp",
        "banner_02 jpg",
    ]:
        assert is_junk_line(line), line
    assert not is_junk_line("检测范围包括A类->B类转换过程中的数据。")
    # a paragraph glued to a comment keeps its text: the comment goes
    for glued in ["<!--enpcontent-->" + BODY, "--> " + BODY, BODY + "<!-- 正文结束"]:
        assert drop_junk([glued]) == [BODY], glued


def test_a_column_label_in_brackets_under_the_text_goes_a_subhead_with_text_after_it_stays():
    other = BODY.replace("1月", "2月")
    assert drop_junk([BODY, "【资讯播报】"]) == [BODY]
    assert drop_junk([BODY, "【工作要求】", other]) == [BODY, "【工作要求】", other]


def test_an_editor_tag_in_square_brackets_goes_with_spaces_inside_them():
    assert drop_junk([BODY, "[ 责编：王某 ]"]) == [BODY]


def test_a_follow_button_a_zoom_hint_and_a_portals_back_link_are_chrome():
    assert is_junk_line("关注") and is_junk_line("+关注") and is_junk_line("（点击看清晰大图）")
    assert not is_junk_line("检测结果引发广泛关注。")
    assert drop_junk([BODY + "返回某某网首页>>"]) == [BODY]
    assert drop_junk([BODY + "返回某某，查看更多"]) == [BODY]
    # a sentence telling of going back is text
    assert drop_junk(["检查组于当日返回市局，查看更多材料。"]) == ["检查组于当日返回市局，查看更多材料。"]


def test_a_source_or_author_credited_with_a_bar_and_a_suppliers_label_are_meta_lines():
    for line in ["来源丨某某日报", "作者 | 王某", "图片 | 网络", "供稿：某某中心", "信息来源：某某局", "下一条：某某新闻"]:
        assert is_junk_line(line), line
    assert not is_junk_line("主编单位：某某协会")  # a notice names who edits a standard
    assert not is_junk_line("审核通过后颁发证书")


def test_a_source_note_in_brackets_closing_the_text_is_a_meta_line():
    assert is_junk_line("（本文来源：某某日报 作者：某某研究院研究员王某）")
    assert is_junk_line("（资料来源：某某报、某某网等）")
    assert not is_junk_line("（资料来源于企业自查和现场核查。）")


def test_copyright_statements_comment_forms_and_ad_slots_in_their_other_wordings_are_chrome():
    for line in [
        "凡注明“来源：某某网”的稿件，版权均为某某网独家所有，转载时必须注明“来源：某某网”。",
        "本文版权归原作者所有，转载文章仅为传播更多信息之目的。",
        "图片来自网络，如有侵权，请联系删除。",
        "未经授权禁止转载",
        "网友评论仅供其表达个人看法，并不表明某某网立场。",
        "用户名：",
        "已有0人评论",
        "请文明上网，理性发言",
        "ad",
        "ad_banner",
        "广告位招租",
    ]:
        assert is_junk_line(line), line
    for line in ["检测报告版权归委托方所有。", "该机构冒用他人标志，如有侵权行为将依法处理。", "Adobe", "admin"]:
        assert not is_junk_line(line), line


def test_share_targets_print_buttons_phone_prompts_app_calls_and_media_credits_are_chrome():
    for line in [
        "微信 微博 QQ空间",
        "分享至：微信 微博",
        "【我要打印】【关闭】",
        "打印此页",
        "A+ A- 打印",
        "点赞",
        "在手机上阅读",
        "APP下载",
        "本文来自某某客户端",
        "更多精彩内容，请关注某某公众号",
        "【纠错】 责任编辑： 王某",
        "视频制作：李某",
    ]:
        assert is_junk_line(line), line
    for line in ["视频：市民参观实验室", "微信", "市民可通过手机阅读检测报告。"]:
        assert not is_junk_line(line), line


def test_a_schedules_when_is_no_caption():
    """A notice's schedule line is as short and bare as a caption: it tells only when."""
    lines = ["一、活动时间", "2025年6月29日（星期日）全天。", "二、活动主题", BODY]
    assert drop_junk(lines) == lines
    for line in ["2025年6月29日(星期日)全天。", "6月29日上午9:00至12:00。", "6月1日至6月30日。"]:
        assert not is_caption(line), line
    assert is_caption("5月9日某学院双选会现场。")


def test_comment_prompts_a_heading_before_a_bar_and_an_e_papers_headline_list_are_chrome():
    for line in ["登录后才可以发布评论哦", "打开小程序可以发布评论哦", "会员中心", "电话", "传真："]:
        assert is_junk_line(line), line
    assert drop_junk([BODY, "相关信息： |", "某地召开计量工作会议"]) == [BODY]
    assert drop_junk([BODY, "标题导航", "炎炎夏日 当好水务卫士", "前五个月某省外贸创新高"]) == [BODY]
    for line in ["电话是他们唯一的联系方式。", "会员中心设在某市。"]:
        assert not is_junk_line(line), line


def test_a_word_between_two_chrome_lines_is_the_menus():
    assert drop_junk([BODY, "会员中心", "某某之家", "电话"]) == [BODY]
    # text after a chrome line, or a word with text after it, stays
    assert drop_junk([BODY, "会员中心", "工作要求", BODY]) == [BODY, "工作要求", BODY]
    assert drop_junk(["工作要求", "会员中心", BODY]) == ["工作要求", BODY]


def test_captions_naming_a_speaker_a_person_by_organisation_and_title_and_the_invited_are_dropped():
    lines = [
        BODY,
        "某某总局副局长，某某委员会主任张某先生致辞",
        "某某国际认证有限公司李某董事长",
        "受邀参加世界认可日主题活动",
        BODY,
    ]
    assert drop_junk(lines) == [BODY, BODY]
    # a subhead naming a topic stays; so does the closing line of the text
    assert drop_junk([BODY, "强化计量监督管理", BODY]) == [BODY, "强化计量监督管理", BODY]
    assert drop_junk([BODY, "某某研究院院长王某"]) == [BODY, "某某研究院院长王某"]


def test_a_meta_row_opening_with_the_pages_time_stamp_is_chrome():
    for line in ["2025-11-20 20:34:59 来源： 某某网-某某日报原创", "2024-05-06 作者：某某", "2024/5/6 08:30 浏览：12"]:
        assert is_junk_line(line), line
    assert not is_junk_line("2024-05-06 来源地检测结果公布")


def test_a_sidebars_heading_is_read_by_its_two_parts():
    """Which list (往期, 推荐, 热门, 相关…) and of what (阅读, 专题, 视频, 导航…): a heading not
    seen before in that pairing still closes the text."""
    for heading in ["往期阅读", "推荐专题", "热门视频", "相关导航", "【精彩图片】"]:
        assert drop_junk([BODY, heading, "某地召开计量工作会议"]) == [BODY], heading
    assert drop_junk([BODY, "推荐阅读材料清单如下。"]) == [BODY, "推荐阅读材料清单如下。"]


def test_a_ceremony_named_alone_between_paragraphs_is_its_pictures_caption():
    lines = [BODY, "某某检验检测学会生态专委会成立会", BODY]
    assert drop_junk(lines) == [BODY, BODY]
    # the closing line of the text stays
    assert drop_junk([BODY, "某某基地揭牌仪式"]) == [BODY, "某某基地揭牌仪式"]


def test_a_scripts_loading_placeholder_is_chrome():
    for line in ["正在加载文章...", "加载中⋅⋅⋅", "列表加载中...", "加载更多新闻", "正在载入…"]:
        assert is_junk_line(line), line
    assert not is_junk_line("该系统正在加载新的检测数据，预计下月完成升级。")


def test_a_list_headline_cut_short_by_an_ellipsis_is_chrome():
    for line in ["某某部发布《某某省生物多样性...", "- 2025-01-07某某局组织召开计量工作…", "某某检测中心开放日活动⋯"]:
        assert is_junk_line(line), line
    # a sentence or an enumeration trailing off keeps its text
    for line in ["购物、餐饮、空中花园……", "检测项目包括硬度、强度……", "他说，还有很多工作要做……"]:
        assert not is_junk_line(line), line


def test_a_pagers_label_alone_ends_the_text_with_the_headline_below_it():
    lines = [BODY, "来源：某某总局", "上一篇：", "某某部发布某某报告", "下一篇：", "某某团标即将实施"]
    assert drop_junk(lines) == [BODY]
    # above the text it is dropped alone, the text below it stays
    assert drop_junk(["下一篇：", BODY]) == [BODY]


def test_a_portals_comment_box_player_and_size_switch_in_their_other_words_are_chrome():
    for line in ["我要跟帖", "跟帖", "已输入0字", "还可以输入200字", "您的浏览器暂时无法播放此视频.", "视频无法播放", "字号"]:
        assert is_junk_line(line), line
    assert not is_junk_line("该平台已输入检测数据2000余条，覆盖全省。")


def test_an_accounts_keyword_reply_menu_and_its_call_to_tap_are_chrome():
    for line in ["1、回复【社保】查询缴纳记录", "回复“福利”查看政策", "看都看完了，点【在看】试试"]:
        assert is_junk_line(line), line
    # a text's own 重点在看 is no button
    assert not is_junk_line("检查重点在看台账是否齐全")


def test_a_sidebars_heading_with_a_dot_between_its_parts_closes_the_text():
    for heading in ["延伸 · 推荐", "相关·阅读", "新闻 • 推荐"]:
        assert drop_junk([BODY, heading, "某地召开计量工作会议。"]) == [BODY], heading


def test_photo_credits_in_their_other_forms_are_chrome():
    """Several photographers, a stock library's Latin name, a still from a video, an agency's
    archive note; and a repost's note that its text came off the web."""
    for line in [
        "▲某某日报全媒体图片记者张三、李四摄",
        "图/pixabay",
        "某某展台（视频截图）",
        "信息来源于网络",
        "部分图片来源于网络",
    ]:
        assert is_junk_line(line), line
    for line in ["某某在展台前讲解。视频截图", "共享充电宝。视觉中国 资料"]:
        assert is_credited_caption(line), line
    for line in ["执法人员调取了监控截图。", "通过视频截图比对，执法人员发现问题。", "记者从网络信息来源获悉。"]:
        assert not is_credited_caption(line) and not is_junk_line(line), line
