#!/usr/bin/env bash
# Checks the Prometheus rules of deploy/prometheus with Debian's promtool (package prometheus; scripts/test.sh installs it):
#   1. promtool check rules: the file parses, every expression and template is valid;
#   2. promtool test rules lustrac-rules.test.yml: alerts fire on the series that should raise them, after their for:;
#   3. every lustrac_* metric a rule reads is one the server's /metrics writes (its name appears in server/ code).
# Prints one line in dotnet test's format that scripts/test.sh sums.
set -uo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
passed=0 failed=0
step() { # step NAME COMMAND...
  local output
  if output=$("${@:2}" 2>&1); then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $1"; echo "$output"; fi
}
command -v promtool >/dev/null || { echo "promtool not found: install Debian's prometheus package (scripts/test.sh does)" >&2; exit 1; }
step "promtool check rules" promtool check rules lustrac-rules.yml
step "promtool test rules" promtool test rules lustrac-rules.test.yml
metrics_known() {
  local missing=0
  for metric in $(grep -o 'lustrac_[a-z_]*' lustrac-rules.yml | sort -u); do
    grep -rqF --include=*.cs "$metric" "$root/server" || { echo "rule reads $metric, which the server does not write"; missing=1; }
  done
  return $missing
}
step "metrics the rules read exist" metrics_known
verdict=Passed; [ "$failed" -gt 0 ] && verdict=Failed
echo "$verdict!  - Failed: $failed, Passed: $passed, Skipped: 0, Total: $((passed + failed)) - deploy/prometheus/check-rules.sh"
[ "$failed" -eq 0 ]
