import * as path from 'node:path';
import { checkRuleSeverities, ConfigError, findConfigFile, loadConfigFile } from '../config/lint-config';
import type { SeveritySetting } from '../core/types';
import type { RuleSeverities } from './document-cache';
import { uriToPath } from './uris';

/** The configuration section the server reads: `partitionLayout.rules`, `partitionLayout.trace.server`. */
export const SETTINGS_SECTION = 'partitionLayout';

export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface EditorSettings {
  /** `partitionLayout.rules`: severity per rule id (entries that are no rule or no severity are dropped) */
  rules: Record<string, SeveritySetting>;
  /** `partitionLayout.trace.server`: `verbose` also logs each validation and its time */
  trace: TraceLevel;
}

export interface SettingsHost {
  /** `workspace/configuration` of the section for one resource; undefined when the client cannot answer. */
  fetch(uri: string): Promise<unknown>;
  /** Tells the user about a mistake in a setting or a config file (each message once). */
  warn(message: string): void;
  /** the `trace.server` setting as last read (it sets the log level) */
  trace(level: TraceLevel): void;
}

const DEFAULTS: EditorSettings = { rules: {}, trace: 'off' };

/**
 * Settings per resource: the editor's `partitionLayout.*` (asked once per resource, forgotten on
 * didChangeConfiguration) over the nearest `.partition-lint.yaml` (the CLI's config file, so the
 * editor and CI agree; the editor's settings win).
 */
export class Settings {
  private readonly perResource = new Map<string, Promise<EditorSettings>>();
  private readonly configFileOfDir = new Map<string, string | undefined>();
  private readonly rulesOfConfigFile = new Map<string, Record<string, SeveritySetting>>();
  private readonly warned = new Set<string>();
  /** settings pushed with didChangeConfiguration, for clients without workspace/configuration */
  private pushed: unknown;

  constructor(private readonly host: SettingsHost) {}

  async rulesFor(uri: string): Promise<RuleSeverities> {
    const editor = await this.editorSettings(uri);
    return { ...this.configFileRules(uri), ...editor.rules };
  }

  editorSettings(uri: string): Promise<EditorSettings> {
    let p = this.perResource.get(uri);
    if (!p) {
      p = this.read(uri);
      this.perResource.set(uri, p);
    }
    return p;
  }

  /** didChangeConfiguration: forget every resource's settings; `pushed` is the notification's payload. */
  configurationChanged(pushed: unknown): void {
    this.perResource.clear();
    this.pushed = pushed;
  }

  /** A `.partition-lint.yaml` was created, changed or deleted. */
  configFilesChanged(): void {
    this.configFileOfDir.clear();
    this.rulesOfConfigFile.clear();
  }

  /** Forget a closed document's settings. */
  forget(uri: string): void {
    this.perResource.delete(uri);
  }

  private async read(uri: string): Promise<EditorSettings> {
    let raw: unknown;
    try {
      raw = await this.host.fetch(uri);
    } catch {
      raw = undefined;
    }
    if (raw === undefined || raw === null) raw = sectionOf(this.pushed);
    const settings = this.parse(raw);
    if (this.perResource.has(uri)) this.host.trace(settings.trace);
    return settings;
  }

  private parse(raw: unknown): EditorSettings {
    if (!isObject(raw)) return DEFAULTS;
    const rules: Record<string, SeveritySetting> = {};
    if (isObject(raw.rules)) {
      for (const [id, severity] of Object.entries(raw.rules)) {
        try {
          Object.assign(rules, checkRuleSeverities({ [id]: severity }, `Setting ${SETTINGS_SECTION}.rules`));
        } catch (e) {
          if (e instanceof ConfigError) this.warnOnce(then(e.message, 'The entry is ignored.'));
          else throw e;
        }
      }
    } else if (raw.rules !== undefined && raw.rules !== null) {
      this.warnOnce(`Setting ${SETTINGS_SECTION}.rules must be an object of rule id to off, info, warning or error; it is ignored.`);
    }
    const server = isObject(raw.trace) ? raw.trace.server : undefined;
    const trace: TraceLevel = server === 'messages' || server === 'verbose' ? server : 'off';
    return { rules, trace };
  }

  private configFileRules(uri: string): Record<string, SeveritySetting> {
    const file = uriToPath(uri);
    if (!file) return {};
    const dir = path.dirname(file);
    let config: string | undefined;
    if (this.configFileOfDir.has(dir)) config = this.configFileOfDir.get(dir);
    else {
      config = findConfigFile(dir);
      this.configFileOfDir.set(dir, config);
    }
    if (!config) return {};
    let rules = this.rulesOfConfigFile.get(config);
    if (!rules) {
      try {
        rules = loadConfigFile(config).rules;
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        this.warnOnce(then(`partition-lint config ${e.message}`, 'The file is ignored until it is fixed.'));
        rules = {};
      }
      this.rulesOfConfigFile.set(config, rules);
    }
    return rules;
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.host.warn(message);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sectionOf(pushed: unknown): unknown {
  return isObject(pushed) ? pushed[SETTINGS_SECTION] : undefined;
}

/** Two sentences: the first ends with its own punctuation or gets a full stop. */
function then(first: string, second: string): string {
  return `${first}${/[.?!]$/.test(first) ? '' : '.'} ${second}`;
}
