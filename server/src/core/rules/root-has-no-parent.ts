import type { Rule } from './rule';
import { partitionLabel as label } from './partition-label';


/** root-has-no-parent (docs/rules/root-has-no-parent.md): the root declares `parent` (the link is ignored everywhere). */
export const rootHasNoParent: Rule = {
  id: 'root-has-no-parent',
  severity: 'error',
  summary: 'The root partition declares a `parent`; the root is created by the hypervisor at boot and has none.',
  check({ model, report }) {
    const root = model.root;
    if (!root || !Object.prototype.hasOwnProperty.call(root.raw, 'parent')) return;
    const parent = root.raw.parent;
    const named = typeof parent === 'string' ? ` "${parent}"` : '';
    report(
      model.locations.valueRange(root.raw, 'parent'),
      `The root partition ${label(root)} declares parent${named}, but the root is created by the hypervisor at boot and has no parent, so this link is ignored: remove the parent line.`,
    );
  },
};
