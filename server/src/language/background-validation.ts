import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Finding } from '../core/types';
import { validate } from '../core/validate';
import type { RuleSeverities } from './document-cache';

/**
 * Validation of very large texts in a worker thread: the CLI's complete check (so editor and CI
 * agree on a 20 MB layout) without freezing hover, completion and the other documents while it
 * runs, and cancelled for real (the worker is terminated) when a newer version arrives.
 *
 * The worker runs the server's own entry script (`require.main`), which starts `serveValidation`
 * instead of a connection when it is not on the main thread: the same code in the tsc output and
 * in the esbuild bundle.
 */

const WORKER_MARK = 'partition-layout-validation';

interface Job {
  text: string;
  rules: RuleSeverities;
}

export type BackgroundOutcome = { findings: Finding[]; elapsedMs: number } | { failure: string } | 'cancelled';

/** True in a validation worker: the entry script must call `serveValidation()` and nothing else. */
export function isValidationWorker(): boolean {
  return !isMainThread && (workerData as { mark?: string } | null)?.mark === WORKER_MARK;
}

/** The worker's side: validate one text, post its findings, exit. */
export function serveValidation(): void {
  parentPort?.once('message', (job: Job) => {
    const started = performance.now();
    const { findings } = validate(job.text, { rules: job.rules });
    parentPort?.postMessage({ findings, elapsedMs: performance.now() - started });
  });
}

export class BackgroundValidator {
  private readonly running = new Map<string, { worker: Worker; settle: (o: BackgroundOutcome) => void }>();

  constructor(private readonly entry: string | undefined = require.main?.filename) {}

  get available(): boolean {
    return this.entry !== undefined;
  }

  /** Validates a text in a worker; a later run for the same key cancels this one. */
  run(key: string, text: string, rules: RuleSeverities): Promise<BackgroundOutcome> {
    this.cancel(key);
    const entry = this.entry;
    if (!entry) return Promise.resolve({ failure: 'no entry script to run a worker from' });
    return new Promise<BackgroundOutcome>((resolve) => {
      let settled = false;
      const worker = new Worker(entry, { workerData: { mark: WORKER_MARK }, stdout: true, stderr: true });
      const settle = (o: BackgroundOutcome): void => {
        if (settled) return;
        settled = true;
        if (this.running.get(key)?.worker === worker) this.running.delete(key);
        worker.terminate().catch(() => undefined);
        resolve(o);
      };
      this.running.set(key, { worker, settle });
      worker.once('message', (m: { findings: Finding[]; elapsedMs: number }) => settle({ findings: m.findings, elapsedMs: m.elapsedMs }));
      worker.once('error', (e: Error) => settle({ failure: e.message }));
      worker.once('exit', (code) => settle({ failure: `the worker stopped (exit code ${code})` }));
      worker.postMessage({ text, rules } satisfies Job);
    });
  }

  cancel(key: string): void {
    this.running.get(key)?.settle('cancelled');
  }

  dispose(): void {
    for (const r of [...this.running.values()]) r.settle('cancelled');
  }
}
