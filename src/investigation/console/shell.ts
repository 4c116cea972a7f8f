import { stripControl } from '../../model/index.js';
import * as cmd from './commands.js';
import type { CommandContext, CommandResult } from './commands.js';

/** The longest command line the console takes, and the most output lines it shows. */
export const MAX_COMMAND = 2_000;
export const MAX_OUTPUT_LINES = 5_000;

/**
 * Splits a command line into pipeline stages of words, as bash would for the simple cases:
 * single and double quotes, backslash escapes, `|`. Nothing is expanded or executed: `$(...)`,
 * backquotes, `;`, `&&`, redirections are plain characters of a word here.
 */
export function tokenize(line: string): string[][] {
  const stages: string[][] = [[]];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  const endWord = () => {
    if (inWord) stages[stages.length - 1]!.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === '|') {
      endWord();
      stages.push([]);
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else {
      word += c;
      inWord = true;
    }
  }
  endWord();
  return stages;
}

type Filter = (input: string[], args: string[]) => CommandResult;

function countArg(args: string[], fallback: number): { n: number; rest: string[] } {
  const rest: string[] = [];
  let n = fallback;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n') n = Number(args[++i] ?? fallback);
    else if (/^-n?\d+$/.test(a)) n = Number(a.replace(/^-n?/, ''));
    else if (a === '-f' || a === '-F') continue;
    else rest.push(a);
  }
  return { n: Number.isFinite(n) ? Math.max(0, n) : fallback, rest };
}

const filters: Record<string, Filter> = {
  grep: (input, args) => {
    const ignoreCase = args.some((a) => /^-\w*i/.test(a));
    const invert = args.some((a) => /^-\w*v/.test(a));
    const count = args.some((a) => /^-\w*c/.test(a));
    const pattern = args.find((a) => !a.startsWith('-'));
    if (pattern === undefined)
      return { out: [], err: ['Usage: grep [OPTION]... PATTERNS [FILE]...'], code: 2 };
    let re: RegExp;
    try {
      re = new RegExp(pattern, ignoreCase ? 'i' : '');
    } catch {
      re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ignoreCase ? 'i' : '');
    }
    const hits = input.filter((l) => re.test(l) !== invert);
    return { out: count ? [String(hits.length)] : hits, err: [], code: hits.length ? 0 : 1 };
  },
  head: (input, args) => ({ out: input.slice(0, countArg(args, 10).n), err: [], code: 0 }),
  tail: (input, args) => {
    const { n } = countArg(args, 10);
    return { out: n === 0 ? [] : input.slice(-n), err: [], code: 0 };
  },
  wc: (input, args) => ({
    out: [
      args.includes('-l')
        ? String(input.length)
        : `${input.length} ${input.join(' ').split(/\s+/).filter(Boolean).length} ${input.reduce((n, l) => n + l.length + 1, 0)}`,
    ],
    err: [],
    code: 0,
  }),
  sort: (input) => ({ out: [...input].sort(), err: [], code: 0 }),
  uniq: (input) => ({ out: input.filter((l, i) => l !== input[i - 1]), err: [], code: 0 }),
  cat: (input) => ({ out: input, err: [], code: 0 }),
};

/** Commands that read files when given them, or their input in a pipe. */
const FILE_READERS = new Set(['cat', 'grep', 'head', 'tail', 'wc', 'sort', 'uniq']);

function fileArgs(name: string, args: string[]): { files: string[]; options: string[] } {
  if (name === 'grep') {
    const options = args.filter((a) => a.startsWith('-'));
    const words = args.filter((a) => !a.startsWith('-'));
    return { files: words.slice(1), options: [...options, ...words.slice(0, 1)] };
  }
  const { rest } = countArg(args, 10);
  const files = rest.filter((a) => !a.startsWith('-'));
  return { files, options: args.filter((a) => !files.includes(a)) };
}

function run(
  ctx: CommandContext,
  name: string,
  args: string[],
  input: string[] | undefined,
): CommandResult {
  if (FILE_READERS.has(name)) {
    const { files, options } = fileArgs(name, args);
    if (files.length === 0) {
      if (input === undefined && name !== 'cat') return { out: [], err: [], code: 0 };
      return filters[name]!(input ?? [], options);
    }
    const lines: string[] = [];
    const err: string[] = [];
    for (const f of files) {
      const text = cmd.readFile(ctx, f, name);
      if (Array.isArray(text))
        lines.push(...(files.length > 1 && name === 'grep' ? text.map((l) => `${f}:${l}`) : text));
      else err.push(...text.err);
    }
    const result = filters[name]!(lines, options);
    return { ...result, err: [...err, ...result.err], code: err.length ? 2 : result.code };
  }
  switch (name) {
    case 'ps':
      return cmd.ps(ctx, args);
    case 'ss':
      return cmd.ss(ctx, args);
    case 'netstat':
      return cmd.netstat(ctx, args);
    case 'last':
      return cmd.last(ctx);
    case 'who':
      return cmd.who(ctx, false);
    case 'w':
      return cmd.who(ctx, true);
    case 'crontab':
      return cmd.crontab(ctx, args);
    case 'ls':
      return cmd.ls(ctx, args);
    case 'find':
      return cmd.find(ctx, args);
    case 'history':
      return cmd.history(ctx);
    case 'id':
      return cmd.id(ctx, args);
    case 'whoami':
      return { out: ['root'], err: [], code: 0 };
    case 'hostname':
      return { out: [ctx.state.host.hostname], err: [], code: 0 };
    case 'pwd':
      return { out: ['/root'], err: [], code: 0 };
    case 'date':
      return {
        out: [cmd.dateLine(ctx.state.epoch0 + ctx.state.at)],
        err: [],
        code: 0,
      };
    case 'uname':
      return cmd.uname(ctx, args);
    case 'systemctl':
      return cmd.systemctl(ctx, args);
    case 'df':
      return cmd.df(ctx, args);
    case 'echo':
      return { out: [args.join(' ')], err: [], code: 0 };
    case 'help':
      return {
        out: [
          'This console simulates the host; nothing runs on a real machine. Commands:',
          '  ps aux | ps -ef, ss -tanp | netstat -tanp, last, who, w, crontab -l [-u user],',
          '  ls -la DIR, find DIR [-name P] [-mmin -N] [-newer F] [-type f|d], cat F, head/tail [-n N] F,',
          '  grep [-i] [-v] [-c] P [F], history, id [user], uname -a, systemctl status UNIT, df -h,',
          '  pipes into grep, head, tail, wc -l, sort, uniq.',
        ],
        err: [],
        code: 0,
      };
    default:
      return { out: [], err: [`bash: ${name}: command not found`], code: 127 };
  }
}

/** What the trainee sees of one command: its lines (stdout and stderr in order), the exit code. */
export interface ShellOutput {
  command: string;
  lines: string[];
  code: number;
}

/**
 * Runs one command line in the simulated console. Pure: the host state and its logs are data;
 * nothing reaches the real machine, and every shown character is stripped of control codes.
 */
export function runShell(ctx: CommandContext, line: string): ShellOutput {
  const command = stripControl(line.replace(/[\r\n]+/g, ' '))
    .slice(0, MAX_COMMAND)
    .trim();
  if (command === '') return { command, lines: [], code: 0 };
  const stages = tokenize(command);
  if (stages.some((s) => s.length === 0))
    return { command, lines: ["bash: syntax error near unexpected token `|'"], code: 2 };
  let input: string[] | undefined;
  let result: CommandResult = { out: [], err: [], code: 0 };
  const err: string[] = [];
  for (const [name, ...args] of stages) {
    result = run(ctx, name!, args, input);
    err.push(...result.err);
    input = result.out;
  }
  const lines = [...err, ...result.out].slice(0, MAX_OUTPUT_LINES).map((l) => stripControl(l));
  return { command, lines, code: result.code };
}
