/** The language server with the rule named by BREAK_RULE throwing (see break-rule.ts). */
import { breakRuleFromEnv } from './break-rule';

breakRuleFromEnv();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- starts the server after the rule is broken
require('../../src/server');
