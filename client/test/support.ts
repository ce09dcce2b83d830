import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type * as RulesIndex from '../../server/src/core/rules/index';
import type * as DocsUrl from '../../server/src/core/rules/docs-url';
import type * as Validate from '../../server/src/core/validate';
import type * as Shared from '../../server/test/support/index';

/**
 * The shared test support is server/test/support (one module for both sides), loaded from the
 * server's tsc output: the client's tsc output (client/out) cannot import it by a relative path.
 */
const shared = createRequire(__filename)(path.resolve(__dirname, '..', '..', '..', 'server', 'out', 'test', 'support', 'index.js')) as typeof Shared;
export const { repoRoot, readJson, readText, filesUnder } = shared;

/**
 * The validation core as the server and the CLI use it, loaded from the server's tsc output
 * (server/out): the client project compiles to client/out, so a static relative import would not
 * resolve from there.
 */
export interface Core {
  validate: typeof Validate.validate;
  ruleIds: ReadonlySet<string>;
  ruleMeta: typeof RulesIndex.ruleMeta;
  ruleDocsUrl: typeof DocsUrl.ruleDocsUrl;
}

export function loadCore(): Core {
  const load = createRequire(__filename);
  const out = (file: string): string => path.join(repoRoot, 'server', 'out', 'src', 'core', file);
  const validate = load(out('validate.js')) as typeof Validate;
  const rules = load(out('rules/index.js')) as typeof RulesIndex;
  const docs = load(out('rules/docs-url.js')) as typeof DocsUrl;
  return { validate: validate.validate, ruleIds: rules.RULE_IDS, ruleMeta: rules.ruleMeta, ruleDocsUrl: docs.ruleDocsUrl };
}

/**
 * A client source module, bundled with esbuild the way the extension is (its imports of the server's
 * sources resolve; tsc's client/out would not), then loaded. Only for modules that don't import 'vscode'.
 */
export function loadBundled<T>(sourceFile: string): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-client-'));
  const outfile = path.join(dir, `${path.basename(sourceFile, '.ts')}.js`);
  try {
    esbuild.buildSync({ entryPoints: [path.join(repoRoot, sourceFile)], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
    return createRequire(__filename)(outfile) as T;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
