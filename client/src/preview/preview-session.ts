/**
 * What the preview shows for the followed document, kept in the extension host: the last
 * allocation of the file, the user's filter and table pages, and the message for the webview.
 * Free of `vscode`: the panel manager and the browser tests drive the same session.
 */
import type { AllocationModel } from '../../../server/src/core/model/allocation-types';
import { EMPTY_QUERY, buildView, PAGE_SIZE } from './preview-view';
import type { ProblemCounts, ViewMessage, ViewQuery } from './preview-messages';
import { plural } from './text';

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

  constructor(private readonly pageSize = PAGE_SIZE) {}

  /** The allocation the view shows (for the cursor highlight), if any. */
  get allocation(): AllocationModel | undefined {
    return this.last && this.modelUri === this.last.uri ? this.model : undefined;
  }

  get query(): ViewQuery {
    return this.current;
  }

  /** The message for the server's answer about `uri`. */
  answer(uri: string, fileName: string, answer: AllocationAnswer): ViewMessage {
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
    return this.message()!;
  }

  /** The message when the allocation cannot be computed at all (the server failed or is not running). */
  unavailable(uri: string, fileName: string, reason: string): ViewMessage {
    this.follow(uri);
    if (this.modelUri !== uri) this.forget();
    this.last = { uri, fileName, version: this.last?.uri === uri ? this.last.version : 0, stale: true, banner: { kind: 'error', text: reason } };
    return this.message()!;
  }

  /** The user filtered or paged: the same view for the new query. */
  ask(query: ViewQuery): ViewMessage | undefined {
    this.current = query;
    return this.message();
  }

  /** The message for what the session holds now (undefined before the first answer). */
  message(): ViewMessage | undefined {
    const last = this.last;
    if (!last) return undefined;
    const message: ViewMessage = { type: 'view', uri: last.uri, fileName: last.fileName, version: last.version, stale: last.stale, query: this.current };
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
