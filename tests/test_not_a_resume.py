"""Files that are not one person's résumé go to errors.csv as not_a_resume, never into the ranking.

Tried as a new user would, `screener run data/samples` once ranked the folder's README.md 5th and
expected.json 6th, above real candidates. Every case here is a synthetic file in a layout found in
recruiters' folders (invented people, invented companies).
"""

import json
from datetime import date
from pathlib import Path

import pytest

from flows.pipeline import screen_chunk
from job_profiles.profile import bundled_profiles, load_profile

README = """# 简历样本说明

本目录存放演示用的合成简历，供 `screener run` 试用。

## 文件

- loan_strong_zhang.pdf：贷款客户经理，示例农村商业银行，2016.03-至今
- service_borderline.docx：客服专员，本科，市场营销专业

## 用法

```bash
screener run data/samples --out output
```
"""

ADVERT = """示例农村商业银行2026年社会招聘公告
招聘岗位：贷款客户经理
招聘人数：5人
岗位职责：
1、营销有潜力的贷款客户，完成销售任务；
2、完成贷款客户的调查并撰写调查报告。
任职要求：
1、金融、经济等相关专业大专及以上学历；
2、2年以上金融行业销售经验。
薪资待遇：面议
联系电话：0571-88880000
"""

RESUME_WITHOUT_CONTACTS = """Summary
Loan officer with 6 years in consumer lending.
Experience
Loan Officer, 03/2019 to Current Company Name City, State
Originated consumer and small-business loans; post-loan reviews.
Teller, 06/2016 to 02/2019 Company Name City, State
Education
Bachelor of Science, Finance, Example State University, 2016
Skills
Credit analysis, loan origination
"""


def _people(n: int) -> str:
    return json.dumps(
        [{"name": f"测试{i}", "phone": f"1380000{i:04d}", "email": f"p{i}@example.com", "degree": "本科"} for i in range(n)],
        ensure_ascii=False,
        indent=2,
    )


CASES = {
    "README.md": (README, "documentation or data file"),
    "expected.json": (_people(12), "structured data (JSON)"),
    "candidates.txt": ("\n".join(f"测试{i}  1380000{i:04d}  p{i}@example.com" for i in range(10)), "contact details of 10 people"),
    "advert.txt": (ADVERT, "job advert"),
    "figures.csv": ("\n".join(f"{i},{i * 3.5},{i * 7}" for i in range(40)), "documentation or data file"),
}


@pytest.fixture(scope="module")
def screened(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("inbox")
    for name, (text, _) in CASES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "loan_officer.txt").write_text(RESUME_WITHOUT_CONTACTS, encoding="utf-8")
    profile = load_profile(bundled_profiles()["loan_account_manager"])
    files = sorted(folder.iterdir())
    return screen_chunk(files, [profile], date(2026, 6, 30))


@pytest.mark.parametrize("name", sorted(CASES))
def test_not_a_resume_is_an_error_row_with_its_reason(screened, name: str) -> None:
    errors = {Path(e.source.path).name: e for e in screened.errors}
    assert name in errors, f"{name} was ranked"
    assert errors[name].code == "not_a_resume"
    assert CASES[name][1] in errors[name].reason


def test_a_resume_with_redacted_contacts_is_still_ranked(screened) -> None:
    # LiveCareer's résumés carry no name or phone: sections and dated jobs make them résumés.
    ranked = {Path(c.source.path).name for c in screened.candidates}
    assert ranked == {"loan_officer.txt"}
