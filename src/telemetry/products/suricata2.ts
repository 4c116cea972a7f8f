import type { Architecture } from '../../model/index.js';
import { eveTime } from '../clock.js';
import { alertObject, SHOP_HOST, type EveHttpFacts, type FlowEnds } from '../formats/security.js';
import { hex, keyed } from '../random.js';
import { olderThan, perComponent, productVersion, stackOf } from './stack.js';

/*
 * Suricata 2.0's EVE, as a 2014 IPS writes it (the drupageddon drill's IPS1: "Suricata 2.0").
 * Chosen from the IPS's `stack`, never by scenario id; Suricata 3 and later (formats/security.ts)
 * stays for the rest.
 *
 * What 2.0 did not have yet, and so this writer leaves out (decision 1010 gives the sources):
 * - no `flow_id` and no `in_iface` in the common part (both came in the 2.1 development line,
 *   mid-2014), and no `flow` events (the flow log came with them): a connection the IPS raises no
 *   alert on leaves only its protocol record;
 * - a timestamp without a UTC offset (`2014-10-15T16:04:12.123456`);
 * - `tls` carries the server certificate's subject and issuer, and with `extended: yes` its SHA-1
 *   fingerprint and the negotiated version; no SNI (Suricata decodes it from 3.0, late 2015), and
 *   no TLS 1.3 (TLS 1.2 is the newest protocol of 2014);
 * - an `alert` has only its own object: no `app_proto`, no `http`/`tls` metadata beside it;
 * - `http` names the fields `hostname`, `url`, `http_user_agent`, `http_content_type`, then the
 *   extended ones `http_refer`, `http_method`, `protocol`, `status` (a string, as libhtp parsed
 *   it) and `length`; no `tx_id`;
 * - `dns` is one record per query and one per answer record, each answer with its own `rcode`,
 *   `ttl` and `rdata` (no `version`, flags, `answers` array or `grouped`).
 * The SIEM parser (rules/parseLine.ts) reads these into the same fields as the later EVE.
 */

export type IdsProduct = 'suricata2' | 'suricata';

/** Suricata 2.x when the IPS's stack names Suricata below 3 ("Suricata 2.0"). */
export const idsProduct = perComponent((architecture: Architecture, id: string): IdsProduct => {
  const version = productVersion(stackOf(architecture, id), /\bSuricata\b/i);
  return version && version[0] > 0 && olderThan(version, 3, 0) ? 'suricata2' : 'suricata';
});

/** Whether the IPS `id` writes Suricata 2.0's EVE. */
export function runsSuricata2(architecture: Architecture, id: string): boolean {
  return idsProduct(architecture, id) === 'suricata2';
}

/** EVE's timestamp as 2.0 printed it: local time (UTC here) with microseconds, no offset. */
const time2 = (epochMs: number, micro: number) => eveTime(epochMs, micro).slice(0, -5);

const head = (epochMs: number, micro: number, type: string, f: FlowEnds) =>
  `{"timestamp":"${time2(epochMs, micro)}","event_type":"${type}","src_ip":"${f.src}","src_port":${f.sport},"dest_ip":"${f.dst}","dest_port":${f.dport},"proto":"${f.proto ?? 'TCP'}"`;

/** The content type a response of `path` carries (the extension decides; pages are HTML). */
function contentType(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path.split('?')[0]!)?.[1]?.toLowerCase();
  if (ext === 'css') return 'text/css';
  if (ext === 'js') return 'application/javascript';
  if (ext === 'png') return 'image/png';
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'txt') return 'text/plain';
  return 'text/html';
}

/** A plain-HTTP transaction the IPS read (eve-log `http` with `extended: yes`). */
export function eve2Http(epochMs: number, micro: number, f: FlowEnds, http: EveHttpFacts): string {
  const referer = http.referer === '-' ? '' : `,"http_refer":${JSON.stringify(http.referer)}`;
  return `${head(epochMs, micro, 'http', f)},"http":{"hostname":${JSON.stringify(http.hostname ?? SHOP_HOST)},"url":${JSON.stringify(http.path)},"http_user_agent":${JSON.stringify(http.ua)},"http_content_type":"${contentType(http.path)}"${referer},"http_method":"${http.method}","protocol":"HTTP/1.1","status":"${http.status}","length":${http.bytes}}}`;
}

/** The shop's certificate of 2014 and the CA that signed it (SHA-2 intermediates existed then). */
const SHOP_SUBJECT = `C=GB, L=London, O=Acme Retail Ltd, OU=E-commerce, CN=${SHOP_HOST}`;
const SHOP_ISSUER =
  'C=US, O=DigiCert Inc, OU=www.digicert.com, CN=DigiCert SHA2 High Assurance Server CA';

/** A certificate's SHA-1 fingerprint as Suricata prints it: 20 lower-case hex pairs with colons. */
const sha1Fingerprint = (subject: string) =>
  hex(keyed('tls-cert-sha1', subject), 40).match(/../g)!.join(':');
const SHOP_FINGERPRINT = sha1Fingerprint(SHOP_SUBJECT);

/**
 * What a client of 2014 negotiated with the shop's nginx 1.6 on OpenSSL 1.0.1: TLS 1.2, except
 * Go before 1.2, whose crypto/tls stopped at TLS 1.1.
 */
export function tlsVersion2014(ua: string): 'TLS 1.2' | 'TLS 1.1' {
  return /^Go 1\.[01]\b/.test(ua) ? 'TLS 1.1' : 'TLS 1.2';
}

/** The `tls` record of a handshake whose certificate the IPS saw (`extended: yes`). */
export function eve2Tls(epochMs: number, micro: number, f: FlowEnds, ua: string): string {
  return `${head(epochMs, micro, 'tls', f)},"tls":{"subject":${JSON.stringify(SHOP_SUBJECT)},"issuerdn":${JSON.stringify(SHOP_ISSUER)},"fingerprint":"${SHOP_FINGERPRINT}","version":"${tlsVersion2014(ua)}"}}`;
}

/** An alert as 2.0 logged it: the common part and the `alert` object, nothing beside. */
export function eve2Alert(
  epochMs: number,
  micro: number,
  f: FlowEnds,
  alert: Parameters<typeof alertObject>[0],
): string {
  return `${head(epochMs, micro, 'alert', f)},"alert":${alertObject(alert)}}`;
}

/** A DNS query, or one answer record to it (2.0 writes one line per record). */
export function eve2Dns(
  epochMs: number,
  micro: number,
  f: FlowEnds,
  dns: { id: number; name: string; type: string; answer?: string },
): string {
  const udp = { ...f, proto: f.proto ?? ('UDP' as const) };
  const name = JSON.stringify(dns.name);
  if (dns.answer === undefined)
    return `${head(epochMs, micro, 'dns', udp)},"dns":{"type":"query","id":${dns.id},"rrname":${name},"rrtype":"${dns.type}","tx_id":0}}`;
  return `${head(epochMs, micro, 'dns', udp)},"dns":{"type":"answer","id":${dns.id},"rcode":"NOERROR","rrname":${name},"rrtype":"${dns.type}","ttl":60,"rdata":${JSON.stringify(dns.answer)}}}`;
}
