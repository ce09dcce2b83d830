import type { Partition } from '../model/types';

/** A partition as messages name it: `"web01"`, or `partition #3` when it has no name (a schema error). */
export const partitionLabel = (p: Partition): string => (p.name ? `"${p.name}"` : `partition #${p.index + 1}`);

/** The same at the start of a sentence: `Partition "web01"` or `Partition #3`. */
export const partitionSubject = (p: Partition): string => (p.name ? `Partition "${p.name}"` : `Partition #${p.index + 1}`);
