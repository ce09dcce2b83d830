import { driverAt } from './find';
import { removeListEntry } from './list-edits';
import type { QuickFixProvider } from './types';

/** Remove a hypervisor driver: a microkernelized hypervisor runs none (`no-hypervisor-drivers`). */
export const removeHypervisorDriver: QuickFixProvider = {
  rules: ['no-hypervisor-drivers'],
  provide({ text, result, range }) {
    const model = result.model;
    const hv = model?.raw.hypervisor;
    const driver = model && driverAt(model, range);
    if (!model || !hv || !driver) return undefined;
    const edits = removeListEntry(text, model.locations, { list: hv.drivers, index: driver.index, value: driver.value, key: model.locations.pair(hv, 'drivers')?.key });
    if (!edits) return undefined;
    return { title: `Remove driver "${driver.value}" from hypervisor.drivers`, edits, isPreferred: true };
  },
};
