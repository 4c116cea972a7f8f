import type { Architecture } from '../../model/index.js';
import { nginxErrorTime, nginxTime } from '../clock.js';
import type { WafVerdict } from '../http.js';
import { hash32 } from '../random.js';
import { wafVerdict } from '../signatures.js';
import type { World } from '../world.js';
import { olderThan, perComponent, productVersion, stackOf } from './stack.js';

/*
 * ModSecurity 2.x with the OWASP Core Rule Set 2.2.x, as a 2014 WAF writes it (the drupageddon
 * drill's WAF1: nginx 1.6, ModSecurity 2.8, CRS 2.2.9). Chosen from the WAF's `stack`, never by
 * scenario id; ModSecurity v3 with CRS 3 (formats/crs.ts, the JSON audit log) stays for the rest.
 *
 * What differs from v3, as the 2.x engine prints it:
 * - The audit log is the native Serial format: one record of sections, each opened by a
 *   `--<boundary>-<letter>--` line (A header, B request headers, C request body, F response
 *   headers, H trailer with the `Message:` lines, `Apache-Handler`, `Stopwatch`, `Producer`,
 *   `Server`, `Engine-Mode`; Z closes it, then an empty line).
 * - Messages say what the operator did in 2.x words (`Pattern match "..." at ARGS_NAMES:x.`,
 *   `Matched phrase "..." at ...`), severities are names (`CRITICAL`), and `[rev]`, `[ver]`,
 *   `[maturity]` and `[accuracy]` appear only for rules that declare them (the PHPIDS-derived
 *   SQLi rules 9812xx declare none).
 * - CRS 2 anomaly scoring: each rule adds its severity's points (critical 5, warning 3); a denied
 *   request gets 981176 in modsecurity_crs_49_inbound_blocking.conf (`Inbound Anomaly Score
 *   Exceeded (Total Score: N, SQLi=S, XSS=X): Last Matched Message: ...`), and the logging phase
 *   adds 981204 (modsecurity_crs_60_correlation.conf, `noauditlog`: error log only).
 * - The standalone nginx module (2.x) writes its unique ids in the 24-character form whose
 *   letters repeat (`mcAcAcecAcAcAbAcAcAcAcmo`), logs every message at [error], and nginx 1.6
 *   (before thread support) prints `pid#0`.
 * Line numbers are those of the rules in the 2.2.9 files; the CRS's long regexes are shown by
 * their opening part (decision 0810), and matching here is this module's own approximation.
 */

export type WafProduct = 'modsec2' | 'modsec3';

/** ModSecurity 2.x when the WAF's stack names ModSecurity below 3 ("ModSecurity 2.8"). */
export const wafProduct = perComponent((architecture: Architecture, id: string): WafProduct => {
  const version = productVersion(stackOf(architecture, id), /\bModSecurity\b/i);
  return version && version[0] > 0 && olderThan(version, 3, 0) ? 'modsec2' : 'modsec3';
});

/** `2.2.9` from "OWASP CRS 2.2.9" (the 2.x default when the stack names no CRS version). */
export const crs2Version = perComponent((architecture: Architecture, id: string): string => {
  for (const entry of stackOf(architecture, id)) {
    const m = /\bCRS\b\D*(2\.\d+\.\d+)/i.exec(entry);
    if (m) return m[1]!;
  }
  return '2.2.9';
});

/** `2.8.0` from "ModSecurity 2.8". */
export const modsec2Version = perComponent((architecture: Architecture, id: string): string => {
  const v = productVersion(stackOf(architecture, id), /\bModSecurity\b/i) ?? [2, 8];
  return `${v[0]}.${v[1]}.0`;
});

const RULES_DIR = '/etc/nginx/modsecurity/base_rules';
const SQLI_FILE = 'modsecurity_crs_41_sql_injection_attacks.conf';
const SQLI_TAGS = [
  'OWASP_CRS/WEB_ATTACK/SQL_INJECTION',
  'WASCTC/WASC-19',
  'OWASP_TOP_10/A1',
  'OWASP_AppSensor/CIE1',
  'PCI/6.5.2',
];

type Severity = 'CRITICAL' | 'WARNING';
/** tx.critical_anomaly_score and tx.warning_anomaly_score of modsecurity_crs_10_setup.conf. */
const POINTS: Record<Severity, number> = { CRITICAL: 5, WARNING: 3 };

interface Crs2Rule {
  id: string;
  file: string;
  line: number;
  msg: string;
  severity: Severity;
  /** Rules with rev/ver/maturity/accuracy declare them; the PHPIDS ones do not. */
  meta?: { maturity: number; accuracy: number };
  tags: string[];
  /** What the SQLi score grows by (`setvar:tx.sql_injection_score=+N`). */
  sqli: number;
  /** How the operator reads in a message: `Pattern match "..."`, `Matched phrase "..."`. */
  operator: (matched: string) => string;
  /** Whether ModSecurity's tx.msg for it is `id-msg` (PHPIDS rules) or just the msg. */
  idInTxMsg?: boolean;
  /** The variables it reads and what it found in one of them. */
  scope: 'args' | 'user-agent' | 'extension';
  find: (value: string) => { matched: string; data?: string } | undefined;
}

const rx = (pattern: string) => () => `Pattern match "${pattern}"`;
const first = (re: RegExp) => (value: string) => {
  const m = re.exec(value);
  return m ? { matched: m[0] } : undefined;
};

// Quote characters the CRS 2 SQLi rules treat alike.
const Q = '"\'`\u00b4\u2019\u2018';
const SQLI_META = { maturity: 9, accuracy: 8 };

/** The CRS 2.2.9 rules the drills trip, with their place in the 2.2.9 files. */
const RULES: Crs2Rule[] = [
  {
    id: '960035',
    file: 'modsecurity_crs_30_http_policy.conf',
    line: 88,
    msg: 'URL file extension is restricted by policy',
    severity: 'CRITICAL',
    meta: { maturity: 9, accuracy: 9 },
    tags: ['OWASP_CRS/POLICY/EXT_RESTRICTED', 'WASCTC/WASC-15', 'OWASP_TOP_10/A7', 'PCI/6.5.10'],
    sqli: 0,
    // The chain's last rule reports: TX:EXTENSION within tx.restricted_extensions.
    operator: () =>
      'String match within ".asa/ .asax/ .ascx/ .axd/ .backup/ .bak/ .bat/ .cdx/ .cer/ .cfg/ .cmd/ .com/ .config/ .conf/ .cs/ .csproj/ .csr/ .dat/ .db/ .dbf/ .dll/ .dos/ .htr/ .htw/ .ida/ .idc/ .idq/ .inc/ .ini/ .key/ .licx/ .lnk/ .log/ .mdb/ .old/ .pass/ .pdb/ .pol/ .printer/ .pwd/ .resources/ .resx/ .sql/ .sys/ .vb/ .vbs/ .vbproj/ .vsdisco/ .webinfo/ .xsd/ .xsx/"',
    scope: 'extension',
    find: (basename) => {
      const m = /\.([^.]*)$/.exec(basename.toLowerCase());
      return m && RESTRICTED_EXTENSIONS.has(m[1]!) ? { matched: `.${m[1]}/` } : undefined;
    },
  },
  {
    id: '990002',
    file: 'modsecurity_crs_35_bad_robots.conf',
    line: 20,
    msg: 'Request Indicates a Security Scanner Scanned the Site',
    severity: 'CRITICAL',
    meta: { maturity: 9, accuracy: 9 },
    tags: [
      'OWASP_CRS/AUTOMATION/SECURITY_SCANNER',
      'WASCTC/WASC-21',
      'OWASP_TOP_10/A7',
      'PCI/6.5.10',
    ],
    sqli: 0,
    operator: (matched) => `Matched phrase "${matched}"`,
    scope: 'user-agent',
    find: (ua) => {
      const m = /nikto|sqlmap|nessus|w3af|dirbuster|nmap scripting engine|zmeu|havij|acunetix/.exec(
        ua.toLowerCase(),
      );
      return m ? { matched: m[0], data: ua } : undefined;
    },
  },
  {
    id: '981231',
    file: SQLI_FILE,
    line: 49,
    msg: 'SQL Comment Sequence Detected.',
    severity: 'CRITICAL',
    meta: { maturity: 8, accuracy: 8 },
    tags: SQLI_TAGS,
    sqli: 1,
    operator: rx(
      "(/\\*!?|\\*/|[';]--|--[\\s\\r\\n\\v\\f]|(?:--[^-]*?-)|([^\\-&])#.*?[\\s\\r\\n\\v\\f]|;?\\\\x00)",
    ),
    scope: 'args',
    find: first(/\/\*!?|\*\/|[';]--|--\s|[^&-]#.*?\s/),
  },
  {
    id: '950001',
    file: SQLI_FILE,
    line: 125,
    msg: 'SQL Injection Attack',
    severity: 'CRITICAL',
    meta: SQLI_META,
    tags: SQLI_TAGS,
    sqli: 5,
    operator: rx('(?i:\\b(?:(?:s(?:t(?:d(?:dev(_pop|_samp)?)?|r(?:_to_date|cmp))|u(?:b(?:str'),
    scope: 'args',
    find: first(
      /\binsert\b\W*?\binto\b|\bunion\b.{1,100}?\bselect\b|\bdelete\b\W*?\bfrom\b|;\W*?\b(?:shutdown|drop)\b|\b(?:benchmark|sleep|concat|load_file|substring|ascii)\W*\(/i,
    ),
  },
  {
    id: '959073',
    file: SQLI_FILE,
    line: 143,
    msg: 'SQL Injection Attack',
    severity: 'CRITICAL',
    meta: SQLI_META,
    tags: SQLI_TAGS,
    sqli: 5,
    operator: rx('(?i:(?:(?:s(?:t(?:d(?:dev(_pop|_samp)?)?|r(?:_to_date|cmp))|u(?:b(?:str'),
    scope: 'args',
    find: first(
      /\binsert\b\W*?\binto\b|\bunion\b.{1,100}?\bselect\b|\bdelete\b\W*?\bfrom\b|;\W*?\b(?:shutdown|drop)\b|\b(?:benchmark|sleep|concat|load_file|substring|ascii)\W*?\(/i,
    ),
  },
  {
    id: '981173',
    file: SQLI_FILE,
    line: 159,
    msg: 'Restricted SQL Character Anomaly Detection Alert - Total # of special characters exceeded',
    severity: 'WARNING',
    meta: SQLI_META,
    tags: ['OWASP_CRS/WEB_ATTACK/SQL_INJECTION'],
    sqli: 1,
    operator: rx(
      '([\\~\\!\\@\\#\\$\\%\\^\\&\\*\\(\\)\\-\\+\\=\\{\\}\\[\\]\\|\\:\\;\\"\\\'\\\u00b4\\\u2019\\\u2018\\`\\<\\>].*?){4,}',
    ),
    scope: 'args',
    // The message's data is TX.1: the last special character counted.
    find: (value) => {
      const specials = [...value].filter((ch) => SPECIALS.has(ch));
      return specials.length >= 4 ? { matched: specials[specials.length - 1]! } : undefined;
    },
  },
  {
    id: '981257',
    file: SQLI_FILE,
    line: 209,
    msg: 'Detects MySQL comment-/space-obfuscated injections and backtick termination',
    severity: 'CRITICAL',
    tags: ['OWASP_CRS/WEB_ATTACK/SQL_INJECTION'],
    sqli: 1,
    idInTxMsg: true,
    operator: rx(`(?i:(?:,.*?[)\\da-f\\${Q}][\\${Q}](?:[\\${Q}].*?[\\${Q}]|\\Z|[^\\${Q}]+))`),
    scope: 'args',
    find: first(/\Wselect.+\W*?from/i),
  },
  {
    id: '981248',
    file: SQLI_FILE,
    line: 211,
    msg: 'Detects chained SQL injection attempts 1/2',
    severity: 'CRITICAL',
    tags: ['OWASP_CRS/WEB_ATTACK/SQL_INJECTION'],
    sqli: 1,
    idInTxMsg: true,
    operator: rx('(?i:(?:@.+=\\s*?\\(\\s*?select)|(?:\\d+\\s*?(x?or|div|like|between|and)'),
    scope: 'args',
    find: first(
      /(?:;|#|--)\s*?(?:update|insert|drop|alter)\s*?\w{2,}|\d+\s*?(?:x?or|and)\s*?\d+\s*?[-+]/i,
    ),
  },
  {
    id: '981245',
    file: SQLI_FILE,
    line: 223,
    msg: 'Detects basic SQL authentication bypass attempts 2/3',
    severity: 'CRITICAL',
    tags: ['OWASP_CRS/WEB_ATTACK/SQL_INJECTION'],
    sqli: 1,
    idInTxMsg: true,
    operator: rx('(?i:(?:union\\s*?(?:all|distinct|[(!@]*?)?\\s*?[([]*?\\s*?select\\s+)'),
    scope: 'args',
    find: first(
      new RegExp(
        `[${Q}]\\s*?[^?\\w\\s=.,;)(]+\\s*?[(@${Q}]*?\\s*?\\w+\\W+\\w|select\\s+?[[\\]()\\s\\w.,${Q}-]+from\\s+|union\\s*?(?:all|distinct)?\\s*?select\\s+`,
        'i',
      ),
    ),
  },
  {
    id: '981251',
    file: SQLI_FILE,
    line: 241,
    msg: 'Detects MySQL UDF injection and other data/structure manipulation attempts',
    severity: 'CRITICAL',
    tags: ['OWASP_CRS/WEB_ATTACK/SQL_INJECTION'],
    sqli: 1,
    idInTxMsg: true,
    operator: rx('(?i:(?:create\\s+function\\s+\\w+\\s+returns)|(?:;\\s*?(?:select|create|rename'),
    scope: 'args',
    find: first(
      /;\s*?(?:select|create|rename|truncate|load|alter|delete|update|insert|desc)\s*?[[(]?\w{2,}/i,
    ),
  },
  {
    id: '981243',
    file: SQLI_FILE,
    line: 245,
    msg: 'Detects classic SQL injection probings 2/2',
    severity: 'CRITICAL',
    tags: ['OWASP_CRS/WEB_ATTACK/SQL_INJECTION'],
    sqli: 1,
    idInTxMsg: true,
    operator: rx(`(?i:(?:[\\${Q}]\\s*?\\*.+(?:x?or|div|like|between|and|id)\\W*?[\\${Q}]\\d)`),
    scope: 'args',
    find: first(new RegExp(`[()*<>%+-][\\w-]+[^\\w\\s]+[${Q}][^,]`, 'i')),
  },
];

const SPECIALS = new Set('~!@#$%^&*()-+={}[]|:;"\'\u00b4\u2019\u2018`<>');
const RESTRICTED_EXTENSIONS = new Set(
  'asa asax ascx axd backup bak bat cdx cer cfg cmd com config conf cs csproj csr dat db dbf dll dos htr htw ida idc idq inc ini key licx lnk log mdb old pass pdb pol printer pwd resources resx sql sys vb vbs vbproj vsdisco webinfo xsd xsx'.split(
    ' ',
  ),
);
const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** The request as the WAF parses it: ARGS from the query string and a urlencoded body. */
export interface WafRequest {
  path: string;
  ua: string;
  body?: string;
}

/** `+` is a space and `%XX` a byte, as a form decoder reads them (bad escapes stay as they are). */
function formDecode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/%([0-9a-f]{2})/gi, (_, h: string) =>
      String.fromCharCode(parseInt(h, 16)),
    );
  }
}

/** ARGS_NAMES and ARGS, in ModSecurity's order: the query string's, then the body's. */
function argsOf(request: WafRequest): Array<{ variable: string; value: string }> {
  const out: Array<{ variable: string; value: string }> = [];
  const query = request.path.split('?')[1] ?? '';
  for (const part of [query, request.body ?? ''])
    for (const pair of part.split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      const name = formDecode(eq < 0 ? pair : pair.slice(0, eq));
      const value = eq < 0 ? '' : formDecode(pair.slice(eq + 1));
      out.push({ variable: `ARGS_NAMES:${name}`, value: name });
      out.push({ variable: `ARGS:${name}`, value });
    }
  return out;
}

/** What one CRS 2 rule found in the request, as its message reports it. */
interface Crs2Match {
  rule: Crs2Rule;
  variable: string;
  value: string;
  matched: string;
  data: string;
}

function matchRule(rule: Crs2Rule, request: WafRequest): Crs2Match | undefined {
  if (rule.scope === 'user-agent') {
    const hit = rule.find(request.ua);
    if (!hit) return undefined;
    return {
      rule,
      variable: 'REQUEST_HEADERS:User-Agent',
      value: request.ua,
      matched: hit.matched,
      data: request.ua,
    };
  }
  if (rule.scope === 'extension') {
    const basename = request.path.split('?')[0]!.split('/').pop() ?? '';
    const hit = rule.find(formDecode(basename));
    if (!hit) return undefined;
    const ext = hit.matched.slice(0, -1);
    return { rule, variable: 'TX:extension', value: hit.matched, matched: hit.matched, data: ext };
  }
  for (const arg of argsOf(request)) {
    // t:urlDecodeUni: the CRS decodes once more what the body parser already decoded.
    const hit = rule.find(formDecode(arg.value));
    if (hit)
      return {
        rule,
        variable: arg.variable,
        value: arg.value,
        matched: hit.matched,
        data: `Matched Data: ${hit.matched} found within ${arg.variable}: ${arg.value}`,
      };
  }
  return undefined;
}

/** The CRS 2 rules a request trips, in the order the rule files run them. */
export function crs2Matches(request: WafRequest): Crs2Match[] {
  return RULES.flatMap((rule) => {
    const m = matchRule(rule, request);
    return m ? [m] : [];
  });
}

/**
 * The WAF's verdict in CRS 2 terms: the rules matched, and when `block` says the scenario's rule
 * or a block of the address stops it, the local rule first (a file loaded before the CRS, which
 * denies in phase 2 before the CRS runs: the CRS messages are then not logged). Undefined when
 * nothing matched and nothing blocks.
 */
export function crs2Verdict(
  request: WafRequest,
  block: { rule?: string; blocked: boolean },
): WafVerdict | undefined {
  if (block.blocked)
    return {
      score: 0,
      blocked: true,
      rules: [
        {
          id: '1000100',
          msg: `Local rule ${block.rule ?? 'blocklist'}`,
          file: 'modsecurity_localrules.conf',
          data: `Matched Data: rule ${block.rule ?? 'blocklist'} matched REQUEST_URI`,
        },
      ],
    };
  const matches = crs2Matches(request);
  if (!matches.length) return undefined;
  return {
    score: matches.reduce((sum, m) => sum + POINTS[m.rule.severity], 0),
    blocked: false,
    rules: matches.map((m) => ({
      id: m.rule.id,
      msg: m.rule.msg,
      file: m.rule.file,
      data: m.data,
    })),
  };
}

/**
 * A background scanner's probe the WAF denies by anomaly score (981176), or undefined when no
 * CRS 2 rule scores it to the inbound threshold (the probe then reaches a front end).
 */
export function crs2ProbeVerdict(path: string, ua: string): WafVerdict | undefined {
  const verdict = crs2Verdict({ path, ua }, { blocked: false });
  if (!verdict || verdict.score < INBOUND_THRESHOLD) return undefined;
  return { ...verdict, blocked: true };
}

const INBOUND_THRESHOLD = 5;

/** One message line's bracketed details, as ModSecurity 2 prints them. */
interface Crs2Message {
  id: string;
  /** `Warning.` or `Access denied with code 403 (phase 2).` */
  head: string;
  operator: string;
  variable: string;
  file: string;
  line: number;
  msg: string;
  data: string;
  severity?: Severity;
  meta?: { maturity: number; accuracy: number };
  tags: string[];
  /** noauditlog: the error log shows it, the audit log does not. */
  errorLogOnly?: boolean;
  denies?: boolean;
}

/** The messages of one transaction: matched rules, then the blocking and correlation rules. */
export function crs2Messages(verdict: WafVerdict): Crs2Message[] {
  const local = verdict.rules[0]?.id === '1000100';
  if (local) {
    const r = verdict.rules[0]!;
    return [
      {
        id: r.id,
        head: 'Access denied with code 403 (phase 2).',
        operator: `Pattern match "${r.msg.replace(/^Local rule /, '')}"`,
        variable: 'REQUEST_URI',
        file: `/etc/nginx/modsecurity/${r.file}`,
        line: 12,
        msg: r.msg,
        data: r.data,
        severity: 'CRITICAL',
        tags: ['local', 'virtual-patch'],
        denies: true,
      },
    ];
  }
  let sqli = 0;
  let lastTxMsg = '';
  let lastMatch = { variable: '', value: '' };
  const out: Crs2Message[] = [];
  for (const r of verdict.rules) {
    const rule = BY_ID.get(r.id);
    if (!rule) continue;
    const found = /found within ([^:]+:.*?): (.*)$/s.exec(r.data);
    const variable = found?.[1] ?? (rule.scope === 'extension' ? 'TX:extension' : 'REQUEST_URI');
    const matched = /^Matched Data: (.*?) found within /s.exec(r.data)?.[1] ?? r.data;
    sqli += rule.sqli;
    lastTxMsg = rule.idInTxMsg ? `${rule.id}-${rule.msg}` : rule.msg;
    lastMatch = {
      variable: `TX:${rule.id}-${rule.tags[0]}-${variable}`,
      value: found?.[2] ?? matched,
    };
    out.push({
      id: rule.id,
      head: 'Warning.',
      operator: rule.operator(matched),
      variable: rule.scope === 'user-agent' ? 'REQUEST_HEADERS:User-Agent' : variable,
      file: `${RULES_DIR}/${rule.file}`,
      line: rule.line,
      msg: rule.msg,
      data: r.data,
      severity: rule.severity,
      ...(rule.meta ? { meta: rule.meta } : {}),
      tags: rule.tags,
    });
  }
  const total = verdict.score;
  if (verdict.blocked)
    out.push({
      id: '981176',
      head: 'Access denied with code 403 (phase 2).',
      operator: 'Pattern match "(.*)"',
      variable: lastMatch.variable,
      file: `${RULES_DIR}/modsecurity_crs_49_inbound_blocking.conf`,
      line: 26,
      msg: `Inbound Anomaly Score Exceeded (Total Score: ${total}, SQLi=${sqli}, XSS=0): Last Matched Message: ${lastTxMsg}`,
      data: `Last Matched Data: ${lastMatch.value}`,
      tags: [],
      denies: true,
    });
  if (total >= INBOUND_THRESHOLD)
    out.push({
      id: '981204',
      head: 'Warning.',
      operator: `Operator GE matched ${INBOUND_THRESHOLD}`,
      variable: 'TX:inbound_anomaly_score',
      file: `${RULES_DIR}/modsecurity_crs_60_correlation.conf`,
      line: 37,
      msg: `Inbound Anomaly Score Exceeded (Total Inbound Score: ${total}, SQLi=${sqli}, XSS=0): ${lastTxMsg}`,
      data: '',
      tags: [],
      errorLogOnly: true,
    });
  return out;
}

/** `Warning. Pattern match "..." at ARGS:x. [file ...] [line ...] [id ...] ... [tag ...]`. */
function messageText(m: Crs2Message, crsVersion: string): string {
  const rev = m.meta ? ' [rev "2"]' : '';
  const after = m.meta
    ? ` [ver "OWASP_CRS/${crsVersion}"] [maturity "${m.meta.maturity}"] [accuracy "${m.meta.accuracy}"]`
    : '';
  // The engine keeps at most 512 characters of a rule's logdata (and marks the cut).
  const kept = m.data.length > 512 ? `${m.data.slice(0, 512)}...` : m.data;
  const data = kept ? ` [data "${kept.replace(/"/g, '\\"')}"]` : '';
  const severity = m.severity ? ` [severity "${m.severity}"]` : '';
  const tags = m.tags.map((t) => ` [tag "${t}"]`).join('');
  return `${m.head} ${m.operator} at ${m.variable}. [file "${m.file}"] [line "${m.line}"] [id "${m.id}"]${rev} [msg "${m.msg}"]${data}${severity}${after}${tags}`;
}

/** The 24-character unique id of the 2.x standalone nginx module (`mcAcAcecAcAcAbAcAcAcAcmo`). */
export function modsec2UniqueId(key: string): string {
  const PAIRS = ['Ac', 'Ac', 'Ac', 'Ac', 'Ab', 'ec', 'mc', 'mo', 'Ad', 'Ap'];
  let id = '';
  let h = hash32(key);
  for (let i = 0; i < 12; i++) {
    id += PAIRS[h % PAIRS.length];
    h = Math.floor(h / PAIRS.length) || hash32(`${key}/${i}`);
  }
  return id;
}

export interface Crs2Transaction {
  epochMs: number;
  client: string;
  port: number;
  serverIp: string;
  serverPort: number;
  host: string;
  uniqueId: string;
  method: string;
  path: string;
  ua: string;
  body?: string;
  status: number;
  bytes: number;
  verdict: WafVerdict;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  302: 'Found',
  403: 'Forbidden',
  404: 'Not Found',
};

/**
 * One native (Serial) audit log record: sections A, B, C (a request body), F, H, Z, then the
 * empty line that ends a record. The text ends with a newline: the writer adds the empty line.
 */
export function modsec2AuditRecord(
  tx: Crs2Transaction,
  products: { modsecurity: string; crs: string },
): string {
  const boundary = (hash32(`${tx.uniqueId}boundary`) >>> 0).toString(16).padStart(8, '0');
  const section = (letter: string) => `--${boundary}-${letter}--\n`;
  const messages = crs2Messages(tx.verdict).filter((m) => !m.errorLogOnly);
  const denied = messages.some((m) => m.denies);
  const status = denied ? 403 : tx.status;
  const micros = (hash32(`${tx.uniqueId}us`) % 1_000) + Math.floor(tx.epochMs % 1000) * 1000;
  const start = Math.floor(tx.epochMs / 1000) * 1_000_000 + micros;
  const took = 900 + (hash32(`${tx.uniqueId}took`) % 4_000);
  const p1 = 150 + (took % 200);
  const p2 = Math.max(1, took - p1 - 120);
  let text = section('A');
  text += `[${nginxTime(tx.epochMs)}] ${tx.uniqueId} ${tx.client} ${tx.port} ${tx.serverIp} ${tx.serverPort}\n`;
  text += section('B');
  text += `${tx.method} ${tx.path} HTTP/1.1\nHost: ${tx.host}\n`;
  text += `Accept-Encoding: gzip, deflate\nAccept: */*\nUser-Agent: ${tx.ua}\n`;
  if (tx.body !== undefined)
    text += `Content-Type: application/x-www-form-urlencoded\nContent-Length: ${tx.body.length}\n`;
  text += '\n';
  if (tx.body !== undefined) text += `${section('C')}${tx.body}\n`;
  text += section('F');
  const length = denied ? 168 : tx.bytes;
  text += `HTTP/1.1 ${status} ${REASONS[status] ?? ''}\nContent-Type: text/html\nContent-Length: ${length}\nConnection: keep-alive\n\n`;
  text += section('H');
  for (const m of messages) text += `Message: ${messageText(m, products.crs)}\n`;
  if (denied) text += 'Action: Intercepted (phase 2)\n';
  text += 'Apache-Handler: IIS\n';
  text += `Stopwatch: ${start} ${took} (- - -)\n`;
  text += `Stopwatch2: ${start} ${took}; combined=${p1 + p2}, p1=${p1}, p2=${p2}, p3=0, p4=0, p5=${took % 97}, sr=${took % 41}, sw=0, l=0, gc=0\n`;
  if (!denied) text += 'Response-Body-Transformed: Dechunked\n';
  text += `Producer: ModSecurity for nginx (STABLE)/${products.modsecurity} (http://www.modsecurity.org/); OWASP_CRS/${products.crs}.\n`;
  text += 'Server: ModSecurity Standalone\nEngine-Mode: "ENABLED"\n\n';
  text += section('Z');
  return text;
}

/** The nginx error-log lines ModSecurity 2 for nginx writes for one transaction. */
export function modsec2ErrorLines(
  tx: Crs2Transaction,
  pid: number,
  connection: number,
  crsVersion: string,
): string[] {
  const request = `${tx.method} ${tx.path} HTTP/1.1`;
  return crs2Messages(tx.verdict).map(
    (m) =>
      `${nginxErrorTime(tx.epochMs)} [error] ${pid}#0: *${connection} [client ${tx.client}] ModSecurity: ${messageText(m, crsVersion)} [hostname "${tx.host}"] [uri "${tx.path.split('?')[0]}"] [unique_id "${tx.uniqueId}"], client: ${tx.client}, server: ${tx.host}, request: "${request}", host: "${tx.host}"`,
  );
}

const wafRunsModsec2 = new WeakMap<World, boolean>();

/**
 * Whether the drill's WAF runs ModSecurity 2 (its component's stack). Asked for every request the
 * WAF judges, so found once per world.
 */
export function runsModsec2(world: World): boolean {
  let runs = wafRunsModsec2.get(world);
  if (runs === undefined) {
    const waf = world.topology.oneWithRole('waf');
    runs = waf !== undefined && wafProduct(world.architecture, waf.id) === 'modsec2';
    wafRunsModsec2.set(world, runs);
  }
  return runs;
}

/** The WAF's verdict on a request, in the terms of the rule set it runs. */
export function wafVerdictIn(
  world: World,
  request: WafRequest,
  block: { rule?: string; blocked: boolean },
): WafVerdict | undefined {
  return runsModsec2(world) ? crs2Verdict(request, block) : wafVerdict(request, block);
}
