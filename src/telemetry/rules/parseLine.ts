import type { LogSource } from '../../model/index.js';

/** The fields the simulated SIEM extracts from one raw line (its parsers, like a real SIEM's). */
export type Fields = Record<string, string | number | boolean>;

const NGINX = /^(\S+) \S+ \S+ \[[^\]]+\] "(\S+) (\S+)[^"]*" (\d{3}) (\d+) "([^"]*)" "([^"]*)"/;
const SYSLOG_FILE = /^\w{3} [ \d]\d \d\d:\d\d:\d\d (\S+) ([^\s[:]+)(?:\[(\d+)\])?: (.*)$/;
const RFC5424 =
  /^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\])+)(?: (.*))?$/;
const HAPROXY =
  /^([\d.]+):\d+ \[[^\]]+\] \S+ [^/\s]+\/(\S+) \S+ (\d{3}) .*? \{([^}]*)\} "(\S+) (\S+)/;
const AUDIT = /^type=(\w+) msg=audit\(([\d.]+):(\d+)\): (.*)$/;
const KV = /(\w+)=("(?:[^"]*)"|'[^']*'|\S+)/g;
// BIND 9.11+ (`client @0x... ip#port (name): query:`) and older servers (`client ip#port: query:`).
const BIND_QUERY =
  /^\S+ \S+ queries: info: client (?:@0x[0-9a-f]+ )?([\d.]+)#\d+(?: \([^)]*\))?: query: (\S+) IN (\S+) \S+ \(([\d.]+)\)$/;
const MYSQL = /^(\S+)\t\s*(\d+) (\w+(?: \w+)?)\t(.*)$/;

/** A value without one leading and one trailing quote, as `replace(/^["']|["']$/g, '')` gives. */
function unquoted(value: string): string {
  const q = (i: number) => value.charCodeAt(i) === 34 || value.charCodeAt(i) === 39;
  const start = q(0) ? 1 : 0;
  const end = value.length > start && q(value.length - 1) ? value.length - 1 : value.length;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

function kv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  // A regular-expression replace per value cost more than the match (auditd and netfilter lines
  // hold twenty pairs each).
  for (const m of text.matchAll(KV)) out[m[1]!] = unquoted(m[2]!);
  return out;
}

/** auditd's hex-encoded arguments back to text (what `ausearch -i` shows). */
function auditValue(raw: string): string {
  if (raw.startsWith('"')) return raw.slice(1, -1);
  if (/^[0-9A-F]+$/.test(raw) && raw.length % 2 === 0) {
    const bytes = new Uint8Array(raw.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(raw.slice(i * 2, i * 2 + 2), 16);
    return new TextDecoder().decode(bytes);
  }
  return raw;
}

function json(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function parseLine(source: LogSource, text: string): Fields | undefined {
  switch (source) {
    case 'nginx-access':
    case 'kong-access':
    case 'kong-admin':
    case 'wso2-access': {
      const m = NGINX.exec(text);
      if (!m) return undefined;
      return {
        src_ip: m[1]!,
        method: m[2]!,
        path: m[3]!,
        status: Number(m[4]),
        bytes: Number(m[5]),
        referer: m[6]!,
        user_agent: m[7]!,
      };
    }
    case 'nginx-error': {
      const m = /^\S+ \S+ \[(\w+)\]/.exec(text);
      if (!m) return undefined;
      const client = /client:? ([\d.]+)/.exec(text);
      const request = /request: "([^"]*)"/.exec(text);
      return {
        level: m[1]!,
        text,
        ...(client ? { src_ip: client[1]! } : {}),
        ...(request ? { request: request[1]! } : {}),
      };
    }
    case 'php-fpm': {
      const m = /^\[[^\]]+\] (\w+): (.*)$/.exec(text);
      return m ? { level: m[1]!, text: m[2]! } : undefined;
    }
    case 'modsec-audit': {
      if (text.startsWith('--')) return nativeAuditRecord(text);
      const tx = json(text)?.transaction as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (!tx) return undefined;
      return {
        src_ip: String(tx.client_ip),
        method: String(tx.request?.method),
        path: String(tx.request?.uri),
        status: Number(tx.response?.http_code),
        rule_ids: ((tx.messages ?? []) as Array<{ details?: { ruleId?: string } }>)
          .map((m) => m.details?.ruleId)
          .join(','),
        unique_id: String(tx.unique_id),
      };
    }
    case 'eve': {
      const e = json(text) as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (!e) return undefined;
      const f: Fields = {
        event_type: String(e.event_type),
        src_ip: String(e.src_ip),
        dest_ip: String(e.dest_ip),
        dest_port: Number(e.dest_port),
      };
      if (e.alert)
        Object.assign(f, {
          signature: String(e.alert.signature),
          signature_id: Number(e.alert.signature_id),
        });
      if (e.http)
        Object.assign(f, {
          path: String(e.http.url),
          user_agent: String(e.http.http_user_agent ?? ''),
        });
      if (e.flow)
        Object.assign(f, {
          bytes_toserver: Number(e.flow.bytes_toserver),
          bytes_toclient: Number(e.flow.bytes_toclient),
        });
      return f;
    }
    case 'firewall': {
      const m = RFC5424.exec(text);
      if (!m) return undefined;
      const p = kv(m[8] ?? '');
      return {
        action: m[6]!.toLowerCase(),
        src_ip: p.SRC ?? '',
        dest_ip: p.DST ?? '',
        dest_port: Number(p.DPT ?? 0),
        proto: p.PROTO ?? '',
      };
    }
    case 'haproxy': {
      const body = SYSLOG_FILE.exec(text)?.[4];
      const m = body ? HAPROXY.exec(body) : null;
      if (!m) return body ? { server: '', text: body } : undefined;
      return {
        src_ip: m[1]!,
        server: m[2]!,
        status: Number(m[3]),
        request_id: m[4]!,
        method: m[5]!,
        path: m[6]!,
      };
    }
    case 'auth': {
      const m = SYSLOG_FILE.exec(text);
      if (!m) return undefined;
      const program = m[2]!;
      const msg = m[4]!;
      const accepted = /^Accepted (\S+) for (\S+) from (\S+) port/.exec(msg);
      if (accepted) return { program, event: 'accepted', user: accepted[2]!, src_ip: accepted[3]! };
      const failed = /^Failed (\S+) for (?:invalid user )?(\S+) from (\S+)/.exec(msg);
      if (failed) return { program, event: 'failed', user: failed[2]!, src_ip: failed[3]! };
      const sudo = /^\s*(\S+) : TTY=(\S+) ; PWD=\S+ ; USER=(\S+) ; COMMAND=(.*)$/.exec(msg);
      if (program === 'sudo' && sudo)
        return {
          program,
          event: 'sudo',
          user: sudo[1]!,
          tty: sudo[2]!,
          run_as: sudo[3]!,
          command: sudo[4]!,
        };
      const session = /session (opened|closed) for user (\S+)/.exec(msg);
      if (session) return { program, event: `session-${session[1]}`, user: session[2]! };
      return { program, event: 'other' };
    }
    case 'auditd': {
      const m = AUDIT.exec(text);
      if (!m) return undefined;
      const p = kv(m[4]!);
      const f: Fields = { type: m[1]!, event_id: `${m[2]}:${m[3]}` };
      for (const key of ['uid', 'auid', 'tty', 'comm', 'exe', 'key'] as const)
        if (p[key] !== undefined) f[key] = p[key]!;
      if (m[1] === 'EXECVE') {
        const argc = Number(p.argc ?? 0);
        const raw = [...m[4]!.matchAll(/a(\d+)=("[^"]*"|\S+)/g)].slice(0, argc);
        f.command = raw.map((a) => auditValue(a[2]!)).join(' ');
      }
      return f;
    }
    case 'slapd': {
      const body = SYSLOG_FILE.exec(text)?.[4];
      if (!body) return undefined;
      const conn = /conn=(\d+)/.exec(body)?.[1];
      const op = /op=(\d+)/.exec(body)?.[1];
      const dn = /dn="([^"]*)"/.exec(body)?.[1];
      const ip = /from IP=([\d.]+)/.exec(body)?.[1];
      return {
        text: body,
        ...(conn ? { conn: Number(conn) } : {}),
        ...(op ? { op: Number(op) } : {}),
        ...(dn !== undefined ? { dn } : {}),
        ...(ip ? { src_ip: ip } : {}),
      };
    }
    case 'dns-query': {
      const m = BIND_QUERY.exec(text);
      return m ? { src_ip: m[1]!, query: m[2]!, qtype: m[3]!, dest_ip: m[4]! } : undefined;
    }
    case 'syslog': {
      const m = SYSLOG_FILE.exec(text);
      if (!m) return undefined;
      const program = m[2]!;
      const msg = m[4]!;
      const f: Fields = { program, text: msg };
      if (program === 'drupal') {
        // base_url|timestamp|type|ip|request_uri|referer|uid|link|message
        const parts = msg.split('|');
        const who = /^(?:Session opened for|Login attempt failed for) (.+)\.$/.exec(parts[8] ?? '');
        if (parts[3]) f.src_ip = parts[3];
        if (who) {
          f.user = who[1]!;
          f.event = parts[8]!.startsWith('Session') ? 'login' : 'login-failed';
        }
      } else {
        const kv = /^(login(?: failed)?) user=(\S+) ip=(\S+)/.exec(msg);
        if (kv)
          Object.assign(f, {
            event: kv[1] === 'login' ? 'login' : 'login-failed',
            user: kv[2]!,
            src_ip: kv[3]!,
          });
        if (program === 'deploy') {
          f.event = 'deploy';
          const actor = /actor=(\S+)/.exec(msg)?.[1];
          if (actor) f.user = actor;
        }
      }
      return f;
    }
    case 'mysql-general': {
      const m = MYSQL.exec(text);
      return m ? { thread: Number(m[2]), command: m[3]!, argument: m[4]! } : undefined;
    }
    case 'siem-alerts': {
      const a = json(text) as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
      return a ? { rule_id: String(a.rule?.id), severity: String(a.rule?.level) } : undefined;
    }
  }
}

/**
 * A ModSecurity 2 native (Serial) audit record, sections `--boundary-X--`: A has the unique id and
 * the client, B the request line, F the status, H one `Message:` line per rule.
 */
function nativeAuditRecord(text: string): Fields | undefined {
  const a = /^--\w+-A--\n\[[^\]]+\] (\S+) ([\d.]+) \d+ /.exec(text);
  const b = /\n--\w+-B--\n(\S+) (\S+) /.exec(text);
  const f = /\n--\w+-F--\n\S+ (\d{3})/.exec(text);
  if (!a || !b) return undefined;
  return {
    src_ip: a[2]!,
    method: b[1]!,
    path: b[2]!,
    status: f ? Number(f[1]) : 0,
    rule_ids: [...text.matchAll(/^Message: .*?\[id "(\d+)"\]/gm)].map((m) => m[1]!).join(','),
    unique_id: a[1]!,
  };
}
