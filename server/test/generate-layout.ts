/**
 * Generates realistic layouts of N child partitions, each with a directly assigned NIC (an SR-IOV VF)
 * and synthetic storage: about 17 lines per partition. Used by the bad-input suite (huge files) and
 * by the benchmark (bench/run.mjs imports the compiled copy).
 */
export function generateLayout(children: number, name = `bench-${children}`): string {
  const out: string[] = [];
  out.push('# Generated layout: every child has a directly assigned NIC and synthetic storage.');
  out.push('layout: v1', `name: ${name}`, '', 'hypervisor:', '  model: microkernelized', '  release: ws2025', '  reserve:', '    memory: 4GiB', '');
  out.push('host:', '  logicalProcessors: 2048', '  numaNodes: 8', `  memory: ${children * 4 + 64}GiB`, '  iommu: true', '  devices:');
  out.push('    - id: disk0', '      class: storage', '      driver: stornvme', '    - id: acpi', '      class: platform');
  for (let i = 0; i < children; i++) {
    const dom = Math.floor(i / 4096).toString(16).padStart(4, '0');
    const bus = (Math.floor(i / 16) % 256).toString(16).padStart(2, '0');
    const dev = (Math.floor(i / 2) % 8).toString(16).padStart(2, '0');
    out.push(`    - id: vf${i}`, '      class: network', `      address: "${dom}:${bus}:${dev}.${i % 2}"`, '      driver: mlx5', '      assignable: true');
  }
  out.push('', 'partitions:', '  - name: root', '    role: root', '    virtualProcessors: 64', '    memory: 32GiB', '');
  for (let i = 0; i < children; i++) {
    out.push(
      `  - name: vm${i}`,
      '    role: child',
      '    parent: root',
      '    generation: 2',
      '    guest:',
      '      os: windows-server-2025',
      '      enlightened: true',
      '    virtualProcessors: 2',
      '    memory: 2GiB',
      `    devices: [vf${i}]`,
      '    synthetic: [storage]',
      '',
    );
  }
  return out.join('\n');
}

/** The YAML styles of the benchmark's catalogue: the same layout written each way. */
export const LAYOUT_STYLES = ['plain', 'comments', 'anchors', 'block-scalars', 'flow', 'quoted', 'crlf', 'bom'] as const;
export type LayoutStyle = (typeof LAYOUT_STYLES)[number];

/**
 * generateLayout(children) written in one YAML style; every style holds the same data:
 * - comments: a comment line before each partition and each device (at the list's indentation, and
 *   deeper inside the entry), and a comment after values;
 * - anchors: the guest mapping and the synthetic list anchored on the first child, aliased by the others;
 * - block-scalars: the guest OS folded (`>-`) and each driver literal (`|-`) on the line below;
 * - flow: each child partition a flow mapping over two lines;
 * - quoted: keys and string values in double and single quotes;
 * - crlf: CR LF line breaks; bom: a byte-order mark first.
 */
export function generateStyledLayout(children: number, style: LayoutStyle): string {
  const plain = generateLayout(children, `bench-${children}`);
  switch (style) {
    case 'plain':
      return plain;
    case 'comments':
      return plain
        .replace(/^ {2}- name: (vm\d+)$/gm, '  # $1: a web-tier child\n  - name: $1')
        .replace(/^ {4}- id: (vf\d+)$/gm, '    # $1 is an SR-IOV virtual function\n    - id: $1')
        .replace(/^ {4}memory: 2GiB$/gm, '    memory: 2GiB  # static memory\n      # (no dynamic memory: the NIC is assigned)')
        .replace(/^ {4}synthetic: \[storage\]$/gm, '    synthetic: [storage] # VMBus storage');
    case 'anchors': {
      let first = true;
      return plain.replace(/^ {4}guest:\n {6}os: windows-server-2025\n {6}enlightened: true\n([^]*?) {4}synthetic: \[storage\]$/gm, (_m, between: string) => {
        if (first) {
          first = false;
          return `    guest: &guest\n      os: windows-server-2025\n      enlightened: true\n${between}    synthetic: &synthetic [storage]`;
        }
        return `    guest: *guest\n${between}    synthetic: *synthetic`;
      });
    }
    case 'block-scalars':
      return plain.replace(/^ {6}os: windows-server-2025$/gm, '      os: >-\n        windows-server-2025').replace(/^ {6}driver: (\w+)$/gm, '      driver: |-\n        $1');
    case 'flow':
      return plain.replace(
        /^ {2}- name: (vm\d+)\n {4}role: child\n {4}parent: root\n {4}generation: 2\n {4}guest:\n {6}os: windows-server-2025\n {6}enlightened: true\n {4}virtualProcessors: 2\n {4}memory: 2GiB\n {4}devices: \[(vf\d+)\]\n {4}synthetic: \[storage\]$/gm,
        '  - {name: $1, role: child, parent: root, generation: 2, guest: {os: windows-server-2025, enlightened: true},\n     virtualProcessors: 2, memory: 2GiB, devices: [$2], synthetic: [storage]}',
      );
    case 'quoted':
      return plain.replace(/^( *(?:- )?)(name|role|parent|os|class|driver): ([^\s"'][^\n]*)$/gm, (_m, lead: string, key: string, value: string) => (key === 'name' || key === 'class' ? `${lead}"${key}": '${value}'` : `${lead}'${key}': "${value}"`));
    case 'crlf':
      return plain.replace(/\n/g, '\r\n');
    case 'bom':
      return `\ufeff${plain}`;
  }
}
