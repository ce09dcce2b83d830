/**
 * The layout that `Partition Layout: New Layout File` opens: valid (zero diagnostics with the default
 * rule severities), small, and commented so that it teaches the format (docs/format.md). No vscode import:
 * client/test/starter-layout.test.ts validates it with the core.
 */
export const STARTER_LAYOUT = `# Partition layout: one physical host, its hypervisor and its partitions.
# Hover a key for its documentation; the allocation preview shows who owns what.
layout: v1
name: hv-host-01

hypervisor:
  model: microkernelized        # drivers run in partitions, never in the hypervisor
  release: ws2025               # the Hyper-V release whose limits and features apply
  drivers: []
  reserve:
    memory: 512MiB              # memory the hypervisor keeps for itself

host:
  logicalProcessors: 16
  numaNodes: 1
  memory: 64GiB
  iommu: true                   # needed to assign devices directly to a child
  devices:
    - id: nic0
      class: network
      address: "0000:03:00.0"
      driver: ixgbe
    - id: disk0
      class: storage
      driver: stornvme
    - id: acpi
      class: platform           # power management and plug and play stay in the root

partitions:
  - name: root                  # created first; owns every device not assigned to a child
    role: root
    virtualProcessors: 4
    memory: 8GiB

  - name: vm01
    role: child
    parent: root
    generation: 2
    guest:
      os: windows-server-2025
      enlightened: true         # integration services: synthetic devices over VMBus
    virtualProcessors: 2
    memory:                     # dynamic memory; a size such as 4GiB makes it static
      startup: 2GiB
      minimum: 1GiB
      maximum: 4GiB
    synthetic: [network, storage]  # served by the root's nic0 and disk0
`;

/** The text the command selects after opening the starter, so that the user types the host's name over it. */
export const STARTER_NAME = 'hv-host-01';
