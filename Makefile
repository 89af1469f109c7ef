# make demo: the main job end to end; make test: every test. Both install what they need on a fresh machine.
PYTHON ?= python3
VENV := .venv
SCORING_VENV := .venv-scoring
PY := $(VENV)/bin/python

.PHONY: demo test deps python-deps scoring-deps lang-deps clean

demo: deps
	$(PY) scripts/demo.py

test: deps
	$(PY) -m pytest

deps: python-deps scoring-deps lang-deps

python-deps: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

scoring-deps: $(SCORING_VENV)/.installed
$(SCORING_VENV)/.installed: fixtures/scoring/requirements.txt
	$(PYTHON) -m venv $(SCORING_VENV)
	$(SCORING_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SCORING_VENV)/bin/python -m pip install --quiet -r fixtures/scoring/requirements.txt
	touch $@

# Toolchains of the other languages: mk/<language>.mk adds its own `lang-deps: <language>-deps` rule.
lang-deps:
-include mk/*.mk

clean:
	rm -rf $(VENV) $(SCORING_VENV) out
