import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, findConfigFile, loadConfigFile, type LintConfig } from '../config/lint-config';
import { RULE_IDS } from '../core/rules/index';
import type { SeveritySetting } from '../core/types';
import { didYouMean } from '../core/util/suggest';
import { CONFIG_FILE_NAME } from '../names';
import { describeFsError, UsageError } from './errors';

/** Rule severities for each file: the config file (given or nearest), then `--rule` options on top. */

const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/** Parses `--rule RULE=SEVERITY` options; throws UsageError with a suggestion on any mistake. */
export function parseRuleOptions(raw: readonly string[]): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const r of raw) {
    const eq = r.indexOf('=');
    if (eq === -1) throw new UsageError(`--rule "${r}": write RULE=SEVERITY, e.g. --rule ${RULE_IDS.has(r) ? r : 'vp-overcommit'}=error`);
    const id = r.slice(0, eq).trim();
    const sev = r.slice(eq + 1).trim();
    if (!RULE_IDS.has(id)) throw new UsageError(`--rule "${r}": unknown rule "${id}"${didYouMean(id, RULE_IDS)}`);
    if (!(SEVERITIES as readonly string[]).includes(sev)) {
      const hint = didYouMean(sev, SEVERITIES) || (/^warn$/i.test(sev) ? ' — did you mean "warning"?' : '');
      throw new UsageError(`--rule "${r}": unknown severity "${sev}"${hint}; use off, info, warning or error`);
    }
    out[id] = sev as SeveritySetting;
  }
  return out;
}

export type RulesForFile = { rules: Record<string, SeveritySetting>; configFile?: string } | { error: string; configFile: string };

export class RuleResolver {
  private readonly nearest = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, LintConfig | ConfigError>();

  /**
   * @param explicit the `--config` file, loaded up front (a mistake in it is a usage error)
   * @param overrides from `--rule`
   */
  constructor(
    private readonly explicit: LintConfig | undefined,
    private readonly overrides: Readonly<Record<string, SeveritySetting>>,
    private readonly cwd: string,
  ) {}

  /** A found config file's message names it relative to the working folder when it is below it. */
  private relativeMessage(message: string, file: string): string {
    const rel = path.relative(this.cwd, file);
    if (!message.startsWith(file) || rel.startsWith('..') || path.isAbsolute(rel)) return message;
    return `${rel}${message.slice(file.length)}`;
  }

  /** Loads `--config FILE` (`shown` as the user wrote it); throws UsageError when it is missing or wrong. */
  static loadExplicit(file: string, shown = file): LintConfig {
    try {
      if (fs.statSync(file).isDirectory()) throw new UsageError(`--config ${shown} is a folder; name the config file itself (e.g. ${path.join(shown, CONFIG_FILE_NAME)})`);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`cannot read config file ${shown}: ${describeFsError(e)}`);
    }
    try {
      return loadConfigFile(file);
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(e.message);
      throw e;
    }
  }

  /** The severities for a file in `dir` (its folder). */
  forFolder(dir: string): RulesForFile {
    let config: LintConfig | undefined = this.explicit;
    if (!config) {
      let file = this.nearest.get(dir);
      if (!this.nearest.has(dir)) {
        file = findConfigFile(dir);
        this.nearest.set(dir, file);
      }
      if (file !== undefined) {
        let c = this.loaded.get(file);
        if (c === undefined) {
          try {
            c = loadConfigFile(file);
          } catch (e) {
            if (!(e instanceof ConfigError)) throw e;
            c = e;
          }
          this.loaded.set(file, c);
        }
        if (c instanceof ConfigError) return { error: this.relativeMessage(c.message, file), configFile: file };
        config = c;
      }
    }
    return { rules: { ...(config?.rules ?? {}), ...this.overrides }, ...(config?.file ? { configFile: config.file } : {}) };
  }
}
