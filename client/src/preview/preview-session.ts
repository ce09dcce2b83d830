/**
 * What the preview shows for the followed document, kept in the extension host: the last
 * allocation of the file, the user's filter and table pages, and the message for the webview.
 * It keeps the last view it handed out, so the next message carries only what changed
 * (view-diff.ts), or the whole view when that is smaller or when the webview starts over.
 * Free of `vscode`: the panel manager and the browser tests drive the same session.
 */
import type { AllocationModel } from '../../../server/src/protocol';
import { EMPTY_QUERY, buildView, PAGE_SIZE } from './preview-view';
import type { PatchMessage, PreviewView, ProblemCounts, ViewMessage, ViewQuery, ViewUpdate } from './preview-messages';
import { plural } from './text';
import { diff } from './view-diff';

/** The server's answer to the allocation request. */
export interface AllocationAnswer {
  version: number;
  problems: ProblemCounts;
  allocation?: AllocationModel;
}

export class PreviewSession {
  /** the last allocation computed for `modelUri` (kept, dimmed, while the file is not YAML) */
  private model: AllocationModel | undefined;
  private modelUri: string | undefined;
  private last: { uri: string; fileName: string; version: number; problems?: ProblemCounts; stale: boolean; banner?: ViewMessage['banner'] } | undefined;
  private current: ViewQuery = EMPTY_QUERY;
  /** numbers the messages (a patch names the message it changes) */
  private seq = 0;
  /** the last message handed out: the next patch changes it */
  private sent: { seq: number; view: PreviewView | undefined } | undefined;

  constructor(private readonly pageSize = PAGE_SIZE) {}

  /** The allocation the view shows (for the cursor highlight), if any. */
  get allocation(): AllocationModel | undefined {
    return this.last && this.modelUri === this.last.uri ? this.model : undefined;
  }

  get query(): ViewQuery {
    return this.current;
  }

  /** The message for the server's answer about `uri`. */
  answer(uri: string, fileName: string, answer: AllocationAnswer): ViewUpdate {
    this.follow(uri);
    const { version, problems } = answer;
    if (answer.allocation) {
      this.model = answer.allocation;
      this.modelUri = uri;
      const banner: ViewMessage['banner'] = problems.error > 0 ? { kind: 'warning', text: `${plural(problems.error, 'error')} in this layout: the allocation below is computed from what could be read. See the Problems panel.` } : undefined;
      this.last = { uri, fileName, version, problems, stale: false, ...(banner ? { banner } : {}) };
    } else {
      const kept = this.modelUri === uri;
      if (!kept) this.forget();
      const text = kept
        ? 'The file is not valid YAML right now: showing the last allocation that could be computed. Fix the syntax errors in the Problems panel.'
        : 'The file is not valid YAML: fix the syntax errors in the Problems panel to see the allocation.';
      this.last = { uri, fileName, version, problems, stale: true, banner: { kind: 'error', text } };
    }
    return this.update()!;
  }

  /** The message when the allocation cannot be computed at all (the server failed or is not running). */
  unavailable(uri: string, fileName: string, reason: string): ViewUpdate {
    this.follow(uri);
    if (this.modelUri !== uri) this.forget();
    this.last = { uri, fileName, version: this.last?.uri === uri ? this.last.version : 0, stale: true, banner: { kind: 'error', text: reason } };
    return this.update()!;
  }

  /** The user filtered or paged: the same view for the new query. */
  ask(query: ViewQuery): ViewUpdate | undefined {
    this.current = query;
    return this.update();
  }

  /**
   * The whole view of what the session holds now (undefined before the first answer): for a
   * webview that starts (or starts over), and the base of the next patch.
   */
  message(): ViewMessage | undefined {
    const message = this.build();
    if (message) this.sent = { seq: message.seq, view: message.view };
    return message;
  }

  /** What changed since the last message handed out, or the whole view when that is smaller or nothing was handed out yet. */
  private update(): ViewUpdate | undefined {
    const base = this.sent;
    const message = this.message();
    if (!message || !base) return message;
    const { view, ...rest } = message;
    const patch: PatchMessage = { ...rest, type: 'patch', base: base.seq };
    const change = diff(base.view, view);
    if (change) patch.view = change;
    return JSON.stringify(patch).length < JSON.stringify(message).length ? patch : message;
  }

  private build(): ViewMessage | undefined {
    const last = this.last;
    if (!last) return undefined;
    const message: ViewMessage = { type: 'view', seq: ++this.seq, uri: last.uri, fileName: last.fileName, version: last.version, stale: last.stale, query: this.current };
    if (last.problems) message.problems = last.problems;
    if (last.banner) message.banner = last.banner;
    if (this.model && this.modelUri === last.uri) message.view = buildView(this.model, this.current, this.pageSize);
    return message;
  }

  private follow(uri: string): void {
    if (this.last && this.last.uri !== uri) this.current = EMPTY_QUERY;
  }

  private forget(): void {
    this.model = undefined;
    this.modelUri = undefined;
  }
}
