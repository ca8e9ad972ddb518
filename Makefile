# Cadence: `make run` opens the app on the demo calendar, `make test` runs every check,
# `make dist` builds the program people download (PyInstaller) and checks that it starts.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BUILD_STAMP := $(VENV)/.installed-build
BENCH_DIST  := build/bench-dist
ONEFILE_LIMIT := 50000000
PYINSTALLER := $(BIN)/pyinstaller --noconfirm --log-level WARN
# The program the desktop menu entry runs (`make install-desktop`).
CADENCE_PROGRAM ?= $(CURDIR)/$(BIN)/cadence

.PHONY: run test lint typecheck pytest bench screenshots dist dist-onefile bench-dist \
	install-desktop uninstall-desktop system-deps test-deps dist-deps clean

# Opens the demo calendar kept in Cadence's data folder (written on first use);
# `cadence` with no argument would show the first-run welcome screen instead.
# The demo calendar, written on the first run; where its folder may not be written, the
# window opens on its welcome screen, which says why in one sentence.
run: system-deps $(STAMP)
	demo="$$($(BIN)/python -c 'from calendar_app.app import default_calendar; print(default_calendar())' 2>/dev/null)"; \
	$(BIN)/cadence $${demo:+"$$demo"}

test: test-deps $(STAMP)
	$(BIN)/ruff check calendar_app tests bench resources
	$(BIN)/ruff format --check calendar_app tests bench resources
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

bench: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

screenshots: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m calendar_app.ui.screenshots docs/screenshots

# One folder, dist/cadence/ (the default: it starts fast), then the built program's smoke check.
dist: dist-deps $(BUILD_STAMP)
	$(PYINSTALLER) --clean build.spec
	dist/cadence/cadence --version
	QT_QPA_PLATFORM=offscreen dist/cadence/cadence --smoke-test
	QT_QPA_PLATFORM=offscreen dist/cadence/cadence --smoke-test --first-run

# One file, dist/onefile/cadence (it unpacks itself on every start), with the same checks.
dist-onefile: dist-deps $(BUILD_STAMP)
	$(PYINSTALLER) --clean --distpath dist/onefile --workpath build/onefile build.spec -- --onefile
	dist/onefile/cadence --version
	QT_QPA_PLATFORM=offscreen dist/onefile/cadence --smoke-test
	QT_QPA_PLATFORM=offscreen dist/onefile/cadence --smoke-test --first-run
	@size=$$(stat -c %s dist/onefile/cadence); \
	echo "one file: $$size bytes (target: at most $(ONEFILE_LIMIT))"; \
	test $$size -le $(ONEFILE_LIMIT)

# Sizes and start-up of both builds beside a bare PySide6 window frozen the same way,
# all built in this run into $(BENCH_DIST)/; the table goes to $(BENCH_DIST)/results.md.
bench-dist: dist-deps $(BUILD_STAMP)
	rm -rf $(BENCH_DIST)
	$(PYINSTALLER) --distpath $(BENCH_DIST)/folder --workpath $(BENCH_DIST)/work/folder build.spec
	$(PYINSTALLER) --distpath $(BENCH_DIST)/onefile --workpath $(BENCH_DIST)/work/onefile \
		build.spec -- --onefile
	$(PYINSTALLER) --distpath $(BENCH_DIST)/folder --workpath $(BENCH_DIST)/work/bare \
		bench/bare_window.spec
	$(BIN)/python -m bench.dist --cadence $(BENCH_DIST)/folder/cadence/cadence \
		--onefile $(BENCH_DIST)/onefile/cadence \
		--bare $(BENCH_DIST)/folder/bare-window/bare-window --markdown $(BENCH_DIST)/results.md

# The menu entry, icon, .cadence file type and AppStream data, into ~/.local/share.
install-desktop: $(STAMP)
	sh resources/linux/install.sh --exec "$(CADENCE_PROGRAM)"

uninstall-desktop:
	sh resources/linux/install.sh --uninstall

system-deps:
	@sh .ci/system-deps

# The tests read exported PDFs with pdftotext (poppler-utils) and open the exported web
# page in Chromium, as a person would. As root they also need capsh (libcap2-bin) to run
# Cadence as a user whom file permissions bind (a read-only calendar means nothing to root).
TEST_PACKAGES := poppler-utils chromium
test-deps:
	@if [ "$$(id -u)" = "0" ]; then \
		CADENCE_EXTRA_PACKAGES="$(TEST_PACKAGES) libcap2-bin" sh .ci/system-deps; \
	else CADENCE_EXTRA_PACKAGES="$(TEST_PACKAGES)" sh .ci/system-deps; fi

# Building also needs binutils (PyInstaller reads libraries with objdump, and strips them).
dist-deps:
	@CADENCE_EXTRA_PACKAGES=binutils sh .ci/system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

$(BUILD_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[build]"
	touch $(BUILD_STAMP)

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache .hypothesis
