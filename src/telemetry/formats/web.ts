import { haproxyTime, isoTime, nginxErrorTime, nginxTime, phpTime, bsdTime } from '../clock.js';

/*
 * Web tier formats: nginx combined access and error logs, PHP-FPM, HAProxy's HTTP log and the
 * Kong (nginx-based) API gateway access log. Each function renders one line, no trailing newline.
 */

/** nginx `log_format combined`. */
export function nginxCombined(
  client: string,
  epochMs: number,
  method: string,
  path: string,
  status: number,
  bytes: number,
  referer: string,
  ua: string,
): string {
  return `${client} - - [${nginxTime(epochMs)}] "${method} ${path} HTTP/1.1" ${status} ${bytes} "${referer}" "${ua}"`;
}

/** An nginx error-log line, optionally with the request context nginx appends. */
export function nginxError(
  epochMs: number,
  level: 'error' | 'warn' | 'notice' | 'crit',
  pid: number,
  connection: number,
  message: string,
  request?: { client: string; method: string; path: string; upstream?: string; host?: string },
): string {
  const ctx = request
    ? `, client: ${request.client}, server: www.acme.example, request: "${request.method} ${request.path} HTTP/1.1"${
        request.upstream ? `, upstream: "${request.upstream}"` : ''
      }, host: "${request.host ?? 'www.acme.example'}"`
    : '';
  return `${nginxErrorTime(epochMs)} [${level}] ${pid}#${pid}: *${connection} ${message}${ctx}`;
}

/** PHP-FPM's own error log (master process and pool messages). */
export function phpFpm(
  epochMs: number,
  level: 'NOTICE' | 'WARNING' | 'ERROR',
  message: string,
): string {
  return `[${phpTime(epochMs)}] ${level}: ${message}`;
}

/**
 * HAProxy `option httplog` with a unique-id header captured, as written through syslog to a file:
 * `Mar 12 22:40:03 lb1 haproxy[1204]: 203.0.113.7:50096 [12/Mar/2026:22:40:03.251] fe_shop
 * be_shop/FEServ1 0/0/1/23/24 200 554 - - ---- 12/12/0/0/0 0/0 {id} "GET / HTTP/1.1"`.
 */
export function haproxyLine(
  host: string,
  pid: number,
  epochMs: number,
  client: string,
  port: number,
  server: string,
  timings: { tr: number; tt: number },
  status: number,
  bytes: number,
  conns: number,
  requestId: string,
  method: string,
  path: string,
): string {
  const backend = server === '<NOSRV>' ? 'be_shop/<NOSRV>' : `be_shop/${server}`;
  const flags = server === '<NOSRV>' ? 'SC--' : '----';
  return `${bsdTime(epochMs)} ${host} haproxy[${pid}]: ${client}:${port} [${haproxyTime(epochMs)}] fe_shop ${backend} 0/0/1/${timings.tr}/${timings.tt} ${status} ${bytes} - - ${flags} ${conns}/${conns}/0/0/0 0/0 {${requestId}} "${method} ${path} HTTP/1.1"`;
}

/** HAProxy's own notices (server state changes). */
export function haproxyNotice(host: string, pid: number, epochMs: number, message: string): string {
  return `${bsdTime(epochMs)} ${host} haproxy[${pid}]: ${message}`;
}

/** Kong access log: combined plus upstream and total latency in seconds. */
export function kongAccess(
  client: string,
  epochMs: number,
  method: string,
  path: string,
  status: number,
  bytes: number,
  ua: string,
  latencyMs: number,
): string {
  return `${client} - - [${nginxTime(epochMs)}] "${method} ${path} HTTP/1.1" ${status} ${bytes} "-" "${ua}" ${(latencyMs / 1000).toFixed(3)} ${((latencyMs - 1) / 1000).toFixed(3)}`;
}

export { isoTime };

/**
 * Kong's Admin API access log (`admin_access.log`, nginx `combined`): administrators' and the
 * deploy pipeline's calls on port 8001.
 */
export function kongAdminAccess(
  client: string,
  epochMs: number,
  method: string,
  path: string,
  status: number,
  bytes: number,
  ua: string,
): string {
  return `${client} - - [${nginxTime(epochMs)}] "${method} ${path} HTTP/1.1" ${status} ${bytes} "-" "${ua}"`;
}

// The Kong 3.x Admin API's routes (entity collections, one entity, nested collections).
const ENTITY =
  '(?:services|routes|consumers|plugins|upstreams|certificates|snis|ca_certificates|key-sets|keys|vaults|targets)';
const KONG_ADMIN_ROUTE = new RegExp(
  `^/(?:|status|status/ready|metrics|config|tags(?:/[^/?]+)?|endpoints|timers|schemas/[^/?]+|plugins/enabled|plugins/schema/[^/?]+|schemas/plugins/[^/?]+|${ENTITY}(?:/[^/?]+(?:/(?:routes|plugins|targets|key-auth|basic-auth|jwt|acls|oauth2|hmac-auth|snis|health)(?:/[^/?]+)?)?)?)(?:\\?.*)?$`,
);

/** Whether `path` is one of the Kong Admin API's real routes (for evidence and lint checks). */
export function isKongAdminPath(path: string): boolean {
  return KONG_ADMIN_ROUTE.test(path);
}
