"""A real Prefect run of the ``screen`` flow over the sample résumés, and the files HR opens."""

import re
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from job_profiles.profile import bundled_profiles, load_profile
from outputs.export import sheet_names
from tests.conftest import SAMPLE_RESUMES

pytestmark = pytest.mark.flow


@pytest.fixture(scope="module")
def run(prefect_harness, tmp_path_factory):
    """Screen the samples plus a folder of awkward files, once, through the real flow."""
    from flows.screen import ScreenParameters, screen

    inbox = tmp_path_factory.mktemp("inbox")
    shutil.copytree(SAMPLE_RESUMES, inbox / "samples")
    odd = inbox / "odd"
    odd.mkdir()
    (odd / "empty.pdf").write_bytes(b"")
    (odd / "notes.docx").write_bytes(b"PK\x03\x04 not really a zip")
    # A job line that names a referee and his phone: someone else's contact detail.
    (odd / "referee.txt").write_text(
        "姓名：甲测试\n电话：13800000081\n工作经历\n"
        "2019.07-至今 示例农村商业银行青禾支行 客户经理 证明人：赵行长 13900000099\n", encoding="utf-8"
    )
    out = tmp_path_factory.mktemp("out")
    summary = screen(ScreenParameters(paths=[str(inbox)], out=str(out), reference_date=date(2026, 6, 30)))
    return inbox, out, summary


def test_every_input_file_ends_ranked_or_as_an_error_exactly_once(run):
    inbox, out, summary = run
    inputs = sorted(str(p) for p in inbox.rglob("*") if p.is_file())
    candidates = pl.read_parquet(out / "candidates.parquet")
    errors = pl.read_csv(out / "errors.csv")
    seen = sorted(candidates["source_path"].to_list() + errors["source_path"].to_list())
    assert seen == inputs
    assert summary.files == len(inputs) and summary.ranked + summary.errors == len(inputs)


def test_bad_files_are_error_rows_with_a_clear_reason(run):
    _, out, _ = run
    errors = pl.read_csv(out / "errors.csv")
    by_name = {Path(p).name: (code, reason) for p, code, reason in errors.select("source_path", "code", "reason").iter_rows()}
    assert set(by_name) == {"corrupt_resume.pdf", "empty.pdf", "notes.docx"}
    assert by_name["corrupt_resume.pdf"][0] == "corrupt_pdf"
    assert by_name["empty.pdf"][0] == "empty_file"
    assert all(len(reason) > 10 for _, reason in by_name.values())


def test_results_carry_the_interface_columns_for_every_profile(run):
    _, out, _ = run
    results = pl.read_parquet(out / "results.parquet")
    for column in ("profile_id", "rank", "score", "must_have_passed", "source_path", "source_sha256", "criteria"):
        assert column in results.columns
    assert set(results["profile_id"]) == set(bundled_profiles())
    assert results["score"].is_between(0, 100).all()
    per_profile = results.group_by("profile_id").agg(pl.col("rank").sort()).to_dicts()
    n = pl.read_parquet(out / "candidates.parquet").height
    assert all(row["rank"] == list(range(1, n + 1)) for row in per_profile)
    # Every criterion score is 0–1 and names the evidence it was given for when it passed.
    criteria = results.select(pl.col("criteria").explode()).unnest("criteria")
    assert criteria["score"].is_between(0, 1).all()
    assert criteria.filter(pl.col("passed") & (pl.col("kind") == "skill"))["evidence"].str.len_chars().min() > 0


def test_candidates_table_has_the_extracted_fields_as_nested_columns(run):
    _, out, _ = run
    candidates = pl.read_parquet(out / "candidates.parquet")
    schema = candidates.schema
    assert schema["phones"] == pl.List(pl.String)
    assert isinstance(schema["education"], pl.List) and isinstance(schema["experience"], pl.List)
    zhang = candidates.filter(pl.col("source_path").str.ends_with("loan_strong_zhang_ceshi.pdf")).row(0, named=True)
    assert zhang["name"] == "张测试" and zhang["highest_degree"] == "bachelor"


def test_no_table_carries_a_referees_phone_from_a_job_line(run):
    _, out, _ = run
    candidates = pl.read_parquet(out / "candidates.parquet")
    results = pl.read_parquet(out / "results.parquet")
    jobs = candidates.select("source_path", "experience").explode("experience").unnest("experience")
    criteria = results.select("source_path", "criteria").explode("criteria").unnest("criteria")
    referee = jobs.filter(pl.col("source_path").str.ends_with("referee.txt"))
    assert referee["evidence"].to_list() == ["2019.07-至今 示例农村商业银行青禾支行 客户经理 证明人：赵行长 ［已隐去］"]
    assert criteria.filter(pl.col("source_path").str.ends_with("referee.txt"))["evidence"].str.contains("赵行长").any()
    for evidence in (jobs["evidence"], criteria["evidence"]):
        assert not evidence.str.contains(r"1[3-9]\d{9}|@").any()
    # The candidate's own phone keeps its column.
    assert candidates.filter(pl.col("source_path").str.ends_with("referee.txt"))["phones"].to_list() == [["13800000081"]]


def test_csv_files_open_in_excel_on_chinese_windows(run):
    _, out, _ = run
    for profile_id in bundled_profiles():
        raw = (out / f"{profile_id}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM missing"
        table = pl.read_csv(out / f"{profile_id}.csv")
        assert table["rank"].to_list() == sorted(table["rank"].to_list())
        assert "phones" not in table.columns  # contact details only when asked for


def test_ranked_workbook_has_a_summary_a_sheet_per_profile_best_first_and_an_errors_sheet(run):
    _, out, _ = run
    workbook = openpyxl.load_workbook(out / "ranked.xlsx", read_only=True)
    titles = [load_profile(path).title.zh for path in bundled_profiles().values()]  # sheets named by role title
    assert workbook.sheetnames == ["汇总", *sheet_names(titles), "最适合岗位", "公平性审计", "无法筛选的文件"]
    assert "贷款客户经理（法务／合同岗）" in workbook.sheetnames  # Excel refuses "/" in a sheet name
    sheet = workbook["贷款客户经理"]
    rows = list(sheet.iter_rows(values_only=True))
    header, first = rows[0], rows[1]
    assert header[:3] == ("排名", "姓名", "总分")
    assert first[0] == 1 and first[1] in {"张测试", "李示例"}
    passed = [r[header.index("满足必备条件")] for r in rows[1:]]
    # Rows that meet the must-haves come first.
    assert passed == sorted(passed, key=lambda v: v != "是") and set(passed) <= {"是", "否"}


def test_the_run_writes_a_report_and_a_markdown_summary(run):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    _, out, summary = run
    assert (out / "report.html").is_file() and summary.report == str(out / "report.html")

    async def read():
        async with get_client() as client:
            return await client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["screening-summary"])))

    import asyncio

    found = asyncio.run(read())
    assert found and "loan_account_manager" in found[0].data and "corrupt_pdf" in found[0].data


def test_each_profile_is_published_as_a_prefect_table_artifact(run):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    async def keys():
        async with get_client() as client:
            artifacts = await client.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(like_="ranked-"))
            )
            return {a.key for a in artifacts}, [a for a in artifacts]

    import asyncio

    found, artifacts = asyncio.run(keys())
    assert {f"ranked-{pid.replace('_', '-')}" for pid in bundled_profiles()} <= found
    text = str([a.data for a in artifacts])
    # No contact details in the UI: no e-mail address, no mobile number.
    assert not re.search(r"@|(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)", text)


def test_best_fit_names_each_candidates_best_role_once(run):
    _, out, _ = run
    fits = pl.read_csv(out / "best_fit.csv")
    candidates = pl.read_parquet(out / "candidates.parquet")
    assert sorted(fits["source_path"]) == sorted(candidates["source_path"])
    best = dict(fits.select(pl.col("source_path").str.extract(r"([^/]+)$"), "best_profile_id").iter_rows())
    assert best["loan_strong_zhang_ceshi.pdf"] == "loan_account_manager"
    assert best["property_strong_wei_shili.txt"] == "property_service_manager"
    assert (fits["margin"] >= 0).all()


def test_a_run_writing_inside_the_folder_it_screens_never_screens_its_own_output(prefect_harness, tmp_path):
    """Recruiters keep the results beside the résumés: --out, --out-root and the cache inside the
    inbox. Later runs must screen the résumés only, not the tables, reports and cache entries."""
    from flows.screen import ScreenParameters, screen

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("loan_strong_zhang_ceshi.pdf", "tobacco_strong_wu_ceshi.pdf"):
        shutil.copy(SAMPLE_RESUMES / name, inbox / name)
    common = {"paths": [str(inbox)], "profiles": ["loan_account_manager"], "reference_date": date(2026, 6, 30)}
    first = screen(ScreenParameters(**common, out=str(inbox / "results"), cache_dir=str(inbox / "cache")))
    # Another cache, so the first one is only recognised by its CACHEDIR.TAG.
    later = [screen(ScreenParameters(**common, out_root=str(inbox / "runs"), cache_dir=str(tmp_path / "cache")))
             for _ in range(2)]
    assert [s.files for s in (first, *later)] == [2, 2, 2]
    assert (inbox / "cache" / "CACHEDIR.TAG").is_file()
    screened = pl.read_parquet(Path(later[-1].out_dir) / "candidates.parquet")["source_path"].to_list()
    assert sorted(Path(p).name for p in screened) == ["loan_strong_zhang_ceshi.pdf", "tobacco_strong_wu_ceshi.pdf"]


def test_the_flow_reports_each_file_to_the_progress_it_is_given(prefect_harness, tmp_path):
    """``screener run`` draws its bar from what the flow tells the progress callback it was passed."""
    from flows.screen import ScreenParameters, screen

    class Heard:
        def __init__(self) -> None:
            self.calls: list[tuple] = []

        def start(self, total: int) -> None:
            self.calls.append(("start", total))

        def advance(self, done: int, read: int, reused: int) -> None:
            self.calls.append(("advance", done, read, reused))

    heard = Heard()
    files = [SAMPLE_RESUMES / "loan_strong_zhang_ceshi.pdf", SAMPLE_RESUMES / "corrupt_resume.pdf"]
    summary = screen(ScreenParameters(paths=[str(f) for f in files], profiles=["loan_account_manager"], out=str(tmp_path),
                                      use_cache=False), progress=heard)
    assert summary.files == 2
    assert heard.calls == [("start", 2), ("advance", 1, 1, 0), ("advance", 1, 1, 0)]
