"""Contact details in the forms people write them to slip past filters, and in file names, are masked
(screener/privacy.py, outputs/private_paths.py); dates, versions and amounts are not."""

import pytest

from outputs.private_paths import masked_paths
from screener.privacy import mask_contact_details, redact_personal

MASK = "[H]"


@pytest.mark.parametrize(("text", "shown"), [
    ("电话 139.0000.7777", "电话 [H]"),
    ("电话：(0571)88887777", "电话：[H]"),
    ("电话：（010）1234-5678", "电话：[H]"),
    ("邮箱 x(at)example.com", "邮箱 [H]"),
    ("mail: x [at] example [dot] com", "mail: [H]"),
    ("VX：wxid_abc123", "VX：[H]"),
    ("v信 zhang_san88", "v信 [H]"),
    ("身份证 330106 19900101 123X", "身份证 [H]"),
    ("身份证 3301 0619 9001 0112 34", "身份证 [H]"),
    ("家庭住址：浙江省杭州市西湖区文三路100号 | 期望薪资", "家庭住址：[H] | 期望薪资"),
    ("Home address: 12 Main St, Springfield; Phone", "Home address: [H]; Phone"),
    ("宗教信仰：基督教 | 民族：汉", "宗教信仰：[H] | 民族：[H]"),
])
def test_rarer_forms_are_masked(text, shown):
    assert redact_personal(mask_contact_details(text, MASK), MASK) == shown


@pytest.mark.parametrize("text", ["2019.07-2021.03 示例银行", "营收 1390.0000.7777 元", "版本 v1.3.9", "邮编 310000",
                                  "2015.09-2019.06 示例财经大学 金融学 本科", "VXLAN 网络配置"])
def test_dates_amounts_and_words_are_left_alone(text):
    assert mask_contact_details(text, MASK) == text


def test_file_names_are_masked_keeping_their_extension_and_staying_distinct():
    shown = masked_paths(["in/张三_13800001111.pdf", "in/张三_13900002222.pdf", "in/cv_x@example.com.docx", "in/李四.pdf"], MASK)
    assert shown["in/李四.pdf"] == "in/李四.pdf"
    assert shown["in/cv_x@example.com.docx"] == "in/[H].docx"
    assert sorted([shown["in/张三_13800001111.pdf"], shown["in/张三_13900002222.pdf"]]) == ["in/张三_[H] (2).pdf", "in/张三_[H].pdf"]
