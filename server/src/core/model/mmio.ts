import { GiB, MiB } from '../util/sizes';

/** Hyper-V's default MMIO space of a VM (docs/rules/mmio-space.md): high (above 4 GiB) and low (below it). */
export const MMIO_HIGH_DEFAULT = 512 * MiB;
export const MMIO_LOW_DEFAULT = 128 * MiB;

/** Microsoft sizes MMIO space as the devices' sum plus these buffers (docs/rules/mmio-buffer.md). */
export const MMIO_HIGH_BUFFER = 512 * MiB;
export const MMIO_LOW_BUFFER = 128 * MiB;

/** Low MMIO space lies below 4 GiB: `Set-VM -LowMemoryMappedIoSpace` takes a 32-bit byte count. */
export const MMIO_LOW_LIMIT = 4 * GiB;
