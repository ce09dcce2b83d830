import { closest } from '../../core/util/suggest';
import { deviceListingAt, mappingWithKeyAt, partitionWithValueAt, sameRange } from './find';
import { suggestDevice, suggestionIn, suggestParent } from './suggestion';
import { replacementScalar, scalarValue } from './text';
import type { QuickFixContext, QuickFixProvider } from './types';

/**
 * Replace an unknown property or reference with the suggested name: the `did you mean` of a schema
 * message (unknown property, bad enum value, size unit), or of an unknown reference (`parent`, a
 * `devices` entry, a `networkAdapters` entry, a switch's uplink, `gpuPartition`); for references the
 * closest valid name is computed when the message names none.
 */
export const replaceWithSuggestion: QuickFixProvider = {
  rules: ['schema', 'parent-exists', 'device-exists', 'network-adapter-switch', 'switch-uplink', 'gpu-partition'],
  provide(ctx) {
    const source = ctx.text.slice(ctx.range.start, ctx.range.end);
    if (source.trim() === '') return undefined;
    const written = scalarValue(source);
    const suggestion = ctx.rule === 'schema' ? schemaSuggestion(ctx, written) : ctx.rule === 'parent-exists' ? parentSuggestion(ctx, written) : ctx.rule === 'device-exists' ? deviceSuggestion(ctx, written) : referenceSuggestion(ctx, written);
    if (suggestion === undefined || suggestion === written) return undefined;
    return {
      title: `Replace "${written}" with "${suggestion}"`,
      edits: [{ range: ctx.range, newText: replacementScalar(source, suggestion) }],
      isPreferred: true,
    };
  },
};

function messageOf(ctx: QuickFixContext): string {
  if (ctx.finding) return ctx.finding.message;
  const m = ctx.diagnostic.message;
  return typeof m === 'string' ? m : m.value;
}

function schemaSuggestion(ctx: QuickFixContext, written: string): string | undefined {
  const message = messageOf(ctx);
  const suggestion = suggestionIn(message);
  // The range must hold the word the message complains about (not e.g. an alias standing for it).
  if (suggestion === undefined || !message.includes(JSON.stringify(written))) return undefined;
  const { data, locations } = ctx.result.parsed;
  const mapping = locations ? mappingWithKeyAt(data, locations, ctx.range) : undefined;
  // Renaming a key to one its mapping already has would make a duplicate key.
  if (mapping && suggestion in mapping) return undefined;
  return suggestion;
}

function parentSuggestion(ctx: QuickFixContext, written: string): string | undefined {
  const model = ctx.result.model;
  const child = model && partitionWithValueAt(model, 'parent', ctx.range);
  if (!model || !child || child.parentName !== written || model.partitionByName.has(written)) return undefined;
  const said = suggestionIn(messageOf(ctx));
  return said !== undefined && model.partitionByName.has(said) ? said : suggestParent(model, child, written);
}

function deviceSuggestion(ctx: QuickFixContext, written: string): string | undefined {
  const model = ctx.result.model;
  const at = model && deviceListingAt(model, ctx.range);
  if (!model || !at || at.ref.value !== written || model.host.deviceById.has(written)) return undefined;
  const said = suggestionIn(messageOf(ctx));
  return said !== undefined && model.host.deviceById.has(said) ? said : suggestDevice(model, at.partition, written);
}

/**
 * A `networkAdapters` entry that names no switch, an uplink that names no device, a `gpuPartition`
 * that names no device: the closest switch, network device or partitionable GPU.
 */
function referenceSuggestion(ctx: QuickFixContext, written: string): string | undefined {
  const model = ctx.result.model;
  if (!model) return undefined;
  const at = (r: { range: { start: number; end: number } }): boolean => sameRange(r.range, ctx.range);
  let candidates: string[] | undefined;
  if (ctx.rule === 'network-adapter-switch' && model.allPartitions.some((p) => p.networkAdapters.some(at))) candidates = [...model.host.switchByName.keys()];
  else if (ctx.rule === 'switch-uplink' && model.host.switches.some((s) => s.devices.some(at))) candidates = model.host.devices.filter((d) => d.class === 'network').map((d) => d.id);
  else if (ctx.rule === 'gpu-partition' && model.allPartitions.some((p) => p.gpuPartition && at(p.gpuPartition))) candidates = model.gpus.map((g) => g.device.id);
  // Only a name that means nothing: a reference to something of the wrong kind is another problem.
  if (!candidates || model.host.deviceById.has(written) || model.host.switchByName.has(written)) return undefined;
  const said = suggestionIn(messageOf(ctx));
  return said !== undefined && candidates.includes(said) ? said : closest(written, candidates);
}
