import { utcParts } from '../../model/index.js';
import { eveTime, modsecTime, nginxErrorTime } from '../clock.js';
import { CRS_VERSION } from './crs.js';

/*
 * Security-device formats: Suricata EVE JSON, ModSecurity v3 JSON audit records and the matching
 * nginx error line of the WAF. Key order follows the real products' output.
 */

export interface FlowEnds {
  flowId: number;
  src: string;
  sport: number;
  dst: string;
  dport: number;
  /** TCP unless said (DNS is UDP). */
  proto?: 'TCP' | 'UDP';
}

/** The shop's name as clients send it in TLS SNI and HTTP Host. */
export const SHOP_HOST = 'www.acme.example';

const base = (epochMs: number, micro: number, type: string, f: FlowEnds) =>
  `{"timestamp":"${eveTime(epochMs, micro)}","flow_id":${f.flowId},"in_iface":"eth1","event_type":"${type}","src_ip":"${f.src}","src_port":${f.sport},"dest_ip":"${f.dst}","dest_port":${f.dport},"proto":"${f.proto ?? 'TCP'}"`;

/**
 * Suricata's classification.config: each classtype's priority, which becomes the alert's severity
 * (1 highest). An alert's severity always follows its category here.
 */
export const CLASSTYPE_PRIORITY: Record<string, number> = {
  'Not Suspicious Traffic': 3,
  'Unknown Traffic': 3,
  'Attempted Information Leak': 2,
  'Information Leak': 2,
  'Large Scale Information Leak': 2,
  'Attempted Denial of Service': 2,
  'Denial of Service': 2,
  'Attempted User Privilege Gain': 1,
  'Unsuccessful User Privilege Gain': 1,
  'Successful User Privilege Gain': 1,
  'Attempted Administrator Privilege Gain': 1,
  'Successful Administrator Privilege Gain': 1,
  'Decode of an RPC Query': 2,
  'Executable code was detected': 1,
  'A suspicious string was detected': 3,
  'A suspicious filename was detected': 2,
  'An attempted login using a suspicious username was detected': 2,
  'A system call was detected': 2,
  'A TCP connection was detected': 4,
  'A Network Trojan was detected': 1,
  'A client was using an unusual port': 2,
  'Detection of a Network Scan': 3,
  'Detection of a Denial of Service Attack': 2,
  'Detection of a non-standard protocol or event': 2,
  'Generic Protocol Command Decode': 3,
  'access to a potentially vulnerable web application': 2,
  'Web Application Attack': 1,
  'Misc activity': 3,
  'Misc Attack': 2,
  'Generic ICMP event': 3,
  'Inappropriate Content was Detected': 1,
  'Potential Corporate Privacy Violation': 1,
  'Attempt to login by a default username and password': 2,
  'Targeted Malicious Activity was Detected': 1,
  'Exploit Kit Activity Detected': 1,
  'Device Retrieving External IP Address Detected': 2,
  'Domain Observed Used for C2 Detected': 1,
  'Possibly Unwanted Program Detected': 2,
  'Successful Credential Theft Detected': 1,
  'Possible Social Engineering Attempted': 2,
  'Crypto Currency Mining Activity Detected': 2,
  'Malware Command and Control Activity Detected': 1,
  'Potentially Bad Traffic': 2,
};

/** What the IPS reads of one plain-HTTP transaction. */
export interface EveHttpFacts {
  method: string;
  path: string;
  status: number;
  bytes: number;
  ua: string;
  referer: string;
  hostname?: string;
}

export function eveHttp(
  epochMs: number,
  micro: number,
  f: FlowEnds,
  txId: number,
  http: EveHttpFacts,
): string {
  const referer = http.referer === '-' ? '' : `,"http_refer":${JSON.stringify(http.referer)}`;
  return `${base(epochMs, micro, 'http', f)},"tx_id":${txId},"http":{"hostname":${JSON.stringify(http.hostname ?? SHOP_HOST)},"url":${JSON.stringify(http.path)},"http_user_agent":${JSON.stringify(http.ua)}${referer},"http_method":"${http.method}","protocol":"HTTP/1.1","status":${http.status},"length":${http.bytes}}}`;
}

/** What Suricata sees of a TLS handshake: the SNI and the version (TLS 1.3 hides the certificate). */
export interface TlsFacts {
  sni: string;
  version?: 'TLS 1.2' | 'TLS 1.3';
}

const tlsObject = (tls: TlsFacts) =>
  `{"sni":${JSON.stringify(tls.sni)},"version":"${tls.version ?? 'TLS 1.3'}"}`;

/** The `tls` event of a handshake the IPS saw pass (it cannot read the requests inside). */
export function eveTls(epochMs: number, micro: number, f: FlowEnds, tls: TlsFacts): string {
  return `${base(epochMs, micro, 'tls', f)},"tls":${tlsObject(tls)}}`;
}

export function eveAlert(
  epochMs: number,
  micro: number,
  f: FlowEnds,
  alert: Parameters<typeof alertObject>[0],
  http?: { method: string; path: string; ua: string; hostname?: string },
  /** The flow is TLS: the alert carries the handshake's metadata, never a URL. */
  tls?: TlsFacts,
): string {
  const h = http
    ? `,"http":{"hostname":${JSON.stringify(http.hostname ?? SHOP_HOST)},"url":${JSON.stringify(http.path)},"http_user_agent":${JSON.stringify(http.ua)},"http_method":"${http.method}","protocol":"HTTP/1.1"}`
    : tls
      ? `,"tls":${tlsObject(tls)}`
      : '';
  const app = http ? 'http' : tls ? 'tls' : f.proto === 'UDP' ? 'dns' : 'failed';
  return `${base(epochMs, micro, 'alert', f)},"alert":${alertObject(alert)},"app_proto":"${app}"${h}}`;
}

/** An alert's own object (`action` ... `severity`), alike in every EVE version the drills write. */
export function alertObject(alert: {
  sid: number;
  signature: string;
  category: string;
  severity: number;
  action?: 'allowed' | 'blocked';
  rev?: number;
}): string {
  // The severity is the classtype's priority (classification.config), unless the category is not
  // a standard one.
  const severity = CLASSTYPE_PRIORITY[alert.category] ?? alert.severity;
  return `{"action":"${alert.action ?? 'allowed'}","gid":1,"signature_id":${alert.sid},"rev":${alert.rev ?? 1 + (alert.sid % 7)},"signature":${JSON.stringify(alert.signature)},"category":${JSON.stringify(alert.category)},"severity":${severity}}`;
}

/** One DNS query or its answer (Suricata's `dns` v2 records). */
export interface DnsFacts {
  type: 'query' | 'answer';
  /** The DNS transaction id (16 bits). */
  id: number;
  rrname: string;
  rrtype: string;
  rcode?: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';
  answers?: Array<{ rrtype: string; ttl: number; rdata: string }>;
}

export function eveDns(epochMs: number, micro: number, f: FlowEnds, dns: DnsFacts): string {
  const udp = { ...f, proto: f.proto ?? ('UDP' as const) };
  if (dns.type === 'query')
    return `${base(epochMs, micro, 'dns', udp)},"dns":{"type":"query","id":${dns.id},"rrname":${JSON.stringify(dns.rrname)},"rrtype":"${dns.rrtype}","tx_id":0}}`;
  const answers = dns.answers ?? [];
  const rcode = dns.rcode ?? 'NOERROR';
  const list = answers.length
    ? `,"answers":[${answers.map((a) => `{"rrname":${JSON.stringify(dns.rrname)},"rrtype":"${a.rrtype}","ttl":${a.ttl},"rdata":${JSON.stringify(a.rdata)}}`).join(',')}]`
    : '';
  const grouped = new Map<string, string[]>();
  for (const a of answers) grouped.set(a.rrtype, [...(grouped.get(a.rrtype) ?? []), a.rdata]);
  const group = answers.length
    ? `,"grouped":{${[...grouped].map(([t, v]) => `"${t}":${JSON.stringify(v)}`).join(',')}}`
    : '';
  const flags = rcode === 'NOERROR' ? '8180' : rcode === 'NXDOMAIN' ? '8183' : '8182';
  return `${base(epochMs, micro, 'dns', udp)},"dns":{"version":2,"type":"answer","id":${dns.id},"flags":"${flags}","qr":true,"rd":true,"ra":true,"rrname":${JSON.stringify(dns.rrname)},"rrtype":"${dns.rrtype}","rcode":"${rcode}"${list}${group}}}`;
}

/** A file the IPS saw cross a plain HTTP flow (Suricata `fileinfo`, file not stored). */
export function eveFileinfo(
  epochMs: number,
  micro: number,
  f: FlowEnds,
  http: { method: string; path: string; ua: string; status: number; hostname: string },
  file: { filename: string; size: number; magic?: string; txId?: number },
): string {
  const magic = file.magic ? `,"magic":${JSON.stringify(file.magic)}` : '';
  return `${base(epochMs, micro, 'fileinfo', f)},"http":{"hostname":${JSON.stringify(http.hostname)},"url":${JSON.stringify(http.path)},"http_user_agent":${JSON.stringify(http.ua)},"http_method":"${http.method}","protocol":"HTTP/1.1","status":${http.status},"length":${file.size}},"app_proto":"http","fileinfo":{"filename":${JSON.stringify(file.filename)}${magic},"gaps":false,"state":"CLOSED","stored":false,"size":${file.size},"tx_id":${file.txId ?? 0}}}`;
}

export function eveFlow(
  epochMs: number,
  micro: number,
  f: FlowEnds,
  flow: {
    pktsToServer: number;
    pktsToClient: number;
    bytesToServer: number;
    bytesToClient: number;
    startMs: number;
    alerted: boolean;
    appProto: string;
    state: 'closed' | 'established' | 'new';
  },
): string {
  const tcp =
    (f.proto ?? 'TCP') === 'TCP'
      ? `,"tcp":{"tcp_flags":"1b","tcp_flags_ts":"1b","tcp_flags_tc":"1b","syn":true,"fin":true,"psh":true,"ack":true,"state":"closed"}`
      : '';
  const reason = flow.state === 'closed' ? 'timeout' : 'shutdown';
  return `${base(epochMs, micro, 'flow', f)},"app_proto":"${flow.appProto}","flow":{"pkts_toserver":${flow.pktsToServer},"pkts_toclient":${flow.pktsToClient},"bytes_toserver":${flow.bytesToServer},"bytes_toclient":${flow.bytesToClient},"start":"${eveTime(flow.startMs, (flow.startMs * 997) % 1000)}","end":"${eveTime(epochMs - 1, micro)}","age":${Math.max(0, Math.round((epochMs - flow.startMs) / 1000))},"state":"${flow.state}","reason":"${reason}","alerted":${flow.alerted}}${tcp}}`;
}

export interface ModsecMessage {
  id: string;
  msg: string;
  file: string;
  data: string;
  severity: number;
  /** From the rule set (formats/crs.ts); defaults describe a plain Rx match on the URI. */
  match?: string;
  lineNumber?: number;
  tags?: string[];
}

const CRS_DIR = '/etc/nginx/modsec/coreruleset/rules';
/** Where the connector's nginx listens: TLS from the internet ends here. */
export const WAF_PORT = 443;

const matchOf = (m: ModsecMessage) =>
  m.match ??
  "Matched \"Operator `Rx' with parameter `' against variable `REQUEST_URI' (Value: `' )";

/** ModSecurity v3's unique_id: epoch seconds and two digits, a dot, six digits. */
export function modsecUniqueId(epochMs: number, key: number): string {
  return `${Math.floor(epochMs / 1000)}${String(10 + (key % 90))}.${String(Math.floor(key / 90) % 1_000_000).padStart(6, '0')}`;
}

export function modsecAudit(
  epochMs: number,
  tx: {
    client: string;
    port: number;
    serverIp: string;
    uniqueId: string;
    method: string;
    path: string;
    ua: string;
    status: number;
    messages: ModsecMessage[];
  },
): string {
  const record = {
    transaction: {
      client_ip: tx.client,
      time_stamp: modsecTime(epochMs),
      server_id: 'a3f1c0de5b0e4c7f9b2d8e6a1c3b5d7f9e0a2c4b',
      client_port: tx.port,
      host_ip: tx.serverIp,
      host_port: WAF_PORT,
      unique_id: tx.uniqueId,
      request: {
        method: tx.method,
        http_version: 1.1,
        uri: tx.path,
        headers: { Host: SHOP_HOST, 'User-Agent': tx.ua, Accept: '*/*' },
      },
      response: {
        http_code: tx.status,
        headers: {
          Server: 'nginx',
          Date: httpDate(epochMs),
          'Content-Type': 'text/html',
          Connection: 'keep-alive',
        },
      },
      producer: {
        modsecurity: 'ModSecurity v3.0.8 (Linux)',
        connector: 'ModSecurity-nginx v1.0.3',
        secrules_engine: 'Enabled',
        // The stray quote is ModSecurity's own (SecComponentSignature keeps the closing quote).
        components: [`${CRS_VERSION}"`],
      },
      messages: tx.messages.map((m) => ({
        message: m.msg,
        details: {
          match: matchOf(m),
          reference: `o0,${Math.min(m.data.length, 20)}v4,${tx.path.length}`,
          ruleId: m.id,
          file: `${CRS_DIR}/${m.file}`,
          lineNumber: String(m.lineNumber ?? 1),
          data: m.data,
          severity: String(m.severity),
          ver: m.id.length === 6 ? CRS_VERSION : '',
          rev: '',
          tags: m.tags ?? ['application-multi', 'language-multi', 'platform-multi', 'OWASP_CRS'],
          maturity: '0',
          accuracy: '0',
        },
      })),
    },
  };
  return JSON.stringify(record);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const two = (n: number) => String(n).padStart(2, '0');
/** `Thu, 12 Mar 2026 22:40:03 GMT` (HTTP Date header). */
function httpDate(epochMs: number): string {
  const d = utcParts(epochMs);
  return `${WEEKDAYS[d.weekday]}, ${two(d.day)} ${MONTH_NAMES[d.month]} ${d.year} ${two(d.hour)}:${two(d.minute)}:${two(d.second)} GMT`;
}

/** The nginx error line the ModSecurity connector writes for a rule match (denied or warning). */
export function modsecErrorLine(
  epochMs: number,
  pid: number,
  connection: number,
  m: ModsecMessage,
  tx: { client: string; method: string; path: string; uniqueId: string; serverIp: string },
  denied: boolean,
): string {
  const head = denied
    ? 'ModSecurity: Access denied with code 403 (phase 2).'
    : 'ModSecurity: Warning.';
  const tags = (m.tags ?? []).map((t) => ` [tag "${t}"]`).join('');
  return `${nginxErrorTime(epochMs)} [${denied ? 'error' : 'warn'}] ${pid}#${pid}: *${connection} [client ${tx.client}] ${head} ${matchOf(m)} [file "${CRS_DIR}/${m.file}"] [line "${m.lineNumber ?? 1}"] [id "${m.id}"] [rev ""] [msg "${m.msg}"] [data "${m.data.replace(/"/g, "'")}"] [severity "${m.severity}"] [ver "${m.id.length === 6 ? CRS_VERSION : ''}"] [maturity "0"] [accuracy "0"]${tags} [hostname "${tx.serverIp}"] [uri "${tx.path}"] [unique_id "${tx.uniqueId}"] [ref ""], client: ${tx.client}, server: ${SHOP_HOST}, request: "${tx.method} ${tx.path} HTTP/1.1", host: "${SHOP_HOST}"`;
}
