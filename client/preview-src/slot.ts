/**
 * A place in the page whose content is rebuilt only when its data changed (compared as JSON);
 * focus inside it survives the rebuild.
 */
export class Slot {
  node: ChildNode = document.createComment('');
  private signature: string | undefined;

  /** Rebuilds from `build` when `data` differs from the last call; returns whether it did. */
  set(data: unknown, build: () => HTMLElement | undefined): boolean {
    const signature = JSON.stringify(data) ?? '';
    if (signature === this.signature) return false;
    this.signature = signature;
    const focused = document.activeElement instanceof HTMLElement && this.node.contains(document.activeElement) ? document.activeElement.getAttribute('data-key') : null;
    const next: ChildNode = build() ?? document.createComment('');
    this.node.replaceWith(next);
    this.node = next;
    if (focused && next instanceof HTMLElement) {
      const again = next.querySelector(`[data-key="${CSS.escape(focused)}"]`);
      if (again instanceof HTMLElement) again.focus({ preventScroll: true });
    }
    return true;
  }
}
