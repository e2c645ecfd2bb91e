# The front door: make build | run | test | test-postgres | bench

.PHONY: build run test test-swift test-browser test-postgres bench release

build:
	swift build

# Installs the visitor-intelligence data sets when missing, then runs the server.
run:
	scripts/install-data.sh
	swift run parley

# The crash test runs the built `parley` as a child process (Foundation's Process) and kills it;
# it runs in a test process of its own, so that nothing the child machinery leaves behind can
# reach the other tests.
test: test-swift test-browser

test-swift:
	scripts/install-data.sh
	swift test --skip OutboxCrashTests
	swift test --skip-build --filter OutboxCrashTests

# The console and the widget in headless Chromium, against the built server (see Tests/Browser).
test-browser:
	scripts/install-browser.sh
	swift build --product parley
	python3 -m pytest Tests/Browser -q -p no:cacheprovider

# The same suite, with the storage contract and app tests also run on a throw-away PostgreSQL.
test-postgres:
	scripts/with-postgres.sh $(MAKE) test

release:
	swift build -c release

# Drives a running server; see BENCHMARKS.md for how the recorded figures were made.
bench:
	swift run -c release parley-bench --help
