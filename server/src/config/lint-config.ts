import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { RULE_IDS } from '../core/rules/index';
import type { SeveritySetting } from '../core/types';
import { didYouMean } from '../core/util/suggest';
import { CONFIG_FILE_NAME } from '../names';

/** `.partition-lint.yaml`: `rules: { RULE: off|info|warning|error }`. Shared by the CLI and the server. */
const SEVERITIES: ReadonlySet<string> = new Set(['off', 'info', 'warning', 'error']);

export interface LintConfig {
  /** the file it came from, when any */
  file?: string;
  rules: Record<string, SeveritySetting>;
}

export class ConfigError extends Error {}

/** The nearest `.partition-lint.yaml` in `dir` or a folder above it, or undefined. */
export function findConfigFile(dir: string): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    const candidate = path.join(d, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** Reads and checks a config file; throws ConfigError with a clear message on any mistake. */
export function loadConfigFile(file: string): LintConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return { file, rules: parseConfigText(text, file) };
}

function parseConfigText(text: string, where: string): Record<string, SeveritySetting> {
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: false }) ?? {};
  } catch (e) {
    throw new ConfigError(`${where}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(`${where}: expected a mapping with "rules"`);
  const unknownKeys = Object.keys(data).filter((k) => k !== 'rules');
  if (unknownKeys.length > 0) throw new ConfigError(`${where}: unknown key "${unknownKeys[0]}"${didYouMean(unknownKeys[0], ['rules'])}`);
  return checkRuleSeverities((data as { rules?: unknown }).rules ?? {}, where);
}

/** Checks a `{ RULE: SEVERITY }` mapping (from a config file or editor settings). */
export function checkRuleSeverities(rules: unknown, where: string): Record<string, SeveritySetting> {
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) throw new ConfigError(`${where}: "rules" must be a mapping of rule id to off|info|warning|error`);
  const out: Record<string, SeveritySetting> = {};
  for (const [id, sev] of Object.entries(rules as Record<string, unknown>)) {
    if (!RULE_IDS.has(id)) throw new ConfigError(`${where}: unknown rule "${id}"${didYouMean(id, RULE_IDS)}`);
    if (typeof sev !== 'string' || !SEVERITIES.has(sev)) throw new ConfigError(`${where}: severity of "${id}" must be off, info, warning or error, not ${JSON.stringify(sev)}`);
    out[id] = sev as SeveritySetting;
  }
  return out;
}
