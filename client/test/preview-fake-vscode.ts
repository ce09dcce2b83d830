/**
 * A small stand-in for the parts of the `vscode` API the preview manager uses, so its lifecycle
 * (handshake, debounce, stale answers, highlight, reveal, dispose) can be tested on plain node. The
 * VS Code integration test runs the same class against the real editor.
 */

type Listener<T> = (e: T) => void;

/** Listeners told whenever the fake records something (a posted message, a shown document…): `until` waits on them. */
const observers = new Set<() => void>();

/** Tells `until` that something was recorded. */
export function recordedSomething(): void {
  for (const o of [...observers]) o();
}

/** Resolves once `condition` holds, checking it now and after each recording; fails after `timeoutMs`. */
export function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  if (condition()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!condition()) return;
      observers.delete(check);
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      observers.delete(check);
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    observers.add(check);
  });
}

/** Lets every promise continuation already queued run (the manager's answers to events it was given). */
export function settled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Timers pending in this process (a debounced request is one). */
export function pendingTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

class Emitter<T> {
  private listeners: Array<Listener<T>> = [];
  event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  get count(): number {
    return this.listeners.length;
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  /** the inverse of toString() */
  static parse(value: string): Uri {
    const at = value.indexOf('://');
    return new Uri(value.slice(0, at), value.slice(at + 3));
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, [base.path.replace(/\/$/, ''), ...parts].join('/'));
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  isAfter(other: Position): boolean {
    return this.line > other.line || (this.line === other.line && this.character > other.character);
  }
}

export class Selection {
  constructor(
    readonly anchor: Position,
    readonly active: Position,
  ) {}
}

export const ViewColumn = { Active: -1, Beside: -2, One: 1, Two: 2 } as const;
/** @public (the bundled preview manager reads it from this stand-in for 'vscode') */
export const TextEditorRevealType = { Default: 0, InCenter: 1, InCenterIfOutsideViewport: 2, AtTop: 3 } as const;

export class FakeDocument {
  constructor(
    readonly uri: Uri,
    readonly text: string,
    readonly languageId = 'partition-yaml',
  ) {}
  validatePosition(p: Position): Position {
    return p;
  }
  lineAt(line: number): { range: { end: Position } } {
    return { range: { end: new Position(line, (this.text.split('\n')[line] ?? '').length) } };
  }
}

export class FakeEditor {
  selection: Selection = new Selection(new Position(0, 0), new Position(0, 0));
  revealed: unknown[] = [];
  constructor(
    readonly document: FakeDocument,
    readonly viewColumn = 1,
  ) {}
  revealRange(range: unknown, type: unknown): void {
    this.revealed.push([range, type]);
    recordedSomething();
  }
}

export class FakePanel {
  title: string;
  visible = true;
  disposed = false;
  revealed = 0;
  readonly posted: unknown[] = [];
  readonly receive = new Emitter<unknown>();
  readonly disposeEmitter = new Emitter<void>();
  readonly viewState = new Emitter<{ webviewPanel: FakePanel }>();
  readonly webview = {
    html: '',
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    asWebviewUri: (u: Uri): { toString(): string } => ({ toString: () => `https://file+.vscode-resource.vscode-cdn.net${u.path}` }),
    postMessage: (m: unknown): Promise<boolean> => {
      this.posted.push(JSON.parse(JSON.stringify(m)));
      recordedSomething();
      return Promise.resolve(true);
    },
    onDidReceiveMessage: this.receive.event,
  };
  onDidDispose = this.disposeEmitter.event;
  onDidChangeViewState = this.viewState.event;
  constructor(
    readonly viewType: string,
    title: string,
    readonly showOptions: unknown,
    readonly options: { enableScripts?: boolean; localResourceRoots?: Uri[] },
  ) {
    this.title = title;
  }
  reveal(): void {
    this.revealed++;
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }
}

export const events = {
  activeEditor: new Emitter<FakeEditor | undefined>(),
  selection: new Emitter<{ textEditor: FakeEditor; selections: Selection[] }>(),
  change: new Emitter<{ document: FakeDocument; contentChanges: unknown[] }>(),
};

export const recorded = {
  panels: [] as FakePanel[],
  info: [] as string[],
  errors: [] as string[],
  shown: [] as Array<{ document: FakeDocument; options: unknown; editor: FakeEditor }>,
};

export const window = {
  activeTextEditor: undefined as FakeEditor | undefined,
  visibleTextEditors: [] as FakeEditor[],
  createWebviewPanel(viewType: string, title: string, showOptions: unknown, options: FakePanel['options']): FakePanel {
    const panel = new FakePanel(viewType, title, showOptions, options);
    recorded.panels.push(panel);
    return panel;
  },
  showInformationMessage(message: string): Promise<undefined> {
    recorded.info.push(message);
    return Promise.resolve(undefined);
  },
  showErrorMessage(message: string): Promise<undefined> {
    recorded.errors.push(message);
    return Promise.resolve(undefined);
  },
  showTextDocument(document: FakeDocument, options: unknown): Promise<FakeEditor> {
    const editor = window.visibleTextEditors.find((e) => e.document === document) ?? new FakeEditor(document);
    recorded.shown.push({ document, options, editor });
    recordedSomething();
    return Promise.resolve(editor);
  },
  onDidChangeActiveTextEditor: events.activeEditor.event,
  onDidChangeTextEditorSelection: events.selection.event,
};

export const workspace = {
  documents: [] as FakeDocument[],
  openTextDocument(uri: Uri): Promise<FakeDocument> {
    const doc = workspace.documents.find((d) => d.uri.toString() === uri.toString());
    return doc ? Promise.resolve(doc) : Promise.reject(new Error(`cannot open ${uri.toString()}`));
  },
  onDidChangeTextDocument: events.change.event,
};

/** Forgets every panel, editor and recording between tests. */
export function reset(): void {
  recorded.panels.length = 0;
  recorded.info.length = 0;
  recorded.errors.length = 0;
  recorded.shown.length = 0;
  window.activeTextEditor = undefined;
  window.visibleTextEditors = [];
  workspace.documents = [];
}

/** Listeners still registered (a disposed panel must leave none). */
export function listenerCount(): number {
  return events.activeEditor.count + events.selection.count + events.change.count;
}
