import type { LayoutModel } from '../model/types';
import type { Limits } from '../model/releases';
import { formatBytes } from '../util/sizes';
import type { Rule } from './rule';

/**
 * Who sets a limit, for messages: the release ("Windows Server 2019") or, when `hypervisor.limits`
 * changed it, that override.
 */
export function limitOrigin(model: LayoutModel, key: keyof Limits): string {
  return model.limits[key] !== model.release.limits[key] ? `hypervisor.limits.${key}` : model.release.title;
}

/** The other fix for a passed limit: a later release, or a higher override when hypervisor.limits set it. */
export function raiseOrLater(model: LayoutModel, key: keyof Limits): string {
  return limitOrigin(model, key) === model.release.title ? 'pick a later release' : `raise hypervisor.limits.${key}`;
}

export const hostLimit: Rule = {
  id: 'host-limit',
  severity: 'error',
  summary: "The host's logical processors or memory exceed what the release's hypervisor supports.",
  check({ model, report }) {
    const host = model.raw.host;
    const { limits } = model;
    const lps = model.host.logicalProcessors;
    if (host && lps > limits.hostLogicalProcessors) {
      report(
        model.locations.valueRange(host, 'logicalProcessors'),
        `The host has ${lps} logical processors but ${limitOrigin(model, 'hostLogicalProcessors')} supports at most ${limits.hostLogicalProcessors} per host; ${raiseOrLater(model, 'hostLogicalProcessors')} or lower host.logicalProcessors to the LPs the hypervisor may use.`,
      );
    }
    const mem = model.host.memory;
    if (host && mem > limits.hostMemory) {
      report(
        model.locations.valueRange(host, 'memory'),
        `The host has ${formatBytes(mem)} of memory but ${limitOrigin(model, 'hostMemory')} supports at most ${formatBytes(limits.hostMemory)} per host; ${raiseOrLater(model, 'hostMemory')} or lower host.memory to what the hypervisor may use.`,
      );
    }
  },
};
