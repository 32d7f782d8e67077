"""Building the models the `diacritics` package ships (`make model`, `make channel`): the syllable
language model from `data/corpus`, and the OCR confusion (channel) model from pages we render and
read with Tesseract. Development tooling: not installed, never imported by the shipped packages."""
