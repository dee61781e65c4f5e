# madoguchi — every target creates and uses .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench lint install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/madoguchi demo

# The whole suite on SQLite; then, when TEST_DATABASE_URL is set (.ci/run sets it when the
# machine's PostgreSQL answers), the Django apps' tests again on PostgreSQL.
test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	env -u TEST_DATABASE_URL -u DATABASE_URL $(BIN)/pytest -q -p no:cacheprovider
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== the Django apps again, on PostgreSQL (TEST_DATABASE_URL)"; \
		$(BIN)/pytest -q -p no:cacheprovider src/madoguchi; \
	else \
		echo "== TEST_DATABASE_URL is not set: skipping the PostgreSQL run"; \
	fi

bench: $(STAMP)
	$(BIN)/python bench/analysis_throughput.py --write-docs
	$(BIN)/python bench/hostile_scaling.py --write-docs
	$(BIN)/python bench/intake.py --write-docs
	$(BIN)/python bench/assistant.py --write-docs
	$(BIN)/python bench/chat.py --write-docs
	$(BIN)/python bench/email_intake.py --write-docs
	$(BIN)/python bench/ledger.py --write-docs
	$(BIN)/python bench/trust_phishing.py --write-docs

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
