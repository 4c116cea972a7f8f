import { eveTime, modsecTime, nginxErrorTime } from '../clock.js';

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
}

const base = (epochMs: number, micro: number, type: string, f: FlowEnds) =>
  `{"timestamp":"${eveTime(epochMs, micro)}","flow_id":${f.flowId},"in_iface":"eth1","event_type":"${type}","src_ip":"${f.src}","src_port":${f.sport},"dest_ip":"${f.dst}","dest_port":${f.dport},"proto":"TCP"`;

export function eveHttp(
  epochMs: number,
  micro: number,
  f: FlowEnds,
  txId: number,
  http: {
    method: string;
    path: string;
    status: number;
    bytes: number;
    ua: string;
    referer: string;
  },
): string {
  const referer = http.referer === '-' ? '' : `,"http_refer":${JSON.stringify(http.referer)}`;
  return `${base(epochMs, micro, 'http', f)},"tx_id":${txId},"http":{"hostname":"www.acme.example","url":${JSON.stringify(http.path)},"http_user_agent":${JSON.stringify(http.ua)}${referer},"http_method":"${http.method}","protocol":"HTTP/1.1","status":${http.status},"length":${http.bytes}}}`;
}

export function eveAlert(
  epochMs: number,
  micro: number,
  f: FlowEnds,
  alert: {
    sid: number;
    signature: string;
    category: string;
    severity: number;
    action?: 'allowed' | 'blocked';
  },
  http?: { method: string; path: string; ua: string },
): string {
  const h = http
    ? `,"http":{"hostname":"www.acme.example","url":${JSON.stringify(http.path)},"http_user_agent":${JSON.stringify(http.ua)},"http_method":"${http.method}","protocol":"HTTP/1.1"}`
    : '';
  return `${base(epochMs, micro, 'alert', f)},"alert":{"action":"${alert.action ?? 'allowed'}","gid":1,"signature_id":${alert.sid},"rev":1,"signature":${JSON.stringify(alert.signature)},"category":${JSON.stringify(alert.category)},"severity":${alert.severity}},"app_proto":"${http ? 'http' : 'failed'}"${h}}`;
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
  return `${base(epochMs, micro, 'flow', f)},"app_proto":"${flow.appProto}","flow":{"pkts_toserver":${flow.pktsToServer},"pkts_toclient":${flow.pktsToClient},"bytes_toserver":${flow.bytesToServer},"bytes_toclient":${flow.bytesToClient},"start":"${eveTime(flow.startMs, 0)}","end":"${eveTime(epochMs, micro)}","age":${Math.max(0, Math.round((epochMs - flow.startMs) / 1000))},"state":"${flow.state}","reason":"timeout","alerted":${flow.alerted}},"tcp":{"tcp_flags":"1b","syn":true,"fin":true,"psh":true,"ack":true,"state":"closed"}}`;
}

export interface ModsecMessage {
  id: string;
  msg: string;
  file: string;
  data: string;
  severity: number;
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
      host_port: 80,
      unique_id: tx.uniqueId,
      request: {
        method: tx.method,
        http_version: 1.1,
        uri: tx.path,
        headers: { Host: 'www.acme.example', 'User-Agent': tx.ua, Accept: '*/*' },
      },
      response: { http_code: tx.status, headers: { Server: 'nginx', 'Content-Type': 'text/html' } },
      producer: {
        modsecurity: 'ModSecurity v3.0.8 (Linux)',
        connector: 'ModSecurity-nginx v1.0.3',
        secrules_engine: 'Enabled',
        components: ['OWASP_CRS/3.3.2"'],
      },
      messages: tx.messages.map((m) => ({
        message: m.msg,
        details: {
          match: `Matched "Operator \`Rx' against variable \`REQUEST_URI'"`,
          reference: 'o0,5v4,20',
          ruleId: m.id,
          file: `/etc/nginx/modsec/coreruleset/rules/${m.file}`,
          lineNumber: '0',
          data: m.data,
          severity: String(m.severity),
          ver: 'OWASP_CRS/3.3.2',
          rev: '',
          tags: ['application-multi', 'language-multi', 'platform-multi', 'OWASP_CRS'],
          maturity: '0',
          accuracy: '0',
        },
      })),
    },
  };
  return JSON.stringify(record);
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
  return `${nginxErrorTime(epochMs)} [${denied ? 'error' : 'warn'}] ${pid}#0: *${connection} [client ${tx.client}] ${head} Matched "Operator \`Rx' with parameter against variable \`REQUEST_URI'" [file "/etc/nginx/modsec/coreruleset/rules/${m.file}"] [line "0"] [id "${m.id}"] [rev ""] [msg "${m.msg}"] [data "${m.data.replace(/"/g, "'")}"] [severity "${m.severity}"] [ver "OWASP_CRS/3.3.2"] [maturity "0"] [accuracy "0"] [hostname "${tx.serverIp}"] [uri "${tx.path}"] [unique_id "${tx.uniqueId}"] [ref ""], client: ${tx.client}, server: www.acme.example, request: "${tx.method} ${tx.path} HTTP/1.1", host: "www.acme.example"`;
}
