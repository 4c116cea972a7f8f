/*
 * The OWASP Core Rule Set 3.3 as ModSecurity v3 reports it: each matching rule adds its severity's
 * points to the inbound anomaly score; at paranoia level 1 with the default inbound threshold of 5,
 * rule 949110 (REQUEST-949-BLOCKING-EVALUATION) denies the request in phase 2 and rule 980130
 * (RESPONSE-980-CORRELATION) logs the per-category and per-paranoia-level scores in phase 5. Rules
 * outside the CRS (ids from 1000000, an operator's local rules) deny on their own, with no score.
 */

export const CRS_VERSION = 'OWASP_CRS/3.3.2';
export const PARANOIA_LEVEL = 1;
export const INBOUND_THRESHOLD = 5;

/** One message of a transaction, as the JSON audit log and the nginx error log print it. */
export interface CrsMessage {
  id: string;
  msg: string;
  file: string;
  data: string;
  /** ModSecurity's numeric severity: 2 CRITICAL, 3 ERROR, 4 WARNING, 5 NOTICE. */
  severity: number;
  /** `Matched "Operator ... against variable ... (Value: ...)"`. */
  match: string;
  lineNumber: number;
  tags: string[];
  /** This message is the one that denied the request (its nginx error line says so). */
  disruptive: boolean;
}

interface RuleFacts {
  line: number;
  operator: string;
  parameter: string;
  severity: number;
  category: Category;
  tags: string[];
}

type Category = 'sqli' | 'xss' | 'rfi' | 'lfi' | 'rce' | 'php' | 'http' | 'session' | 'other';

const BASE_TAGS = ['application-multi', 'language-multi', 'platform-multi'];
const tagsFor = (attack: string, capec: string, extra: string[] = []) => [
  ...BASE_TAGS,
  ...extra,
  `attack-${attack}`,
  `paranoia-level/${PARANOIA_LEVEL}`,
  'OWASP_CRS',
  `capec/${capec}`,
  'PCI/6.5.4',
];

// The CRS's assembled command regexes run to kilobytes; their opening part is kept here.
const UNIX_COMMAND =
  String.raw`(?:;|\{|\||\|\||&|&&|\n|\r|\$\(|\$\(\(|` +
  '`' +
  String.raw`|\${|<\(|>\(|\(\s*\))\s*(?:{|\s*\(\s*|\w+=(?:[^\s]*|\$.*|<.*|>.*)\s+|!\s*|\$)*\s*(?:'|")*(?:[\?\*\[\]\(\)\-\|+\w'"\./\\]+/)?[\\'"]*(?:s[\\'"]*h|b[\\'"]*a[\\'"]*s[\\'"]*h)\b`;
const DIRECT_UNIX_COMMAND = String.raw`(?:^|=)\s*(?:{|\s*\(\s*|\w+=(?:[^\s]*|\$.*|<.*|>.*)\s+|!\s*|\$)*\s*(?:'|")*(?:[\?\*\[\]\(\)\-\|+\w'"\./\\]+/)?[\\'"]*(?:s[\\'"]*h|b[\\'"]*a[\\'"]*s[\\'"]*h|w[\\'"]*g[\\'"]*e[\\'"]*t|c[\\'"]*u[\\'"]*r[\\'"]*l)\b`;

/** The CRS rules the drills trip, with their place in the 3.3.2 rule files. */
const RULES: Record<string, RuleFacts> = {
  '913100': {
    line: 34,
    operator: 'PmFromFile',
    parameter: 'scanners-user-agents.data',
    severity: 2,
    category: 'other',
    tags: tagsFor('reputation-scanner', '1000/118/224/541/310'),
  },
  '920350': {
    line: 734,
    operator: 'Rx',
    parameter: '^[\\d.:]+$',
    severity: 4,
    category: 'http',
    tags: tagsFor('protocol', '1000/210/272'),
  },
  '921151': {
    line: 372,
    operator: 'Rx',
    parameter: '[\\n\\r]',
    severity: 2,
    category: 'http',
    tags: tagsFor('protocol', '1000/210/272/220/33'),
  },
  '930110': {
    line: 53,
    operator: 'Rx',
    parameter: '(?:^|[\\\\/])\\.{2,3}[\\\\/]',
    severity: 2,
    category: 'lfi',
    tags: tagsFor('lfi', '1000/255/153/126'),
  },
  '930120': {
    line: 97,
    operator: 'PmFromFile',
    parameter: 'lfi-os-files.data',
    severity: 2,
    category: 'lfi',
    tags: tagsFor('lfi', '1000/255/153/126'),
  },
  '930130': {
    line: 126,
    operator: 'PmFromFile',
    parameter: 'restricted-files.data',
    severity: 2,
    category: 'lfi',
    tags: tagsFor('lfi', '1000/255/153/126'),
  },
  '932100': {
    line: 64,
    operator: 'Rx',
    parameter: UNIX_COMMAND,
    severity: 2,
    category: 'rce',
    tags: tagsFor('rce', '1000/152/248/88', ['language-shell', 'platform-unix']),
  },
  '932150': {
    line: 258,
    operator: 'Rx',
    parameter: DIRECT_UNIX_COMMAND,
    severity: 2,
    category: 'rce',
    tags: tagsFor('rce', '1000/152/248/88', ['language-shell', 'platform-unix']),
  },
  '932160': {
    line: 496,
    operator: 'PmFromFile',
    parameter: 'unix-shell.data',
    severity: 2,
    category: 'rce',
    tags: tagsFor('rce', '1000/152/248/88', ['language-shell', 'platform-unix']),
  },
  '933100': {
    line: 53,
    operator: 'Rx',
    parameter: '(?:<\\?(?:[^x]|x[^m]|xm[^l]|xml[^\\s]|xml$|$)|<\\?php|\\[(?:\\/|\\\\)?php\\])',
    severity: 2,
    category: 'php',
    tags: tagsFor('injection-php', '1000/152/242', ['language-php', 'platform-multi']),
  },
  '941100': {
    line: 55,
    operator: 'DetectXSS',
    parameter: '',
    severity: 2,
    category: 'xss',
    tags: tagsFor('xss', '1000/152/242'),
  },
  '942100': {
    line: 45,
    operator: 'DetectSQLi',
    parameter: '',
    severity: 2,
    category: 'sqli',
    tags: tagsFor('sqli', '1000/152/248/66'),
  },
};

/** Anomaly points per severity (tx.critical_anomaly_score = 5, error 4, warning 3, notice 2). */
const POINTS: Record<number, number> = { 2: 5, 3: 4, 4: 3, 5: 2 };

/** `Matched Data: X found within VAR: VALUE` -> the variable and its value. */
function variableOf(data: string): { variable: string; value: string } {
  const m = /found within ([A-Z_]+(?::[^:\s]+)?): (.*)$/s.exec(data);
  return m ? { variable: m[1]!, value: m[2]! } : { variable: 'REQUEST_URI', value: data };
}

function matchText(operator: string, parameter: string, variable: string, value: string): string {
  return `Matched "Operator \`${operator}' with parameter \`${parameter}' against variable \`${variable}' (Value: \`${value}' )`;
}

/**
 * The messages ModSecurity logs for one request: the rules that matched, then, when the request was
 * denied by anomaly score, 949110 and 980130 with the totals.
 */
export function crsMessages(verdict: {
  blocked: boolean;
  rules: ReadonlyArray<{ id: string; msg: string; file: string; data: string }>;
}): CrsMessage[] {
  const scores: Record<Category, number> = {
    sqli: 0,
    xss: 0,
    rfi: 0,
    lfi: 0,
    rce: 0,
    php: 0,
    http: 0,
    session: 0,
    other: 0,
  };
  let total = 0;
  let local = false;
  const out: CrsMessage[] = verdict.rules.map((r) => {
    const facts = RULES[r.id];
    const { variable, value } = variableOf(r.data);
    if (!facts) {
      // A local rule (the operator's own virtual patch): it denies by itself.
      local = true;
      return {
        ...r,
        severity: 2,
        match: matchText('Rx', '(?i)\\.php/[^?]*%0a', variable, value),
        lineNumber: 12,
        tags: ['local', 'virtual-patch'],
        disruptive: verdict.blocked,
      };
    }
    const points = POINTS[facts.severity] ?? 0;
    total += points;
    scores[facts.category] += points;
    return {
      ...r,
      severity: facts.severity,
      match: matchText(facts.operator, facts.parameter, variable, value),
      lineNumber: facts.line,
      tags: facts.tags,
      disruptive: false,
    };
  });
  if (!verdict.blocked || local || total < INBOUND_THRESHOLD) return out;
  out.push({
    id: '949110',
    msg: `Inbound Anomaly Score Exceeded (Total Score: ${total})`,
    file: 'REQUEST-949-BLOCKING-EVALUATION.conf',
    data: '',
    severity: 2,
    match: matchText('Ge', String(INBOUND_THRESHOLD), 'TX:ANOMALY_SCORE', String(total)),
    lineNumber: 81,
    tags: [...BASE_TAGS, 'attack-generic'],
    disruptive: true,
  });
  const levels = [1, 2, 3, 4].map((pl) => (pl === PARANOIA_LEVEL ? total : 0)).join(', ');
  out.push({
    id: '980130',
    msg: `Inbound Anomaly Score Exceeded (Total Inbound Score: ${total} - SQLI=${scores.sqli},XSS=${scores.xss},RFI=${scores.rfi},LFI=${scores.lfi},RCE=${scores.rce},PHPI=${scores.php},HTTP=${scores.http},SESS=${scores.session}): individual paranoia level scores: ${levels}`,
    file: 'RESPONSE-980-CORRELATION.conf',
    data: '',
    severity: 0,
    match: matchText('Ge', String(INBOUND_THRESHOLD), 'TX:INBOUND_ANOMALY_SCORE', String(total)),
    lineNumber: 87,
    tags: ['event-correlation'],
    disruptive: false,
  });
  return out;
}
