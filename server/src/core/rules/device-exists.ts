import { didYouMean } from '../util/suggest';
import { partitionSubject as subject } from './partition-label';
import type { Rule } from './rule';


/** device-exists (docs/rules/device-exists.md): a `devices` entry of a partition names no host device. */
export const deviceExists: Rule = {
  id: 'device-exists',
  severity: 'error',
  summary: 'A partition\'s `devices` entry names no device of `host.devices`.',
  check({ model, report }) {
    const ids = [...model.host.deviceById.keys()];
    for (const p of model.partitions) {
      for (const ref of p.devices) {
        if (model.host.deviceById.has(ref.value)) continue;
        report(
          ref.range,
          `${subject(p)} lists device "${ref.value}", which host.devices does not define: correct the id or add the device to host.devices${didYouMean(ref.value, ids) || '.'}`,
        );
      }
    }
  },
};
