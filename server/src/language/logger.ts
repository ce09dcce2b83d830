import type { TraceLevel } from './settings';

/** Levels of the server's log, most important first. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** Where log lines and user messages go (the LSP connection in the server, an array in tests). */
export interface LogSink {
  write(level: LogLevel, message: string): void;
  /** tells the user (a window message), not only the log */
  show(level: 'error' | 'warn', message: string): void;
}

/**
 * The server's one logger, written to the "Partition Layout" Output channel. Its level follows the
 * `partitionLayout.trace.server` setting: `off` logs errors and warnings, `messages` also what the
 * server does (start, workspace checks), `verbose` also each validation with its time. The start
 * line is logged before any setting is read.
 */
export class Logger {
  private level: LogLevel = 'info';
  private readonly shown = new Set<string>();

  constructor(private readonly sink: LogSink) {}

  /** Follows the trace setting. */
  setTrace(trace: TraceLevel): void {
    this.level = trace === 'verbose' ? 'debug' : trace === 'messages' ? 'info' : 'warn';
  }

  enabled(level: LogLevel): boolean {
    return RANK[level] <= RANK[this.level];
  }

  error(message: string): void {
    this.log('error', message);
  }

  warn(message: string): void {
    this.log('warn', message);
  }

  info(message: string): void {
    this.log('info', message);
  }

  debug(message: string): void {
    this.log('debug', message);
  }

  /**
   * A failure the user must learn about, not only the log: the first time for `key` it is logged as an
   * error and shown in a window message; later times only at the debug level (no flood while typing).
   */
  failure(key: string, message: string, detail?: string): void {
    if (this.shown.has(key)) {
      this.debug(`${message} (again)`);
      return;
    }
    this.shown.add(key);
    this.error(detail ? `${message}\n${detail}` : message);
    this.sink.show('error', `Partition Layout: ${message} (details in the "Partition Layout" output)`);
  }

  /** A warning for the user (a mistake in a setting or config file): logged and shown. */
  warnUser(message: string): void {
    this.warn(message);
    this.sink.show('warn', message);
  }

  private log(level: LogLevel, message: string): void {
    if (this.enabled(level)) this.sink.write(level, message);
  }
}

/** The text of a thrown value, with its stack when it has one. */
export function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** The first line of a thrown value's message. */
export function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
