# Two commands on a fresh machine:
#   make brief   set up, then brief the bundled seed articles
#   make test    set up, then run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: setup brief test bench clean

$(BIN)/newsbrief: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	@touch $@

setup: $(BIN)/newsbrief

brief: setup
	$(BIN)/newsbrief brief

test: setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info
