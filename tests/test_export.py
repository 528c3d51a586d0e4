"""ranked.xlsx as HR opens it, built by plain functions: headers, highlighting, summary, --lang en."""

from datetime import date

import openpyxl
import polars as pl
import pytest

from flows import pipeline
from job_profiles.profile import bundled_profiles, resolve_profile
from outputs.export import profile_tables, write_outputs
from outputs.tables import candidates_frame, errors_frame, results_frame
from scoring.duplicates import duplicate_groups, with_duplicates
from tests.conftest import SAMPLE_RESUMES

PROFILES = ["loan_account_manager", "tobacco_account_manager"]


@pytest.fixture(scope="module")
def frames():
    profiles = [resolve_profile(p) for p in PROFILES]
    files = pipeline.find_resumes([SAMPLE_RESUMES])
    chunk = pipeline.screen_chunk(files, profiles, date(2026, 6, 30))
    # The same person again under another file name: must be grouped, not counted twice.
    twin = chunk.candidates[0].model_copy(update={"source": chunk.candidates[0].source.model_copy(update={"path": "zz_again.pdf"})})
    twin_scores = [s.model_copy(update={"source_path": "zz_again.pdf"}) for s in chunk.scores if s.source_path == chunk.candidates[0].source.path]
    candidates = with_duplicates(candidates_frame([*chunk.candidates, twin]))
    results = results_frame([*chunk.scores, *twin_scores], candidates)
    return profiles, candidates, results, errors_frame(chunk.errors)


def _write(frames, tmp_path, lang):
    profiles, candidates, results, errors = frames
    tables = profile_tables(results, candidates, PROFILES)
    write_outputs(tmp_path, results, candidates, errors, tables, profiles, lang)
    return openpyxl.load_workbook(tmp_path / "ranked.xlsx")


def test_sheets_are_formatted_for_reading(frames, tmp_path):
    workbook = _write(frames, tmp_path, "zh")
    assert workbook.sheetnames == ["汇总", *PROFILES, "最适合岗位", "无法筛选的文件"]
    sheet = workbook["loan_account_manager"]
    assert sheet.freeze_panes == "A2"
    assert sheet.tables and next(iter(sheet.tables.values())).autoFilter is not None  # filter buttons
    headers = [c.value for c in sheet[1]]
    assert headers[:6] == ["排名", "姓名", "总分", "满足必备条件", "未满足的必备条件", "评价"]
    assert "最高学历" in headers and "重复组" in headers and "source_path" not in headers
    # Requirement labels, not ids, head the criterion columns.
    profile = frames[0][0]
    assert profile.requirements[0].label.zh in headers
    widths = {k: v.width for k, v in sheet.column_dimensions.items()}
    assert 6 <= min(widths.values()) and max(widths.values()) <= 62 and widths["F"] > widths["A"]
    rules = [r.formula[0] for rng in sheet.conditional_formatting for r in rng.rules]
    assert any('="否"' in f for f in rules) and any("<>" in f for f in rules)  # failed must-haves, text warnings
    degrees = {row[headers.index("最高学历")].value for row in sheet.iter_rows(min_row=2)}
    assert "本科" in degrees and "bachelor" not in degrees


def test_summary_counts_profiles_verdicts_and_errors_and_people_once(frames, tmp_path):
    workbook = _write(frames, tmp_path, "zh")
    rows = [r for r in workbook["汇总"].iter_rows(values_only=True)]
    text = [[c for c in r if c is not None] for r in rows]
    by_profile = {r[0]: r for r in text if len(r) == 8 and r[0] in PROFILES}  # the first table's rows
    _, candidates, _, errors = frames
    resumes, people = by_profile["loan_account_manager"][2], by_profile["loan_account_manager"][3]
    assert (resumes, people) == (candidates.height, candidates.height - 1)
    assert any(r and r[-2:] == ["重复投递（不重复计数）", 1] for r in text)
    assert any(r and r[0] == "corrupt_pdf" and r[1] == errors.height for r in text)


def test_english_headers_with_lang_en_and_machine_names_in_csv_and_parquet(frames, tmp_path):
    workbook = _write(frames, tmp_path, "en")
    assert workbook.sheetnames == ["summary", *PROFILES, "best fit", "errors"]
    assert [c.value for c in workbook["loan_account_manager"][1]][:3] == ["Rank", "Name", "Score"]
    csv = pl.read_csv(tmp_path / "loan_account_manager.csv")
    assert csv.columns[:4] == ["rank", "name", "score", "must_have_passed"]
    assert {"duplicate_group", "is_duplicate"} <= set(csv.columns)
    assert {"duplicate_group", "is_duplicate"} <= set(pl.read_parquet(tmp_path / "candidates.parquet").columns)


def test_duplicates_are_grouped_by_normalised_phone_email_or_name_and_birth_date():
    frame = pl.DataFrame({
        "source_path": ["a", "b", "c", "d", "e", "f", "g"],
        "name": ["张三", "张 三", "李四", "王五", "赵六", "钱七", "钱七"],
        "phones": [["138-0000-0001"], ["+86 138 0000 0001"], [], ["139"], ["13900000009"], [], []],
        "emails": [[], ["Li@Example.com"], ["li@example.com "], [], [], [], []],
        "personal": [{"birth_date": None}] * 5 + [{"birth_date": "1990-05"}, {"birth_date": "1990-05"}],
    })
    groups = {r["source_path"]: (r["duplicate_group"], r["is_duplicate"]) for r in duplicate_groups(frame).to_dicts()}
    # a~b by phone, b~c by e-mail: one person in three files; f~g by name and birth date.
    assert groups["a"] == ("D1", False) and groups["b"] == ("D1", True) and groups["c"] == ("D1", True)
    assert groups["f"] == ("D2", False) and groups["g"] == ("D2", True)
    assert groups["d"] == (None, False) and groups["e"] == (None, False)


def test_two_colleagues_naming_one_referee_are_two_people():
    from extractors.fields.candidate import extract_candidate
    from outputs.tables import candidates_frame
    from screener.models import Document, SourceInfo

    def candidate(name: str, phone: str, path: str):
        text = f"姓名：{name}\n电话：{phone}\n工作经历\n2019.07-至今 示例银行青禾支行 客户经理 证明人：赵行长 13900000099\n"
        return extract_candidate(Document(source=SourceInfo(path=path, sha256=path * 64, format="txt"), text=text))

    frame = candidates_frame([candidate("甲测试", "13800000081", "a"), candidate("乙测试", "13800000082", "b")])
    groups = {r["source_path"]: (r["duplicate_group"], r["is_duplicate"]) for r in duplicate_groups(frame).to_dicts()}
    assert groups == {"a": (None, False), "b": (None, False)}


def test_in_a_ranked_table_the_best_ranked_copy_counts(frames):
    _, candidates, results, _ = frames
    table = profile_tables(results, candidates, ["loan_account_manager"])["loan_account_manager"]
    group = table.filter(pl.col("duplicate_group").is_not_null()).sort("rank")
    assert group.height == 2 and group["is_duplicate"].to_list() == [False, True]


@pytest.mark.parametrize(("include_contacts", "shown"), [(False, "赵行长 ［已隐去］"), (True, "赵行长 13900000099")])
def test_a_referees_phone_in_the_evidence_only_with_include_contacts(tmp_path, include_contacts, shown):
    from flows.batch import build_tables

    resume = tmp_path / "referee.txt"
    resume.write_text("姓名：甲测试\n电话：13800000081\n工作经历\n2019.07-至今 示例农村商业银行 客户经理 证明人：赵行长 13900000099\n", encoding="utf-8")
    profiles = [resolve_profile(pid) for pid in bundled_profiles()]
    tables = build_tables([pipeline.screen_chunk([resume], profiles, date(2026, 6, 30))], profiles, include_contacts)
    jobs = tables.candidates.select(pl.col("experience").explode().struct.field("evidence")).to_series().to_list()
    criteria = tables.results.select(pl.col("criteria").explode().struct.field("evidence")).to_series()
    assert jobs == [f"2019.07-至今 示例农村商业银行 客户经理 证明人：{shown}"]
    assert criteria.str.contains(shown, literal=True).any()
    assert tables.candidates["phones"].to_list() == [["13800000081"]]  # the candidate's own, either way
