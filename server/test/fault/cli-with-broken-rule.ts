/** partition-lint with the rule named by BREAK_RULE throwing (see break-rule.ts). */
import { main } from '../../src/cli/main';
import { breakRuleFromEnv } from './break-rule';

breakRuleFromEnv();
void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
