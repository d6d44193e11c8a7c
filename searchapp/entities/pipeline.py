"""Load the spaCy pipeline for NER: which model, only its ner component, and a faster matmul."""
from __future__ import annotations

import os
from pathlib import Path

import numpy
import spacy
from spacy.language import Language
from thinc.api import NumpyOps

from searchapp import config
from searchapp.entities.headlines import Lexicon
from searchapp.entities.names import ABBREVIATED_GIVEN_NAMES


class ModelNotFoundError(RuntimeError):
    """The spaCy model named by the argument, SEARCHAPP_SPACY_MODEL or config.SPACY_MODELS is missing."""


class _MatmulOps(NumpyOps):
    """NumpyOps whose gemm is numpy's matmul (OpenBLAS).

    The blis wheels pick their slow generic kernels on AMD Zen 3 (explosion/cython-blis#53),
    which this machine is; numpy's OpenBLAS picks AVX2 ones. Measured 1.4x faster NER, same entities.
    """

    name = "matmul"

    def gemm(self, x, y, out=None, trans1=False, trans2=False):  # noqa: D102 - thinc's signature
        x = x.T if trans1 else x
        y = y.T if trans2 else y
        if out is None:
            return numpy.matmul(x, y)
        numpy.matmul(x, y, out=out)
        return out


def choose_model(model: str | None = None) -> str:
    """Return the model name to use: the argument, SEARCHAPP_SPACY_MODEL, or the first installed."""
    name = model or os.environ.get("SEARCHAPP_SPACY_MODEL")
    if name:
        if not spacy.util.is_package(name):
            raise ModelNotFoundError(
                f"spaCy model {name!r} is not installed: pip install {name.replace('_', '-')}")
        return name
    for candidate in config.SPACY_MODELS:
        if spacy.util.is_package(candidate):
            return candidate
    raise ModelNotFoundError("no spaCy model installed; install one of: pip install "
                             + " | pip install ".join(m.replace("_", "-") for m in config.SPACY_MODELS))


def load_pipeline(model: str) -> Language:
    """Load only the model's NER component (en_core_web_sm's ner has its own tok2vec)."""
    meta = spacy.util.get_model_meta(spacy.util.get_package_path(model))
    nlp = spacy.load(model, exclude=[name for name in meta["components"] if name != "ner"])
    for abbreviation in ABBREVIATED_GIVEN_NAMES:
        nlp.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])  # "Chas." ends no sentence
    ops = _MatmulOps()
    for node in nlp.get_pipe("ner").model.walk():
        node.ops = ops
    return nlp


def load_lexicon(nlp: Language) -> Lexicon:
    """Read the headline lexicon from the model's lemmatizer tables (not loaded as a component)."""
    return Lexicon.from_model_dir(Path(nlp.path)) if nlp.path else Lexicon.from_model_dir(Path("-"))
