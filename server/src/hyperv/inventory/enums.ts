/**
 * The numeric values of the Hyper-V module's enums that the inventory holds. `ConvertTo-Json` writes
 * enums as these numbers (Windows PowerShell 5.1, and PowerShell 7 without `-EnumsAsStrings`, which
 * writes the names). Copied from the object shapes of the Hyper-V module (dsccommunity/HyperVDsc,
 * tests/Unit/Stubs/Hyper-V.stubs.psm1, generated from the real module, version 2.0.0.0).
 */
export const HYPERV_ENUMS = {
  VMSwitchType: { Private: 0, Internal: 1, External: 2 },
  OnOffState: { On: 0, Off: 1 },
  StopAction: { TurnOff: 2, Save: 3, ShutDown: 4 },
  VMState: {
    Other: 1,
    Running: 2,
    Off: 3,
    Stopping: 4,
    Saved: 6,
    Paused: 9,
    Starting: 10,
    Reset: 11,
    Saving: 32773,
    Pausing: 32776,
    Resuming: 32777,
    FastSaved: 32779,
    FastSaving: 32780,
    ForceShutdown: 32781,
    ForceReboot: 32782,
    Hibernated: 32783,
    ComponentServicing: 32784,
    RunningCritical: 32785,
    OffCritical: 32786,
    StoppingCritical: 32787,
    SavedCritical: 32788,
    PausedCritical: 32789,
    StartingCritical: 32790,
    ResetCritical: 32791,
    SavingCritical: 32792,
    PausingCritical: 32793,
    ResumingCritical: 32794,
    FastSavedCritical: 32795,
    FastSavingCritical: 32796,
  },
} as const;

export type HypervEnum = keyof typeof HYPERV_ENUMS;

/**
 * An enum value as a number or a name (any case) → its name, as the module spells it; undefined when
 * the value is neither one of the enum's numbers nor one of its names.
 */
export function enumName(type: HypervEnum, value: number | string): string | undefined {
  const table: Readonly<Record<string, number>> = HYPERV_ENUMS[type];
  for (const [name, n] of Object.entries(table)) {
    if (typeof value === 'number' ? n === value : name.toLowerCase() === value.trim().toLowerCase()) return name;
  }
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return enumName(type, Number(value));
  return undefined;
}

/** "Private 0, Internal 1, External 2": the values an enum accepts, for messages. */
export function enumValues(type: HypervEnum): string {
  return Object.entries(HYPERV_ENUMS[type])
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
}
