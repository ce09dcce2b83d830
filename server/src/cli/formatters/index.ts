import type { Formatter } from '../types';

/** The formatter of a `--format` name, loaded on demand so that only the one in use is evaluated. */
export async function loadFormatter(name: string): Promise<Formatter> {
  switch (name) {
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'github':
      return (await import('./github.js')).formatGithub;
    case 'junit':
      return (await import('./junit.js')).formatJunit;
    default:
      return (await import('./stylish.js')).formatStylish;
  }
}
