import { MODEL_RULES } from '../../src/core/rules/index';

/**
 * Makes a rule of the registry throw, as a bug in it would (for the tests of rule isolation). The
 * fault entries below read the rule id from BREAK_RULE, so the real server and CLI run with it.
 */
export function breakRule(id: string, message = `${id} fell over`): () => void {
  const rule = MODEL_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  const check = rule.check;
  rule.check = () => {
    throw new TypeError(message);
  };
  return () => (rule.check = check);
}

export function breakRuleFromEnv(): void {
  const id = process.env.BREAK_RULE;
  if (id) breakRule(id);
}
