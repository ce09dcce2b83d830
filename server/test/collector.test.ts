import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { repoRoot } from './support';
import { parsePowerShell, referenceProblems, syntaxErrorLines, type ParsedPowerShell, type PsCommand } from './support/powershell';

/**
 * The collector (collector/collect-partition-inventory.ps1) cannot run here (no Windows, no Hyper-V):
 * it is parsed with the PowerShell grammar, and what it calls and selects is checked against
 * Microsoft's cmdlet reference and the Hyper-V module's object shapes (server/src/hyperv/reference/).
 */

const collector = fs.readFileSync(path.join(repoRoot, 'collector', 'collect-partition-inventory.ps1'), 'utf8');
const shapes = JSON.parse(fs.readFileSync(path.join(repoRoot, 'server', 'src', 'hyperv', 'reference', 'hyperv-object-shapes.json'), 'utf8')) as {
  classes: Record<string, { properties: Record<string, string> }>;
};
const inventorySchema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'partition-inventory.schema.json'), 'utf8')) as {
  properties: Record<string, unknown>;
  $defs: Record<string, { properties: Record<string, unknown> }>;
};

/** The object each cmdlet writes: its class in the object shapes. */
const OUTPUT_CLASS: Record<string, string> = {
  'Get-VMHost': 'VMHost',
  'Get-VMHostNumaNode': 'VMHostNumaNode',
  'Get-VMHostAssignableDevice': 'VMHostAssignableDevice',
  'Get-VMSwitch': 'VMSwitch',
  'Get-VMHostPartitionableGpu': 'VMPartitionableGpu',
  'Get-VM': 'VirtualMachine',
  'Get-VMProcessor': 'VMProcessor',
  'Get-VMMemory': 'VMMemory',
  'Get-VMNetworkAdapter': 'VMNetworkAdapter',
  'Get-VMAssignableDevice': 'VMAssignedDevice',
  'Get-VMGpuPartitionAdapter': 'VMGpuPartitionAdapter',
};

/**
 * CIM classes are not in the object shapes: their properties as Microsoft documents them
 * (Win32_PnPEntity: InstanceId, FriendlyName, Class and Status are the properties Get-PnpDevice
 * shows; Win32_OperatingSystem: Version, BuildNumber).
 */
const CIM_PROPERTIES: Record<string, readonly string[]> = {
  'Get-PnpDevice': ['InstanceId', 'FriendlyName', 'Class', 'Status'],
  'Get-CimInstance': ['Version', 'BuildNumber'],
};

/** The inventory schema's part each cmdlet's objects fill. */
const SCHEMA_PART: Record<string, Record<string, unknown>> = {
  'Get-CimInstance': (inventorySchema.properties.os as { anyOf: Array<{ properties?: Record<string, unknown> }> }).anyOf[0].properties ?? {},
  'Get-VMHost': (inventorySchema.properties.vmHost as { properties: Record<string, unknown> }).properties,
  'Get-VMHostNumaNode': inventorySchema.$defs.numaNode.properties,
  'Get-PnpDevice': inventorySchema.$defs.pciDevice.properties,
  'Get-VMHostAssignableDevice': inventorySchema.$defs.assignableDevice.properties,
  'Get-VMSwitch': inventorySchema.$defs.switch.properties,
  'Get-VMHostPartitionableGpu': inventorySchema.$defs.gpu.properties,
  'Get-VM': inventorySchema.$defs.vm.properties,
  'Get-VMAssignableDevice': inventorySchema.$defs.assignableDevice.properties,
};

interface Selection {
  /** the cmdlet whose objects are selected */
  source: string;
  /** quoted property names */
  properties: string[];
  /** calculated properties' names */
  calculated: string[];
}

/** Each `<cmdlet> | ... | Select-Object -Property ...` pipeline: the first cmdlet and what is selected. */
function selections(parsed: ParsedPowerShell): Selection[] {
  const out: Selection[] = [];
  for (const select of parsed.commands.filter((c) => c.name === 'Select-Object')) {
    const pipeline = ancestor(select.node, 'pipeline_chain');
    assert.ok(pipeline, `Select-Object at line ${select.line} is not in a pipeline`);
    const first = parsed.commands.find((c) => c.node.startIndex === firstCommand(pipeline)?.startIndex);
    assert.ok(first, `no command before Select-Object at line ${select.line}`);
    const property = select.parameters.find((p) => p.name === 'Property');
    assert.ok(property?.value, `Select-Object at line ${select.line} has no -Property list`);
    const text = property.value.text;
    const list = argumentListNode(select, property.line);
    const source = list ? parsed.text.slice(list.startIndex, list.endIndex) : text;
    const calculated = [...source.matchAll(/@\{\s*Name\s*=\s*'([^']+)'/g)].map((m) => m[1]);
    const withoutHashes = stripHashtables(source);
    const properties = [...withoutHashes.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    out.push({ source: first.name, properties, calculated });
  }
  return out;
}

function ancestor(n: Node, type: string): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === type) return p;
  return undefined;
}

function firstCommand(pipeline: Node): Node | undefined {
  for (const c of pipeline.namedChildren) if (c?.type === 'command') return c;
  return undefined;
}

/** The text of the -Property argument of a Select-Object (quoted names and calculated properties). */
function argumentListNode(select: PsCommand, _line: number): Node | undefined {
  const elements = select.node.childForFieldName('command_elements');
  const items = (elements?.children ?? []).filter((c): c is Node => !!c && c.type !== 'command_argument_sep');
  const i = items.findIndex((c) => c.type === 'command_parameter' && /^-Property$/i.test(c.text));
  return i === -1 ? undefined : items[i + 1];
}

function stripHashtables(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('@{', i)) {
      depth++;
      i++;
      continue;
    }
    if (depth > 0 && text[i] === '{') depth++;
    else if (depth > 0 && text[i] === '}') depth--;
    else if (depth === 0) out += text[i];
  }
  return out;
}

describe('the inventory collector (collect-partition-inventory.ps1)', () => {
  let parsed: ParsedPowerShell;
  before(async () => {
    parsed = await parsePowerShell(collector);
  });

  it('parses as PowerShell without syntax errors', () => {
    assert.deepEqual(syntaxErrorLines(parsed), []);
  });

  it('calls only documented cmdlets, with documented parameters that fit a parameter set (or its own functions)', () => {
    assert.deepEqual(referenceProblems(parsed), []);
    assert.deepEqual([...parsed.functions].sort(), ['Get-DevicePropertyData', 'Get-MmioBytes', 'Test-Cmdlet']);
  });

  it('uses every cmdlet the inventory format names', () => {
    const used = new Set(parsed.commands.map((c) => c.name));
    for (const cmdlet of [...Object.keys(OUTPUT_CLASS), 'Get-PnpDevice', 'Get-PnpDeviceProperty', 'Get-CimInstance', 'ConvertTo-Json']) assert.ok(used.has(cmdlet), cmdlet);
  });

  it('selects with quoted property lists the cmdlets\' own property names, and exactly the schema\'s', () => {
    const all = selections(parsed);
    assert.deepEqual(
      [...new Set(all.map((s) => s.source))].sort(),
      [...Object.keys(OUTPUT_CLASS), ...Object.keys(CIM_PROPERTIES)].sort(),
    );
    for (const s of all) {
      const own = OUTPUT_CLASS[s.source] ? Object.keys(shapes.classes[OUTPUT_CLASS[s.source]].properties) : CIM_PROPERTIES[s.source];
      for (const p of s.properties) assert.ok(own.includes(p), `${s.source} objects have no property ${p}`);
      const part = SCHEMA_PART[s.source];
      if (part) {
        const nested = s.source === 'Get-VM' ? ['processor', 'memory', 'networkAdapters', 'assignableDevices', 'gpuPartitionAdapters'] : [];
        const schemaOwn = Object.keys(part).filter((k) => !nested.includes(k));
        assert.deepEqual([...s.properties, ...s.calculated.filter((c) => !nested.includes(c))].sort(), schemaOwn.sort(), `${s.source}: the schema lists what the collector selects`);
      }
    }
  });

  it('keeps lists as lists (@() around each part) and writes JSON deep enough', () => {
    for (const part of ['numaNodes', 'pciDevices', 'switches', 'vms']) assert.match(collector, new RegExp(`^\\$${part} = @\\(`, 'm'), part);
    const convert = parsed.commands.find((c) => c.name === 'ConvertTo-Json');
    assert.ok(convert);
    assert.equal(convert.parameters.find((p) => p.name === 'Depth')?.value?.text, '$jsonDepth');
    const depth = /^\$jsonDepth = (\d+)$/m.exec(collector);
    assert.ok(depth && Number(depth[1]) >= 6, 'the JSON nests five levels: -Depth 6 or more');
  });

  it('runs on Windows PowerShell 5.1: none of PowerShell 7\'s operators or parameters', () => {
    assert.doesNotMatch(collector, /\?\?|\?\.|-EnumsAsStrings|-AsHashtable|-Parallel|\s\?\s.*\s:\s/);
  });
});
