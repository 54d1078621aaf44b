#!/usr/bin/env node
// Prints "N passed, N failed" from Vitest's JSON report, so CI can tell "ran no test" from "passed".
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.vitest-report.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log('0 passed, 0 failed');
  console.error(`No test report at ${file}: ${error.message}`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
// A suite that fails to load has no failed test of its own; count it as one failure.
const failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
console.log(`${passed} passed, ${failed} failed`);
if (failed > 0 || passed === 0 || report.success === false) process.exit(1);
