"""Convert a character-level BMES file (ResumeNER format) to a spaCy DocBin.

Input: one "<char> <tag>" per line, tags B-X / M-X / E-X / S-X / O, a blank
line between sentences. Output: a .spacy file with one Doc per sentence,
one token per character (no spaces), entities from the BMES spans.

With --augment N, N extra copies of every sentence are added in which each
entity is replaced by another entity of the same label from the same file
(mention replacement, Dai & Adel 2020): the model then sees every context with
many fillers and cannot learn a sentence by its names. Use it on train only.

Usage: python convert_bmes.py INPUT.bmes OUTPUT.spacy [--augment N] [--seed S]
"""
from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span


def read_bmes(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Yield sentences as lists of (char, tag)."""
    sent: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                if sent:
                    yield sent
                    sent = []
                continue
            parts = line.split()
            if len(parts) != 2 or len(parts[0]) != 1:
                raise ValueError(f"{path}:{lineno}: expected '<char> <tag>', got {line!r}")
            sent.append((parts[0], parts[1]))
    if sent:
        yield sent


def bmes_spans(tags: list[str]) -> tuple[list[tuple[int, int, str]], int]:
    """BMES tags -> ((start, end_exclusive, label) spans, number of repairs).

    Lenient like the usual BMES scorers: an entity left open (B/M followed by
    O, B, S, another label or the end) is closed at its last character, and an
    M/E with no open entity of its label opens one. ResumeNER's train split has
    two such cases, where a sentence was cut inside an ORG.
    """
    spans: list[tuple[int, int, str]] = []
    repairs = 0
    start: int | None = None
    label: str | None = None
    for i, tag in enumerate(tags):
        prefix, _, lab = tag.partition("-")
        if prefix == "I":
            prefix = "M"
        if prefix not in ("O", "B", "M", "E", "S"):
            raise ValueError(f"unknown tag {tag!r}")
        if start is not None and (prefix in ("O", "B", "S") or lab != label):
            spans.append((start, i, label))  # close the dangling entity
            start = label = None
            repairs += 1
        if prefix == "S":
            spans.append((i, i + 1, lab))
        elif prefix == "B":
            start, label = i, lab
        elif prefix in ("M", "E"):
            if start is None:
                start, label = i, lab
                repairs += 1
            if prefix == "E":
                spans.append((start, i + 1, lab))
                start = label = None
    if start is not None:
        spans.append((start, len(tags), label))
        repairs += 1
    return spans, repairs


def bmes_tags(length: int, label: str) -> list[str]:
    if length == 1:
        return [f"S-{label}"]
    return [f"B-{label}"] + [f"M-{label}"] * (length - 2) + [f"E-{label}"]


def replace_mentions(sents: list[list[tuple[str, str]]], copies: int, seed: int) -> list[list[tuple[str, str]]]:
    """`copies` new versions of each sentence, every entity swapped for a random one of its label."""
    rng = random.Random(seed)
    pool: dict[str, list[str]] = {}
    for sent in sents:
        chars = "".join(c for c, _ in sent)
        for start, end, label in bmes_spans([t for _, t in sent])[0]:
            pool.setdefault(label, []).append(chars[start:end])
    out = []
    for _ in range(copies):
        for sent in sents:
            spans, _ = bmes_spans([t for _, t in sent])
            if not spans:
                continue
            new: list[tuple[str, str]] = []
            pos = 0
            for start, end, label in spans:
                new.extend(sent[pos:start])
                filler = rng.choice(pool[label])
                new.extend(zip(filler, bmes_tags(len(filler), label)))
                pos = end
            new.extend(sent[pos:])
            out.append(new)
    return out


def convert(src: Path, augment: int = 0, seed: int = 0) -> list[Doc]:
    nlp = spacy.blank("zh")  # vocab only; tokens are built directly from the characters
    docs = []
    total_repairs = 0
    sents = list(read_bmes(src))
    if augment:
        sents += replace_mentions(sents, augment, seed)
    for sent in sents:
        chars = [c for c, _ in sent]
        tags = [t for _, t in sent]
        # token.tag_ keeps the raw BMES tag (usable by an auxiliary tagger).
        doc = Doc(nlp.vocab, words=chars, spaces=[False] * len(chars), tags=tags)
        spans, repairs = bmes_spans(tags)
        total_repairs += repairs
        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in spans]
        docs.append(doc)
    if total_repairs:
        print(f"{src}: repaired {total_repairs} malformed BMES boundaries", file=sys.stderr)
    return docs


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--augment", type=int, default=0, help="extra copies with entities replaced")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv[1:])
    src, dest = args.src, args.dest
    docs = convert(src, args.augment, args.seed)
    dest.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(dest)
    n_ents = sum(len(d.ents) for d in docs)
    n_chars = sum(len(d) for d in docs)
    print(f"{src} -> {dest}: {len(docs)} docs, {n_chars} chars, {n_ents} entities")


if __name__ == "__main__":
    main(sys.argv)
