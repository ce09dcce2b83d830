import * as assert from 'node:assert/strict';
import { validate } from '../src/core/validate';

/** Suppression comments (README "Rules"; docs/decisions.md "Suppression comments"): by rule id, never by message; next line or whole file; stale ones reported. */
const BASE = `layout: v1
name: lab
hypervisor:
  model: microkernelized
host:
  logicalProcessors: 8
  memory: 32GiB
  devices:
    - { id: nic0, class: network }
partitions:
  - name: root
    role: root
    memory: 4GiB
  - name: web01
    role: child
    parent: root
    virtualProcessors: 2
    memory: 2GB
    devices: [nic9]
`;

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;
const found = (text: string, rules?: Record<string, 'off' | 'info' | 'warning' | 'error'>): string[] =>
  validate(text, { rules }).findings.map((f) => `${lineOf(text, f.range.start)} ${f.rule}`);
const insertBefore = (text: string, line: string, comment: string): string => text.replace(line, `${comment}\n${line}`);

describe('suppression comments', () => {
  it('without comments the base layout has a device-exists error and a size-unit-ambiguous warning', () => {
    assert.deepEqual(found(BASE), ['18 size-unit-ambiguous', '19 device-exists']);
  });

  it('disable-next-line suppresses the named rules on the next line only, with or without a reason', () => {
    const t = insertBefore(BASE, '    memory: 2GB', '    # partition-lint-disable-next-line size-unit-ambiguous -- legacy template');
    assert.deepEqual(found(t), ['20 device-exists']);
    const both = insertBefore(BASE, '    memory: 2GB', '    # partition-lint-disable-next-line size-unit-ambiguous, device-exists');
    assert.deepEqual(found(both), ['18 unused-disable', '20 device-exists'], 'device-exists is two lines down: not suppressed, and that id is reported as unused');
  });

  it('disable-next-line with no rule suppresses everything on the next line', () => {
    const t = insertBefore(BASE, '    devices: [nic9]', '    # partition-lint-disable-next-line');
    assert.deepEqual(found(t), ['18 size-unit-ambiguous']);
  });

  it('disable-file suppresses a rule anywhere, from any line, several rules at once', () => {
    assert.deepEqual(found(`${BASE}# partition-lint-disable-file device-exists, size-unit-ambiguous\n`), []);
  });

  it('matches rule ids, never message text', () => {
    const t = insertBefore(BASE, '    devices: [nic9]', '    # partition-lint-disable-next-line host.devices does not define');
    assert.deepEqual(found(t), ['18 size-unit-ambiguous', '19 unused-disable', '19 unused-disable', '19 unused-disable', '19 unused-disable', '20 device-exists']);
  });

  it('a directive inside a quoted string is not a comment', () => {
    const t = BASE.replace('name: lab', 'name: "lab # partition-lint-disable-file device-exists"');
    assert.deepEqual(found(t), ['18 size-unit-ambiguous', '19 device-exists']);
  });

  it('works with CRLF line endings', () => {
    const t = insertBefore(BASE, '    memory: 2GB', '    # partition-lint-disable-next-line size-unit-ambiguous').replace(/\n/g, '\r\n');
    assert.deepEqual(found(t), ['20 device-exists']);
  });

  it('a rule turned off in the settings leaves its directive unused; severities apply to what remains', () => {
    const t = insertBefore(BASE, '    memory: 2GB', '    # partition-lint-disable-next-line size-unit-ambiguous');
    assert.deepEqual(found(t, { 'size-unit-ambiguous': 'off', 'device-exists': 'warning' }), ['18 unused-disable', '20 device-exists']);
    assert.equal(validate(t, { 'rules': { 'device-exists': 'warning' } }).findings.find((f) => f.rule === 'device-exists')?.severity, 'warning');
  });

  it('is not applied to (nor reported for) a text with syntax errors', () => {
    const t = `${BASE}  - [unclosed\n# partition-lint-disable-file device-exists\n`;
    assert.deepEqual([...new Set(found(t).map((f) => f.split(' ')[1]))], ['yaml-syntax']);
  });
});
