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
