"""Where the trained models live, and the restoration model loaded once per process."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from diacritics.candidates import CandidateGenerator, SkeletonReadings
from diacritics.channel import Channel, load_counts
from diacritics.decoder import Decoder
from diacritics.lm import LanguageModel, NgramArrays
from diacritics.tokens import Spelling, Tokenizer

DATA_DIR = Path(__file__).resolve().parent / "data"
LM_PATH = DATA_DIR / "lm.npz"
CHANNEL_PATH = DATA_DIR / "channel.json.xz"
CODES_PATH = DATA_DIR / "codes.txt"  # lowercase abbreviations and codes known from the corpus


# The Tesseract model whose channel explains lines of each spelling: marks stripped wholesale
# look like an English model's output more than a Vietnamese one's.
_OCR_MODEL_OF = {
    Spelling.UNACCENTED: "eng",
    Spelling.LEGACY_OCR: "eng",
    Spelling.VIETNAMESE: "vie",
}


@lru_cache(maxsize=1)
def load_decoder() -> Decoder:
    """The decoder over the committed language and channel models (loaded on first use)."""
    lm = LanguageModel(NgramArrays.load(LM_PATH))
    counts = load_counts(CHANNEL_PATH)
    by_model = {model: Channel(model_counts) for model, model_counts in counts.items()}
    channels = {spelling: by_model[model] for spelling, model in _OCR_MODEL_OF.items()}
    codes = frozenset(CODES_PATH.read_text(encoding="utf-8").split())
    # Legacy OCR is the text searched fuzzily, so its model's readings guide the search.
    readings = SkeletonReadings.from_counts(counts["eng"])
    generator = CandidateGenerator(lm, channels, readings, codes)
    tokenizer = Tokenizer(
        _joined(channel.word_symbols for channel in by_model.values()),
        _joined(channel.inner_symbols for channel in by_model.values()),
    )
    return Decoder(lm, generator, tokenizer)


def _joined(symbol_sets: Iterable[str]) -> str:
    """The characters of all the strings, once each, sorted."""
    return "".join(sorted(set().union(*symbol_sets)))
