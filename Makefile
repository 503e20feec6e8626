# Make targets only alias the `lkjip` command and the test runner.
# `make help` lists them.

VENV    ?= .venv
BIN     := $(VENV)/bin
DATASET ?= data/balikpapan-disnakersos
YEAR    ?= 2016

.DEFAULT_GOAL := help
.PHONY: help setup report validate tables test lint format lab clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: ## create or update the environment (.venv, Debian packages)
	@scripts/setup.sh

report: setup ## build the default report (the embedded dataset) into reports/
	$(BIN)/lkjip build $(DATASET) --year $(YEAR)

validate: setup ## check the default dataset
	$(BIN)/lkjip validate $(DATASET)

tables: setup ## write the computed tables of the default dataset as CSV
	$(BIN)/lkjip tables $(DATASET) --year $(YEAR) --out reports/tabel

test: setup ## run lint, format check and the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

format: setup ## format the code
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lab: setup ## open JupyterLab at the project root, on the chapter notebooks (data/ and reports/ reachable)
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks

clean: ## remove built reports (keeps reports/README.md)
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +
