import { parseArgs as parseTokens } from 'node:util';
import { didYouMean } from '../core/util/suggest';
import { COMMANDS, findCommand, type CommandSpec } from './commands';
import { UsageError } from './errors';

/**
 * Command-line parsing of `partition-lint`. Pure: no file system, no output. `node:util`'s
 * `parseArgs` splits the arguments into tokens (short groups `-qv`, `-fjson`, `--name=value`, `--`);
 * this file gives each token its meaning and its error message. Subcommands are registered in
 * `commands.ts` (see there how to add one).
 */

export interface CliArgs {
  /** a name from COMMANDS */
  command: string;
  /** files, folders, globs and `-` (standard input), as given */
  paths: string[];
  /** one of the command's formats (validated for the command) */
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
  /** import and export: the file to write (standard output when absent) */
  output?: string;
  /** import: replace an existing --output file */
  force: boolean;
  /** drift: the host's inventory */
  inventory?: string;
  help: boolean;
  version: boolean;
  /** export: write the undo script */
  undo?: boolean;
}

interface OptionSpec {
  long: string;
  short?: string;
  /** metavariable when the option takes a value */
  value?: string;
  help: string;
  /** the commands that accept it; all when absent */
  commands?: readonly string[];
  apply(args: CliArgs, value: string, name: string): void;
}

export const OPTIONS: readonly OptionSpec[] = [
  {
    long: '--format',
    short: '-f',
    value: 'NAME',
    help: COMMANDS.filter((c) => c.formats.length > 0)
      .map((c) => `${c.name}: ${[`${c.formats[0]} (default)`, ...c.formats.slice(1)].join(', ')}`)
      .join('; '),
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
  { long: '--undo', help: 'export: write the script that undoes the deployment (devices back to the host; VMs only with its -RemoveVMs)', commands: ['export'], apply: (a) => (a.undo = true) },
  { long: '--color', help: 'colour the output even when it is not a terminal', apply: (a) => (a.color = true) },
  { long: '--no-color', help: 'never colour the output (so does the NO_COLOR environment variable)', apply: (a) => (a.color = false) },
  {
    long: '--output',
    short: '-o',
    value: 'FILE',
    help: 'import: write the layout to FILE (never over an existing file without --force); export: write the script to FILE (UTF-8 with a byte-order mark, for Windows PowerShell 5.1); both: instead of standard output',
    commands: ['import', 'export'],
    apply: (a, v) => (a.output = v),
  },
  { long: '--force', help: 'import: replace the --output file when it exists', commands: ['import'], apply: (a) => (a.force = true) },
  {
    long: '--inventory',
    short: '-i',
    value: 'INVENTORY',
    help: "drift: the host's inventory (the JSON of collect-partition-inventory.ps1)",
    commands: ['drift'],
    apply: (a, v) => (a.inventory = v),
  },
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
/** node:util's option table: every option by its name without dashes */
const TOKEN_OPTIONS = Object.fromEntries(
  OPTIONS.map((o) => [o.long.slice(2), { type: o.value ? ('string' as const) : ('boolean' as const), ...(o.short ? { short: o.short.slice(1) } : {}) }]),
);

/** Parses argv (without node and the script). Throws UsageError on any mistake. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { command: COMMANDS[0].name, paths: [], format: '', rules: [], quiet: false, verbose: false, force: false, help: false, version: false };
  let commandSeen = false;
  const used: OptionSpec[] = [];
  const { tokens } = parseTokens({ args: [...argv], options: TOKEN_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  let lastIndex = -1;
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      // the first word, before any path, may name the command ("./check" is a file of that name)
      const command: CommandSpec | undefined = !commandSeen && args.paths.length === 0 ? findCommand(token.value) : undefined;
      if (command) args.command = command.name;
      else args.paths.push(token.value);
      commandSeen ||= command !== undefined;
      continue;
    }
    const raw = argv[token.index];
    const firstOfArg = token.index !== lastIndex;
    lastIndex = token.index;
    // a long option with one dash (-format) is a typo, not -f with the value "ormat"
    const single = raw.split('=')[0];
    if (firstOfArg && !raw.startsWith('--') && single.length > 2 && byLong.has(`-${single}`)) {
      throw new UsageError(`unknown option "${single}" — did you mean "-${single}"?`);
    }
    const isLong = token.rawName.startsWith('--');
    const spec = isLong ? byLong.get(token.rawName) : OPTIONS.find((o) => o.short === token.rawName);
    if (!spec) {
      if (isLong) throw new UsageError(`unknown option "${token.rawName}"${didYouMean(token.rawName, byLong.keys())}`);
      throw new UsageError(`unknown option "${token.rawName}"${raw !== token.rawName ? ` in "${raw}"` : ''}`);
    }
    if (spec.value) {
      if (token.value === undefined) {
        const name = isLong ? token.rawName : `${token.rawName} (${spec.long})`;
        throw new UsageError(`option ${name} needs a value: ${token.rawName} ${spec.value}`);
      }
      spec.apply(args, token.value, token.rawName);
    } else {
      if (token.inlineValue) throw new UsageError(`option ${token.rawName} takes no value`);
      spec.apply(args, '', token.rawName);
    }
    used.push(spec);
  }

  if (args.help || args.version) return args;
  const command = findCommand(args.command) ?? COMMANDS[0];
  for (const spec of used) {
    if (spec.commands && !spec.commands.includes(command.name)) {
      throw new UsageError(`option ${spec.long} is for partition-lint ${spec.commands.join(' and ')}, not ${command.name}`);
    }
  }
  checkFormat(args, command);
  checkPaths(args, command);
  return args;
}

function checkFormat(args: CliArgs, command: CommandSpec): void {
  const formats = command.formats;
  if (args.format === '') {
    args.format = formats[0] ?? '';
    return;
  }
  if (formats.includes(args.format)) return;
  if (formats.length === 0) throw new UsageError(`partition-lint ${command.name} takes no --format`);
  const other = COMMANDS.find((c) => c !== command && c.formats.includes(args.format));
  const note = other ? ` (that is a format of "partition-lint ${other.name}")` : didYouMean(args.format, formats);
  throw new UsageError(`unknown format "${args.format}" for ${command.name}: use ${formats.join(', ')}${note}`);
}

function checkPaths(args: CliArgs, command: CommandSpec): void {
  const { max, missing, tooMany } = command.paths;
  if (args.paths.length === 0 && command.paths.min !== 0) throw new UsageError(missing);
  if (max !== undefined && args.paths.length > max) {
    throw new UsageError(tooMany ? tooMany(args.paths) : `${command.name} takes at most ${max} paths, not ${args.paths.length}`);
  }
  if (args.stdinFilename !== undefined && !args.paths.includes('-')) {
    throw new UsageError('--stdin-filename names standard input, but no "-" is among the paths: add - to read the layout from standard input');
  }
}

/** "a, b or c" */
function orList(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The `--help` text. */
export function helpText(): string {
  const usages = COMMANDS.map((c) => [c.usage, c.summary]);
  const usageWidth = Math.max(...usages.map((u) => u[0].length)) + 6;
  const rows = OPTIONS.map((o) => [`${o.short ? `${o.short}, ` : '    '}${o.long}${o.value ? ` ${o.value}` : ''}`, o.help]);
  const width = Math.max(...rows.map((r) => r[0].length));
  return `Usage:
${usages.map(([u, s]) => `  ${u.padEnd(usageWidth)}${s}`).join('\n')}

PATH is a file, a folder (searched recursively for *.partition.yaml, skipping node_modules and .git),
a glob in quotes ("layouts/**/*.partition.yaml"), or - to read standard input.
A first PATH named ${orList(COMMANDS.map((c) => c.name))} is the command: write ./check for a file of that name.

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
  partition-lint inventory-script > collect-partition-inventory.ps1
  partition-lint import hv-lab-01.inventory.json --output hv-lab-01.partition.yaml
  partition-lint drift hv-lab-01.partition.yaml --inventory hv-lab-01.inventory.json --format github
  partition-lint export lab.partition.yaml --output deploy-lab.ps1
`;
}
