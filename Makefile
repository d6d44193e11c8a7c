# The two commands of the README: `make run` and `make test`. Both install what they need first.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HTMX   := static/vendor/htmx.min.js
PORT   ?= 5000
HOST   ?= 127.0.0.1
PYTHON ?= python3

.PHONY: install run test index bench clean dist

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

# The wheel, with templates/, static/ and the pinned htmx inside (pyproject.toml), into dist/.
# pip builds it in an isolated environment, so this needs neither the venv nor `make install`.
dist: $(HTMX)
	rm -rf dist
	$(PYTHON) -m pip wheel --quiet --no-deps --wheel-dir dist .

clean:
	rm -rf $(VENV) node_modules static/vendor dist
