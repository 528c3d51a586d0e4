"""Convert a character-level BMES file (ResumeNER format) to a spaCy DocBin.

Input: one "<char> <tag>" per line, tags B-X / M-X / E-X / S-X / O, a blank
line between sentences. Output: a .spacy file with one Doc per sentence,
one token per character (no spaces), entities from the BMES spans.

Usage: python convert_bmes.py INPUT.bmes OUTPUT.spacy
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

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


def convert(src: Path) -> list[Doc]:
    nlp = spacy.blank("zh")  # vocab only; tokens are built directly from the characters
    docs = []
    total_repairs = 0
    for sent in read_bmes(src):
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
    if len(argv) != 3:
        sys.exit(__doc__)
    src, dest = Path(argv[1]), Path(argv[2])
    docs = convert(src)
    dest.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(dest)
    n_ents = sum(len(d.ents) for d in docs)
    n_chars = sum(len(d) for d in docs)
    print(f"{src} -> {dest}: {len(docs)} docs, {n_chars} chars, {n_ents} entities")


if __name__ == "__main__":
    main(sys.argv)
