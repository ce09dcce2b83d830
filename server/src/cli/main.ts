import * as fs from 'node:fs';
import * as path from 'node:path';
import { validate } from '../core/validate';
import { toDiagnosticJson } from './diagnostic-json';

/** Minimal first cut: `partition-lint [--format json] PATH...` (files and folders). */
export async function main(argv: string[]): Promise<number> {
  let format = 'stylish';
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--format') format = argv[++i] ?? 'stylish';
    else paths.push(argv[i]);
  }
  const files = paths.flatMap((p) => discover(p));
  const results = files.map((file) => {
    const r = validate(fs.readFileSync(file, 'utf8'));
    return { file, diagnostics: r.findings.map((f) => toDiagnosticJson(f, r.parsed.lines)) };
  });
  if (format === 'json') process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else for (const r of results) for (const d of r.diagnostics) process.stdout.write(`${r.file}:${d.line}:${d.column} ${d.severity} ${d.message} ${d.rule}\n`);
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

function discover(p: string): string[] {
  if (fs.statSync(p).isDirectory()) {
    return fs
      .readdirSync(p, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) => (e.isDirectory() ? discover(path.join(p, e.name)) : e.name.endsWith('.partition.yaml') ? [path.join(p, e.name)] : []));
  }
  return [p];
}
