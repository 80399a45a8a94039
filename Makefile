# make sample — set up and check the bundled sample draft (report: sample-report.html)
# make test   — set up and run the test suite
.PHONY: setup sample test

setup: .venv/.installed

.venv/.installed: pyproject.toml scripts/setup.sh
	bash scripts/setup.sh
	touch $@

sample: setup
	.venv/bin/rightscheck check drafts/arventa-public-events-2024.en.txt -f html -o sample-report.html
	@echo "Report written to sample-report.html"

test: setup
	.venv/bin/python -m pytest -q
