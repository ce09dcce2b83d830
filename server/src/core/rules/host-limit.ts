import type { LayoutModel } from '../model/types';
import { RELEASES, RELEASE_TABLE, type Limits } from '../model/releases';
import { formatExact } from './memory-sizes';
import type { Rule } from './rule';

/**
 * Who sets a limit, for messages: the release ("Windows Server 2019") or, when `hypervisor.limits`
 * changed it, that override.
 */
export function limitOrigin(model: LayoutModel, key: keyof Limits): string {
  return model.limits[key] !== model.release.limits[key] ? `hypervisor.limits.${key}` : model.release.title;
}

/**
 * The other fix for a passed limit: a higher override when hypervisor.limits set it, else the first
 * later release whose limit allows `needed`; undefined when no release does.
 */
export function raiseOrLater(model: LayoutModel, key: keyof Limits, needed: number): string | undefined {
  if (limitOrigin(model, key) !== model.release.title) return `raise hypervisor.limits.${key}`;
  const later = RELEASES.slice(RELEASES.indexOf(model.release.id) + 1).find((id) => (RELEASE_TABLE[id].limits[key] ?? 0) >= needed);
  return later ? `use ${RELEASE_TABLE[later].title} or later (release: ${later})` : undefined;
}

const either = (fix: string | undefined): string => (fix ? `${fix} or ` : '');

export const hostLimit: Rule = {
  id: 'host-limit',
  severity: 'error',
  summary: "The host's logical processors or memory exceed what the release's hypervisor supports.",
  check({ model, report }) {
    const host = model.raw.host;
    const { limits } = model;
    const lps = model.host.logicalProcessors;
    // An override written but not valid is the schema's finding: the limit meant is unknown.
    const ignored = model.ignoredLimits;
    if (host && lps > limits.hostLogicalProcessors && !ignored.has('hostLogicalProcessors')) {
      report(
        model.locations.valueRange(host, 'logicalProcessors'),
        `The host has ${lps} logical processors but ${limitOrigin(model, 'hostLogicalProcessors')} supports at most ${limits.hostLogicalProcessors} per host; ${either(raiseOrLater(model, 'hostLogicalProcessors', lps))}lower host.logicalProcessors to the LPs the hypervisor may use.`,
      );
    }
    const mem = model.host.memory;
    if (host && mem > limits.hostMemory && !ignored.has('hostMemory')) {
      report(
        model.locations.valueRange(host, 'memory'),
        `The host has ${formatExact(mem)} of memory but ${limitOrigin(model, 'hostMemory')} supports at most ${formatExact(limits.hostMemory)} per host; ${either(raiseOrLater(model, 'hostMemory', mem))}lower host.memory to what the hypervisor may use.`,
      );
    }
  },
};
