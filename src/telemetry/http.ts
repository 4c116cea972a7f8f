import {
  customerIp,
  BUNDLES,
  MEDIA,
  pagePath,
  shopReferer,
  internetIp,
  type Probe,
} from './catalogue.js';
import { crs2ProbeVerdict, runsModsec2 } from './products/modsec2.js';
import { between, int, keyed, pick, poisson } from './random.js';
import { MINUTE, type World } from './world.js';

/** What the WAF made of a request (ModSecurity with the OWASP CRS, anomaly scoring). */
export interface WafVerdict {
  score: number;
  blocked: boolean;
  rules: Array<{ id: string; msg: string; file: string; data: string }>;
}

export interface HttpRequest {
  /** Simulated ms. */
  t: number;
  method: string;
  path: string;
  status: number;
  bytes: number;
  referer: string;
  /** Upstream response time in ms. */
  upstreamMs: number;
  /** The form body of a POST (the WAF reads it; access logs do not). */
  body?: string;
  waf?: WafVerdict;
  /** An IDS signature the request trips (Suricata alert). */
  ids?: { sid: number; signature: string; category: string; severity: number };
  /** The PHP worker crashed serving it (CVE-2019-11043 exploitation does that). */
  crash?: boolean;
  /** Custom error-log text for this request on the front end. */
  feError?: string;
  /** A degraded load balancer answered it itself (429/503): no front end saw it. */
  answeredBy?: 'lb';
}

export type ConnKind = 'customer' | 'crawler' | 'scanner' | 'attack' | 'red-herring';

/** One client TCP connection through FW1 -> IPS1 -> WAF1 -> LB -> front end, and its requests. */
export interface HttpConn {
  /** Stable id: flow ids, request ids and ports are derived from it. */
  id: string;
  t: number;
  client: string;
  port: number;
  /** The shop's port the client connected to: 443 (TLS, ends at the WAF) unless said; 80 is plain. */
  dport?: number;
  ua: string;
  kind: ConnKind;
  /** Index into world.frontEnds; -1 when the WAF blocked everything on it. */
  fe: number;
  /** Index into world.balancers. */
  lb: number;
  reqs: HttpRequest[];
  malicious: boolean;
  /** Dropped at the outer firewall (blocked address or lockdown): only FW1 sees it. */
  droppedAtFw?: boolean;
}

function assetBurst(
  r: () => number,
  t: number,
  page: string,
  out: HttpRequest[],
  first: boolean,
): void {
  const referer = shopReferer(page);
  const count = first ? between(r, 3, 8) : between(r, 1, 4);
  for (let i = 0; i < count; i++) {
    const isBundle = first && i < 2;
    const path = isBundle ? BUNDLES[i]! : MEDIA[int(r, MEDIA.length)]!;
    const cached = !first && r() < 0.5;
    out.push({
      t: t + 40 + int(r, 400),
      method: 'GET',
      path,
      status: cached ? 304 : 200,
      bytes: cached ? 0 : isBundle ? between(r, 20_000, 180_000) : between(r, 4_000, 400_000),
      referer,
      upstreamMs: 1 + int(r, 4),
    });
  }
}

/** Customers and crawlers served by front end `fe` in minute `m` (simulated minute index). */
export function frontEndBucket(world: World, fe: number, m: number): HttpConn[] {
  return world.buckets.get(`fe|${fe}|${m}`, () => makeFrontEndBucket(world, fe, m));
}

function makeFrontEndBucket(world: World, fe: number, m: number): HttpConn[] {
  const r = keyed(world.seed, 'http', fe, m);
  const wall = world.epoch0 + m * MINUTE;
  const visits = poisson(r, 12 * world.volume * world.profile.traffic(wall));
  const conns: HttpConn[] = [];
  const lbs = Math.max(world.balancers.length, 1);
  for (let v = 0; v < visits; v++) {
    const t = m * MINUTE + int(r, MINUTE);
    const ua = world.agents.browsers.pick(r);
    const reqs: HttpRequest[] = [];
    const pages = between(r, 1, 4);
    let at = t;
    let referer = r() < 0.4 ? 'https://www.google.com/' : '-';
    for (let p = 0; p < pages; p++) {
      const path = p === pages - 1 && pages > 2 && r() < 0.15 ? '/checkout' : pagePath(r);
      const missing = r() < 0.01;
      const fails = !missing && r() < 0.002;
      reqs.push({
        t: at,
        method: path === '/checkout' ? 'POST' : 'GET',
        path,
        status: missing ? 404 : fails ? 500 : path === '/checkout' ? 302 : 200,
        bytes: missing ? 3_650 : fails ? 0 : between(r, 6_000, 48_000),
        referer,
        upstreamMs: between(r, 18, 240),
      });
      assetBurst(r, at, path, reqs, p === 0);
      referer = shopReferer(path);
      at += between(r, 3_000, 25_000);
    }
    conns.push({
      id: `c${fe}.${m}.${v}`,
      t,
      client: customerIp(world.seed, int(r, 50_000)),
      port: between(r, 1_025, 65_535),
      ua,
      kind: 'customer',
      fe,
      lb: int(r, lbs),
      reqs,
      malicious: false,
    });
  }
  const crawls = poisson(r, 1.2 * world.volume);
  for (let c = 0; c < crawls; c++) {
    const bot = pick(r, world.agents.crawlers);
    const t = m * MINUTE + int(r, MINUTE);
    const path = r() < 0.08 ? '/robots.txt' : pagePath(r);
    conns.push({
      id: `b${fe}.${m}.${c}`,
      t,
      client: `${bot.net}.${between(r, 2, 250)}`,
      port: between(r, 1_025, 65_535),
      ua: bot.ua,
      kind: 'crawler',
      fe,
      lb: int(r, lbs),
      reqs: [
        {
          t,
          method: 'GET',
          path,
          status: 200,
          bytes: between(r, 400, 48_000),
          referer: '-',
          upstreamMs: between(r, 15, 200),
        },
      ],
      malicious: false,
    });
  }
  return conns;
}

/** Background scanners hitting the shop in minute `m`: the WAF blocks some, the rest reach a front end. */
export function scannerBucket(world: World, m: number): HttpConn[] {
  return world.buckets.get(`scan|${m}`, () => makeScannerBucket(world, m));
}

function makeScannerBucket(world: World, m: number): HttpConn[] {
  const r = keyed(world.seed, 'scan', m);
  const bursts = poisson(r, 0.06 * world.volume);
  const conns: HttpConn[] = [];
  for (let b = 0; b < bursts; b++) {
    const client = internetIp(r);
    const ua = pick(r, world.agents.scanners);
    const t0 = m * MINUTE + int(r, MINUTE - 10_000);
    const fe = int(r, Math.max(world.frontEnds.length, 1));
    const lb = int(r, Math.max(world.balancers.length, 1));
    const count = between(r, 3, 12);
    const reqs: HttpRequest[] = [];
    for (let i = 0; i < count; i++) {
      const probe = pick(r, world.agents.probes);
      const t = t0 + i * between(r, 50, 700);
      const waf = probeVerdict(world, probe, ua);
      const blocked = waf !== undefined;
      reqs.push({
        t,
        method: 'GET',
        path: probe.path,
        status: blocked ? 403 : probe.path === '/robots.txt' ? 200 : 404,
        bytes: blocked ? 548 : probe.path === '/robots.txt' ? 67 : 3_650,
        referer: '-',
        upstreamMs: blocked ? 0 : between(r, 1, 20),
        ...(waf ? { waf } : {}),
      });
    }
    conns.push({
      id: `s${m}.${b}`,
      t: t0,
      client,
      port: between(r, 1_025, 65_535),
      ua,
      kind: 'scanner',
      fe,
      lb,
      reqs,
      malicious: false,
    });
  }
  return conns;
}

/** Requests of a connection that reached the front end (not blocked at the WAF). */
export function passed(req: HttpRequest): boolean {
  return !req.waf?.blocked;
}

/**
 * What the WAF makes of a background probe it blocks: the CRS 3 rule the catalogue names, or under
 * CRS 2 the rules of that set that score it to the threshold (none: the probe gets through).
 */
function probeVerdict(world: World, probe: Probe, ua: string): WafVerdict | undefined {
  if (!probe.block) return undefined;
  if (runsModsec2(world)) return crs2ProbeVerdict(probe.path, ua);
  return {
    score: 5,
    blocked: true,
    rules: [
      {
        ...probe.block,
        data: `Matched Data: ${probe.path} found within REQUEST_FILENAME: ${probe.path}`,
      },
    ],
  };
}
