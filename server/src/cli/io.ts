
/** What the CLI needs from its process: kept in one place so the commands stay plain functions. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  /** writes to standard output */
  out(text: string): void;
  /** writes one line to standard error, prefixed with "partition-lint: " */
  error(line: string): void;
  /** writes text to standard error as is */
  err(text: string): void;
  readStdin(): Promise<Uint8Array>;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    out: (text) => void process.stdout.write(text),
    error: (line) => void process.stderr.write(`partition-lint: ${line}\n`),
    err: (text) => void process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      return Buffer.concat(chunks);
    },
  };
}

