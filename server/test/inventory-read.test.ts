import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HYPERV_ENUMS } from '../src/hyperv/inventory/enums';
import { InventoryError, readInventory } from '../src/hyperv/inventory/read';
import type { Inventory } from '../src/hyperv/inventory/types';
import { fixturesDir, repoRoot } from './support';

/** Reading inventories as Windows PowerShell 5.1 and PowerShell 7 write them (test-fixtures/inventory). */

const dir = path.join(fixturesDir, 'inventory');
const bytes = (name: string): Buffer => fs.readFileSync(path.join(dir, name));
const read = (name: string): Inventory => readInventory(bytes(name), name);
const failure = (name: string): string => {
  try {
    readInventory(bytes(name), name);
  } catch (e) {
    assert.ok(e instanceof InventoryError, `${name}: ${String(e)}`);
    return e.message;
  }
  assert.fail(`${name} was read without an error`);
};

describe('inventory: reading what PowerShell writes', () => {
  it('the fixtures are encoded as PowerShell writes them', () => {
    assert.deepEqual([...bytes('host-ws2025-ps51.inventory.json').subarray(0, 4)], [0xff, 0xfe, 0x7b, 0x00], 'UTF-16 LE with a byte-order mark');
    assert.match(bytes('host-ws2025-ps51.inventory.json').toString('utf16le'), /\r\n {4}"schema": {2}"partition-inventory\/1",\r\n/);
    assert.deepEqual([...bytes('host-ws2025-utf8-bom.inventory.json').subarray(0, 4)], [0xef, 0xbb, 0xbf, 0x7b], 'UTF-8 with a byte-order mark');
    assert.equal(bytes('host-ws2025-ps7.inventory.json')[0], 0x7b, 'UTF-8 without a byte-order mark');
  });

  it('reads Windows PowerShell 5.1 (UTF-16, CRLF, enums as numbers, /Date()/) like PowerShell 7 (UTF-8, enum names, ISO dates)', () => {
    const ps51 = read('host-ws2025-ps51.inventory.json');
    const ps7 = read('host-ws2025-ps7.inventory.json');
    assert.equal(ps51.collectedAt, '2026-12-01T04:40:00.000Z');
    assert.equal(ps7.collectedAt, '2026-12-01T04:40:00.000Z');
    assert.deepEqual(ps51, ps7);
    assert.deepEqual(read('host-ws2025-utf8-bom.inventory.json'), ps51);
  });

  it('gives enums as their names, NUMA memory in bytes, the OS build as a number', () => {
    const inv = read('host-ws2025-ps51.inventory.json');
    assert.deepEqual(
      inv.switches.map((s) => [s.name, s.switchType]),
      [
        ['LAN', 'External'],
        ['Lab Internal', 'Internal'],
        ['isolated', 'Private'],
      ],
    );
    assert.deepEqual(
      inv.vms.map((v) => [v.name, v.state, v.automaticStopAction]),
      [
        ['web01', 'Running', 'Save'],
        ['SQL Server 01', 'Off', 'Save'],
        ['render01', 'Running', 'TurnOff'],
        ['vdi-01', 'Running', 'Save'],
        ['Build Agent #1', 'Off', 'Save'],
      ],
    );
    assert.equal(inv.vms[4].networkAdapters[0].macAddressSpoofing, 'On');
    assert.deepEqual(inv.numaNodes[0], { nodeId: 0, processorCount: 32, memoryTotal: 128 * 1024 ** 3, memoryAvailable: 58211 * 1024 ** 2 });
    assert.deepEqual(inv.os, { version: '10.0.26100', buildNumber: 26100 });
    assert.equal(inv.vmHost.memoryCapacity, 256 * 1024 ** 3);
  });

  it('takes one object where a list was expected (a one-element pipeline without @())', () => {
    const inv = read('single-objects.inventory.json');
    assert.deepEqual(
      inv.vms.map((v) => v.name),
      ['edge-fw'],
    );
    assert.deepEqual(inv.vms[0].networkAdapters, [{ name: 'Network Adapter', switchName: 'uplink', macAddressSpoofing: 'Off', isLegacy: false }]);
    assert.deepEqual(inv.switches[0].netAdapterInterfaceDescriptions, ['Broadcom NetXtreme Gigabit Ethernet']);
    assert.equal(inv.numaNodes.length, 1);
    assert.equal(inv.pciDevices.length, 1);
    assert.deepEqual(inv.gpus, []);
    assert.deepEqual(inv.assignableDevices, []);
    assert.equal(inv.vmHost.iovSupportReasons.length, 1);
  });

  it('unwraps Windows PowerShell 5.1\'s { "value": [...], "Count": n } arrays', () => {
    const inv = read('value-count.inventory.json');
    assert.deepEqual(inv, read('host-ws2022-ps7.inventory.json'));
  });

  it('ignores extra properties and accepts missing optional parts', () => {
    const inv = read('extra-and-missing.inventory.json');
    assert.equal(inv.os, undefined);
    assert.deepEqual(inv.gpus, []);
    assert.deepEqual(inv.pciDevices, []);
    assert.equal(inv.vmHost.numaSpanningEnabled, undefined);
    // without Get-VMMemory, Get-VM's own memory figures
    assert.deepEqual(inv.vms[0].memory, { dynamicMemoryEnabled: false, startup: 4 * 1024 ** 3, minimum: 512 * 1024 ** 2, maximum: 1024 ** 4 });
    assert.deepEqual(inv.vms[0].assignableDevices, []);
  });

  it('matches property names in any case, as PowerShell does', () => {
    assert.deepEqual(read('property-case.inventory.json'), read('host-ws2022-ps7.inventory.json'));
  });

  it('the enum values are the Hyper-V module\'s (shared/reference/hyperv-object-shapes.json)', () => {
    const shapes = JSON.parse(fs.readFileSync(path.join(repoRoot, 'server', 'src', 'hyperv', 'reference', 'hyperv-object-shapes.json'), 'utf8')) as { enums: Record<string, Record<string, number>> };
    for (const [name, values] of Object.entries(HYPERV_ENUMS)) assert.deepEqual(values, shapes.enums[name], name);
  });
});

describe('inventory: clear errors', () => {
  it('a value ConvertTo-Json cut at its -Depth: names every cut property and -Depth', () => {
    assert.equal(
      failure('truncated-depth.inventory.json'),
      'truncated-depth.inventory.json: ConvertTo-Json cut these 6 values at its -Depth, writing text where an object or a list belongs: ' +
        'numaNodes[0].ProcessorsAvailability ("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"), vms[0].processor ("@{Count=2; ExposeVirtualizationExtensions=False}"), ' +
        'vms[0].memory ("@{Startup=4294967296; Minimum=536870912; Maximum=10995116..."), vms[0].networkAdapters ("@{Name=Network Adapter; SwitchName=uplink; MacAddressSpoo..."), ' +
        'vms[0].assignableDevices (""), vms[0].gpuPartitionAdapters (""). Run collect-partition-inventory.ps1 unchanged (it uses -Depth 10), or give ConvertTo-Json -Depth 10 or more',
    );
  });

  it('PowerShell 7\'s type name for a cut list', () => {
    const text = JSON.stringify({ schema: 'partition-inventory/1', vmHost: { LogicalProcessorCount: 4, MemoryCapacity: 8589934592, IovSupportReasons: 'System.String[]' } });
    assert.throws(() => readInventory(Buffer.from(text), 'x.json'), { message: /^x\.json: ConvertTo-Json cut this value at its -Depth, .*: vmHost\.IovSupportReasons \("System\.String\[\]"\)\. .*-Depth 10/ });
  });

  it('not JSON', () => {
    assert.equal(
      failure('not-json.inventory.json'),
      'not-json.inventory.json is not JSON (line 2 is "Name       LogicalProcessorCount MemoryCapacity(M) Virtua..."): expected the output of collect-partition-inventory.ps1 (partition-lint inventory-script prints it)',
    );
    assert.throws(() => readInventory(Buffer.from('{"schema": "partition-inventory/1", "vmHost": {'), 'cut.json'), { message: 'cut.json is not JSON (it ends before the JSON does: the file is cut off): expected the output of collect-partition-inventory.ps1 (partition-lint inventory-script prints it)' });
    assert.throws(() => readInventory(Buffer.alloc(0), 'empty.json'), { message: /^empty\.json is empty/ });
    assert.throws(() => readInventory(Buffer.from('[1, 2]'), 'list.json'), { message: /^list\.json holds a list, not an inventory object/ });
  });

  it('a wrong or missing schema', () => {
    assert.equal(
      failure('wrong-schema.inventory.json'),
      'wrong-schema.inventory.json has "schema": "partition-inventory/2"; partition-lint reads "partition-inventory/1" (the output of collect-partition-inventory.ps1 from partition-lint inventory-script)',
    );
    assert.throws(() => readInventory(Buffer.from('{"name": "lab"}'), 'layout.json'), { message: /^layout\.json has no "schema" property, so it is not a host inventory \(format partition-inventory\/1\)/ });
  });

  it('a missing required part, a value of the wrong type', () => {
    assert.equal(failure('missing-vmhost.inventory.json'), 'missing-vmhost.inventory.json is not a valid partition-inventory/1 inventory: the required part "vmHost" is missing');
    const text = JSON.stringify({ schema: 'partition-inventory/1', vmHost: { LogicalProcessorCount: 'many', MemoryCapacity: 8589934592 }, vms: [{ Generation: 2 }] });
    assert.throws(() => readInventory(Buffer.from(text), 'x.json'), {
      message: 'x.json is not a valid partition-inventory/1 inventory: vms[0] has no "Name" (required); vmHost.LogicalProcessorCount is the text "many", expected a whole number',
    });
  });

  it('an enum value the module does not have', () => {
    assert.equal(failure('bad-enum.inventory.json'), 'bad-enum.inventory.json: switches[0].SwitchType is 7, which is not a VMSwitchType value (Private 0, Internal 1, External 2)');
  });
});
