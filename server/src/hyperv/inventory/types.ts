/**
 * A host's inventory (partition-inventory/1) after reading: the collector's parts with tolerant
 * values resolved (lists always lists, enums as names, dates as ISO text, memory in bytes).
 * Property names follow the cmdlets' in lower camel case.
 */
export interface Inventory {
  collectedAt?: string;
  computerName?: string;
  os?: { version?: string; buildNumber?: number };
  vmHost: {
    logicalProcessorCount: number;
    /** bytes */
    memoryCapacity: number;
    numaSpanningEnabled?: boolean;
    iovSupport?: boolean;
    iovSupportReasons: string[];
  };
  numaNodes: NumaNode[];
  pciDevices: PciDevice[];
  /** Get-VMHostAssignableDevice: dismounted from the host, not assigned to a VM */
  assignableDevices: AssignableDevice[];
  switches: Switch[];
  gpus: PartitionableGpu[];
  vms: Vm[];
}

export interface NumaNode {
  nodeId?: number;
  /** logical processors of the node (entries of ProcessorsAvailability) */
  processorCount: number;
  /** bytes (the cmdlet reports MB) */
  memoryTotal?: number;
  /** bytes (the cmdlet reports MB) */
  memoryAvailable?: number;
}

export interface PciDevice {
  instanceId: string;
  friendlyName?: string;
  /** the PnP setup class (Display, Net, SCSIAdapter...) */
  pnpClass?: string;
  status?: string;
  locationPaths: string[];
  locationInfo?: string;
  mmioBytes?: number;
}

export interface AssignableDevice {
  instanceId?: string;
  locationPath?: string;
}

export type SwitchType = 'Private' | 'Internal' | 'External';

export interface Switch {
  name: string;
  switchType?: SwitchType;
  netAdapterInterfaceDescriptions: string[];
  iovEnabled?: boolean;
  embeddedTeamingEnabled?: boolean;
  allowManagementOS?: boolean;
}

export interface PartitionableGpu {
  /** the GPU's device path (\\?\PCI#VEN_...#{guid}) */
  name: string;
  partitionCount?: number;
  validPartitionCounts: number[];
}

export interface Vm {
  name: string;
  vmId?: string;
  generation?: number;
  /** a VMState name (Running, Off...) or the value as written when the module has no such state */
  state?: string;
  processorCount?: number;
  exposeVirtualizationExtensions?: boolean;
  memory: VmMemory;
  /** bytes */
  lowMemoryMappedIoSpace?: number;
  /** bytes */
  highMemoryMappedIoSpace?: number;
  guestControlledCacheTypes?: boolean;
  automaticStopAction?: string;
  isClustered?: boolean;
  version?: string;
  networkAdapters: Array<{ name?: string; switchName?: string; macAddressSpoofing?: string; isLegacy?: boolean }>;
  assignableDevices: AssignableDevice[];
  gpuPartitionAdapters: Array<{ name?: string }>;
}

/** Get-VMMemory, else Get-VM's memory figures (bytes; buffer in percent). */
export interface VmMemory {
  dynamicMemoryEnabled: boolean;
  startup?: number;
  minimum?: number;
  maximum?: number;
  buffer?: number;
}
