/**
 * What changed between two views the host sent the webview, as data: the host posts the change
 * instead of the whole view when that is smaller, and the webview applies it to the view it holds
 * (docs/decisions.md, "Preview at scale"). Works on any JSON-shaped value, so a new section of the view
 * needs nothing here. Lists whose items each have a distinct `name` or `id` (table rows, legend
 * items) are compared by that key, so an inserted row does not change every row after it.
 * Free of `vscode`, of Node and of the DOM: the extension host and the webview both use it.
 */

/** One change to a value. Keys from the layout (partition or device names) only ever appear as data, never as object keys. */
export type Change =
  /** the new value, whole */
  | { set: unknown }
  /** the field is gone */
  | { unset: true }
  /** an object whose listed fields changed */
  | { fields: Record<string, Change> }
  /** a list keyed by `key`: the keys in their new order, and the items that changed or are new */
  | { key: ListKey; order: string[]; items: Array<[string, Change]> }
  /** a list of the same length: the items that changed, by index */
  | { at: Array<[number, Change]> };

type ListKey = 'name' | 'id';
const LIST_KEYS: readonly ListKey[] = ['name', 'id'];

type Obj = Record<string, unknown>;

function isObject(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The change from `before` to `after`; undefined when they are equal (as JSON: undefined fields are absent). */
export function diff(before: unknown, after: unknown): Change | undefined {
  if (before === after) return undefined;
  if (after === undefined) return before === undefined ? undefined : { unset: true };
  if (Array.isArray(before) && Array.isArray(after)) return diffList(before, after);
  if (isObject(before) && isObject(after)) {
    const fields: Record<string, Change> = {};
    let changed = false;
    for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const change = diff(before[field], after[field]);
      if (change) {
        put(fields, field, change);
        changed = true;
      }
    }
    return changed ? { fields } : undefined;
  }
  return { set: after };
}

function diffList(before: readonly unknown[], after: readonly unknown[]): Change | undefined {
  const key = listKey(before, after);
  if (key) {
    const old = new Map(before.map((item) => [(item as Obj)[key] as string, item]));
    const order = after.map((item) => (item as Obj)[key] as string);
    const items: Array<[string, Change]> = [];
    after.forEach((item, i) => {
      const was = old.get(order[i]);
      const change = was === undefined ? { set: item } : diff(was, item);
      if (change) items.push([order[i], change]);
    });
    const sameOrder = order.length === before.length && order.every((k, i) => (before[i] as Obj)[key] === k);
    return items.length === 0 && sameOrder ? undefined : { key, order, items };
  }
  if (before.length !== after.length) return { set: after };
  const at: Array<[number, Change]> = [];
  after.forEach((item, i) => {
    const change = diff(before[i], item);
    if (change) at.push([i, change]);
  });
  return at.length === 0 ? undefined : { at };
}

/** `name` or `id` when every item of both lists is an object with a distinct string value for it. */
function listKey(before: readonly unknown[], after: readonly unknown[]): ListKey | undefined {
  if (before.length === 0 || after.length === 0) return undefined;
  return LIST_KEYS.find((key) => distinct(before, key) && distinct(after, key));
}

function distinct(list: readonly unknown[], key: ListKey): boolean {
  const seen = new Set<string>();
  for (const item of list) {
    const value = isObject(item) ? item[key] : undefined;
    if (typeof value !== 'string' || seen.has(value)) return false;
    seen.add(value);
  }
  return true;
}

/**
 * `value` with `change` applied (a new value: `value` is not modified; unchanged parts are shared).
 * Throws on a change that does not fit the value (the webview then asks for the whole view).
 */
export function apply(value: unknown, change: Change): unknown {
  if ('set' in change) return change.set;
  if ('unset' in change) return undefined;
  if ('fields' in change) {
    if (!isObject(value)) throw new Error('a field change for a value that is no object');
    const next: Obj = { ...value };
    for (const [field, fieldChange] of Object.entries(change.fields)) {
      const v = apply(value[field], fieldChange);
      if (v === undefined) delete next[field];
      else put(next, field, v);
    }
    return next;
  }
  if (!Array.isArray(value)) throw new Error('a list change for a value that is no list');
  if ('at' in change) {
    const next = [...value];
    for (const [i, itemChange] of change.at) {
      if (!Number.isInteger(i) || i < 0 || i >= next.length) throw new Error(`no item ${i} to change`);
      next[i] = apply(next[i], itemChange);
    }
    return next;
  }
  const old = new Map(value.map((item) => [isObject(item) ? item[change.key] : undefined, item]));
  const changes = new Map(change.items);
  return change.order.map((k) => {
    const itemChange = changes.get(k);
    if (itemChange) return apply(old.get(k), itemChange);
    if (!old.has(k)) throw new Error(`no item ${k} to keep`);
    return old.get(k);
  });
}

/** obj[key] = value, also for a key like `__proto__` */
function put(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
