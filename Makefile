# Evidence Workbench. Every target sets up what it needs itself.
#   make run    start the desktop application
#   make test   run the whole test suite (headless)
#   make bench  run the benchmarks against peer tools
#   make soak   the long fault and hostile-input trials
#   make demo   build a demonstration case from synthetic evidence, export and verify a bundle
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench soak demo lint sysdeps sysdeps-test venv clean

$(STAMP): pyproject.toml setup.py evidence/chats/_speedups.c
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	@$(PY) -m compileall -q workbench evidence exporters ui >/dev/null || true
	@touch $(STAMP)

venv: $(STAMP)

sysdeps:
	@scripts/ensure-system-packages.sh run

sysdeps-test:
	@scripts/ensure-system-packages.sh test

run: sysdeps $(STAMP)
	$(PY) main.py

test: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

soak: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen WORKBENCH_SOAK=1 $(PY) -m pytest -p no:cacheprovider -s tests $(PYTEST_ARGS)

bench: sysdeps-test $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

demo: sysdeps $(STAMP)
	$(PY) -m resources.demo.build $(DEMO_ARGS)

lint: $(STAMP)
	$(PY) -m pip install -q ruff mypy
	$(PY) -m ruff check workbench evidence exporters ui tests
	$(PY) -m mypy workbench

clean:
	rm -rf $(VENV) build *.egg-info
