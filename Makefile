# Two commands on a fresh machine:
#   make brief   set up, then brief the bundled seed articles (or the configured store's stories)
#   make test    set up, then run the test suite
# Both print their result and little else: the set-up's own output goes to .venv/setup.log,
# shown only if the set-up fails.
#   make bench   add what the benchmarks and scorers need (rouge-score, scikit-learn). Not part
#                of the set-up above: scikit-learn brings scipy, and nltk imports scipy.stats
#                whenever it is installed, which makes every newsbrief command seconds slower.
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
	@# Bytecode written now: where PYTHONDONTWRITEBYTECODE is set, every command would otherwise
	@# compile the project's sources again (about 0.1 s of a cold `newsbrief brief`).
	@$(BIN)/python -m compileall -q summarizer bot >> $(LOG) 2>&1 || true
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
