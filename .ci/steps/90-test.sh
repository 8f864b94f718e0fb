# The README's test command: lint, typecheck, build, tests. Vitest writes JSON reports for the summary.
export ORDERS_TEST_REPORT_DIR="$PWD/.cache/test-reports"
rm -rf "$ORDERS_TEST_REPORT_DIR"
mkdir -p "$ORDERS_TEST_REPORT_DIR"
test_status=0
pnpm test || test_status=$?
node .ci/summarize-tests.mjs "$ORDERS_TEST_REPORT_DIR"
exit "$test_status"
