"""Blind screening end to end on synthetic résumé files: the same scores and ranks as a normal run,
and no name, file name, contact detail or protected fact in any file a reviewer reads."""

import asyncio
import os
import stat
import zipfile
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from flows.batch import ScreenParameters, screen_batch
from outputs.blind import KEY_FILE, KEY_FOLDER
from screener.cli import main

pytestmark = pytest.mark.flow

# name, gender, birth, 民族, marital, political, 籍贯, 户口, health, religion, phone, e-mail, start year
PEOPLE = [
    ("张伟", "男", "1988年5月", "汉族", "已婚", "中共党员", "湖南长沙", "北京", "良好", "佛教", "13812345678", "zhangwei.demo@example.com", 2012),
    ("李娜", "女", "1995年3月", "回族", "未婚", "共青团员", "河北保定", "天津", "健康", "伊斯兰教", "13987654321", "lina.demo@example.com", 2018),
    ("王芳", "女", "1979年11月", "满族", "离异", "群众", "辽宁沈阳", "沈阳", "一般", "基督教", "13700001111", "wangfang.demo@example.cn", 2003),
    ("陈建国", "男", "1970年2月", "壮族", "已婚已育", "民主党派", "广西南宁", "南宁", "良好", "道教", "15011112222", "chenjg.demo@example.cn", 1994),
]
PROTECTED = ["1988年5月", "1995年3月", "1979年11月", "1970年2月", "汉族", "回族", "满族", "壮族", "已婚", "未婚", "离异",
             "中共党员", "共青团员", "民主党派", "湖南长沙", "河北保定", "辽宁沈阳", "广西南宁", "户口所在地：北京",
             "健康状况：良好", "健康状况：健康", "佛教", "伊斯兰教", "基督教", "道教", "性别：男", "性别：女"]
REFERENCE = date(2026, 11, 30)


def _resume(name, gender, birth, ethnicity, marital, political, native, hukou, health, religion, phone, email, start) -> str:
    return (
        f"{name}\n性别：{gender} | 出生年月：{birth} | 民族：{ethnicity} | 婚姻状况：{marital} | 政治面貌：{political}\n"
        f"籍贯：{native} | 户口所在地：{hukou} | 健康状况：{health} | 宗教信仰：{religion}\n"
        f"手机：{phone} | 邮箱：{email}\n\n教育背景\n{start - 6}.09-{start - 2}.06 示例财经大学 金融学 本科\n\n"
        f"工作经历\n{start}.07-至今 示例农村商业银行 客户经理\n负责小微企业贷款营销、贷前调查与贷后管理，完成年度贷款投放任务。\n\n"
        "技能\n信贷业务、财务分析、客户关系管理\n"
    )


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inbox")
    for person in PEOPLE:
        (folder / f"{person[0]}_简历.txt").write_text(_resume(*person), encoding="utf-8")
    # The same bytes under a second name (a résumé sent twice), and a file that is no résumé.
    (folder / "张伟_再次投递.txt").write_bytes((folder / "张伟_简历.txt").read_bytes())
    (folder / "李娜_照片.pdf").write_bytes(b"%PDF-1.4 broken")
    # Error rows whose reasons name paths: a second path to a file, a link to one gone.
    (folder / "王芳_副本.txt").symlink_to(folder / "王芳_简历.txt")
    (folder / "陈建国_old.txt").symlink_to(folder / "陈建国_旧版.txt")
    return folder


@pytest.fixture(scope="module")
def runs(inbox, tmp_path_factory, prefect_harness):
    """A normal run (plain function) and a blind one through the real flow, whose artifacts we read."""
    from flows.screen import screen

    normal, blind = tmp_path_factory.mktemp("normal"), tmp_path_factory.mktemp("blind")
    common = {"paths": [str(inbox)], "reference_date": REFERENCE, "use_cache": False, "profiles": ["loan_account_manager"]}
    screen_batch(ScreenParameters(out=str(normal), **common))
    state = screen(ScreenParameters(out=str(blind), blind=True, **common), return_state=True)
    return normal, blind, state.state_details.flow_run_id


def _key(blind: Path) -> pl.DataFrame:
    return pl.read_csv(blind / KEY_FOLDER / KEY_FILE)


def test_blind_and_normal_runs_give_the_same_scores_and_ranks(runs):
    normal, blind, _ = runs
    key = _key(blind).select("source_path", code="code")
    columns = ["profile_id", "rank", "score", "must_have_passed", "source_sha256"]
    seen = pl.read_parquet(normal / "results.parquet").join(key, on="source_path", maintain_order="left").rename({"code": "coded_path"})
    hidden = pl.read_parquet(blind / "results.parquet")
    assert hidden.height == seen.height == len(PEOPLE) + 1
    assert hidden.select(columns).equals(seen.select(columns))
    assert hidden["source_path"].to_list() == seen["coded_path"].to_list()
    ranked_normal = pl.read_csv(normal / "loan_account_manager.csv")
    ranked_blind = pl.read_csv(blind / "loan_account_manager.csv")
    assert ranked_blind.select("rank", "score").equals(ranked_normal.select("rank", "score"))


def _reviewer_texts(out: Path) -> dict[str, str]:
    """Every file of a run's folder a reviewer may open, as text (the key's own folder left out)."""
    texts = {}
    for path in out.rglob("*"):
        if path.is_dir() or KEY_FOLDER in path.relative_to(out).parts:
            continue
        if path.suffix == ".parquet":
            texts[path.name] = str(pl.read_parquet(path).to_dicts())
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                texts[path.name] = " ".join(book.read(n).decode("utf-8") for n in book.namelist())
        else:
            texts[path.name] = path.read_text(encoding="utf-8")
    return texts


def _secrets() -> list[str]:
    people = [value for p in PEOPLE for value in (p[0], p[10], p[11], f"{p[10][:3]} {p[10][3:7]}")]
    return people + PROTECTED + ["_简历", "_再次投递", "_照片", "_副本", "_old", "_旧版"]


def test_no_name_file_name_contact_or_protected_fact_in_any_blind_output(runs):
    normal, blind, _ = runs
    texts = _reviewer_texts(blind)
    assert {"results.parquet", "candidates.parquet", "loan_account_manager.csv", "errors.csv", "best_fit.csv",
            "audit.csv", "ranked.xlsx", "report.html"} <= set(texts)
    leaks = {(secret, name) for secret in _secrets() for name, text in texts.items() if secret in text}
    assert not leaks
    # The check can see them: a normal run's files name the people and their facts.
    shown = " ".join(_reviewer_texts(normal).values())
    assert all(p[0] in shown and p[10] in shown for p in PEOPLE) and "_简历" in shown and "_旧版" in shown
    personal = pl.read_parquet(blind / "candidates.parquet")["personal"].struct.unnest()
    assert all(personal[c].null_count() == personal.height for c in personal.columns)  # photo presence too


def test_the_prefect_artifacts_of_a_blind_run_name_no_one(runs):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    _, blind, flow_run_id = runs

    async def read():
        async with get_client() as client:
            return await client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))

    artifacts = asyncio.run(read())
    text = str([a.data for a in artifacts])
    assert any(a.key == "ranked-loan-account-manager" for a in artifacts)
    assert all(f'"{code}"' in text for code in _key(blind).filter(pl.col("code").str.starts_with("C"))["code"])
    assert not [s for s in _secrets() if s in text]


def test_the_key_maps_codes_back_and_only_its_owner_may_open_it(runs):
    normal, blind, _ = runs
    folder = blind / KEY_FOLDER
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(folder / KEY_FILE).st_mode) == 0o600
    assert not (normal / KEY_FOLDER).exists()  # written only with --blind
    key = _key(blind)
    names = dict(zip(key["source_path"].map_elements(lambda p: Path(p).name, return_dtype=pl.String), key["code"]))
    assert set(dict(zip(key["code"], key["name"])).values()) >= {p[0] for p in PEOPLE}
    # The same bytes under two names share their code; the error row has one of its own.
    assert names["张伟_再次投递.txt"] == names["张伟_简历.txt"] + "-2" or names["张伟_简历.txt"] == names["张伟_再次投递.txt"] + "-2"
    assert names["李娜_照片.pdf"].startswith("E")
    ranked = pl.read_csv(blind / "loan_account_manager.csv")
    assert set(ranked["name"]) <= set(key["code"]) and set(ranked["name"]) == set(ranked["source_path"])


def test_codes_follow_the_content_not_the_file_names(inbox, tmp_path):
    # The same files under other names: each file keeps its code.
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    files = sorted(p for p in inbox.iterdir() if not p.is_symlink())
    for i, path in enumerate(files):  # in the opposite order of the names
        (renamed / f"file{len(files) - i}{path.suffix}").write_bytes(path.read_bytes())
    codes = []
    for folder in (inbox, renamed):
        out = tmp_path / f"out-{folder.name}"
        screen_batch(ScreenParameters(paths=[str(folder)], out=str(out), blind=True, reference_date=REFERENCE, use_cache=False,
                                      profiles=["loan_account_manager"]))
        results = pl.read_parquet(out / "results.parquet")
        codes.append(dict(zip(results["source_sha256"], results["source_path"].str.replace(r"-\d+$", ""))))
    assert codes[0] == codes[1]


def test_blind_refuses_to_add_contacts(inbox, tmp_path, capsys):
    assert main(["run", str(inbox), "--out", str(tmp_path / "out"), "--blind", "--include-contacts"]) == 2
    assert "--blind" in capsys.readouterr().err


def test_every_text_a_blind_run_keeps_masks_names_contacts_and_protected_facts():
    from outputs.blind import assign_codes, blind_people, mask_texts
    from scoring.criteria import CriterionScore
    from scoring.score import CandidateScore
    from screener.models import Candidate, PersonalAttributes, SourceInfo, TextLine

    line = "张伟 | 性别：男 | 宗教信仰：佛教 | 手机：13812345678"
    person = Candidate(source=SourceInfo(path="in/张伟.txt", sha256="ab" * 32, format="txt"), name="张伟", phones=["13812345678"],
                       reference_date="2026-11-30", personal=PersonalAttributes(gender="male", has_photo=True),
                       lines=[TextLine(section="header", text=line)])
    score = CandidateScore(profile_id="p", profile_version=1, source_path="in/张伟.txt", source_sha256="ab" * 32, score=50.0,
                           must_have_passed=True, must_haves_failed=[], explanation=f"见 {line}", criteria=[CriterionScore(
                               id="c", kind="term", label="c", weight=1.0, must_have=False, score=0.5, passed=True,
                               evidence=line, section="header", summary=line)])
    key = assign_codes([person], [])
    people, scores = mask_texts([person], [score], key)
    shown = [people[0].lines[0].text, scores[0].explanation, scores[0].criteria[0].evidence, scores[0].criteria[0].summary]
    assert all("C0001" in text for text in shown)
    assert not [s for s in ("张伟", "男", "佛教", "13812345678") for text in shown if s in text]
    assert scores[0].score == score.score and scores[0].criteria[0].score == 0.5
    # What a later output (an interview guide) takes from the blind run's people names no one either.
    seen = blind_people(people, key)[0]
    assert (seen.name, seen.source.path, seen.phones, seen.personal) == ("C0001", "C0001", [], PersonalAttributes())
