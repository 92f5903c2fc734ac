#!/usr/bin/env bash
# The roster import's speed target (issue 21): 100,000 rows within a minute, through the API of a
# real app on the embedded PostgreSQL. Prints the import and re-import times; docs/benchmarks.md
# records them. Runs the JUnit benchmark that the test suite excludes (tag "benchmark").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mkdir -p /tmp/embedded-pg
mvn -B -ntp -q test -Dbenchmarks.excluded= -Dgroups=benchmark -Dtest=RosterImportBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "roster (re-)?import|Tests run|FAIL" || true
