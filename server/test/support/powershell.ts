// Test support for generated PowerShell: parse with the real PowerShell grammar (tree-sitter-powershell's
// .wasm through web-tree-sitter, offline), report syntax errors with positions, list every command with
// its parameters and arguments, and check cmdlet and parameter names against Microsoft's documented
// reference (server/src/hyperv/reference/, see its README).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { repoRoot } from './index';

/**
 * PowerShell's tokenizer reads these as ASCII quotes and dashes (its CharExtensions: single quotes
 * ‘ ’ ‚ ‛, double quotes “ ” „, dashes – — ―); the grammar knows only the ASCII ones. Each maps to one
 * UTF-16 unit, so parsing the mapped text gives the tree PowerShell would build, at the same offsets.
 */
const POWERSHELL_PUNCTUATION: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u201a\u201b]/g, "'"],
  [/[\u201c\u201d\u201e]/g, '"'],
  [/[\u2013\u2014\u2015]/g, '-'],
];

function asPowerShellReadsIt(text: string): string {
  let out = text;
  for (const [re, ascii] of POWERSHELL_PUNCTUATION) out = out.replace(re, ascii);
  return out;
}

let parserPromise: Promise<Parser> | undefined;

function parser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const wasm = path.join(path.dirname(require.resolve('tree-sitter-powershell/package.json')), 'tree-sitter-powershell.wasm');
    const language = await Language.load(fs.readFileSync(wasm));
    const p = new Parser();
    p.setLanguage(language);
    return p;
  })();
  return parserPromise;
}

export interface PsSyntaxError {
  /** 1-based line and column. */
  line: number;
  column: number;
  /** `ERROR` or `MISSING <node type>`. */
  kind: string;
  text: string;
}

/** A value written in a command: a literal, a variable, a script block, or any other expression. */
export interface PsValue {
  /** The tree-sitter node type of the innermost meaningful node (string_literal, integer_literal, variable, script_block_expression, generic_token…). */
  type: string;
  /** The source text, as written in the original script (not the punctuation-mapped one). */
  text: string;
  /** For a verbatim ('…') string: its value, quotes undone. For an integer literal: its value (bigint, multipliers applied). */
  value?: string | bigint;
}

export interface PsParameter {
  /** Without the leading dash or a trailing colon: `-Confirm:$false` → `Confirm`. */
  name: string;
  value?: PsValue;
  line: number;
}

export interface PsCommand {
  /** The command name as written (`Set-VM`), or the text of `& expr` invocations. */
  name: string;
  line: number;
  column: number;
  parameters: PsParameter[];
  /** Positional arguments (those not taken by a parameter). */
  positional: PsValue[];
  /** How many script blocks enclose this command (0 at the top level). */
  scriptBlockDepth: number;
  node: Node;
}

export interface ParsedPowerShell {
  /** The original text. */
  text: string;
  tree: Tree;
  errors: PsSyntaxError[];
  commands: PsCommand[];
  /** Comment texts (with their `#`). */
  comments: string[];
  /** Names of the functions the script defines itself. */
  functions: string[];
}

/** A cmdlet's documented shape, as in hyperv-cmdlets.json / core-cmdlets.json. */
export interface CmdletReference {
  module: string;
  parameterSets: string[][];
  parameterSetDetail: Array<{ name: string; default: boolean; mandatory: string[] }>;
  params: Record<string, string>;
}

export type CmdletReferenceTable = Record<string, CmdletReference>;

const referenceDir = path.join(repoRoot, 'server', 'src', 'hyperv', 'reference');

let referenceCache: CmdletReferenceTable | undefined;

/** Microsoft's documented cmdlets: Hyper-V, PnpDevice, NetAdapter, and the core ones the project uses. */
function cmdletReference(): CmdletReferenceTable {
  if (!referenceCache) {
    const read = (f: string): CmdletReferenceTable =>
      (JSON.parse(fs.readFileSync(path.join(referenceDir, f), 'utf8')) as { cmdlets: CmdletReferenceTable }).cmdlets;
    referenceCache = { ...read('hyperv-cmdlets.json'), ...read('core-cmdlets.json') };
  }
  return referenceCache;
}

/** Parameters every cmdlet accepts (about_CommonParameters). `WhatIf`/`Confirm` only where listed. */
const COMMON_PARAMETERS: readonly string[] = [
  'Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ErrorVariable', 'WarningVariable',
  'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'ProgressAction',
];

/** Parses PowerShell as PowerShell reads it (Unicode quotes and dashes count as ASCII ones). */
export async function parsePowerShell(text: string, reference: CmdletReferenceTable = cmdletReference()): Promise<ParsedPowerShell> {
  const p = await parser();
  const mapped = asPowerShellReadsIt(text);
  const tree = p.parse(mapped);
  if (!tree) throw new Error('tree-sitter returned no tree');
  // Same length, one UTF-16 unit per character: a node's indices locate its original text.
  const original = (n: Node): string => text.slice(n.startIndex, n.endIndex);
  const errors: PsSyntaxError[] = [];
  const commands: PsCommand[] = [];
  const comments: string[] = [];
  const functions: string[] = [];
  const visit = (n: Node, depth: number): void => {
    if (n.isError || n.isMissing) {
      errors.push({
        line: n.startPosition.row + 1,
        column: n.startPosition.column + 1,
        kind: n.isMissing ? `MISSING ${n.type}` : 'ERROR',
        text: original(n).slice(0, 80),
      });
    }
    if (n.type === 'comment') comments.push(original(n));
    if (n.type === 'function_statement') {
      const name = n.namedChildren.find((c) => c?.type === 'function_name');
      if (name) functions.push(name.text);
    }
    if (n.type === 'command') commands.push(readCommand(n, depth, original, reference));
    const inner = n.type === 'script_block' ? depth + 1 : depth;
    for (const c of n.children) if (c) visit(c, inner);
  };
  visit(tree.rootNode, 0);
  return { text, tree, errors, commands, comments, functions };
}

function readCommand(n: Node, depth: number, original: (n: Node) => string, reference: CmdletReferenceTable): PsCommand {
  const nameNode = n.childForFieldName('command_name');
  const name = nameNode ? (nameNode.type === 'command_name' ? original(nameNode) : original(nameNode)) : original(n).split(/\s/)[0];
  const ref = lookup(reference, name);
  const elements = n.childForFieldName('command_elements');
  const all = (elements?.children ?? []).filter((c): c is Node => !!c);
  const items = all.filter((c) => c.type !== 'command_argument_sep');
  // `-Confirm:$false`: the grammar makes the colon a separator of its own.
  const colonAfter = new Set(all.filter((c, i) => c.type === 'command_parameter' && all[i + 1]?.text === ':'));
  const parameters: PsParameter[] = [];
  const positional: PsValue[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.type === 'command_parameter') {
      const raw = original(item);
      const colon = raw.endsWith(':') || colonAfter.has(item);
      const pname = raw.replace(/^[-\u2013\u2014\u2015]/, '').replace(/:$/, '');
      const param: PsParameter = { name: pname, line: item.startPosition.row + 1 };
      const next = items[i + 1];
      const isSwitch = ref ? paramType(ref, pname) === 'SwitchParameter' : false;
      if (next && next.type !== 'command_parameter' && (colon || !isSwitch)) {
        param.value = readValue(next, original);
        i++;
      }
      parameters.push(param);
    } else {
      positional.push(readValue(item, original));
    }
  }
  return {
    name,
    line: n.startPosition.row + 1,
    column: n.startPosition.column + 1,
    parameters,
    positional,
    scriptBlockDepth: depth,
    node: n,
  };
}

/** `('caf' + [char]0x00E9)`: a string written as verbatim pieces and character codes, nothing else. */
const STRING_CONCAT = /^\((?:'(?:[^']|'')*'|\[char\]0x[0-9A-F]{4})(?: \+ (?:'(?:[^']|'')*'|\[char\]0x[0-9A-F]{4}))*\)$/;

/** Descends through the grammar's single-child expression wrappers to the node that says what a value is. */
function essential(n: Node): Node {
  let cur = n;
  while (
    cur.namedChildCount === 1 &&
    cur.type !== 'string_literal' &&
    cur.type !== 'integer_literal' &&
    cur.type !== 'script_block_expression' &&
    !(cur.type === 'parenthesized_expression' && STRING_CONCAT.test(cur.text))
  ) {
    const only = cur.namedChildren[0];
    if (!only) break;
    cur = only;
  }
  return cur;
}

const MULTIPLIERS: Record<string, bigint> = { kb: 1n << 10n, mb: 1n << 20n, gb: 1n << 30n, tb: 1n << 40n, pb: 1n << 50n };

function readValue(n: Node, original: (n: Node) => string): PsValue {
  const e = essential(n);
  const text = original(e);
  const v: PsValue = { type: e.type, text };
  if (e.type === 'string_literal' && e.namedChildren[0]?.type === 'verbatim_string_characters') {
    v.value = decodeVerbatim(text);
  } else if (e.type === 'parenthesized_expression' && STRING_CONCAT.test(e.text)) {
    v.type = 'string_literal';
    v.value = (text.slice(1, -1).match(/'(?:[^']|'')*'|\[char\]0x[0-9A-F]{4}/g) ?? [])
      .map((piece) => (piece.startsWith("'") ? decodeVerbatim(piece) : String.fromCharCode(parseInt(piece.slice(8), 16))))
      .join('');
  } else if (e.type === 'integer_literal' || e.type === 'generic_token') {
    // The grammar knows only lower-case multipliers (`5mb`); PowerShell reads `33280Mb` as a number too.
    const m = /^([0-9]+)[ld]?(kb|mb|gb|tb|pb)?$/i.exec(text);
    if (m) {
      v.type = 'integer_literal';
      v.value = BigInt(m[1]) * (m[2] ? MULTIPLIERS[m[2].toLowerCase()] : 1n);
    }
  }
  return v;
}

const SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/;

/** The value of a verbatim string as PowerShell reads it: any two quote characters in a row are one. */
export function decodeVerbatim(literal: string): string {
  const inner = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (SINGLE_QUOTES.test(c)) {
      if (!SINGLE_QUOTES.test(inner[i + 1] ?? '')) throw new Error(`unpaired quote inside ${literal}`);
      out += c;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

function lookup(reference: CmdletReferenceTable, name: string): CmdletReference | undefined {
  const key = Object.keys(reference).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? reference[key] : undefined;
}

function paramType(ref: CmdletReference, name: string): string | undefined {
  const key = Object.keys(ref.params).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? ref.params[key] : undefined;
}

/** Syntax errors as readable lines (empty when the script parses). */
export function syntaxErrorLines(parsed: ParsedPowerShell): string[] {
  return parsed.errors.map((e) => `${e.line}:${e.column} ${e.kind} near ${JSON.stringify(e.text)}`);
}

/**
 * Every problem with the script's commands against the reference: a command that is neither a
 * documented cmdlet nor a function the script defines; a parameter the cmdlet does not document
 * (names must be written in full, as documented; case does not matter); parameters that fit no single
 * parameter set; a set's mandatory parameter left out. Empty when all is well.
 */
export function referenceProblems(parsed: ParsedPowerShell, reference: CmdletReferenceTable = cmdletReference()): string[] {
  const problems: string[] = [];
  const functions = new Set(parsed.functions.map((f) => f.toLowerCase()));
  for (const cmd of parsed.commands) {
    const where = `line ${cmd.line}: ${cmd.name}`;
    if (functions.has(cmd.name.toLowerCase())) continue;
    const ref = lookup(reference, cmd.name);
    if (!ref) {
      problems.push(`${where}: not a documented cmdlet`);
      continue;
    }
    const common = new Set(COMMON_PARAMETERS.map((c) => c.toLowerCase()));
    const used = cmd.parameters.map((p) => p.name).filter((n) => !common.has(n.toLowerCase()));
    for (const u of used) if (!paramType(ref, u)) problems.push(`${where}: no parameter -${u}`);
    if (used.some((u) => !paramType(ref, u))) continue;
    const lower = used.map((u) => u.toLowerCase());
    const fitting = ref.parameterSets
      .map((set, i) => ({ set: set.map((s) => s.toLowerCase()), detail: ref.parameterSetDetail[i] }))
      .filter(({ set }) => lower.every((u) => set.includes(u)));
    if (fitting.length === 0) {
      problems.push(`${where}: parameters ${used.map((u) => `-${u}`).join(' ')} fit no single parameter set`);
      continue;
    }
    // Positional arguments may fill mandatory parameters; only check mandatory ones when there are none.
    if (cmd.positional.length === 0 && !fitting.some(({ detail }) => (detail?.mandatory ?? []).every((m) => lower.includes(m.toLowerCase())))) {
      const missing = fitting[0].detail?.mandatory.filter((m) => !lower.includes(m.toLowerCase())) ?? [];
      problems.push(`${where}: missing mandatory ${missing.map((m) => `-${m}`).join(' ')}`);
    }
  }
  return problems;
}

/** The commands named `name` (case-insensitive), in script order. */
export function commandsNamed(parsed: ParsedPowerShell, name: string): PsCommand[] {
  return parsed.commands.filter((c) => c.name.toLowerCase() === name.toLowerCase());
}

/** A parameter's value on a command (undefined when absent); `-X` alone gives `{ type: 'switch' }`. */
export function parameterValue(cmd: PsCommand, name: string): PsValue | undefined {
  const p = cmd.parameters.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!p) return undefined;
  return p.value ?? { type: 'switch', text: `-${p.name}` };
}

/**
 * The tree's shape with every string's and comment's content left out: two scripts with the same
 * skeleton run the same commands in the same structure, whatever their literal texts say. A string
 * joined from verbatim pieces and [char] codes counts as one string literal.
 */
export function skeleton(parsed: ParsedPowerShell): string {
  const out: string[] = [];
  const walk = (n: Node): void => {
    if (n.type === 'comment') return void out.push('#');
    if (n.type === 'parenthesized_expression' && STRING_CONCAT.test(n.text)) return void out.push("(string_literal'…')");
    if (n.type === 'verbatim_string_characters') return void out.push("'…'");
    if (n.type === 'integer_literal' || n.type === 'decimal_integer_literal') return void out.push('N');
    out.push(`(${n.type}`);
    for (const c of n.children) if (c) walk(c);
    out.push(')');
  };
  walk(parsed.tree.rootNode);
  return out.join('');
}
