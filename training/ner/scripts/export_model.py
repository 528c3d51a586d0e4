"""Copy a trained pipeline (e.g. training/model-best) to its shipped location.

- drops training-only pieces: the auxiliary BMES `tagger` (trained only to give
  the shared tok2vec a per-character signal; `ner` does not read its output),
  the corpus paths in the config, and its tagger score weights;
- fills in meta.json (name, version, description, licence status, source);
- writes with nlp.to_disk, minus the empty vectors/lookups files, and checks that the result loads with spacy.load
  alone (no training data, no network).

Usage: python export_model.py SRC_DIR DEST_DIR [--name N] [--version V]
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import spacy

AUX_COMPONENTS = ("tagger",)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("src", type=Path)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--name", default="zh_resume_ner")
    ap.add_argument("--version", default="0.1.0")
    args = ap.parse_args()

    nlp = spacy.load(args.src)
    for name in AUX_COMPONENTS:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
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
            "LOC): blank zh pipeline with the 'char' segmenter (one token per character), "
            "CNN tok2vec + transition-based ner. Trained on the ResumeNER train split; "
            "performance is on its dev split. Retrain with training/ner/project.yml."
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
