import type { WafVerdict } from './http.js';

/*
 * What the security devices recognise in traffic, by content, as the real products do: a few
 * OWASP CRS rules on the WAF and Suricata signatures on the IDS. The evidence says what was
 * sent; these tables decide what the devices make of it (never the ATT&CK technique).
 */

interface CrsRule {
  id: string;
  msg: string;
  file: string;
  /** What in the request it matched, for the `Matched Data` text. */
  test: (r: { path: string; ua: string }) => string | undefined;
  score: number;
}

const found = (re: RegExp, s: string) => re.exec(s)?.[0];

const CRS: CrsRule[] = [
  {
    id: '913100',
    msg: 'Found User-Agent associated with security scanner',
    file: 'REQUEST-913-SCANNER-DETECTION.conf',
    score: 5,
    test: (r) => {
      const m = found(/nikto|sqlmap|nmap|masscan|wpscan|dirbuster/i, r.ua);
      return (
        m && `${m.toLowerCase()} found within REQUEST_HEADERS:User-Agent: ${r.ua.toLowerCase()}`
      );
    },
  },
  {
    id: '921151',
    msg: 'HTTP Header Injection Attack via payload (CR/LF detected)',
    file: 'REQUEST-921-PROTOCOL-ATTACK.conf',
    score: 3,
    test: (r) => {
      const file = r.path.split('?')[0]!;
      return /%0a|%0d/i.test(file)
        ? `\\x0a found within REQUEST_FILENAME: ${decodeURIComponent(file).replace(/\n/g, '\\x0a')}`
        : undefined;
    },
  },
  {
    id: '932150',
    msg: 'Remote Command Execution: Direct Unix Command Execution',
    file: 'REQUEST-932-APPLICATION-ATTACK-RCE.conf',
    score: 5,
    test: (r) => {
      const query = decodeURIComponent((r.path.split('?')[1] ?? '').replace(/\+/g, ' '));
      const m = found(/\/bin\/(ba|da)?sh|\b(wget|curl) https?:/, query);
      return m && `${m} found within ARGS: ${query.slice(0, 120)}`;
    },
  },
  {
    id: '942100',
    msg: 'SQL Injection Attack Detected via libinjection',
    file: 'REQUEST-942-APPLICATION-ATTACK-SQLI.conf',
    score: 5,
    test: (r) => {
      const query = decodeURIComponent((r.path.split('?')[1] ?? '').replace(/\+/g, ' '));
      const m = found(
        /('|%27)\s*(or|and|union)\s|union\s+select|;\s*(insert|update|drop)\s/i,
        query,
      );
      return (
        m &&
        `detected SQLi using libinjection with fingerprint 's&sos' in ARGS: ${query.slice(0, 120)}`
      );
    },
  },
];

/** The scenario's own WAF rule, as a local rule file would carry it. */
const localRule = (rule: string) => ({
  id: '1000100',
  msg: `Local rule ${rule}`,
  file: 'LOCAL-RULES.conf',
  data: `Matched Data: rule ${rule} matched REQUEST_URI`,
});

/**
 * The WAF's verdict on a request: the CRS rules it matches (recorded, as the drills' WAF1 runs the
 * CRS for detection) and, when `block` says the scenario's enabled rule or a block of the address
 * stops it, a 403 from the local rule first. Undefined when nothing matched and nothing blocks (no
 * audit record). The messages' ModSecurity details (949110, 980130, match text, line numbers) are
 * formats/crs.ts's.
 */
export function wafVerdict(
  request: { path: string; ua: string },
  block: { rule?: string; blocked: boolean },
): WafVerdict | undefined {
  const rules = CRS.flatMap((rule) => {
    const data = rule.test(request);
    return data ? [{ rule, data }] : [];
  });
  const out = rules.map((m) => ({
    id: m.rule.id,
    msg: m.rule.msg,
    file: m.rule.file,
    data: `Matched Data: ${m.data}`,
  }));
  if (block.blocked) out.unshift(localRule(block.rule ?? 'blocklist'));
  if (!out.length) return undefined;
  return {
    score: rules.reduce((sum, m) => sum + m.rule.score, 0),
    blocked: block.blocked,
    rules: out,
  };
}

export interface IdsSignature {
  sid: number;
  signature: string;
  category: string;
  severity: number;
}

/** Suricata signatures on a request (the first that matches). */
export function httpSignature(request: { path: string; ua: string }): IdsSignature | undefined {
  if (/nikto/i.test(request.ua))
    return {
      sid: 2002677,
      signature: 'ET SCAN Nikto Web App Scan in Progress',
      category: 'Web Application Attack',
      severity: 2,
    };
  if (/\.php\/[^?]*%0a/i.test(request.path))
    return {
      sid: 9100001,
      signature: 'LOCAL WEB_SERVER PHP-FPM path_info newline exploit attempt (CVE-2019-11043)',
      category: 'Attempted Administrator Privilege Gain',
      severity: 1,
    };
  if (/(%2F|\/)bin(%2F|\/)(ba|da)?sh/i.test(request.path.split('?')[1] ?? ''))
    return {
      sid: 2019284,
      signature: 'ET WEB_SERVER Possible Command Injection (bin/sh)',
      category: 'Web Application Attack',
      severity: 1,
    };
  return undefined;
}

/** Ports a reverse shell or a bind shell typically uses. */
const SHELL_PORTS = new Set([4444, 1337, 31337, 5555, 9001]);
/** An outbound transfer at least this large trips the data-loss policy signature. */
const LARGE_TRANSFER = 100 * 1024 * 1024;

/** Suricata policy signatures on an outbound connection from an internal host. */
export function outboundSignature(c: { port: number; bytes: number }): IdsSignature | undefined {
  if (SHELL_PORTS.has(c.port))
    return {
      sid: 9100010,
      signature: `LOCAL POLICY Reverse shell outbound to port ${c.port}`,
      category: 'Potentially Bad Traffic',
      severity: 1,
    };
  if (c.bytes >= LARGE_TRANSFER)
    return {
      sid: 9100020,
      signature: 'LOCAL POLICY Large outbound transfer from a DMZ web server',
      category: 'Potential Corporate Privacy Violation',
      severity: 1,
    };
  return undefined;
}

/** Suricata on DNS: long random-looking labels or TXT floods look like tunnelling. */
export function dnsSignature(q: { name: string; type: string }): IdsSignature | undefined {
  const longest = Math.max(...q.name.split('.').map((l) => l.length));
  if (q.type === 'TXT' && longest >= 20)
    return {
      sid: 9100030,
      signature: 'LOCAL POLICY Possible DNS tunnelling (long TXT query label)',
      category: 'Potentially Bad Traffic',
      severity: 2,
    };
  return undefined;
}
