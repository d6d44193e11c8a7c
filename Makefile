# The two commands of the README: `make run` and `make test`. Both install what they need first.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HTMX   := static/vendor/htmx.min.js
PORT   ?= 5000
HOST   ?= 127.0.0.1
PYTHON ?= python3

.PHONY: install run test index bench clean

install: $(STAMP) $(HTMX)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# htmx comes from npm at the version pinned in package-lock.json; it is never committed.
$(HTMX): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $(HTMX)

run: install
	@if ! ls index/*.toc >/dev/null 2>&1; then $(BIN)/searchapp index samples/; fi
	$(BIN)/searchapp serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/pytest

index: install
	$(BIN)/searchapp index samples/

clean:
	rm -rf $(VENV) node_modules static/vendor
