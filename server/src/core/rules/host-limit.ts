import type { LayoutModel } from '../model/types';
import { hostLimits, RELEASES, RELEASE_TABLE, type Limits } from '../model/releases';
import { formatExact } from './memory-sizes';
import type { Rule } from './rule';

/**
 * Who sets a limit, for messages: the release ("Windows Server 2019") or, when `hypervisor.limits`
 * changed it, that override.
 */
export function limitOrigin(model: LayoutModel, key: keyof Limits): string {
  return model.limits[key] !== model.defaultLimits[key] ? `hypervisor.limits.${key}` : model.release.title;
}

/**
 * The other fix for a passed limit: a higher override when hypervisor.limits set it, else the first
 * later release whose limit allows `needed`; undefined when no release does.
 */
export function raiseOrLater(model: LayoutModel, key: keyof Limits, needed: number): string | undefined {
  if (limitOrigin(model, key) !== model.release.title) return `raise hypervisor.limits.${key}`;
  const later = RELEASES.slice(RELEASES.indexOf(model.release.id) + 1).find((id) => (hostLimits(RELEASE_TABLE[id], model.host)[key] ?? 0) >= needed);
  return later ? `use ${RELEASE_TABLE[later].title} or later (release: ${later})` : undefined;
}

/**
 * The release's host memory limit with 5-level paging, when setting `host.paging: 5-level` would make
 * `needed` fit (the host has 4-level paging, the limit is the release's and 5-level raises it enough).
 */
function pagingHelps(model: LayoutModel, needed: number): number | undefined {
  const five = model.release.hostMemory5Level;
  if (five === undefined || model.host.paging === '5-level' || limitOrigin(model, 'hostMemory') !== model.release.title) return undefined;
  return needed <= five ? five : undefined;
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
      const origin = limitOrigin(model, 'hostMemory');
      const paging = pagingHelps(model, mem);
      const withPaging = model.release.hostMemory5Level !== undefined && origin === model.release.title ? ` with ${model.host.paging} paging` : '';
      const fix = paging ? `set host.paging: 5-level if the host has 5-level paging (${model.release.title} then supports ${formatExact(paging)}), or ` : either(raiseOrLater(model, 'hostMemory', mem));
      report(
        model.locations.valueRange(host, 'memory'),
        `The host has ${formatExact(mem)} of memory but ${origin} supports at most ${formatExact(limits.hostMemory)} per host${withPaging}; ${fix}lower host.memory to what the hypervisor may use.`,
      );
    }
  },
};
