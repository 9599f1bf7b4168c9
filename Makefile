.PHONY: setup demo test saleor-tests lint docs format

setup:        ## create .venv with Saleor 3.23.28 and this package
	scripts/setup

demo:         ## run Saleor with the plugin and the B2B demo on 127.0.0.1:8000
	scripts/demo

test:         ## this package's tests
	scripts/test

saleor-tests: ## a selection of Saleor's own tests, with the plugin active
	scripts/saleor-tests

lint:         ## ruff (format check and lint) and mypy
	scripts/lint

docs:         ## the documentation site, strict, into build/docs
	scripts/docs build

format:
	.venv/bin/ruff format saleor_b2b_groups tests scripts docsite examples bench conftest.py
	.venv/bin/ruff check --fix saleor_b2b_groups tests scripts docsite examples bench conftest.py
