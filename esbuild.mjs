// Bundles the extension client, the language server and the CLI into dist/ (vscode stays external),
// and the preview webview into dist/webview/.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const entries = [
  { in: 'client/src/extension.ts', out: 'client' },
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'server/src/cli/main.ts', out: 'cli' },
];
const missing = entries.filter((e) => !existsSync(e.in));
if (missing.length > 0) {
  console.error(`esbuild.mjs: missing entry point${missing.length === 1 ? '' : 's'}: ${missing.map((e) => e.in).join(', ')}`);
  process.exit(1);
}

/** @type {import('esbuild').BuildOptions} */
const node = { outdir: 'dist', bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], sourcemap: production ? false : 'linked', logLevel: 'warning' };
const cli = entries.filter((e) => e.out === 'cli');
await esbuild.build({ ...node, entryPoints: entries.filter((e) => !cli.includes(e)).map((e) => ({ in: e.in, out: e.out })), minify: production });
// The CLI is always minified: a cold `partition-lint` run reads and compiles less (bin/partition-lint.js).
await esbuild.build({ ...node, entryPoints: cli.map((e) => ({ in: e.in, out: e.out })), minify: true, keepNames: true });

// The preview's webview (client/preview-src, typed against its own tsconfig): a browser IIFE.
await esbuild.build({
  entryPoints: ['client/preview-src/index.ts'],
  outfile: 'dist/webview/preview.js',
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // The webview takes only the formatters and types from server/src/protocol.ts: the LSP library
  // behind its request types (marked pure there) has no side effects the webview needs, so it is
  // left out (37 KB instead of 347 KB).
  plugins: [
    {
      name: 'lsp-library-without-side-effects',
      setup(build) {
        build.onResolve({ filter: /^vscode-(languageserver-protocol|jsonrpc)/ }, async (args) => {
          if (args.pluginData === 'resolving') return undefined;
          const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
          return { ...resolved, sideEffects: false };
        });
      },
    },
  ],
});
