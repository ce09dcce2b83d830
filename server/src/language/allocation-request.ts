import { allocationModel } from '../core/model/allocation';
import type { AllocationResult } from '../protocol';
import { findingsOf, type Analysis } from './document-cache';

/** The preview's model of one document version (docs/allocation-json.md); problems counted with the editor's severities. */
export function allocationResult(a: Analysis): AllocationResult {
  const problems = { error: 0, warning: 0, info: 0 };
  for (const f of findingsOf(a)) problems[f.severity]++;
  const result = a.result;
  const allocation = result?.model ? allocationModel(result.model, result.findings, result.parsed.lines) : undefined;
  return { uri: a.uri, version: a.version, ...(allocation ? { allocation } : {}), problems };
}
