import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES } from '../../core/rules/index';
import { ruleDocsUrl } from '../../core/rules/docs-url';
import type { Severity, TextRange } from '../../core/types';
import type { LineIndex } from '../../core/parse/lines';
import type { FileResult, ReportContext } from '../types';

/** SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/): one run, every rule of the registry. */

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SRCROOT = '%SRCROOT%';
export const INFORMATION_URI = 'https://github.com/partition-layout/partition-layout';

export function formatSarif(results: readonly FileResult[], ctx: ReportContext): string {
  const ruleIndex = new Map(ALL_RULES.map((r, i) => [r.id, i]));
  const sarifResults = results.flatMap((r) =>
    r.findings.map((f) => {
      const location = physicalLocation(r.file, r.lines, f.range, ctx.cwd);
      const index = ruleIndex.get(f.rule);
      return {
        ruleId: f.rule,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: location }],
        ...(f.related && f.related.length > 0
          ? { relatedLocations: f.related.map((rel, i) => ({ id: i + 1, message: { text: rel.message }, physicalLocation: physicalLocation(r.file, r.lines, rel.range, ctx.cwd) })) }
          : {}),
      };
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'partition-lint',
            version: ctx.version,
            semanticVersion: ctx.version,
            informationUri: INFORMATION_URI,
            rules: ALL_RULES.map((r) => ({
              id: r.id,
              shortDescription: { text: r.summary },
              helpUri: ruleDocsUrl(r.id),
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: ctx.failures.length === 0,
            toolExecutionNotifications: ctx.failures.map((f) => ({
              level: 'error',
              message: { text: f.message },
              ...(f.file === undefined ? {} : { locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.file, ctx.cwd) } }] }),
            })),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(ctx.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function physicalLocation(file: string, lines: LineIndex, range: TextRange, cwd: string): object {
  const s = lines.position(range.start);
  const e = lines.position(Math.max(range.start, range.end));
  return {
    artifactLocation: artifactLocation(file, cwd),
    region: { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 },
  };
}

/** A path relative to the working folder becomes a relative URI against %SRCROOT%; others a file: URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = path.isAbsolute(file) ? path.relative(cwd, file) : path.normalize(file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return { uri: pathToFileURL(path.resolve(cwd, file)).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function folderUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
