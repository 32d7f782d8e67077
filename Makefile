# sohoa — `make run` and `make test` work on a fresh Debian machine with only Python installed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SOHOA := $(VENV)/bin/sohoa
SAMPLE_SEED := 2023
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng poppler-utils fonts-liberation2
FONT := /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf

# What `make digits` trains on: handwriting-style fonts it renders digits from, and opencv-doc's sheet
# of 5,000 handwritten digits. Build time only, never needed to run sohoa.
DIGIT_PACKAGES := opencv-doc fonts-bwht fonts-comic-neue fonts-dancingscript fonts-kaushanscript fonts-breip \
  fonts-ecolier-court fonts-dkg-handwriting fonts-humor-sans fonts-kiloji fonts-klee fonts-kristi

.PHONY: run test screenshots baselines eval eval-real eval-large accuracy bench bench-text bench-ocr bench-memory bench-cluster reprocess samples samples-large model channel digits digit-data system clean

run: $(VENV)/.installed ## Set up, then build the dataset from samples/ into out/
	$(SOHOA) ingest samples/ --out out/

test: $(VENV)/.installed ## Set up, then run the test suite
	$(PY) -m pytest -q

screenshots: run ## The README's screenshots of sohoa serve and sohoa report on the samples → docs/img/
	$(PY) -m evaluation.browser out/ docs/img

eval: $(VENV)/.installed ## Accuracy against ground truth → eval.json and a table
	@mkdir -p build
	$(PY) -m evaluation.evaluate samples --json eval.json
	$(PY) -m evaluation.single_column --json build/single-column.json
	$(PY) -m evaluation.figures
	$(PY) -m evaluation.titles

# The full real-scan set stays outside the repository; without ../shared this scores data/real-scans and says so.
eval-real: baselines ## Header fields and text CER/WER on real scans, beside raw Tesseract and OCRmyPDF → build/eval-real.json
	@mkdir -p build
	$(PY) -m evaluation.real --json build/eval-real.json
	$(PY) -m evaluation.report --real build/eval-real.json README.md

accuracy: eval ## Refresh the README's Accuracy section from eval.json
	$(PY) -m evaluation.report eval.json README.md

bench: bench-text bench-ocr ## All speed benchmarks, each side by side with its baseline

bench-text: $(VENV)/.installed ## Restoration (vs pyvi) and extraction speed
	$(PY) -m evaluation.bench_restore
	$(PY) -m evaluation.bench_extract --samples samples --rounds 20

# OCRmyPDF is a baseline only: installed into the venv here, never a dependency of sohoa.
baselines: $(VENV)/.installed
	@command -v unpaper >/dev/null || [ "$$(id -u)" != 0 ] || apt-get install -y -qq unpaper >/dev/null || true
	@command -v unpaper >/dev/null || \
	  echo "sohoa: OCRmyPDF runs without --clean, which needs unpaper (apt-get install unpaper)" >&2
	$(VENV)/bin/pip install -q ocrmypdf

bench-ocr: baselines ## OCR speed and CER: ours vs raw Tesseract vs OCRmyPDF, same pages
	$(PY) -m evaluation.bench_ocr samples

bench-cluster: $(VENV)/.installed ## Pages/min: 2-worker local Dask cluster beside the process pool; the throughput model
	$(PY) -m evaluation.bench_cluster --samples samples --workers 2 --out build/bench-cluster

bench-memory: $(VENV)/.installed ## Peak RSS of a 200-page scanned PDF (built in build/)
	$(PY) -m evaluation.bench_memory --samples samples --pages 200 --out build/bench-memory

reprocess: $(VENV)/.installed ## Re-run restoration and extraction on out/ from cached OCR
	$(SOHOA) reprocess --from restore --out out/

samples: $(VENV)/.installed ## Regenerate samples/ and the docs/img tier examples (deterministic)
	$(PY) -m evaluation.samplegen --out samples --count 12 --seed $(SAMPLE_SEED) --examples docs/img

samples-large: $(VENV)/.installed ## A larger set in build/ (not committed), from another seed than samples/
	$(PY) -m evaluation.samplegen --out build/samples-large --count 60 --seed 7

eval-large: samples-large ## Accuracy on the larger, untuned-on set
	$(PY) -m evaluation.evaluate build/samples-large --json build/eval-large.json

model: $(VENV)/.installed ## Rebuild the syllable language model from data/corpus
	$(PY) -m training.build_lm

channel: $(VENV)/.installed ## Rebuild the OCR confusion (channel) model
	$(PY) -m training.build_channel

digits: $(VENV)/.installed digit-data ## Rebuild the two handwritten digit readers → pipeline/data/digits.npz, digits-bent.npz
	$(PY) -m training.build_digits

# Installs the packages `make digits` needs that are missing (apt-get, as root or through sudo).
digit-data:
	@missing=""; for package in $(DIGIT_PACKAGES); do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; \
	  else echo "sohoa: make digits needs:$$missing; install them as root with: apt-get install -y$$missing" >&2; exit 1; fi; \
	  echo "sohoa: installing$$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq$$missing >/dev/null \
	    || { echo "sohoa: apt-get could not install$$missing" >&2; exit 1; }; \
	fi

$(VENV)/.installed: pyproject.toml | system
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "sohoa: Python 3.11 or newer is required ($(PYTHON) is $$($(PYTHON) --version))" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	@touch $@

# Installs the system packages that are missing (apt-get, as root or through sudo);
# otherwise says exactly what to install and stops.
system:
	@missing=""; \
	command -v tesseract >/dev/null || missing="$$missing tesseract-ocr"; \
	for lang in vie eng; do \
	  tesseract --list-langs 2>/dev/null | grep -qx $$lang || missing="$$missing tesseract-ocr-$$lang"; done; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	test -f $(FONT) || missing="$$missing fonts-liberation2"; \
	$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; \
	  else echo "sohoa: missing system packages:$$missing" >&2; \
	       echo "sohoa: install them as root with: apt-get install -y$$missing" >&2; exit 1; fi; \
	  command -v apt-get >/dev/null || { echo "sohoa: missing$$missing and no apt-get here; install them with your package manager" >&2; exit 1; }; \
	  echo "sohoa: installing$$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq$$missing >/dev/null \
	    || { echo "sohoa: apt-get could not install$$missing" >&2; exit 1; }; \
	fi

clean: ## Remove outputs and caches (keeps the virtualenv)
	rm -rf out build eval.json .pytest_cache
