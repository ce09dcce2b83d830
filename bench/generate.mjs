// Generates realistic layouts of N child partitions, each with a directly assigned device and
// synthetic storage (about 17 lines per partition): the benchmark's inputs.
export function generateLayout(children, { name = `bench-${children}` } = {}) {
  const lps = 2048;
  const out = [];
  out.push('# Generated benchmark layout: every child has a directly assigned NIC and synthetic storage.');
  out.push('layout: v1', `name: ${name}`, '', 'hypervisor:', '  model: microkernelized', '  release: ws2025', '  reserve:', '    memory: 4GiB', '');
  out.push('host:', `  logicalProcessors: ${lps}`, '  numaNodes: 8', `  memory: ${Math.max(64, children * 4 + 64)}GiB`, '  iommu: true', '  devices:');
  out.push('    - id: disk0', '      class: storage', '      driver: stornvme', '    - id: acpi', '      class: platform');
  for (let i = 0; i < children; i++) {
    const bus = (Math.floor(i / 8) % 256).toString(16).padStart(2, '0');
    const dom = Math.floor(i / 2048).toString(16).padStart(4, '0');
    const dev = ((i % 8) * 2).toString(16).padStart(2, '0');
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
