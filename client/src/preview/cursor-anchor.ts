import type { AllocationModel } from '../../../server/src/protocol';

export interface CursorAnchor {
  partition?: string;
  device?: string;
}

/**
 * What the cursor is in: the partition or host device whose definition starts last at or above the
 * cursor's line (1-based). Before every definition (header, hypervisor, host facts) it is in neither.
 */
export function anchorAt(model: AllocationModel, line: number): CursorAnchor {
  let best: { line: number; anchor: CursorAnchor } | undefined;
  const consider = (at: number, anchor: CursorAnchor): void => {
    if (at <= line && (best === undefined || at >= best.line)) best = { line: at, anchor };
  };
  for (const d of model.devices) consider(d.position.line, { device: d.id });
  for (const p of model.partitions) consider(p.position.line, { partition: p.name });
  return best?.anchor ?? {};
}
