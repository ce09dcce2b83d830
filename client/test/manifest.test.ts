/**
 * package.json's contributions against what the client code registers. The client modules that import
 * 'vscode' cannot load outside VS Code, so their wiring is read from the source text.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as ManifestModule from '../src/commands/manifest';
import { filesUnder, loadBundled, loadCore, readJson, readText, repoRoot } from './support';

const { COMMAND_CATEGORY, COMMANDS, CONFIGURATION_SECTION, LANGUAGE_ID, WATCHED_FILES } = loadBundled<typeof ManifestModule>('client/src/commands/manifest.ts');

interface SettingSchema {
  type?: string;
  scope?: string;
  enum?: string[];
  default?: unknown;
  markdownDescription?: string;
  description?: string;
  properties?: Record<string, SettingSchema>;
  additionalProperties?: SettingSchema | boolean;
}

interface Manifest {
  main: string;
  activationEvents: string[];
  contributes: {
    languages: { id: string; filenamePatterns?: string[]; configuration?: string }[];
    grammars: { language: string; path: string }[];
    commands: { command: string; title: string; category?: string; icon?: string }[];
    menus: Record<string, { command: string; when?: string; group?: string }[]>;
    configuration: { properties: Record<string, SettingSchema> };
  };
}

const SEVERITIES = ['off', 'info', 'warning', 'error'];

describe('package.json contributions match the client', () => {
  const pkg = readJson<Manifest>('package.json');
  const extensionSource = readText('client/src/extension.ts');
  const commandSources = filesUnder('client/src/commands', '.ts').map((file) => ({ file, text: readText(file) }));

  it('contributes exactly the commands of client/src/commands/manifest.ts, with their titles and category', () => {
    const contributed = pkg.contributes.commands.map((c) => ({ id: c.command, title: c.title, category: c.category }));
    const declared = Object.values(COMMANDS).map((c) => ({ id: c.id, title: c.title, category: COMMAND_CATEGORY }));
    assert.deepEqual(contributed, declared);
  });

  for (const [key, command] of Object.entries(COMMANDS)) {
    it(`registers ${command.id} through the command manager in activate()`, () => {
      const implementing = commandSources.filter((s) => s.text.includes(`readonly id = COMMANDS.${key}.id`));
      assert.equal(implementing.length, 1, `one command class must use COMMANDS.${key}.id; found in ${implementing.map((s) => s.file).join(', ') || 'none'}`);
      const className = /export class (\w+)/.exec(implementing[0].text)?.[1];
      assert.ok(className, `${implementing[0].file} exports no class`);
      assert.match(extensionSource, new RegExp(`commands\\.register\\(new ${className}\\(`), `extension.ts does not register ${className}`);
      // the id string itself lives only in manifest.ts, so that the manifest test sees every use
      const literal = commandSources.filter((s) => s.text.includes(`'${command.id}'`)).map((s) => path.basename(s.file));
      assert.deepEqual(literal, ['manifest.ts']);
      assert.ok(!extensionSource.includes(`'${command.id}'`));
    });
  }

  it('registers commands only through the command manager (one error boundary)', () => {
    const direct = [...commandSources, { file: 'client/src/extension.ts', text: extensionSource }]
      .filter((s) => s.text.includes('registerCommand(') && !s.file.endsWith('command-manager.ts'))
      .map((s) => s.file);
    assert.deepEqual(direct, []);
  });

  it('puts the preview button on partition-yaml editors and hides the preview from the palette elsewhere', () => {
    const ids = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const [menu, items] of Object.entries(pkg.contributes.menus)) {
      for (const item of items) assert.ok(ids.has(item.command), `menu ${menu} names the unknown command ${item.command}`);
    }
    const title = pkg.contributes.menus['editor/title'].find((m) => m.command === COMMANDS.openPreview.id);
    assert.ok(title, 'no editor/title button for the preview');
    assert.equal(title.when, `editorLangId == ${LANGUAGE_ID}`);
    assert.equal(title.group, 'navigation');
    const palette = pkg.contributes.menus.commandPalette.find((m) => m.command === COMMANDS.openPreview.id);
    assert.equal(palette?.when, `editorLangId == ${LANGUAGE_ID}`);
    const icon = pkg.contributes.commands.find((c) => c.command === COMMANDS.openPreview.id)?.icon;
    assert.match(icon ?? '', /^\$\([a-z-]+\)$/, 'the editor/title button needs an icon');
  });

  it('puts Export Deployment Script on partition-yaml editors (title bar and palette) only', () => {
    const title = pkg.contributes.menus['editor/title'].find((m) => m.command === COMMANDS.exportScript.id);
    assert.ok(title, 'no editor/title button for the export');
    assert.equal(title.when, `editorLangId == ${LANGUAGE_ID}`);
    assert.equal(title.group, 'navigation');
    const palette = pkg.contributes.menus.commandPalette.find((m) => m.command === COMMANDS.exportScript.id);
    assert.equal(palette?.when, `editorLangId == ${LANGUAGE_ID}`);
    const command = pkg.contributes.commands.find((c) => c.command === COMMANDS.exportScript.id);
    assert.equal(command?.title, 'Export Deployment Script');
    assert.match(command?.icon ?? '', /^\$\([a-z-]+\)$/, 'the editor/title button needs an icon');
  });

  it('activates on the language the client serves, whose files it watches', () => {
    assert.ok(pkg.activationEvents.includes(`onLanguage:${LANGUAGE_ID}`));
    const language = pkg.contributes.languages.find((l) => l.id === LANGUAGE_ID);
    assert.ok(language, `no contributed language ${LANGUAGE_ID}`);
    assert.deepEqual(language.filenamePatterns, ['*.partition.yaml']);
    assert.ok(WATCHED_FILES.includes('**/*.partition.yaml'));
    assert.ok(language.configuration && fs.existsSync(path.join(repoRoot, language.configuration)), 'language configuration file missing');
    assert.ok(pkg.contributes.grammars.some((g) => g.language === LANGUAGE_ID && fs.existsSync(path.join(repoRoot, g.path))));
    assert.match(extensionSource, /language: LANGUAGE_ID/);
    assert.match(extensionSource, /scheme: 'file', language: LANGUAGE_ID/);
    assert.match(extensionSource, /scheme: 'untitled', language: LANGUAGE_ID/);
  });

  it('names the client after the settings section, so that partitionLayout.trace.server sets its trace', () => {
    assert.match(extensionSource, /new LanguageClient\(CONFIGURATION_SECTION,/);
    const trace = pkg.contributes.configuration.properties[`${CONFIGURATION_SECTION}.trace.server`];
    assert.ok(trace);
    assert.deepEqual(trace.enum, ['off', 'messages', 'verbose']);
    assert.equal(trace.default, 'off');
    assert.equal(trace.scope, 'window');
  });

  it('declares partitionLayout.rules per resource: rule ids to off | info | warning | error', () => {
    const rules = pkg.contributes.configuration.properties[`${CONFIGURATION_SECTION}.rules`];
    assert.ok(rules);
    assert.equal(rules.type, 'object');
    assert.equal(rules.scope, 'resource');
    assert.deepEqual(rules.default, {});
    assert.match(rules.markdownDescription ?? '', /rule id/);
    assert.ok(typeof rules.additionalProperties === 'object');
    assert.deepEqual(rules.additionalProperties.enum, SEVERITIES);
  });

  it('lists every rule of the core in partitionLayout.rules, with its default severity and docs link', () => {
    const core = loadCore();
    const properties = pkg.contributes.configuration.properties[`${CONFIGURATION_SECTION}.rules`].properties ?? {};
    assert.deepEqual(Object.keys(properties).sort(), [...core.ruleIds].sort());
    for (const [id, schema] of Object.entries(properties)) {
      assert.deepEqual(schema.enum, SEVERITIES, id);
      const meta = core.ruleMeta(id);
      assert.ok(meta);
      const description = schema.markdownDescription ?? '';
      assert.ok(description.includes(`Default: \`${meta.severity}\`.`), `${id}: the description must give the default ${meta.severity}`);
      assert.ok(description.includes(`(${core.ruleDocsUrl(id)})`), `${id}: the description must link the rule's docs`);
    }
  });

  it('starts the bundled server over IPC, and the bundle builds main and dist/server.js', () => {
    assert.match(extensionSource, /transport: TransportKind\.ipc/);
    assert.match(extensionSource, /asAbsolutePath\('dist\/server\.js'\)/);
    assert.match(extensionSource, /asAbsolutePath\('server\/out\/src\/server\.js'\)/);
    const esbuild = readText('esbuild.mjs');
    assert.match(esbuild, /in: 'server\/src\/server\.ts', out: 'server'/);
    assert.match(esbuild, /in: 'client\/src\/extension\.ts', out: 'client'/);
    assert.equal(pkg.main, './dist/client.js');
  });

  it('watches the layouts and the CLI config file for the server', () => {
    assert.deepEqual([...WATCHED_FILES], ['**/*.partition.yaml', '**/.partition-lint.yaml']);
    assert.match(extensionSource, /WATCHED_FILES\.map\(\(glob\) => vscode\.workspace\.createFileSystemWatcher\(glob\)\)/);
    assert.match(extensionSource, /fileEvents: watchers/);
  });

  it('the webview bundle takes the shared formatters through protocol.ts without the LSP library behind it', () => {
    assert.match(readText('client/src/preview/text.ts'), /from '\.\.\/\.\.\/\.\.\/server\/src\/protocol'/);
    const webview = readText('dist', 'webview', 'preview.js');
    assert.ok(!/jsonrpc|RequestType|ParameterStructures/.test(webview), 'the LSP library is in the webview bundle');
    assert.ok(webview.length < 100 * 1024, `${webview.length} bytes`);
  });
});
