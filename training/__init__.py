"""Building the models the `diacritics` and `pipeline` packages ship (`make model`, `make channel`,
`make digits`): the syllable language model from `data/corpus`, the OCR confusion (channel) model
from pages we render and read with Tesseract, and the handwritten digit classifier from fonts and
strokes we draw. Development tooling: not installed, never imported by the shipped packages."""
