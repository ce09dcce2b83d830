/** Errors the CLI reports to the user as one line on stderr (never a stack trace). */

/** A mistake in the command line or the configuration: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Readable text for a file-system error code (ENOENT, EACCES...). */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ERR_FS_FILE_TOO_LARGE':
      return 'the file is too large to read (over 2 GiB)';
    default:
      return code ? `${code}: ${(e as Error).message}` : String((e as Error | undefined)?.message ?? e);
  }
}
