/**
 * The parts of the preview's view for virtual switches, GPU partitions, MMIO space and the per-host
 * limits (re-exported by preview-messages.ts, the one message contract). Free of `vscode` and of Node.
 */
import type { MmioSideRow, SourcePosition } from '../../../server/src/protocol';

/** A virtual switch of the root and the children whose network adapters plug into it. */
export interface SwitchRowView {
  name: string;
  /** external, internal, private, or "—" when the layout gives no valid type */
  type: string;
  /** what the type means for the VMs on it (hover text) */
  typeTitle: string;
  /** its uplinks (host devices), "—" when none */
  uplinks: string;
  sriov: boolean;
  /** the children on it, the first few named */
  partitions: string;
  /** how many children are on it */
  count: number;
  position: SourcePosition;
}

/** A partitionable GPU: its partitions and the children that take one. */
export interface GpuRowView {
  gpu: string;
  address?: string;
  used: number;
  offered: number;
  /** "3 of 4 partitions used" */
  usedText: string;
  /** "1 free", "all used", "2 more users than partitions" */
  verdict: string;
  state: 'ok' | 'muted' | 'bad';
  /** the children that take a partition, the first few named */
  partitions: string;
  position: SourcePosition;
}

/** One side (high or low) of a child's MMIO space against what its assigned devices need. */
export interface MmioSideView {
  /** the space set: mmioSpace's value or Hyper-V's default */
  set: string;
  setTitle: string;
  default: boolean;
  /** "176 MiB needed + 512 MiB buffer = 688 MiB recommended" */
  sizing: string;
  /** as mmio-space and mmio-buffer judge it (the allocation model's) */
  state: MmioSideRow['state'];
  verdict: string;
}

/** The MMIO space of a child with assigned devices. */
export interface MmioRowView {
  partition: string;
  colour: string;
  position?: SourcePosition;
  devices: string;
  high: MmioSideView;
  low: MmioSideView;
}
