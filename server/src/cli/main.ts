import { helpText, parseArgs } from './args';
import { findCommand } from './commands';
import { UsageError } from './errors';
import { packageVersion } from '../project-files';
import { processIo, type CliIo } from './io';

/**
 * `partition-lint` (README, "Command line"; `--help`). Returns the exit code; bin/partition-lint.js sets it.
 * Every error reaches the user as one line on stderr, never as a stack trace.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  ignoreClosedPipes();
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.out(helpText());
      return 0;
    }
    if (args.version) {
      io.out(`${packageVersion()}\n`);
      return 0;
    }
    const command = findCommand(args.command);
    if (!command) throw new Error(`no command "${args.command}" is registered`);
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.error(e.message);
      return 2;
    }
    const detail = e instanceof Error ? e.message : String(e);
    io.error(`internal error: ${detail.split('\n')[0]} — this is a bug in partition-lint, please report it with the command line and the file that caused it`);
    if (io.env.PARTITION_LINT_DEBUG && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
    return 2;
  }
}

/** `partition-lint ... | head` closes the pipe early: stop quietly instead of throwing EPIPE. */
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}
