"""The sample résumés rank for each role as a recruiter would place them.

Written down before the scorer was tuned, from data/samples/README.md (tier and the reason for it).
The expectation is a partial order, by tier: for the role a résumé was written for,
    strong  > borderline > unqualified,
and each strong résumé of a role also ranks above every résumé written for another role.
Within a tier the order is left to the scorer (the reasons below do not rank them).
"""

import json
from datetime import date

import polars as pl
import pytest

from flows.pipeline import find_resumes, screen_chunk
from job_profiles.profile import bundled_profiles, load_profile
from outputs.tables import candidates_frame, results_frame
from tests.conftest import SAMPLE_RESUMES, SAMPLES

REFERENCE = date(2026, 6, 30)

# role → résumé stem → why it sits in its tier (copied from the samples' README before tuning)
EXPECTED_TIERS: dict[str, dict[str, list[tuple[str, str]]]] = {
    "loan_account_manager": {
        "strong": [
            ("loan_strong_zhang_ceshi", "本科金融学，近12年信用社/邮储信贷，小微贷款、贷前调查、贷后管理与清收，银行从业资格"),
            ("loan_strong_li_shili", "MBA, ~16 years bank retail/SME lending incl. mortgages, banking certificate"),
        ],
        "borderline": [
            ("loan_borderline_wang_yangben", "大专市场营销，保险销售较长，信贷员仅约1年"),
            ("loan_borderline_test_candidate_chen", "9 years finance sales (insurance, securities), no lending"),
            ("loan_borderline_zhao_yangli", "信用社6年柜员，参与贷后与清收，但中专"),
        ],
        "unqualified": [
            ("loan_unqualified_sun_ceshi", "软件工程师，无金融或销售经验"),
            ("loan_unqualified_test_candidate_zhou", "fine-arts graduate, gallery internship only"),
        ],
    },
    "tobacco_account_manager": {
        "strong": [
            ("tobacco_strong_zhou_shili", "本科市场营销，13年烟草客户经理，零售户、品牌培育、电子结算"),
            ("tobacco_strong_wu_ceshi", "硕士，13年烟草营销，需求预测、销售计划、品牌培育"),
        ],
        "borderline": [
            ("tobacco_borderline_zheng_yangben", "快消品渠道销售近9年，无烟草经历"),
            ("tobacco_borderline_feng_shili", "烟草实习与卷烟柜台，正式经验不足3年"),
            ("tobacco_borderline_test_candidate_lin", "FMCG key account manager, no tobacco"),
        ],
        "unqualified": [
            ("tobacco_unqualified_chen_yangli", "厨师，职高"),
            ("tobacco_unqualified_chu_ceshi", "前端开发工程师，无营销经验，无小节标题"),
        ],
    },
    "property_service_manager": {
        "strong": [
            ("property_strong_wei_shili", "物业管理本科，15年物业客服管理，物业管理师"),
            ("property_strong_jiang_yangben", "17年物业客服管理，重叠经历，物业管理师"),
        ],
        "borderline": [
            ("property_borderline_shen_ceshi", "酒店前厅投诉与团队管理，无物业经验"),
            ("property_borderline_test_candidate_wang", "property management ~1.5 years, assistant level"),
            ("property_borderline_han_shili", "物业管家12年，高中，无管理岗"),
        ],
        "unqualified": [
            ("property_unqualified_test_candidate_zhao", "software engineer"),
            ("property_unqualified_yang_yangben", "美术应届生，设计实习"),
        ],
    },
    "client_service_manager": {
        "strong": [
            ("service_strong_test_candidate_liu", "14 years customer service, 8 as call-center manager"),
            ("service_strong_zhu_shili", "本科，14年呼叫中心/电商客服经理"),
        ],
        "borderline": [
            ("service_borderline_qin_ceshi", "大专，客服一线近3年，无管理经验"),
            ("service_borderline_you_yangben", "电话销售组长，有团队管理与投诉处理"),
            ("service_borderline_xu_shili", "客服专员不足3年，无管理经验"),
        ],
        "unqualified": [
            ("service_unqualified_he_ceshi", "西餐厨师"),
            ("service_unqualified_test_candidate_xu", "civil site engineer"),
        ],
    },
}
TIER_ORDER = ["strong", "borderline", "unqualified"]


@pytest.fixture(scope="module")
def ranked() -> pl.DataFrame:
    profiles = [load_profile(p) for p in bundled_profiles().values()]
    chunk = screen_chunk(find_resumes([SAMPLE_RESUMES]), profiles, REFERENCE)
    candidates = candidates_frame(chunk.candidates)
    return results_frame(chunk.scores, candidates).with_columns(
        stem=pl.col("source_path").str.extract(r"([^/\\]+)\.[a-z0-9]+$")
    )


def ranks_of(ranked: pl.DataFrame, role: str) -> dict[str, int]:
    rows = ranked.filter(pl.col("profile_id") == role).select("stem", "rank").iter_rows()
    return dict(rows)


def test_expectations_cover_every_labelled_sample():
    labelled = {e["file"].rsplit(".", 1)[0] for e in json.loads((SAMPLES / "expected.json").read_text("utf-8"))}
    written = {stem for tiers in EXPECTED_TIERS.values() for entries in tiers.values() for stem, _ in entries}
    assert written == labelled


@pytest.mark.parametrize("role", list(EXPECTED_TIERS))
def test_tiers_rank_in_order_for_each_role(ranked, role):
    ranks = ranks_of(ranked, role)
    tiers = EXPECTED_TIERS[role]
    for higher, lower in zip(TIER_ORDER, TIER_ORDER[1:]):
        for above, why_above in tiers[higher]:
            for below, why_below in tiers[lower]:
                assert ranks[above] < ranks[below], (
                    f"{role}: {above} ({why_above}) should rank above {below} ({why_below}); "
                    f"got {ranks[above]} vs {ranks[below]}"
                )


@pytest.mark.parametrize("role", list(EXPECTED_TIERS))
def test_strong_candidates_of_a_role_outrank_candidates_for_other_roles(ranked, role):
    ranks = ranks_of(ranked, role)
    own = {stem for entries in EXPECTED_TIERS[role].values() for stem, _ in entries}
    for strong, why in EXPECTED_TIERS[role]["strong"]:
        for other in set(ranks) - own:
            assert ranks[strong] < ranks[other], f"{role}: {strong} ({why}) should outrank {other}"


def test_loan_must_haves_pass_for_strong_and_fail_for_unqualified(ranked):
    loan = ranked.filter(pl.col("profile_id") == "loan_account_manager")
    passed = dict(loan.select("stem", "must_have_passed").iter_rows())
    for stem, _ in EXPECTED_TIERS["loan_account_manager"]["strong"]:
        assert passed[stem], stem
    for stem, _ in EXPECTED_TIERS["loan_account_manager"]["unqualified"]:
        assert not passed[stem], stem
