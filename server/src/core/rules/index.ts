import type { Rule, RuleMeta } from './rule';
import { duplicateKey, schema, unusedDisable, yamlSyntax } from './parse-rules';
import { singleRoot } from './single-root';
import { rootHasNoParent } from './root-has-no-parent';
import { uniqueName } from './unique-name';
import { parentExists } from './parent-exists';
import { parentCanHost } from './parent-can-host';
import { parentCycle } from './parent-cycle';
import { noHypervisorDrivers } from './no-hypervisor-drivers';
import { uniqueDevice } from './unique-device';
import { deviceExists } from './device-exists';
import { deviceSingleOwner } from './device-single-owner';
import { platformStaysInRoot } from './platform-stays-in-root';
import { assignableDevice } from './assignable-device';
import { assignmentNeedsIommu } from './assignment-needs-iommu';
import { iommuGroupSplit } from './iommu-group-split';
import { assignmentStaticMemory } from './assignment-static-memory';
import { syntheticNeedsEnlightened } from './synthetic-needs-enlightened';
import { generation2NeedsEnlightened } from './generation2-needs-enlightened';
import { syntheticNeedsRootDevice } from './synthetic-needs-root-device';
import { releaseFeature } from './release-feature';
import { nestedStaticMemory } from './nested-static-memory';
import { hostLimit } from './host-limit';
import { vpLimit } from './vp-limit';
import { vpOvercommit } from './vp-overcommit';
import { affinityRange } from './affinity-range';
import { affinityOverlap } from './affinity-overlap';
import { memoryFitsHost } from './memory-fits-host';
import { memoryFitsParent } from './memory-fits-parent';
import { rootMemoryLow } from './root-memory-low';
import { dynamicMemoryRange } from './dynamic-memory-range';
import { memoryLimit } from './memory-limit';
import { mmioSpace } from './mmio-space';
import { numaDynamicMemory } from './numa-dynamic-memory';
import { memoryAlignment } from './memory-alignment';
import { memoryOvercommit } from './memory-overcommit';
import { numaFit } from './numa-fit';
import { numaSpanningRequiredRule } from './numa-spanning-required';
import { hostVpLimit } from './host-vp-limit';
import { runningPartitionLimit } from './running-partition-limit';
import { dynamicMemoryNeedsEnlightened } from './dynamic-memory-needs-enlightened';
import { assignmentHighAvailability } from './assignment-high-availability';
import { assignmentSupportedClass } from './assignment-supported-class';
import { sizeUnitAmbiguous } from './size-unit-ambiguous';
import { switchConfig } from './switch-config';
import { switchUplink } from './switch-uplink';
import { networkAdapterSwitch } from './network-adapter-switch';
import { gpuPartition } from './gpu-partition';
import { mmioBuffer } from './mmio-buffer';
import { DRIFT_RULES } from './drift-rules';

/** The semantic rules, in the order of the README's rules table. */
export const MODEL_RULES: readonly Rule[] = [
  singleRoot,
  rootHasNoParent,
  uniqueName,
  parentExists,
  parentCanHost,
  parentCycle,
  noHypervisorDrivers,
  uniqueDevice,
  deviceExists,
  deviceSingleOwner,
  platformStaysInRoot,
  assignableDevice,
  assignmentNeedsIommu,
  iommuGroupSplit,
  assignmentStaticMemory,
  syntheticNeedsEnlightened,
  generation2NeedsEnlightened,
  syntheticNeedsRootDevice,
  releaseFeature,
  nestedStaticMemory,
  hostLimit,
  vpLimit,
  vpOvercommit,
  affinityRange,
  affinityOverlap,
  memoryFitsHost,
  memoryFitsParent,
  rootMemoryLow,
  dynamicMemoryRange,
  memoryLimit,
  mmioSpace,
  mmioBuffer,
  numaDynamicMemory,
  memoryAlignment,
  memoryOvercommit,
  numaFit,
  numaSpanningRequiredRule,
  hostVpLimit,
  runningPartitionLimit,
  dynamicMemoryNeedsEnlightened,
  assignmentHighAvailability,
  assignmentSupportedClass,
  switchConfig,
  switchUplink,
  networkAdapterSwitch,
  gpuPartition,
  sizeUnitAmbiguous,
];

/**
 * Every rule, in the order of the rules table: the registry the docs, the README table, SARIF and the
 * severity settings read. The drift rules (`partition-lint drift`) come last.
 */
export const ALL_RULES: readonly RuleMeta[] = [yamlSyntax, duplicateKey, schema, ...MODEL_RULES, unusedDisable, ...DRIFT_RULES];

export const RULE_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((r) => r.id));

export function ruleMeta(id: string): RuleMeta | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
