import { hash32, keyed, pick, Weighted, type Rand } from './random.js';

/*
 * What the shop's traffic is made of: pages, assets named by the asset pipeline (so they follow the
 * /media/static naming convention), browsers, crawlers and the internet's background scanners.
 * Fixed tables, the same for every seed: the shop looks the same in every drill.
 */

const WORDS = [
  'red',
  'blue',
  'linen',
  'oak',
  'wool',
  'summer',
  'classic',
  'travel',
  'kids',
  'home',
  'garden',
  'desk',
  'lamp',
  'shirt',
  'dress',
  'boots',
  'bag',
  'mug',
  'chair',
  'scarf',
  'jacket',
  'sofa',
];
const CATEGORIES = ['women', 'men', 'kids', 'home', 'garden', 'sale', 'new-in', 'accessories'];
const SEARCHES = [
  'red+dress',
  'oak+table',
  'linen+shirt',
  'gift+card',
  'boots',
  'summer+sale',
  'desk+lamp',
  'wool+scarf',
  'kids+jacket',
  'travel+bag',
];

function slug(r: Rand): string {
  return `${pick(r, WORDS)}-${pick(r, WORDS)}`;
}

const r0 = keyed('ttx-catalogue');
export const PRODUCTS = Array.from({ length: 400 }, (_, i) => `/product/${slug(r0)}-${1000 + i}`);
export const MEDIA = Array.from({ length: 600 }, (_, i) => {
  const ext = pick(r0, ['jpg', 'jpg', 'jpg', 'webp', 'png', 'svg', 'mp4']);
  const hash = (hash32(`media${i}`) >>> 0).toString(16).padStart(8, '0');
  return `/media/static/${slug(r0)}-${hash}.${ext}`;
});
export const BUNDLES = ['/css/app-3f9a1c2e.css', '/js/app-8b1d44f0.js', '/js/vendor-51c0aa9d.js'];

// Built once: the bulk writer encodes each distinct string once, and a string drawn from a table
// is the same object every time (cheap to look up), where a template would build a new one.
const CATEGORY_PATHS = CATEGORIES.map((c) => `/category/${c}`);
const SEARCH_PATHS = SEARCHES.map((q) => `/search?q=${q}`);

/** A page path drawn with `r`. */
export function pagePath(r: Rand): string {
  const x = r();
  if (x < 0.2) return '/';
  if (x < 0.38) return CATEGORY_PATHS[Math.floor(r() * CATEGORIES.length)]!;
  if (x < 0.78) return PRODUCTS[Math.floor(r() * PRODUCTS.length)]!;
  if (x < 0.86) return SEARCH_PATHS[Math.floor(r() * SEARCHES.length)]!;
  if (x < 0.94) return '/cart';
  if (x < 0.98) return '/account/login';
  return '/news/spring-collection';
}

const REFERERS = new Map<string, string>();

/** `https://www.acme.example${page}`, one string per page (pages come from the tables above). */
export function shopReferer(page: string): string {
  let referer = REFERERS.get(page);
  if (referer === undefined) {
    referer = `https://www.acme.example${page}`;
    // Bounded: only the catalogue's pages repeat.
    if (REFERERS.size < 4096) REFERERS.set(page, referer);
  }
  return referer;
}

const BROWSERS_NOW = new Weighted<string>([
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
    30,
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1',
    25,
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.64 Mobile Safari/537.36',
    18,
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15',
    12,
  ],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0', 10],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.2365.80',
    5,
  ],
]);

const CRAWLERS_NOW: Array<{ ua: string; net: string }> = [
  {
    ua: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    net: '66.249.66',
  },
  {
    ua: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    net: '40.77.167',
  },
  { ua: 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)', net: '54.36.148' },
];

/** Background internet scanners: what they probe and what the WAF makes of it. */
export interface Probe {
  path: string;
  /**
   * The year scanners started asking for it (the CVE's, the convention's, the product's): a drill
   * set before that year never sees the probe.
   */
  since: number;
  /** CRS rule that blocks it, if any. */
  block?: { id: string; msg: string; file: string };
}
const LFI = 'REQUEST-930-APPLICATION-ATTACK-LFI.conf';
const RESTRICTED = { id: '930130', msg: 'Restricted File Access Attempt', file: LFI };
export const PROBES: Probe[] = [
  // Laravel 5's .env (2015); the mass scans for leaked .env files began in 2017.
  { path: '/.env', since: 2017, block: RESTRICTED },
  // Exposed .git folders: the internet-wide surveys and scans started in 2015.
  { path: '/.git/config', since: 2015, block: RESTRICTED },
  { path: '/wp-config.php.bak', since: 2010, block: RESTRICTED },
  // The WordPress login brute-force botnets (2013) and XML-RPC pingback abuse (2012).
  { path: '/wp-login.php', since: 2013 },
  { path: '/xmlrpc.php', since: 2012 },
  { path: '/phpmyadmin/', since: 2003 },
  { path: '/admin/', since: 2000 },
  // PHPUnit's eval-stdin.php remote code execution, CVE-2017-9841.
  { path: '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', since: 2017 },
  // Boa-based routers' formLogin, scanned by IoT botnets from 2019 (Mozi and kin).
  { path: '/boaform/admin/formLogin', since: 2019 },
  { path: '/robots.txt', since: 1994 },
  { path: '/server-status', since: 2000 },
  // security.txt: first drafted in September 2017 (RFC 9116 in 2022).
  { path: '/.well-known/security.txt', since: 2017 },
];

/** The probes scanners sent in `year` (all of today's for a drill set now). */
export function probesOf(year: number): readonly Probe[] {
  const known = PROBES.filter((p) => p.since <= year);
  // Same array when nothing is filtered out: a drill set today draws exactly as before.
  return known.length === PROBES.length ? PROBES : known;
}
const SCANNER_UAS_NOW = [
  'Mozilla/5.0 zgrab/0.x',
  'python-requests/2.31.0',
  'curl/8.4.0',
  'Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)',
  'Go-http-client/1.1',
];

/*
 * The same population in the mid-2010s, for drills set then (drupageddon-advisory: October
 * 2014): Windows 7, iOS 7, Android 4.4, OS X 10.9, Chrome 37, Firefox 32, IE 11, and the
 * scanners of that time. Same number of entries and weights as today's, so a drill draws the
 * same visits either way; only the strings differ.
 */
const BROWSERS_2014 = new Weighted<string>([
  [
    'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/37.0.2062.124 Safari/537.36',
    30,
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_2 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D257 Safari/9537.53',
    25,
  ],
  [
    'Mozilla/5.0 (Linux; Android 4.4.2; SM-G900F Build/KOT49H) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/37.0.2062.117 Mobile Safari/537.36',
    18,
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_5) AppleWebKit/537.78.2 (KHTML, like Gecko) Version/7.0.6 Safari/537.78.2',
    12,
  ],
  ['Mozilla/5.0 (Windows NT 6.1; WOW64; rv:32.0) Gecko/20100101 Firefox/32.0', 10],
  ['Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko', 5],
]);
const CRAWLERS_2014: Array<{ ua: string; net: string }> = [
  CRAWLERS_NOW[0]!,
  CRAWLERS_NOW[1]!,
  { ua: 'Mozilla/5.0 (compatible; AhrefsBot/5.0; +http://ahrefs.com/robot/)', net: '54.36.148' },
];
const SCANNER_UAS_2014 = [
  'masscan/1.0 (https://github.com/robertdavidgraham/masscan)',
  'python-requests/2.2.1 CPython/2.7.6 Linux/3.13.0-24-generic',
  'curl/7.35.0',
  'Mozilla/5.0 (compatible; Nmap Scripting Engine; http://nmap.org/book/nse.html)',
  'Go 1.1 package http',
];

/** Who visits: the customers' browsers, the crawlers and the internet's scanners of an era. */
export interface Agents {
  browsers: Weighted<string>;
  crawlers: ReadonlyArray<{ ua: string; net: string }>;
  scanners: readonly string[];
  /** What the scanners of that year probe (catalogue `PROBES` by their `since`). */
  probes: readonly Probe[];
}

/** The clients of the year a drill is set in (its start_time): before 2017, the mid-2010s'. */
export function agentsOf(year: number): Agents {
  const probes = probesOf(year);
  return year < 2017
    ? { browsers: BROWSERS_2014, crawlers: CRAWLERS_2014, scanners: SCANNER_UAS_2014, probes }
    : { browsers: BROWSERS_NOW, crawlers: CRAWLERS_NOW, scanners: SCANNER_UAS_NOW, probes };
}

// Public /8s customers come from (no private, reserved or documentation ranges).
const FIRST_OCTETS = [
  24, 31, 37, 46, 62, 68, 71, 73, 77, 79, 81, 82, 84, 86, 88, 90, 92, 94, 98, 100, 104, 108, 109,
  151, 152, 176, 178, 185, 188, 195, 212, 213, 217,
];

/** The k-th address of the seed's customer population (a pure function: no table kept). */
export function customerIp(seed: string, k: number): string {
  const h = hash32(`${seed}|cust|${k}`);
  return `${FIRST_OCTETS[h % FIRST_OCTETS.length]}.${(h >>> 8) & 255}.${(h >>> 16) & 255}.${1 + ((h >>> 24) % 254)}`;
}

/** A public address for one-off internet noise (scanners, firewall drops). */
export function internetIp(r: Rand): string {
  return `${FIRST_OCTETS[Math.floor(r() * FIRST_OCTETS.length)]}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`;
}
