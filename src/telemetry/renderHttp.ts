import { nginxCombined, nginxError, phpFpm, haproxyLine } from './formats/web.js';
import {
  eveAlert,
  eveFlow,
  eveHttp,
  eveTls,
  SHOP_HOST,
  WAF_PORT,
  modsecAudit,
  modsecErrorLine,
} from './formats/security.js';
import { crsMessages } from './formats/crs.js';
import {
  crs2Version,
  modsec2AuditRecord,
  modsec2ErrorLines,
  modsec2UniqueId,
  modsec2Version,
  wafProduct,
  type Crs2Transaction,
} from './products/modsec2.js';
import { eve2Alert, eve2Http, eve2Tls, runsSuricata2 } from './products/suricata2.js';
import { eveConn } from './eveConn.js';
import { firewallLine } from './formats/host.js';
import type { HttpConn, HttpRequest } from './http.js';
import { connectionNumber, modsecId, pidFor, requestId } from './ids.js';
import type { Entry } from './entry.js';
import type { StreamSpec } from './topology.js';
import type { World } from './world.js';

/**
 * The lines one stream writes for a set of connections, restricted to requests whose time is in
 * [from, to). The same connection renders in FW1, IPS1, WAF1, the LB and the front end with the
 * same client address and port, the same flow id and request ids.
 */
export function renderHttp(
  world: World,
  spec: StreamSpec,
  conns: readonly HttpConn[],
  from: number,
  to: number,
  out: Entry[],
): void {
  // A line's time can trail its request's (upstream time): render requests a little before the
  // window, then keep lines by their own time, so slicing a window never changes its lines.
  const lines: Entry[] = [];
  renderRequests(world, spec, conns, from - LATEST_LINE_MS, to, lines);
  for (const line of lines) if (line.t >= from && line.t < to) out.push(line);
}

/** The longest a line of a request may come after the request itself (ms). */
export const LATEST_LINE_MS = 2_000;

/** Where the load balancers see clients from: the WAF, or without one the edge firewall. */
export function wafAddress(world: World): string {
  return (
    (world.topology.oneWithRole('waf') ?? world.topology.oneWithRole('edge-firewall'))?.ip ?? ''
  );
}

function renderRequests(
  world: World,
  spec: StreamSpec,
  conns: readonly HttpConn[],
  from: number,
  to: number,
  out: Entry[],
): void {
  const e0 = world.epoch0;
  const host = world.topology.host(spec.component)!;
  // Without a WAF the load balancers see the edge firewall's translated traffic.
  const wafIp = wafAddress(world);
  const inRange = (t: number) => t >= from && t < to;

  switch (spec.source) {
    case 'nginx-access': {
      if (host.kind !== 'web-server') return;
      const fe = world.frontEnds.indexOf(host);
      for (const c of conns) {
        if (c.fe !== fe || c.droppedAtFw) continue;
        for (const q of c.reqs) {
          if (!inRange(q.t) || q.waf?.blocked || q.answeredBy) continue;
          out.push({
            t: q.t,
            text: nginxCombined(
              c.client,
              e0 + q.t,
              q.method,
              q.path,
              q.status,
              q.bytes,
              q.referer,
              c.ua,
            ),
            malicious: c.malicious,
          });
        }
      }
      return;
    }
    case 'nginx-error': {
      if (host.kind === 'waf' && wafProduct(world.architecture, host.id) === 'modsec2') {
        const pid = pidFor(`${host.id}nginx`);
        const crs = crs2Version(world.architecture, host.id);
        eachWafRequest(conns, inRange, (c, q, i) => {
          const tx = crs2Transaction(world, wafIp, c, q, i);
          // In the order the engine runs them (the line shows whole seconds: same stamp).
          modsec2ErrorLines(tx, pid, connectionNumber(e0 + q.t, c.id), crs).forEach((text, k) =>
            out.push({ t: q.t + k, text, malicious: c.malicious }),
          );
        });
        return;
      }
      if (host.kind === 'waf') {
        const pid = pidFor(`${host.id}nginx`);
        for (const c of conns) {
          if (c.droppedAtFw) continue;
          c.reqs.forEach((q, i) => {
            if (!inRange(q.t) || !q.waf) return;
            const uniqueId = modsecId(e0 + q.t, c.id, i);
            for (const m of crsMessages(q.waf)) {
              out.push({
                t: q.t,
                text: modsecErrorLine(
                  e0 + q.t,
                  pid,
                  connectionNumber(e0 + q.t, c.id),
                  m,
                  { client: c.client, method: q.method, path: q.path, uniqueId, serverIp: wafIp },
                  m.disruptive,
                ),
                malicious: c.malicious,
              });
            }
          });
        }
        return;
      }
      if (host.kind !== 'web-server') return;
      const fe = world.frontEnds.indexOf(host);
      const pid = pidFor(`${host.id}nginx`);
      for (const c of conns) {
        if (c.fe !== fe || c.droppedAtFw) continue;
        for (const q of c.reqs) {
          if (!inRange(q.t) || q.waf?.blocked || q.answeredBy) continue;
          const message = feErrorMessage(q);
          if (!message) continue;
          out.push({
            t: q.t + q.upstreamMs,
            text: nginxError(
              e0 + q.t + q.upstreamMs,
              message.level,
              pid,
              connectionNumber(e0 + q.t, c.id),
              message.text,
              {
                client: c.client,
                method: q.method,
                path: q.path,
                ...(message.upstream ? { upstream: 'fastcgi://unix:/run/php-fpm/www.sock:' } : {}),
              },
            ),
            malicious: c.malicious,
          });
        }
      }
      return;
    }
    case 'php-fpm': {
      if (host.kind !== 'web-server') return;
      const fe = world.frontEnds.indexOf(host);
      for (const c of conns) {
        if (c.fe !== fe || c.droppedAtFw) continue;
        c.reqs.forEach((q, i) => {
          if (!inRange(q.t) || q.waf?.blocked || q.answeredBy) return;
          // Only a crash or an error writes a line: the child's pid (a hash) only for them.
          if (!q.crash && q.status !== 500) return;
          const child = pidFor(`${c.id}/${i}php`);
          if (q.crash) {
            out.push({
              t: q.t + q.upstreamMs,
              text: phpFpm(
                e0 + q.t + q.upstreamMs,
                'WARNING',
                `[pool www] child ${child} exited on signal 11 (SIGSEGV) after ${(3 + (child % 400) / 10).toFixed(6)} seconds from start`,
              ),
              malicious: c.malicious,
            });
            out.push({
              t: q.t + q.upstreamMs + 2,
              text: phpFpm(
                e0 + q.t + q.upstreamMs + 2,
                'NOTICE',
                `[pool www] child ${child + 7} started`,
              ),
              malicious: c.malicious,
            });
          } else if (q.status === 500) {
            out.push({
              t: q.t + q.upstreamMs,
              text: phpFpm(
                e0 + q.t + q.upstreamMs,
                'WARNING',
                `[pool www] child ${child} said into stderr: "NOTICE: PHP message: PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [2002] Connection timed out in /var/www/shop/lib/Db.php:41"`,
              ),
              malicious: c.malicious,
            });
          }
        });
      }
      return;
    }
    case 'haproxy': {
      const lb = world.balancers.indexOf(host);
      if (lb < 0) return;
      const pid = pidFor(`${host.id}haproxy`);
      for (const c of conns) {
        if (c.lb !== lb || c.droppedAtFw) continue;
        c.reqs.forEach((q, i) => {
          if (!inRange(q.t) || q.waf?.blocked) return;
          out.push({
            t: q.t + q.upstreamMs,
            text: haproxyRequestLine(world, host.hostname, pid, wafIp, c, q, i),
            malicious: c.malicious,
          });
        });
      }
      return;
    }
    case 'modsec-audit': {
      // The format of the WAF whose log this is (its own stack).
      if (wafProduct(world.architecture, host.id) === 'modsec2') {
        const products = {
          modsecurity: modsec2Version(world.architecture, host.id),
          crs: crs2Version(world.architecture, host.id),
        };
        eachWafRequest(conns, inRange, (c, q, i) =>
          out.push({
            t: q.t,
            text: modsec2AuditRecord(crs2Transaction(world, wafIp, c, q, i), products),
            malicious: c.malicious,
          }),
        );
        return;
      }
      eachWafRequest(conns, inRange, (c, q, i) =>
        out.push({
          t: q.t,
          text: modsecAudit(e0 + q.t, {
            client: c.client,
            port: c.port,
            serverIp: wafIp,
            uniqueId: modsecId(e0 + q.t, c.id, i),
            method: q.method,
            path: q.path,
            ua: c.ua,
            status: q.status,
            messages: crsMessages(q.waf!),
          }),
          malicious: c.malicious,
        }),
      );
      return;
    }
    case 'eve': {
      // The IPS sits before WAF1, where TLS ends: it sees the handshake (SNI), never the URLs of an
      // HTTPS connection. Plain HTTP (port 80) it reads in full. Suricata 2.0 writes its own EVE
      // (products/suricata2.ts): the certificate instead of the SNI, and no flow records.
      const v2 = runsSuricata2(world.architecture, host.id);
      for (const c of conns) {
        if (c.droppedAtFw) continue;
        const e = eveConn(c, wafIp);
        const { f, isTls, jitter, hello } = e;
        if (isTls && inRange(hello))
          out.push({
            t: hello,
            text: v2
              ? eve2Tls(e0 + hello, (c.port * 7) % 1000, f, c.ua)
              : eveTls(e0 + hello, (c.port * 7) % 1000, f, { sni: SHOP_HOST, version: e.version }),
            malicious: c.malicious,
          });
        c.reqs.forEach((q, i) => {
          // Inside TLS the IPS cannot read the URL or the headers its HTTP signatures match: it
          // alerts only on plain HTTP (eveConn). (The WAF, where TLS ends, still sees the request.)
          if (!inRange(q.t)) return;
          // Derived from the request's index, not from earlier lines: any window renders alike.
          const micro = (c.port + 137 * (i + 1)) % 1000;
          if (isTls) return;
          if (q.ids) {
            // The packet reaches the IPS a little before the request is logged downstream.
            const at = q.t + ((jitter + i * 31) % 7);
            out.push({
              t: at,
              text: v2
                ? eve2Alert(e0 + at, micro, f, q.ids)
                : eveAlert(e0 + at, micro, f, q.ids, {
                    method: q.method,
                    path: q.path,
                    ua: c.ua,
                  }),
              malicious: c.malicious,
            });
          }
          const http = {
            method: q.method,
            path: q.path,
            status: q.status,
            bytes: q.bytes,
            ua: c.ua,
            referer: q.referer,
          };
          const logged = q.t + q.upstreamMs;
          out.push({
            t: logged,
            text: v2
              ? eve2Http(e0 + logged, micro, f, http)
              : eveHttp(e0 + logged, micro, f, i, http),
            malicious: c.malicious,
          });
        });
        if (v2) continue;
        // The flow record comes when the flow manager times the closed flow out: seconds later.
        const end = e.end;
        if (inRange(end)) {
          out.push({
            t: end,
            text: eveFlow(e0 + end, (c.port + 137 * (c.reqs.length + 1)) % 1000, f, {
              pktsToServer: e.packets,
              pktsToClient: e.packets + Math.ceil(e.bytesOut / 1448),
              bytesToServer: e.bytesIn,
              bytesToClient: e.bytesOut,
              startMs: e0 + c.t,
              alerted: e.alerted,
              appProto: isTls ? 'tls' : 'http',
              state: 'closed',
            }),
            malicious: c.malicious,
          });
        }
      }
      return;
    }
    case 'firewall': {
      if (host.id !== world.topology.oneWithRole('edge-firewall')?.id) return;
      for (const c of conns) {
        if (!inRange(c.t)) continue;
        out.push({
          t: c.t,
          text: firewallConnLine(world, host.hostname, c),
          malicious: c.malicious,
        });
      }
      return;
    }
    default:
      return;
  }
}

/** The edge firewall's line for a connection's first packet (firewallBulk.ts spells it as bytes). */
export function firewallConnLine(world: World, hostname: string, c: HttpConn): string {
  return firewallLine(
    world.epoch0 + c.t,
    hostname,
    c.droppedAtFw ? 'DROP' : 'ACCEPT',
    c.droppedAtFw ? 'blocklist' : 'web-in',
    {
      in: 'eth0',
      out: 'eth1',
      src: c.client,
      dst: world.topology.publicVip,
      spt: c.port,
      dpt: c.dport ?? WAF_PORT,
    },
  );
}

/** The load balancer's line for request i of a connection (haproxyBulk.ts spells it as bytes). */
export function haproxyRequestLine(
  world: World,
  hostname: string,
  pid: number,
  wafIp: string,
  c: HttpConn,
  q: HttpRequest,
  i: number,
): string {
  const tr = q.upstreamMs;
  return haproxyLine(
    hostname,
    pid,
    world.epoch0 + q.t,
    wafIp,
    30_000 + (c.port % 30_000),
    q.answeredBy ? '<NOSRV>' : (world.frontEnds[c.fe]?.id ?? '<NOSRV>'),
    { tr, tt: tr + 1 },
    q.status,
    q.bytes,
    1 + (c.port % 40),
    requestId(c.id, i),
    q.method,
    q.path,
  );
}

function feErrorMessage(
  q: HttpRequest,
): { level: 'error' | 'warn'; text: string; upstream?: boolean } | undefined {
  if (q.feError) return { level: 'error', text: q.feError, upstream: true };
  if (q.crash)
    return {
      level: 'error',
      text: 'recv() failed (104: Connection reset by peer) while reading response header from upstream',
      upstream: true,
    };
  if (q.status === 404) {
    if (/\.php(\?|$)/.test(q.path))
      return {
        level: 'error',
        text: 'FastCGI sent in stderr: "Primary script unknown" while reading response header from upstream',
        upstream: true,
      };
    const file = q.path.split('?')[0]!.replace(/\/$/, '/index.html');
    return {
      level: 'error',
      text: `open() "/var/www/shop/public${file}" failed (2: No such file or directory)`,
    };
  }
  if (q.status === 500)
    return {
      level: 'error',
      text: 'FastCGI sent in stderr: "PHP message: PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [2002] Connection timed out in /var/www/shop/lib/Db.php:41" while reading response header from upstream',
      upstream: true,
    };
  return undefined;
}

/** Request i of a connection as ModSecurity 2 records it (ids derived, so any window agrees). */
function crs2Transaction(
  world: World,
  wafIp: string,
  c: HttpConn,
  q: HttpRequest,
  i: number,
): Crs2Transaction {
  return {
    epochMs: world.epoch0 + q.t,
    client: c.client,
    port: c.port,
    serverIp: wafIp,
    serverPort: c.dport ?? WAF_PORT,
    host: SHOP_HOST,
    uniqueId: modsec2UniqueId(`${c.id}/${i}`),
    method: q.method,
    path: q.path,
    ua: c.ua,
    ...(q.body !== undefined ? { body: q.body } : {}),
    status: q.status,
    bytes: q.bytes,
    verdict: q.waf!,
  };
}

/** Visits each request of `conns` the WAF recorded (a verdict) whose time is in range. */
function eachWafRequest(
  conns: readonly HttpConn[],
  inRange: (t: number) => boolean,
  visit: (c: HttpConn, q: HttpRequest, i: number) => void,
): void {
  for (const c of conns) {
    if (c.droppedAtFw) continue;
    c.reqs.forEach((q, i) => {
      if (inRange(q.t) && q.waf) visit(c, q, i);
    });
  }
}
