"""The hostile corpus (tests/hostile.py) screened as a nightly run would meet it: every path ends as
exactly one row, within a bounded time, the batch's good résumés are ranked, and no cell HR opens
runs as a formula."""

import csv
import logging
import multiprocessing
import os
import time
from datetime import date
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from flows.batch import ScreenParameters, screen_batch
from outputs.safe_cells import FORMULA_STARTS
from tests import hostile

BUDGET_SECONDS = 60


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    inbox = hostile.make_corpus(root / "inbox")
    started = time.perf_counter()
    # Screened as "." from inside the inbox: the tables' paths then start with the file names.
    home = os.getcwd()
    os.chdir(inbox)
    heard, logger = _Heard(), logging.getLogger()
    level = logger.level
    logger.addHandler(heard)
    logger.setLevel(logging.INFO)
    try:
        done = screen_batch(ScreenParameters(
            paths=["."], profiles=["loan_account_manager", "property_service_manager"], out=str(root / "out"),
            cache_dir=str(root / "cache"), reference_date=date(2026, 6, 30), file_timeout=3, file_memory_mb=1024,
        ))
    finally:
        os.chdir(home)
        logger.removeHandler(heard)
        logger.setLevel(level)
    return root / "out", done.summary, time.perf_counter() - started, heard.lines


class _Heard(logging.Handler):
    """Every log line of the run, as a log file would hold it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_every_path_ends_as_exactly_one_row_within_the_budget(run):
    out, summary, seconds, _ = run
    errors = pl.read_csv(out / "errors.csv")
    ranked = pl.read_parquet(out / "candidates.parquet")["source_path"].to_list()
    rows = [(Path(p).name, code) for p, code in errors.select("source_path", "code").iter_rows()]
    rows += [(Path(p).name, "ranked") for p in ranked]
    rows = [(hostile.PII_NAME if name == hostile.PII_SHOWN else name, code) for name, code in rows]
    assert sorted(name for name, _ in rows) == sorted(hostile.EXPECTED)
    assert {name: code for name, code in rows if code not in hostile.EXPECTED[name]} == {}
    assert summary.files == len(hostile.EXPECTED) == summary.ranked + summary.errors
    assert seconds < BUDGET_SECONDS
    assert multiprocessing.active_children() == []


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_no_csv_or_workbook_cell_opens_as_a_formula(run):
    out, _, _, _ = run
    assert pl.read_parquet(out / "candidates.parquet")["source_path"].str.starts_with("=").any(), "the corpus lost its formula name"
    csv_cells = [(path.name, cell) for path in out.glob("*.csv")
                 for row in csv.reader(path.read_text(encoding="utf-8-sig").splitlines()) for cell in row]
    assert len({name for name, _ in csv_cells}) >= 4
    assert [c for c in csv_cells if c[1].startswith(FORMULA_STARTS) and not _is_number(c[1])] == []
    workbook = openpyxl.load_workbook(out / "ranked.xlsx")
    cells = [(sheet.title, cell) for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert any(isinstance(c.value, str) and "HYPERLINK" in c.value for _, c in cells)
    assert [(s, c.coordinate, c.value) for s, c in cells
            if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS))] == []


def _output_texts(out: Path) -> dict[str, str]:
    """The text of every output file: CSVs and the report as written, parquet and workbook cells."""
    texts = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        if path.suffix == ".parquet":
            frame = pl.read_parquet(path)
            if path.name == "candidates.parquet":  # the candidate's own contact and personal columns, by design
                frame = frame.drop("phones", "emails", "personal")
            texts[path.name] = str(frame.to_dicts())
        elif path.suffix == ".xlsx":
            workbook = openpyxl.load_workbook(path)
            texts[path.name] = " ".join(str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row)
        else:
            texts[path.name] = path.read_text(encoding="utf-8-sig")
    return texts


def test_no_contact_detail_in_any_form_reaches_an_output_or_the_log(run):
    out, _, _, log_lines = run
    texts = _output_texts(out)
    assert {"report.html", "results.parquet", "ranked.xlsx", "best_fit.csv", "errors.csv"} <= set(texts)
    assert hostile.PII_SHOWN in texts["report.html"] and hostile.PII_SHOWN in texts["best_fit.csv"]
    assert any("Screening" in line for line in log_lines)
    texts["log"] = "\n".join(log_lines)
    assert [(name, form) for name, text in texts.items() for form in hostile.PII_FORMS if form in text] == []
