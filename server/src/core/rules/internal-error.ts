import type { Finding } from '../types';

/**
 * The rule id of a finding that reports a bug in partition-lint itself: a rule (or the schema check,
 * or the model builder) threw. It is not a rule of the registry: it cannot be configured or turned
 * off, and the CLI exits 2 when it appears (docs/rules/internal-error.md).
 */
export const INTERNAL_ERROR = 'internal-error';

const ISSUES_URL = 'https://github.com/partition-layout/partition-layout/issues';

/** One `internal-error` finding at the start of the file for `part` (a rule id, or what failed) that threw `e`. */
export function internalErrorFinding(part: string, e: unknown): Finding {
  const cause = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  return {
    rule: INTERNAL_ERROR,
    severity: 'error',
    message: `internal error in ${part}: ${cause} — this is a bug in partition-lint, not in the layout; the other rules' findings are still shown. Please report it with the layout at ${ISSUES_URL}`,
    range: { start: 0, end: 0 },
  };
}

/** Runs `check`; a throw becomes one internal-error finding for `part` instead of the findings it produced. */
export function guarded(part: string, check: () => Finding[]): Finding[] {
  try {
    return check();
  } catch (e) {
    return [internalErrorFinding(part, e)];
  }
}
