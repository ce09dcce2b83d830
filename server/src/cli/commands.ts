import type { CliArgs } from './args';
import type { CliIo } from './io';

/**
 * The subcommands of `partition-lint`, in the order `--help` lists them. The first is the default
 * (`partition-lint PATH...` means `partition-lint check PATH...`).
 *
 * To add a subcommand (say `export`):
 * 1. write `server/src/cli/export.ts` exporting `runExport(args: CliArgs, io: CliIo): Promise<number>`
 *    (the exit code: 0 done, 1 problems found, 2 usage error or unreadable input);
 * 2. add an entry below: its `name`, the `usage` and `summary` lines `--help` shows, its `formats`
 *    (the first is the default; `[]` when it takes no `--format`), how many `paths` it takes, and
 *    `run` importing the module lazily (so `partition-lint check` never loads it);
 * 3. if it needs options of its own, add them to `OPTIONS` in `args.ts` with `commands: ['export']`
 *    and a field in `CliArgs`;
 * 4. test it through the real binary (`runCli` in server/test/support.ts), `--help` included.
 * Parsing, `--help`, "did you mean" for formats and usage errors then work without more code.
 */
export interface CommandSpec {
  readonly name: string;
  /** the usage line of `--help`, without the leading two spaces */
  readonly usage: string;
  /** what it does, in a few words (the right column of the usage lines) */
  readonly summary: string;
  /** its `--format` values; the first is the default */
  readonly formats: readonly string[];
  /** how many paths it takes, and what to say when that is not met */
  readonly paths: { readonly min?: 0; readonly max?: number; readonly missing: string; readonly tooMany?: (paths: readonly string[]) => string };
  /** runs it and returns the exit code */
  run(args: CliArgs, io: CliIo): Promise<number>;
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'check',
    usage: 'partition-lint [check] [options] PATH...',
    summary: 'check layout files (*.partition.yaml)',
    formats: ['stylish', 'json', 'sarif', 'github', 'junit'],
    paths: { missing: 'no files to check: give layout files, folders or globs, or - for standard input (see --help)' },
    run: async (args, io) => (await import('./check.js')).runCheck(args, io),
  },
  {
    name: 'allocation',
    usage: 'partition-lint allocation [options] FILE',
    summary: 'print the ownership and allocation model of a layout',
    formats: ['text', 'json'],
    paths: {
      max: 1,
      missing: 'allocation needs one layout file (or - for standard input): partition-lint allocation FILE',
      tooMany: (paths) => `allocation takes one layout file, not ${paths.length}: ${paths.map((p) => JSON.stringify(p)).join(', ')}`,
    },
    run: async (args, io) => (await import('./allocation.js')).runAllocation(args, io),
  },
  {
    name: 'import',
    usage: 'partition-lint import [--output FILE [--force]] INVENTORY',
    summary: "write a layout from a host's inventory (collect-partition-inventory.ps1's JSON)",
    formats: [],
    paths: {
      max: 1,
      missing: 'import needs one inventory file: partition-lint import INVENTORY [--output FILE] (partition-lint inventory-script prints the collector that writes it)',
      tooMany: (paths) => `import takes one inventory file, not ${paths.length}: ${paths.map((p) => JSON.stringify(p)).join(', ')}`,
    },
    run: async (args, io) => (await import('./import.js')).runImport(args, io),
  },
  {
    name: 'drift',
    usage: 'partition-lint drift [options] FILE --inventory INVENTORY',
    summary: 'report where a host (its inventory) differs from its layout',
    formats: ['stylish', 'json', 'sarif', 'github', 'junit'],
    paths: {
      max: 1,
      missing: 'drift needs one layout file and its host\'s inventory: partition-lint drift FILE --inventory INVENTORY',
      tooMany: (paths) => `drift takes one layout file, not ${paths.length}: ${paths.map((p) => JSON.stringify(p)).join(', ')}`,
    },
    run: async (args, io) => (await import('./drift.js')).runDrift(args, io),
  },
  {
    name: 'inventory-script',
    usage: 'partition-lint inventory-script',
    summary: 'print the PowerShell collector to run on a Hyper-V host',
    formats: [],
    paths: { min: 0, max: 0, missing: '', tooMany: (paths) => `inventory-script takes no paths, not ${paths.map((p) => JSON.stringify(p)).join(', ')}` },
    run: async (args, io) => (await import('./inventory-script.js')).runInventoryScript(args, io),
  },
  {
    name: 'export',
    usage: 'partition-lint export [--undo] [--output FILE] FILE',
    summary: 'write a Hyper-V PowerShell deployment script for a layout',
    formats: [],
    paths: {
      max: 1,
      missing: 'export needs one layout file (or - for standard input): partition-lint export FILE',
      tooMany: (paths) => `export takes one layout file, not ${paths.length}: ${paths.map((p) => JSON.stringify(p)).join(', ')}`,
    },
    run: async (args, io) => (await import('./export.js')).runExport(args, io),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
