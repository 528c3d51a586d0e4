"""The trained Chinese résumé NER (ResumeNER labels), used only where the rules run out.

The model ships in ``data/models/zh_resume_ner`` (trained by ``training/ner``; its parts are in
``extractors.ner.component``); nothing is downloaded. It tags about 14,000 characters a second on
one core, so a whole 11,000-character résumé would cost most of a second, many times what the rules
take: callers pass only the few lines that need it (an entry with no employer or title found),
batched through ``nlp.pipe`` (about 30 ms a real Chinese résumé, scripts/bench_ner_real.py).
"""

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from extractors.fields.experience import looks_like_organisation
from screener.models import Degree, EducationEntry, WorkEntry
from screener.resources import data_path

MODEL_DIR = data_path("models", "zh_resume_ner")
LABELS = ("NAME", "ORG", "TITLE", "EDU", "PRO", "LOC", "CONT", "RACE")
Entity = tuple[int, int, str]  # start and end character offsets into the text, label
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_HAN = re.compile("[\u4e00-\u9fff]")
_NO_MAJOR = {Degree.secondary, Degree.below_secondary}


def ner_pipeline(model_dir: Path | None = None):
    """The spaCy pipeline, or None when the model is not installed (rules still work)."""
    return _load(model_dir or MODEL_DIR)


@cache
def _load(model_dir: Path):
    if not (model_dir / "meta.json").exists():
        return None
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    import extractors.ner.component  # noqa: F401  the model's tokenizer, features and component

    # thinc's matrix multiplies through numpy's BLAS: on some CPUs the BLIS bundled with thinc falls
    # back to a slow generic kernel (the NER took 1.5-1.8x as long on real résumé lines with it).
    set_current_ops(NumpyOps(use_blis=False))
    return spacy.load(model_dir)


def tag(texts: Iterable[str], batch_size: int = 64, model_dir: Path | None = None) -> list[list[Entity]]:
    nlp = ner_pipeline(model_dir)
    # A lone surrogate (bytes Python could not decode) cannot be hashed by spaCy: one U+FFFD for it
    # keeps every other character's offset.
    texts = [_LONE_SURROGATE.sub("\ufffd", text) for text in texts]
    if nlp is None:
        return [[] for _ in texts]
    return [
        [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
        for doc in nlp.pipe(texts, batch_size=batch_size)
    ]


def first_entity(text: str, entities: list[Entity], label: str) -> str | None:
    return next((text[s:e] for s, e, lab in entities if lab == label), None)


def fill_gaps(education: list[EducationEntry], experience: list[WorkEntry]) -> tuple[list[EducationEntry], list[WorkEntry]]:
    """Employers, titles, schools and majors the rules missed, from the NER on those entries' lines only."""
    # An employer the rules took only by position (no 公司/银行/Bank word) is a guess the model may beat.
    # The model knows Chinese sentences only: on a line with no Chinese it tags fragments of English.
    work_gaps = [
        i for i, e in enumerate(experience)
        if (not looks_like_organisation(e.employer) or e.title is None) and _HAN.search(e.evidence or "")
    ]
    # A 高中/中专 has no major to look for.
    edu_gaps = [
        i for i, e in enumerate(education)
        if (e.school is None or (e.major is None and e.degree not in _NO_MAJOR)) and _HAN.search(e.evidence or "")
    ]
    if not (work_gaps or edu_gaps) or ner_pipeline() is None:
        return education, experience
    texts = [experience[i].evidence for i in work_gaps] + [education[i].evidence for i in edu_gaps]
    tagged = tag(texts)
    experience, education = list(experience), list(education)
    for i, ents in zip(work_gaps, tagged[: len(work_gaps)]):
        job, text = experience[i], experience[i].evidence
        found = first_entity(text, ents, "ORG")
        # The model may refine a positional guess ("就职于青禾信合" → "青禾信合"), never replace it wholesale.
        refines = found is not None and (job.employer is None or (found in job.employer and found != job.employer))
        employer = found if refines and not looks_like_organisation(job.employer) else job.employer
        experience[i] = job.model_copy(update={"employer": employer, "title": job.title or first_entity(text, ents, "TITLE")})
    for i, ents in zip(edu_gaps, tagged[len(work_gaps):]):
        study, text = education[i], education[i].evidence
        education[i] = study.model_copy(
            update={"school": study.school or first_entity(text, ents, "ORG"), "major": study.major or first_entity(text, ents, "PRO")}
        )
    return education, experience
