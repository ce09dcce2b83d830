import { allocationModel } from '../core/model/allocation';
import type { AllocationResult } from '../protocol';
import type { Analysis } from './document-cache';

/** The preview's model of one document version (SPEC §4); problems counted with the editor's severities. */
export function allocationResult(a: Analysis): AllocationResult {
  const problems = { error: 0, warning: 0, info: 0 };
  const result = a.result;
  if (!result) return { uri: a.uri, version: a.version, problems: { ...problems, warning: 1 } };
  for (const f of result.findings) problems[f.severity]++;
  const allocation = result.model ? allocationModel(result.model, result.findings, result.parsed.lines) : undefined;
  return { uri: a.uri, version: a.version, ...(allocation ? { allocation } : {}), problems };
}
