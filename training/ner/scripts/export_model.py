"""Copy a trained pipeline (e.g. training/model-best) to its shipped location.

- with --also SRC2 [--also SRC3 ...]: ship an ensemble instead, one `bmes_ner`
  whose model (screener.AveragedTaggers.v1) averages the log-probabilities of
  each pipeline's tagger; the pipelines must share their labels;
- writes the hash tables as float16 (half the size; widened back on loading);
- drops training-only pieces: the corpus paths in the config;
- fills in meta.json (name, version, description, licence status, source);
- writes with nlp.to_disk, minus the empty vectors/lookups files, and checks that the result loads with spacy.load
  alone (no training data, no network).

Usage: python export_model.py SRC_DIR DEST_DIR [--also SRC_DIR ...] [--name N] [--version V]
"""
from __future__ import annotations

import argparse
import copy
import shutil
from pathlib import Path

import spacy

# Importing it also registers the model's tokenizer, features and component.
from extractors.ner.component import halve_tables


def ensemble(members: list[spacy.Language]) -> spacy.Language:
    """One pipeline whose `ner` averages the members' taggers (weights copied, nothing retrained)."""
    labels = members[0].get_pipe("ner").labels
    if any(m.get_pipe("ner").labels != labels for m in members):
        raise SystemExit("the pipelines to average have different labels")
    cfg = members[0].config.interpolate()
    cfg["components"]["ner"]["model"] = {
        "@architectures": "screener.AveragedTaggers.v1",
        "*": {f"tagger{i}": copy.deepcopy(m.config.interpolate()["components"]["ner"]["model"]) for i, m in enumerate(members)},
    }
    nlp = _with_ner_model(cfg, labels)
    for tagger, member in zip(nlp.get_pipe("ner").model.layers, members):
        tagger.from_bytes(member.get_pipe("ner").model.to_bytes())
    return nlp


def _with_ner_model(cfg, labels) -> spacy.Language:
    nlp = spacy.util.load_model_from_config(cfg, auto_fill=True)
    ner = nlp.get_pipe("ner")
    for label in labels:
        ner.add_label(label)
    nlp.meta["performance"] = {}
    return nlp


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("src", type=Path)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--also", type=Path, action="append", default=[], help="another trained pipeline to average with SRC")
    ap.add_argument("--name", default="zh_resume_ner")
    ap.add_argument("--version", default="0.1.0")
    args = ap.parse_args()

    nlp = spacy.load(args.src)
    if args.also:
        nlp = ensemble([nlp, *(spacy.load(path) for path in args.also)])
    cfg = nlp.config
    cfg["paths"]["train"] = None
    cfg["paths"]["dev"] = None
    cfg["training"]["score_weights"] = {
        k: v for k, v in cfg["training"]["score_weights"].items() if k.startswith("ents")
    }
    cfg["training"]["annotating_components"] = [
        c for c in cfg["training"]["annotating_components"] if c in nlp.pipe_names
    ]
    meta = nlp.meta
    perf = {k: v for k, v in meta.get("performance", {}).items() if k.startswith("ents")}
    meta.update(
        name=args.name[len(nlp.lang) + 1:] if args.name.startswith(nlp.lang + "_") else args.name,
        version=args.version,
        description=(
            "Character-level NER for Chinese resumes (NAME, CONT, RACE, TITLE, EDU, ORG, PRO, "
            "LOC): one token per character; hashed embeddings of the character, its n-grams "
            "and the jieba dictionary words around it; a CNN; a BMES tagger decoded by Viterbi "
            "into entities (component bmes_ner from the resume-screener package, "
            "extractors/ner/component.py). "
            + (f"{1 + len(args.also)} taggers averaged (screener.AveragedTaggers.v1). " if args.also else "")
            + "Trained on the ResumeNER train split; performance is on "
            "its dev split. Retrain with training/ner/project.yml."
        ),
        license=(
            "Research use: trained on ResumeNER (Zhang & Yang, ACL 2018), an academic release "
            "without a licence file; the model inherits that status."
        ),
        sources=[{
            "name": "ResumeNER",
            "url": "https://github.com/jiesutd/LatticeLSTM",
            "author": "Yue Zhang, Jie Yang",
        }],
        performance=perf,
    )
    meta["labels"] = {k: v for k, v in meta.get("labels", {}).items() if k in nlp.pipe_names}
    meta.pop("components", None)
    meta.pop("disabled", None)
    meta["pipeline"] = list(nlp.pipe_names)

    if args.dest.exists():
        shutil.rmtree(args.dest)
    halve_tables(nlp.get_pipe("ner").model)
    nlp.to_disk(args.dest)
    # Empty vectors table and empty lookups: not needed to load (checked below).
    for rel in ("vocab/vectors", "vocab/vectors.cfg", "vocab/key2row", "vocab/lookups.bin"):
        (args.dest / rel).unlink(missing_ok=True)

    check = spacy.load(args.dest)  # must load from the exported files alone
    assert check.pipe_names == nlp.pipe_names, check.pipe_names
    size = sum(f.stat().st_size for f in args.dest.rglob("*") if f.is_file())
    print(f"exported {args.src} -> {args.dest}: pipeline {check.pipe_names}, {size / 2**20:.1f} MB")


if __name__ == "__main__":
    main()
