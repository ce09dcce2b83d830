import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleMeta } from '../src/core/rules/index';
import { validate } from '../src/core/validate';
import { repoRoot, seenFindings, type SeenFinding } from './support';

/**
 * The trickier logic of the feature and limit rules (release-feature, vp-limit, affinity-overlap,
 * synthetic-needs-root-device, ...), checked through validate() as a user sees it: rule, 1-based
 * line, message, and the related locations an editor shows.
 */

type Seen = SeenFinding;

function check(yaml: string, rules?: readonly string[]): Seen[] {
  return seenFindings(yaml, (rule) => !rules || rules.includes(rule));
}

/** A small valid host; `partitions` is appended as written (two-space indented list items). */
function layout(opts: { release?: string; lps?: number; limits?: string; partitions: string; devices?: string }): string {
  return [
    'layout: v1',
    'name: t',
    'hypervisor:',
    '  model: microkernelized',
    `  release: ${opts.release ?? 'ws2025'}`,
    ...(opts.limits ? ['  limits:', ...opts.limits.split('\n').map((l) => `    ${l}`)] : []),
    'host:',
    `  logicalProcessors: ${opts.lps ?? 16}`,
    '  memory: 64GiB',
    '  devices:',
    ...(opts.devices ?? '- { id: nic0, class: network }\n- { id: disk0, class: storage }').split('\n').map((l) => `    ${l}`),
    'partitions:',
    '  - { name: root, role: root, virtualProcessors: 2, memory: 8GiB }',
    opts.partitions,
    '',
  ].join('\n');
}

const child = (name: string, extra: string, parent = 'root'): string =>
  `  - { name: ${name}, role: child, parent: ${parent}, virtualProcessors: 2, memory: 4GiB${extra ? `, ${extra}` : ''} }`;

describe('feature and limit rules', () => {
  describe('affinity-overlap', () => {
    it('points the related location at the other partition\'s overlapping entry', () => {
      const yaml = layout({ partitions: [child('a', 'processorAffinity: [2, "4-5"]'), child('b', 'processorAffinity: [3, "5-6"]')].join('\n') });
      const seen = check(yaml, ['affinity-overlap']);
      assert.equal(seen.length, 1);
      assert.equal(seen[0].text, '"5-6"');
      assert.equal(seen[0].line, 15);
      assert.match(seen[0].message, /^Partition "b" pins LP 5 \(entry "5-6"\) that partition "a" is also pinned to;/);
      assert.deepEqual(seen[0].related, [{ line: 14, text: '"4-5"', message: 'partition "a" pins LP 5 here' }]);
    });

    it('names every earlier partition an entry overlaps, once per entry', () => {
      const yaml = layout({
        partitions: [child('a', 'processorAffinity: [4]'), child('b', 'processorAffinity: [5]'), child('c', 'processorAffinity: ["4-5"]')].join('\n'),
      });
      const seen = check(yaml, ['affinity-overlap']);
      assert.equal(seen.length, 1);
      assert.equal(seen[0].text, '"4-5"');
      assert.match(seen[0].message, /pins LPs 4-5 \(entry "4-5"\) that partitions "a" and "b" are also pinned to;/);
      assert.deepEqual(
        seen[0].related.map((r) => r.text),
        ['4', '5'],
      );
    });

    it('counts the root and leaves LPs past the host to affinity-range', () => {
      const yaml = layout({
        lps: 8,
        partitions: [child('a', 'processorAffinity: [1, 9]'), child('b', 'processorAffinity: [9]')].join('\n'),
      }).replace('virtualProcessors: 2, memory: 8GiB', 'virtualProcessors: 2, processorAffinity: [0, 1], memory: 8GiB');
      const seen = check(yaml, ['affinity-overlap', 'affinity-range']);
      assert.deepEqual(
        seen.map((s) => [s.rule, s.text]),
        [
          ['affinity-overlap', '1'],
          ['affinity-range', '9'],
          ['affinity-range', '9'],
        ],
      );
      assert.match(seen[0].message, /partition "root" is also pinned to/);
    });

    it('lets a nested child share LPs with its nested parent, not with anyone else', () => {
      const yaml = layout({
        partitions: [
          child('lab', 'virtualizationStack: true, processorAffinity: ["4-7"]').replace('virtualProcessors: 2', 'virtualProcessors: 4'),
          child('web', 'processorAffinity: [8]'),
          child('inner', 'processorAffinity: [5, 8]', 'lab'),
        ].join('\n'),
      });
      const seen = check(yaml, ['affinity-overlap']);
      assert.deepEqual(seen.map((s) => [s.line, s.text]), [[16, '8']]);
      assert.match(seen[0].message, /^Partition "inner" pins LP 8 that partition "web" is also pinned to;/);
    });
  });

  describe('vp-limit', () => {
    it('names a hypervisor.limits override instead of the release, and suggests raising it', () => {
      const yaml = layout({ limits: 'vpsPerPartitionGen2: 8', partitions: child('a', '').replace('virtualProcessors: 2', 'virtualProcessors: 12') });
      const seen = check(yaml, ['vp-limit']);
      assert.equal(seen.length, 1);
      assert.equal(seen[0].text, '12');
      assert.equal(
        seen[0].message,
        'Partition "a" has 12 virtual processors but hypervisor.limits.vpsPerPartitionGen2 allows at most 8 for a generation 2 partition; lower virtualProcessors to 8 or less, or raise hypervisor.limits.vpsPerPartitionGen2.',
      );
    });

    it('reports one diagnostic per value, for the tightest limit passed', () => {
      // ws2008: generation 1 allows 4 VPs and the host has 16 LPs; 20 passes both, 4 is the tighter.
      const yaml = layout({ release: 'ws2008', partitions: child('a', '').replace('virtualProcessors: 2', 'virtualProcessors: 20') });
      const seen = check(yaml, ['vp-limit']);
      assert.equal(seen.length, 1);
      assert.match(seen[0].message, /Windows Server 2008 allows at most 4 for a generation 1 partition; lower virtualProcessors to 4 or less, or use Windows Server 2012 or later \(release: ws2012\)\.$/);
    });

    it('suggests no later release when none allows the count', () => {
      const yaml = layout({ lps: 4096, partitions: '' }).replace('virtualProcessors: 2, memory: 8GiB', 'virtualProcessors: 3000, memory: 8GiB');
      const seen = check(yaml, ['vp-limit']);
      assert.deepEqual(
        seen.map((s) => s.message),
        ['Root partition "root" has 3000 virtual processors but Windows Server 2025 allows at most 2048 for the root partition; lower virtualProcessors to 2048 or less.'],
      );
    });

    it('checks a nested child against its parent but never its own children against the host ratio', () => {
      const yaml = layout({
        partitions: [
          child('lab', 'virtualizationStack: true').replace('virtualProcessors: 2', 'virtualProcessors: 4'),
          child('inner', '', 'lab').replace('virtualProcessors: 2', 'virtualProcessors: 6'),
        ].join('\n'),
      });
      const seen = check(yaml, ['vp-limit', 'vp-overcommit']);
      assert.deepEqual(seen.map((s) => [s.rule, s.line, s.text]), [['vp-limit', 15, '6']]);
      assert.match(seen[0].message, /^Nested partition "inner" has 6 virtual processors but its parent "lab" has only 4,/);
    });

    it('is silenced by a disable comment for its id', () => {
      const yaml = layout({
        partitions: ['  # partition-lint-disable-next-line vp-limit -- lab host, oversubscribed on purpose', child('a', '').replace('virtualProcessors: 2', 'virtualProcessors: 40')].join('\n'),
      });
      assert.deepEqual(check(yaml), []);
    });
  });

  describe('synthetic-needs-root-device', () => {
    it('reports a class once even when listed twice', () => {
      // A root NIC would back storage through an SMB 3.0 share: this host has neither storage nor network.
      const yaml = layout({ devices: '- { id: acpi, class: platform }', partitions: child('a', 'synthetic: [storage, storage]') });
      const seen = check(yaml, ['synthetic-needs-root-device']);
      assert.equal(seen.length, 1);
      assert.equal(seen[0].line, 13);
      assert.equal(seen[0].text, 'storage');
      assert.match(seen[0].message, /\(the host has no storage or network device\)/);
    });

    it('leaves a parent that cannot host to parent-can-host', () => {
      const yaml = layout({ devices: '- { id: nic0, class: network }', partitions: [child('a', ''), child('b', 'synthetic: [storage]', 'a')].join('\n') });
      assert.deepEqual(check(yaml, ['synthetic-needs-root-device']), []);
    });
  });

  describe('release-feature', () => {
    it('reports each feature the release lacks on its own anchor', () => {
      const yaml = layout({
        release: 'ws2008',
        partitions: [
          '  - name: a',
          '    role: child',
          '    parent: root',
          '    generation: 2',
          '    virtualProcessors: 2',
          '    memory: { startup: 2GiB, minimum: 1GiB, maximum: 4GiB }',
          '    devices: [nic0]',
          '    virtualizationStack: true',
        ].join('\n'),
      });
      const seen = check(yaml, ['release-feature']);
      assert.deepEqual(
        seen.map((s) => [s.line, s.text]),
        [
          [17, '2'],
          [19, 'memory'],
          [20, 'devices'],
          [21, 'true'],
        ],
      );
      assert.match(seen[1].message, /it came with Windows Server 2008 R2 SP1/);
    });
  });

  describe('bad input', () => {
    it('does not crash or misfire on values of the wrong type', () => {
      const yaml = layout({
        partitions: '  - { name: a, role: child, parent: root, virtualProcessors: "40", processorAffinity: "0-99", guest: true, synthetic: storage, memory: lots, devices: nic0 }',
      });
      const rules = ['affinity-range', 'affinity-overlap', 'vp-limit', 'generation2-needs-enlightened', 'synthetic-needs-enlightened', 'synthetic-needs-root-device', 'release-feature', 'assignment-static-memory'];
      assert.deepEqual(check(yaml, rules), []);
      assert.ok(check(yaml, ['schema']).length > 0);
    });
  });
});

describe('docs pages of the feature and limit rules', () => {
  const ids = [
    'assignment-static-memory',
    'synthetic-needs-enlightened',
    'generation2-needs-enlightened',
    'synthetic-needs-root-device',
    'release-feature',
    'nested-static-memory',
    'host-limit',
    'vp-limit',
    'vp-overcommit',
    'affinity-range',
    'affinity-overlap',
    'unique-device',
    'switch-config',
    'switch-uplink',
    'network-adapter-switch',
    'gpu-partition',
    'mmio-space',
    'mmio-buffer',
  ];
  for (const id of ids) {
    it(`docs/rules/${id}.md: the example fires the rule with the quoted message`, () => {
      const page = fs.readFileSync(path.join(repoRoot, 'docs', 'rules', `${id}.md`), 'utf8');
      const meta = ruleMeta(id);
      assert.ok(meta);
      assert.notEqual(meta.summary, 'TODO');
      assert.ok(page.includes(`**Default severity:** ${meta.severity}`), 'states the default severity');
      assert.ok(page.includes(`# partition-lint-disable-next-line ${id} -- `), 'shows the disable comment');
      const example = /## Example that fires\n\n```yaml\n([\s\S]*?)```/.exec(page)?.[1];
      assert.ok(example, 'has a YAML example');
      const quoted = /\n((?:> .*\n)+)/.exec(page.slice(page.indexOf('## Example that fires')))?.[1];
      assert.ok(quoted, 'quotes the message');
      const message = quoted.split('\n').map((l) => l.replace(/^> /, '')).join(' ').trim();
      const { findings } = validate(example);
      assert.deepEqual(findings.filter((f) => f.severity !== 'info' && f.rule !== id), [], 'the example fires nothing else');
      assert.deepEqual(findings.filter((f) => f.rule === id).map((f) => f.message), [message]);
    });
  }
});
