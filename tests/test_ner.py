"""The bundled résumé NER: `screener ner` output and the gaps it fills in extraction."""

import io
import json
import subprocess
import sys
from datetime import date

import pytest

from extractors.fields.candidate import extract_candidate
from extractors.fields.ner_gaps import ner_pipeline, tag
from screener.cli import main
from screener.models import Document, SourceInfo

pytestmark = pytest.mark.skipif(ner_pipeline() is None, reason="data/models/zh_resume_ner is not installed")


def test_screener_ner_writes_one_json_object_per_line_with_character_offsets(monkeypatch, capsys):
    lines = ["2015年起任示例银行青禾支行客户经理", "西南财经大学金融学本科"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["ner"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["text"] for o in out] == lines
    spans = [{(o["text"][s:e], label) for s, e, label in o["ents"]} for o in out]
    assert ("客户经理", "TITLE") in spans[0]
    assert any(label == "ORG" and "银行" in text for text, label in spans[0])
    assert {("西南财经大学", "ORG"), ("金融学", "PRO"), ("本科", "EDU")} <= spans[1]


def test_the_ner_finds_the_employer_in_a_sentence_the_rules_only_guess_at():
    # No organisation word (公司, 银行, 信用社): the rules can only take the text by position.
    text = "工作经历\n2016.03 - 2020.12 就职于青禾信合，任信贷岗\n- 负责农户贷款\n"
    source = SourceInfo(path="mem.txt", sha256="0" * 64, format="txt")
    (job,) = extract_candidate(Document(source=source, text=text), date(2026, 6, 30)).experience
    assert (job.employer, job.months) == ("青禾信合", 58)


def test_an_english_line_is_not_given_to_the_chinese_model():
    # It tags fragments of English as organisations ("Credit Analyst Jul"): no employer beats a wrong one.
    text = "Work Experience\nCredit Analyst Jul 2016 – Feb 2019\n• Prepared credit memos for microloans.\n"
    source = SourceInfo(path="mem.txt", sha256="0" * 64, format="txt")
    (job,) = extract_candidate(Document(source=source, text=text), date(2026, 6, 30)).experience
    assert (job.employer, job.title, job.months) == (None, "Credit Analyst", 32)
    assert any(label == "ORG" for _, _, label in tag(["Credit Analyst Jul 2016 – Feb 2019"])[0])  # what it would say


def _screener_ner(data: bytes) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "screener.cli", "ner"], input=data, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


def test_screener_ner_reads_lines_saved_by_a_chinese_windows_tool():
    lines = ["任示例银行客户经理", "西南财经大学金融学本科"]
    utf8 = _screener_ner(("\n".join(lines) + "\n").encode("utf-8"))
    gbk_crlf = _screener_ner(("\r\n".join(lines) + "\r\n").encode("gb18030"))
    assert gbk_crlf == utf8 and [o["text"] for o in utf8] == lines


def test_a_damaged_line_does_not_stop_the_others():
    data = "任示例银行客户经理\n".encode() + b"\xff\xfe\xfd\xfc damaged\n" + "西南财经大学金融学本科\n".encode()
    out = _screener_ner(data)
    assert len(out) == 3
    assert out[1]["text"].endswith(" damaged") and "\ufffd" in out[1]["text"]
    assert ("西南财经大学", "ORG") in {(out[2]["text"][s:e], label) for s, e, label in out[2]["ents"]}


def test_a_lone_surrogate_keeps_every_offset():
    (ents,) = tag(["\udcff任示例银行客户经理"])
    assert ("客户经理", "TITLE") in {("\udcff任示例银行客户经理"[s:e], label) for s, e, label in ents}


def test_a_lines_entities_do_not_depend_on_the_lines_tagged_with_it():
    # Extraction batches whatever lines need the model: a long one among short ones, empty ones.
    short = ["任示例银行客户经理", "西南财经大学金融学本科", "", "2015年起任青禾信用社信贷员"]
    long = "；".join(["2012.07-2015.06 就职于厦门泛华集团，任副总经理", "毕业于西南财经大学金融学专业"] * 20)
    together = tag([long, *short], batch_size=8)
    assert together == [tag([text])[0] for text in [long, *short]]
    assert ("客户经理", "TITLE") in {(short[0][s:e], label) for s, e, label in together[1]}
    assert sum(label == "ORG" for _, _, label in together[0]) >= 20


def test_the_shipped_model_saved_again_tags_the_same(tmp_path):
    # As export_model.py writes it: hash tables halved to float16, widened back on loading.
    import spacy

    from extractors.fields.ner_gaps import MODEL_DIR
    from extractors.ner.component import halve_tables

    lines = ["2015年起任示例银行青禾支行客户经理", "西南财经大学金融学本科", "就职于青禾信合，任信贷岗"]
    nlp = spacy.load(MODEL_DIR)
    halve_tables(nlp.get_pipe("ner").model)
    nlp.to_disk(tmp_path / "again")
    again = spacy.load(tmp_path / "again")
    ents = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in again.pipe(lines)]
    assert ents == tag(lines) and all(ents)
