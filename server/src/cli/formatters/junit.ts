import type { Finding } from '../../core/types';
import type { LineIndex } from '../../core/parse/lines';
import type { FileResult, ReportContext } from '../types';

/**
 * JUnit XML for CI test reports: one <testcase> per file, a <failure> per error; warnings and infos
 * go to the test case's <system-out>; a file that could not be read is an <error>.
 */
export function formatJunit(results: readonly FileResult[], ctx: ReportContext): string {
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  for (const r of results) {
    const errs = r.findings.filter((f) => f.severity === 'error');
    const others = r.findings.filter((f) => f.severity !== 'error');
    failures += errs.length > 0 ? 1 : 0;
    const body: string[] = errs.map((f) => `      <failure message="${attr(f.message)}" type="${attr(f.rule)}">${text(describe(r.file, r.lines, f))}</failure>`);
    if (others.length > 0) body.push(`      <system-out>${text(others.map((f) => describe(r.file, r.lines, f)).join('\n'))}</system-out>`);
    cases.push(testcase(r.file, body));
  }
  for (const f of ctx.failures) {
    errors++;
    cases.push(testcase(f.file ?? 'partition-lint', [`      <error message="${attr(f.message)}" type="unreadable">${text(f.message)}</error>`]));
  }
  const tests = results.length + ctx.failures.length;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="partition-lint" tests="${tests}" failures="${failures}" errors="${errors}">
  <testsuite name="partition-lint" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0">
${cases.join('\n')}
  </testsuite>
</testsuites>
`;
}

function testcase(file: string, body: string[]): string {
  const open = `    <testcase name="${attr(file)}" classname="partition-lint" file="${attr(file)}"`;
  return body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`;
}

function describe(file: string, lines: LineIndex, f: Finding): string {
  const p = lines.position(f.range.start);
  return `${file}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.rule}: ${f.message}`;
}

/** Characters XML 1.0 does not allow at all (controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. */
function xmlChars(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function text(s: string): string {
  return xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
