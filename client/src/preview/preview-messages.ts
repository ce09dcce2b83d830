/**
 * Messages between the extension host and the preview webview. The host relays what the server
 * computed; the webview only renders (STYLE habit 8). Free of `vscode` so tests can use it.
 */
import type { AllocationModel, SourcePosition } from '../../../server/src/protocol';

export type ProblemCounts = { error: number; warning: number; info: number };

/** host -> webview: a new model for the followed document (allocation absent on YAML syntax errors) */
export interface ModelMessage {
  type: 'model';
  uri: string;
  /** the file's base name, for the header */
  fileName: string;
  version: number;
  allocation?: AllocationModel;
  problems: ProblemCounts;
}

/** host -> webview: the cursor is in this partition (or device) definition; neither clears it */
export interface HighlightMessage {
  type: 'highlight';
  partition?: string;
  device?: string;
}

/** host -> webview: the allocation could not be computed at all (the server failed or is not running) */
export interface UnavailableMessage {
  type: 'unavailable';
  uri: string;
  fileName: string;
  reason: string;
}

export type ToWebview = ModelMessage | HighlightMessage | UnavailableMessage;

export type FromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; position: SourcePosition }
  | { type: 'rendered'; partitions: string[] };

/** Checks a message from the webview; anything malformed yields undefined. */
export function parseFromWebview(message: unknown): FromWebview | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal': {
      const p = m.position as Record<string, unknown> | null | undefined;
      if (typeof p !== 'object' || p === null) return undefined;
      const { line, column } = p;
      if (!isPositiveInt(line) || !isPositiveInt(column)) return undefined;
      return { type: 'reveal', position: { line, column } };
    }
    case 'rendered':
      if (!Array.isArray(m.partitions) || !m.partitions.every((x) => typeof x === 'string')) return undefined;
      return { type: 'rendered', partitions: [...(m.partitions as string[])] };
    default:
      return undefined;
  }
}

function isPositiveInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 1;
}
