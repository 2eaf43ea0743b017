# Two commands on a fresh machine:
#   make brief   set up, then brief the bundled seed articles (or the configured store's stories)
#   make test    set up, then run the test suite
# Both print their result and little else: the set-up's own output goes to .venv/setup.log,
# shown only if the set-up fails.
#   make bench   add what the benchmarks and scorers need (rouge-score, scikit-learn). Not part
#                of the set-up above: they are large (scikit-learn brings scipy) and no newsbrief
#                command uses them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOG    := $(VENV)/setup.log

.PHONY: setup brief test bench readme-examples clean

$(BIN)/newsbrief: pyproject.toml
	@echo "Setting up $(VENV) (a minute or two, once; details in $(LOG))" >&2
	@$(PYTHON) -m venv $(VENV)
	@{ $(BIN)/pip install --upgrade pip && $(BIN)/pip install -e '.[test]'; } > $(LOG) 2>&1 \
		|| { tail -n 40 $(LOG) >&2; echo "make: setting up $(VENV) failed; the whole log is $(LOG)" >&2; exit 1; }
	@# pip compiles what it installs, not an editable project: compile ours once here, so a
	@# shell with PYTHONDONTWRITEBYTECODE set does not recompile it on every command.
	@$(BIN)/python -m compileall -q bot summarizer >> $(LOG) 2>&1
	@touch $@

setup: $(BIN)/newsbrief

brief: setup
	@$(BIN)/newsbrief brief

test: setup
	@$(BIN)/python -m pytest -q

bench: $(VENV)/.bench

$(VENV)/.bench: $(BIN)/newsbrief
	@echo "Adding the benchmark tools to $(VENV) (details in $(LOG))" >&2
	@$(BIN)/pip install -e '.[test,bench]' >> $(LOG) 2>&1 || { tail -n 40 $(LOG) >&2; exit 1; }
	@touch $@

# The README's example outputs, made again from today's code (run before a release).
readme-examples: setup
	@$(BIN)/python bench/readme_examples.py --write

clean:
	rm -rf $(VENV) build *.egg-info
