import { eveTime } from '../clock.js';
import type { FlowEnds } from './security.js';

/** A Suricata EVE `dns` event (v2 format): the query, or the answer to it. */
export function eveDns(
  epochMs: number,
  micro: number,
  f: FlowEnds,
  dns: { id: number; name: string; type: string; answer?: string },
): string {
  const common = `{"timestamp":"${eveTime(epochMs, micro)}","flow_id":${f.flowId},"in_iface":"eth1","event_type":"dns","src_ip":"${f.src}","src_port":${f.sport},"dest_ip":"${f.dst}","dest_port":${f.dport},"proto":"UDP"`;
  if (dns.answer === undefined)
    return `${common},"dns":{"type":"query","id":${dns.id},"rrname":${JSON.stringify(dns.name)},"rrtype":"${dns.type}","tx_id":0}}`;
  return `${common},"dns":{"version":2,"type":"answer","id":${dns.id},"flags":"8180","qr":true,"rd":true,"ra":true,"rcode":"NOERROR","answers":[{"rrname":${JSON.stringify(dns.name)},"rrtype":"${dns.type}","ttl":60,"rdata":${JSON.stringify(dns.answer)}}]}}`;
}
