# newsaudit: `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SAMPLE := data/sample
SHARED := ../shared/data

.DEFAULT_GOAL := help
.PHONY: help setup report analyze test test-fast lock model eval bench fixtures clean-reports strip

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the pinned requirements and the package

report: $(STAMP) ## analyse the embedded sample and render reports/sample/index.html
	$(VENV)/bin/newsaudit report $(SAMPLE) --out reports/sample

analyze: $(STAMP) ## analyse the embedded sample into data/processed/sample
	$(VENV)/bin/newsaudit analyze $(SAMPLE) --out data/processed/sample

test: $(STAMP) ## run the whole test suite (tests needing ../shared/data skip without it)
	$(PY) -m pytest

test-fast: $(STAMP) ## unit tests only, no notebooks
	$(PY) -m pytest -m "not slow"

model: $(STAMP) ## retrain the bundled attribution model from ../shared/data/polnear/train
	$(VENV)/bin/newsaudit train-attributions $(SHARED)/polnear/train --out src/newsaudit/models/attributions.crfsuite

eval: $(STAMP) ## k-fold cross-validation of the attribution model on PolNeAR train (needs ../shared/data)
	$(VENV)/bin/newsaudit evaluate crossval $(SHARED)/polnear/train --folds 5 --jobs 1

fixtures: $(STAMP) ## rewrite the expected tables of the sample regression test (review the diff!)
	$(PY) -m tests.fixtures.regenerate

bench: $(STAMP) ## run the benchmarks in benchmarks/ (needs ../shared/data)
	for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

lock: ## re-pin requirements.txt from requirements.in in a throwaway venv
	rm -rf build/lockenv && $(PYTHON) -m venv build/lockenv
	build/lockenv/bin/pip install --quiet -r requirements.in
	build/lockenv/bin/pip freeze --all --exclude-editable | grep -v "^pip==" > requirements.txt
	rm -rf build/lockenv

strip: $(STAMP) ## remove outputs and volatile metadata from the committed notebooks
	$(PY) -m newsaudit.notebooks_strip notebooks/*.ipynb

clean-reports: ## delete generated reports
	rm -rf reports/sample reports/*/
