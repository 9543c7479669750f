# Parallel Reader: `make run` opens the app, `make test` runs every test off screen.
# Both create .venv, install the project into it and check the system libraries Qt needs.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

# Debian/Ubuntu packages Qt's xcb and offscreen platforms need, and fonts for Latin,
# Cyrillic (DejaVu) and Hangul (Nanum). xvfb lets `make run` start on a machine with no display.
SYSTEM_PACKAGES := libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 \
	libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
	libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 fonts-dejavu-core \
	fonts-nanum xvfb

.PHONY: run test bench corpus screenshots system-deps venv bytecode clean

run: venv bytecode
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && command -v xvfb-run >/dev/null; then \
		echo "No display found: starting Parallel Reader on a virtual screen (xvfb-run)."; \
		xvfb-run -a -s "-screen 0 1600x1000x24" $(VENV)/bin/parallel-reader $(ARGS); \
	else \
		$(VENV)/bin/parallel-reader $(ARGS); \
	fi

test: venv
	$(PY) -m pytest $(PYTEST_ARGS)

bench: venv bytecode
	$(PY) -m benchmarks

# Regenerate corpus/ from the seed texts (../shared/seeds by default).
SEEDS ?= ../shared/seeds
corpus: venv
	$(VENV)/bin/parallel-reader corpus build $(SEEDS) --out corpus

screenshots: venv
	$(VENV)/bin/parallel-reader screenshot docs/screenshots/main-window.png --size 1600x900
	$(VENV)/bin/parallel-reader screenshot docs/screenshots/main-window-dark.png --size 1600x900 --appearance dark
	$(VENV)/bin/parallel-reader screenshot docs/screenshots/main-window-high-contrast.png --size 1600x900 --high-contrast
	$(VENV)/bin/parallel-reader screenshot docs/screenshots/themes-light.png --size 1600x900 --open kremlin-2001-08-04 kremlin-2000-07-19
	$(VENV)/bin/parallel-reader screenshot docs/screenshots/themes-dark.png --size 1600x900 --appearance dark --open kremlin-2001-08-04 kremlin-2000-07-19
	$(VENV)/bin/parallel-reader screenshot docs/screenshots/presentation-lesson.png --size 1920x1080 --present \
		--open kremlin-2000-07-19 dprk-2020-07-19 --annotations docs/examples/pyongyang-2000-lesson.json
	$(VENV)/bin/parallel-reader screenshot docs/screenshots/presentation-panes.png --size 1920x1080 --present \
		--open kremlin-2001-08-04 dprk-2020-07-19
	$(VENV)/bin/parallel-reader screenshot docs/screenshots/statistics-chart.png --size 1100x720 --statistics

venv: system-deps $(STAMP)

# The project is installed editable, so Python would compile it at every start when it may not
# write bytecode (PYTHONDONTWRITEBYTECODE): compile it ahead, as installing a package would.
bytecode: venv
	$(PY) -m compileall -q reader benchmarks >/dev/null

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --config-settings editable_mode=compat -e '.[test]'
	touch $(STAMP)

# Installs missing Debian packages when we are root with apt-get; otherwise prints the command.
system-deps:
	@if ! command -v dpkg-query >/dev/null; then \
		echo "Not a Debian-like system: make sure Qt 6's xcb libraries and a Hangul font are installed."; \
		exit 0; \
	fi; \
	missing=""; \
	for pkg in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing system packages Qt needs:$$missing"; \
		(apt-get install -y -q --no-install-recommends $$missing >/dev/null 2>&1 || \
		 (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing)) || exit 1; \
	else \
		echo "Parallel Reader needs these system packages. Install them with:"; \
		echo "  sudo apt-get install -y$$missing"; \
		exit 1; \
	fi

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
