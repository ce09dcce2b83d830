import { didYouMean } from '../core/util/suggest';
import { UsageError } from './errors';

/** Command-line parsing of `partition-lint` (SPEC §6). Pure: no file system, no output. */

export const CHECK_FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
export const ALLOCATION_FORMATS = ['text', 'json'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
export type AllocationFormat = (typeof ALLOCATION_FORMATS)[number];
export type Command = 'check' | 'allocation';

export interface CliArgs {
  command: Command;
  /** files, folders, globs and `-` (standard input), as given */
  paths: string[];
  /** `stylish`... for check, `text`|`json` for allocation (validated for the command) */
  format: string;
  /** `RULE=SEVERITY` as given, checked later against the rule registry */
  rules: string[];
  config?: string;
  /** undefined: no limit */
  maxWarnings?: number;
  quiet: boolean;
  verbose: boolean;
  stdinFilename?: string;
  /** undefined: decide from the terminal and NO_COLOR / FORCE_COLOR */
  color?: boolean;
  help: boolean;
  version: boolean;
}

interface OptionSpec {
  long: string;
  short?: string;
  /** metavariable when the option takes a value */
  value?: string;
  help: string;
  apply(args: CliArgs, value: string, name: string): void;
}

export const OPTIONS: readonly OptionSpec[] = [
  {
    long: '--format',
    short: '-f',
    value: 'NAME',
    help: 'check: stylish (default), json, sarif, github, junit; allocation: text (default), json',
    apply: (a, v) => (a.format = v),
  },
  {
    long: '--rule',
    short: '-r',
    value: 'RULE=SEVERITY',
    help: 'set a rule to off, info, warning or error (repeatable; wins over the config file)',
    apply: (a, v) => a.rules.push(v),
  },
  {
    long: '--config',
    short: '-c',
    value: 'FILE',
    help: 'use this config file instead of the nearest .partition-lint.yaml above each file',
    apply: (a, v) => (a.config = v),
  },
  {
    long: '--max-warnings',
    value: 'N',
    help: 'exit with 1 when there are more than N warnings (default: no limit)',
    apply: (a, v, name) => (a.maxWarnings = parseMaxWarnings(v, name)),
  },
  { long: '--quiet', short: '-q', help: 'report errors only (warnings and infos neither print nor count)', apply: (a) => (a.quiet = true) },
  { long: '--verbose', short: '-v', help: 'stylish: show the source lines under each problem (a code frame)', apply: (a) => (a.verbose = true) },
  {
    long: '--stdin-filename',
    value: 'NAME',
    help: 'the name to report for standard input (-); its folder is where the config lookup starts',
    apply: (a, v) => (a.stdinFilename = v),
  },
  { long: '--color', help: 'colour the output even when it is not a terminal', apply: (a) => (a.color = true) },
  { long: '--no-color', help: 'never colour the output (so does the NO_COLOR environment variable)', apply: (a) => (a.color = false) },
  { long: '--help', short: '-h', help: 'show this help and exit', apply: (a) => (a.help = true) },
  { long: '--version', short: '-V', help: 'print the version and exit', apply: (a) => (a.version = true) },
];

function parseMaxWarnings(v: string, name: string): number | undefined {
  if (!/^-?\d+$/.test(v.trim())) throw new UsageError(`${name} needs a whole number of warnings, not "${v}"`);
  const n = Number(v);
  if (n === -1) return undefined;
  if (n < 0) throw new UsageError(`${name} needs a number of warnings of 0 or more (or -1 for no limit), not ${v}`);
  return n;
}

const byLong = new Map(OPTIONS.map((o) => [o.long, o]));
const byShort = new Map(OPTIONS.filter((o) => o.short).map((o) => [o.short as string, o]));

/** Parses argv (without node and the script). Throws UsageError on any mistake. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { command: 'check', paths: [], format: '', rules: [], quiet: false, verbose: false, help: false, version: false };
  let commandSeen = false;
  let optionsEnded = false;
  const positional = (a: string): void => {
    if (!commandSeen && args.paths.length === 0 && (a === 'check' || a === 'allocation')) {
      args.command = a;
      commandSeen = true;
    } else {
      args.paths.push(a);
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (optionsEnded || a === '-' || !a.startsWith('-')) {
      positional(a);
      continue;
    }
    if (a === '--') {
      optionsEnded = true;
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a : a.slice(0, eq);
      const spec = byLong.get(name);
      if (!spec) throw new UsageError(`unknown option "${name}"${didYouMean(name, byLong.keys())}`);
      if (spec.value) {
        const value = eq === -1 ? argv[++i] : a.slice(eq + 1);
        if (value === undefined) throw new UsageError(`option ${name} needs a value: ${name} ${spec.value}`);
        spec.apply(args, value, name);
      } else {
        if (eq !== -1) throw new UsageError(`option ${name} takes no value`);
        spec.apply(args, '', name);
      }
      continue;
    }
    // a long option with one dash (-format) is a typo, not -f with the value "ormat"
    const single = a.split('=')[0];
    if (single.length > 2 && byLong.has(`-${single}`)) throw new UsageError(`unknown option "${single}" — did you mean "-${single}"?`);
    // short options: -q, -qv, -f json, -fjson
    const letters = a.slice(1);
    for (let j = 0; j < letters.length; j++) {
      const name = `-${letters[j]}`;
      const spec = byShort.get(name);
      if (!spec) {
        throw new UsageError(`unknown option "${name}"${letters.length > 1 ? ` in "${a}"` : ''}`);
      }
      if (spec.value) {
        const rest = letters.slice(j + 1);
        const value = rest !== '' ? rest : argv[++i];
        if (value === undefined) throw new UsageError(`option ${name} (${spec.long}) needs a value: ${name} ${spec.value}`);
        spec.apply(args, value, name);
        break;
      }
      spec.apply(args, '', name);
    }
  }

  if (args.help || args.version) return args;

  const formats: readonly string[] = args.command === 'check' ? CHECK_FORMATS : ALLOCATION_FORMATS;
  if (args.format === '') args.format = formats[0];
  else if (!formats.includes(args.format)) {
    const other: readonly string[] = args.command === 'check' ? ALLOCATION_FORMATS : CHECK_FORMATS;
    const note = other.includes(args.format) ? ` (that is a format of "partition-lint ${args.command === 'check' ? 'allocation' : 'check'}")` : didYouMean(args.format, formats);
    throw new UsageError(`unknown format "${args.format}" for ${args.command}: use ${formats.join(', ')}${note}`);
  }

  if (args.paths.length === 0) {
    throw new UsageError(
      args.command === 'check'
        ? 'no files to check: give layout files, folders or globs, or - for standard input (see --help)'
        : 'allocation needs one layout file (or - for standard input): partition-lint allocation FILE',
    );
  }
  if (args.command === 'allocation' && args.paths.length > 1) {
    throw new UsageError(`allocation takes one layout file, not ${args.paths.length}: ${args.paths.map((p) => JSON.stringify(p)).join(', ')}`);
  }
  if (args.stdinFilename !== undefined && !args.paths.includes('-')) {
    throw new UsageError('--stdin-filename names standard input, but no "-" is among the paths: add - to read the layout from standard input');
  }
  return args;
}

/** The `--help` text. */
export function helpText(): string {
  const rows = OPTIONS.map((o) => [`${o.short ? `${o.short}, ` : '    '}${o.long}${o.value ? ` ${o.value}` : ''}`, o.help]);
  const width = Math.max(...rows.map((r) => r[0].length));
  return `Usage:
  partition-lint [check] [options] PATH...      check layout files (*.partition.yaml)
  partition-lint allocation [options] FILE      print the ownership and allocation model of a layout

PATH is a file, a folder (searched recursively for *.partition.yaml, skipping node_modules and .git),
a glob in quotes ("layouts/**/*.partition.yaml"), or - to read standard input.
A first PATH named check or allocation is the command: write ./check for a file of that name.

Options:
${rows.map(([l, h]) => `  ${l.padEnd(width)}  ${h}`).join('\n')}

Severities: off, info, warning, error. Config file (.partition-lint.yaml): rules: { RULE: SEVERITY }

Exit codes: 0 no errors (and warnings within --max-warnings), 1 problems found,
            2 usage error, bad config, or a file that cannot be read (the other files are still checked).

Examples:
  partition-lint layouts/
  partition-lint --format sarif --max-warnings 0 "hosts/**/*.partition.yaml" > partition-lint.sarif
  partition-lint --rule vp-overcommit=error --rule numa-dynamic-memory=off lab.partition.yaml
  cat lab.partition.yaml | partition-lint - --stdin-filename hosts/lab.partition.yaml
  partition-lint allocation lab.partition.yaml --format json
`;
}
