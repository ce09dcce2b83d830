/**
 * Entry point of the suite that runs inside a real VS Code extension host: VS Code loads this file
 * (the `extensionTestsPath`) and awaits `run()`; a rejection makes the test run's exit code 1.
 * Used by scripts/vscode-test/run-vscode-tests.mjs (code-server) and run-electron.mjs (desktop).
 * Each result goes to the console as a line; the last line carries the counts and the measured
 * activation time as JSON after RESULT_MARKER, which the runner reads. The same JSON is written to
 * the file PARTITION_LAYOUT_TEST_RESULT_FILE names, when set (run-electron.mjs reads it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { log, metrics } from './support';

export const RESULT_MARKER = '[vscode-suite-result]';

/** In run order: activation must come first (it measures the extension's first start). */
const TEST_FILES = [
  'activation.test',
  'diagnostics.test',
  'language-features.test',
  'quick-fix.test',
  'editor-details.test',
  'preview.test',
  'new-layout-file.test',
  'inventory.test',
  'export-script.test',
];

class LogReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_RUN_END } = Mocha.Runner.constants;
    runner.on(EVENT_TEST_PASS, (test) => log(`  ✓ ${test.fullTitle()} (${test.duration ?? 0} ms)`));
    runner.on(EVENT_TEST_FAIL, (test, error: unknown) => {
      log(`  ✗ ${test.fullTitle()}`);
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      for (const line of detail.split('\n')) log(`      ${line}`);
    });
    runner.once(EVENT_RUN_END, () => {
      const stats = this.stats;
      log(`${stats.passes} passed, ${stats.failures} failed`);
      const result = JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending, ...metrics });
      console.log(`${RESULT_MARKER} ${result}`);
      const file = process.env.PARTITION_LAYOUT_TEST_RESULT_FILE;
      if (file) fs.writeFileSync(file, `${result}\n`);
    });
  }
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: LogReporter });
  for (const file of TEST_FILES) mocha.addFile(path.join(__dirname, `${file}.js`));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} VS Code test(s) failed`)) : resolve()));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
