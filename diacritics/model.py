"""Where the trained models live, and the restoration model loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from diacritics.candidates import CandidateGenerator, SkeletonReadings
from diacritics.channel import Channel, ChannelCounts
from diacritics.decoder import Decoder
from diacritics.lm import LanguageModel, NgramArrays
from diacritics.tokens import Tokenizer

DATA_DIR = Path(__file__).resolve().parent / "data"
LM_PATH = DATA_DIR / "lm.npz"
CHANNEL_PATH = DATA_DIR / "channel.json.xz"
CODES_PATH = DATA_DIR / "codes.txt"  # lowercase abbreviations and codes known from the corpus


@lru_cache(maxsize=1)
def load_decoder() -> Decoder:
    """The decoder over the committed language and channel models (loaded on first use)."""
    lm = LanguageModel(NgramArrays.load(LM_PATH))
    counts = ChannelCounts.load(CHANNEL_PATH)
    channel = Channel(counts)
    codes = frozenset(CODES_PATH.read_text(encoding="utf-8").split())
    generator = CandidateGenerator(lm, channel, SkeletonReadings.from_counts(counts), codes)
    return Decoder(lm, generator, Tokenizer(channel.word_symbols, channel.inner_symbols))
