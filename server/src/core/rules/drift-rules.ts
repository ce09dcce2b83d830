import type { RuleMeta } from './rule';

/**
 * The rules of `partition-lint drift` (a layout against a host's inventory). Only their ids, default
 * severities and summaries live here, so that severities, suppression comments, SARIF and the docs
 * treat them like every rule; the comparison itself is in server/src/hyperv/drift.ts (core never
 * reads an inventory).
 */
const drift = (id: string, summary: string): RuleMeta => ({ id, severity: 'error', summary });

export const DRIFT_RULES: readonly RuleMeta[] = [
  drift('drift-host', "drift: the host's logical processors, memory, NUMA nodes, NUMA spanning or Windows Server release differ from the layout's."),
  drift('drift-missing-partition', 'drift: a child of the root in the layout is not a VM on the host.'),
  drift('drift-extra-partition', 'drift: the host has a VM that the layout does not have.'),
  drift('drift-processors', "drift: a VM's virtual processors or nested virtualization differ from the layout's."),
  drift('drift-memory', "drift: a VM's memory (static or dynamic, its sizes, its buffer) differs from the layout's."),
  drift('drift-assignment', 'drift: a device is assigned to another VM on the host, or to none, than in the layout.'),
  drift('drift-switch', "drift: a virtual switch (type, uplinks, SR-IOV) or a VM's network adapters differ from the layout's."),
  drift('drift-gpu-partition', "drift: a GPU's partition count or a VM's GPU partition differs from the layout's."),
  drift('drift-mmio', "drift: a VM's low or high MMIO space differs from the layout's."),
];

export const DRIFT_RULE_IDS: ReadonlySet<string> = new Set(DRIFT_RULES.map((r) => r.id));
