"""Train the attribution tagger (dateline/data/quotes.crfsuite) on PolNeAR's training articles.

Each paragraph is a sequence; each token's features come from dateline.attribution.features, its
tag from the first annotator's attributions (BIO over SRC, CUE, CNT). Reproduce with
`make train-quotes`, or:

    .venv/bin/python scripts/train_quotes.py ../shared/data/polnear/train [--cache DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pycrfsuite
from spacy.tokens import Doc, DocBin

from dateline import attribution, nlp
from dateline.cues import NOT_SPEECH, SPEECH_CUES
from dateline.evaluate import parse_ann, polnear_docs
from dateline.quotemarks import quote_pairs
from dateline.quoterules import rule_drafts

OUT = Path(__file__).resolve().parent.parent / "dateline" / "data" / attribution.MODEL
PARAMS = {"c1": 1.5, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
# PolNeAR train held out: every FOLDS-th article in metadata order, from the k-th (bench/heldout.py,
# scripts/train_frames.py).
FOLDS = 5


def parsed(split_dir: Path, cache: Path | None) -> list[tuple[str, str, Doc]]:
    """(name, annotator, doc) of every article of the split, parsed once and cached (with the
    token vectors, which DocBin does not keep). The tagger learns from spaCy's own parse, Title
    Case headlines and no-break spaces as they are, which the analysis mends (nlp.sentence_cased,
    nlp.ODD_BLANKS). Retrained on headlines parsed in sentence case, it read lower on PolNeAR dev
    (who-said-what 0.704 against 0.706, 33 against 36 of the 50 attributions in headlines) and no
    better on three fifths of train held out (144 of 267 in headlines either way); retrained on
    no-break spaces read as spaces, it lost five deeds of the speakers bench (0.853 -> 0.832)."""
    docs = list(polnear_docs(split_dir))
    pipeline = nlp.load()
    cached = cache / f"{split_dir.name}.spacy" if cache else None
    vectors = cache / f"{split_dir.name}_tensor.npz" if cache else None
    if cached is not None and vectors is not None and cached.exists() and vectors.exists():
        parsed_docs = list(DocBin().from_disk(cached).get_docs(pipeline.vocab))
        with np.load(vectors) as arrays:
            for (name, _, _, _), doc in zip(docs, parsed_docs, strict=True):
                doc.tensor = arrays[name].astype(np.float32)
    else:
        blanks = pipeline.tokenizer
        pipeline.tokenizer = nlp.spacy_tokenizer(pipeline)
        try:
            parsed_docs = list(pipeline.pipe((text for _, text, _, _ in docs), batch_size=32))
        finally:
            pipeline.tokenizer = blanks
        if cached is not None and vectors is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            DocBin(store_user_data=True, docs=parsed_docs).to_disk(cached)
            arrays = {
                name: doc.tensor.astype(np.float16)
                for (name, _, _, _), doc in zip(docs, parsed_docs, strict=True)
            }
            np.savez_compressed(vectors, **arrays)  # type: ignore[arg-type]
    return [(name, annotator, doc) for (name, _, annotator, _), doc in zip(docs, parsed_docs, strict=True)]


def quotation(doc: Doc, a: dict[str, list[tuple[int, int]]]) -> bool:
    """Whether a PolNeAR attribution is a quotation in the narrow sense: in quotation marks, or
    with a cue of words, beliefs or evidence rather than deeds (which quotes.py keeps only when
    the tagger is sure of their cue)."""
    if any(mark in doc.text[s:e] for s, e in a["content"] for mark in '"\u201c\u201d'):
        return True
    lemmas = set()
    for s, e in a["cue"]:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            lemmas |= {t.lemma_.lower() for t in span} | {t.lower_ for t in span}
    return bool(lemmas & SPEECH_CUES) and not lemmas & NOT_SPEECH


def sequences(
    split_dir: Path,
    cache: Path | None,
    *,
    speech_only: bool,
    docs: list[tuple[str, str, Doc]] | None = None,
) -> list[tuple[list[list[str]], list[str]]]:
    """(features, tags) of every paragraph of the split's articles (or of these parsed ones)."""
    out = []
    for name, annotator, doc in parsed(split_dir, cache) if docs is None else docs:
        attributions = parse_ann(split_dir / "attributions" / f"{name}_{annotator}.ann")
        if speech_only:
            attributions = [a for a in attributions if quotation(doc, a)]
        gold = attribution.gold_tags(doc, attributions)
        pairs = quote_pairs(doc.text)
        feats = attribution.features(doc, pairs, attribution.rule_labels(doc, rule_drafts(doc, pairs)))
        for s, e in attribution.paragraphs(doc):
            tokens = [i for i in range(s, e) if not doc[i].is_space]
            if tokens:
                out.append(([feats[i] for i in tokens], [gold[i] for i in tokens]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("split", nargs="?", default="../shared/data/polnear/train", type=Path)
    parser.add_argument("--cache", type=Path, help="folder to keep parsed articles in between runs")
    parser.add_argument("--output", type=Path, default=OUT)
    parser.add_argument(
        "--quotations-only",
        action="store_true",
        help="learn only the attributions dateline keeps as quotations (no better on dev)",
    )
    args = parser.parse_args()
    start = time.time()
    data = sequences(args.split, args.cache, speech_only=args.quotations_only)
    print(f"{len(data)} paragraphs featurised in {time.time() - start:.0f} s")
    train(data, args.output)
    print(f"trained in {time.time() - start:.0f} s -> {args.output} ({args.output.stat().st_size:,} bytes)")


def train(data: list[tuple[list[list[str]], list[str]]], output: Path, **params: float) -> None:
    """Train the CRF on (features, tags) sequences with PARAMS (or these overrides) into `output`."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in data:
        trainer.append(xseq, yseq)
    trainer.set_params({**PARAMS, **params})
    trainer.train(str(output))


def fold(
    docs: list[tuple[str, str, Doc]], k: int
) -> tuple[list[tuple[str, str, Doc]], list[tuple[str, str, Doc]]]:
    """The parsed articles held out in fold k, and the others."""
    return (
        [d for n, d in enumerate(docs) if n % FOLDS == k],
        [d for n, d in enumerate(docs) if n % FOLDS != k],
    )


@contextlib.contextmanager
def trained(data: list[tuple[list[list[str]], list[str]]], **params: float) -> Iterator[None]:
    """A tagger trained on these sequences (PARAMS, or these overrides), in use while the block
    runs, in place of the shipped one."""
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / attribution.MODEL
        train(data, model, **params)
        attribution.use_model(model)
        try:
            yield
        finally:
            attribution.use_model(None)


if __name__ == "__main__":
    main()
