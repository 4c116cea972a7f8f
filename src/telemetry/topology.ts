import type { Architecture, Component, LogSource } from '../model/index.js';

/** The log a stream is: `nginx-access`, `auditd`, `eve`, ... (see LOG_FIELDS in src/model). */
export type SourceId = LogSource;

export interface StreamSpec {
  component: string;
  source: SourceId;
  /** Path under the output folder, named like the real file (`FEServ1/nginx/access.log`). */
  file: string;
}

/** A component as the telemetry sees it: an address, a host name, its logs. */
export interface Host {
  id: string;
  kind: Component['kind'];
  hostname: string;
  ip: string;
  isLinux: boolean;
  /** CentOS/RHEL writes /var/log/secure, Debian /var/log/auth.log. */
  isRedHat: boolean;
  streams: StreamSpec[];
}

// Private addressing by layer; FEServ1 is 10.0.1.11 as in the scenarios' evidence lines.
const SUBNETS: Record<string, string> = {
  perimeter: '10.0.0',
  edge: '10.0.9',
  frontend: '10.0.1',
  inner: '10.0.8',
  backend: '10.0.2',
  persistence: '10.0.3',
  integration: '10.0.4',
  monitoring: '10.0.5',
};

/** The shop's public address (benchmarking range, never routed). */
export const PUBLIC_VIP = '198.18.0.10';
/** The administrators' jump host. */
export const BASTION_IP = '10.0.5.5';

const KIND_SOURCES: Partial<Record<Component['kind'], Array<[SourceId, string]>>> = {
  'web-server': [
    ['nginx-access', 'nginx/access.log'],
    ['nginx-error', 'nginx/error.log'],
    ['php-fpm', 'php-fpm/error.log'],
  ],
  'app-server': [['php-fpm', 'php-fpm/error.log']],
  waf: [
    ['modsec-audit', 'modsec_audit.log'],
    ['nginx-error', 'nginx/error.log'],
  ],
  ips: [['eve', 'suricata/eve.json']],
  firewall: [['firewall', 'firewall.log']],
  'load-balancer': [['haproxy', 'haproxy.log']],
  database: [['mysql-general', 'mysql/general.log']],
  directory: [['slapd', 'slapd.log']],
  'api-gateway': [['kong-access', 'kong/access.log']],
  siem: [['siem-alerts', 'alerts.json']],
};

export class Topology {
  readonly hosts: Host[];
  private readonly byId: Map<string, Host>;

  constructor(architecture: Architecture) {
    const perLayer = new Map<string, number>();
    this.hosts = architecture.components.map((c) => {
      const index = perLayer.get(c.layer) ?? 0;
      perLayer.set(c.layer, index + 1);
      const layerIndex = architecture.layers.findIndex((l) => l.id === c.layer);
      const subnet = SUBNETS[c.layer] ?? `10.0.${20 + Math.max(layerIndex, 0)}`;
      const os = c.os ?? '';
      const isLinux = /linux|centos|debian|ubuntu|rhel|red hat|rocky|alma|suse/i.test(os);
      const isRedHat = /centos|rhel|red hat|rocky|alma/i.test(os);
      const streams: StreamSpec[] = (KIND_SOURCES[c.kind] ?? []).map(([source, file]) => ({
        component: c.id,
        source,
        file: `${c.id}/${file}`,
      }));
      if (isLinux) {
        streams.push({
          component: c.id,
          source: 'auth',
          file: `${c.id}/${isRedHat ? 'secure' : 'auth.log'}`,
        });
        streams.push({ component: c.id, source: 'auditd', file: `${c.id}/audit/audit.log` });
      }
      return {
        id: c.id,
        kind: c.kind,
        hostname: c.id.toLowerCase(),
        ip: `${subnet}.${11 + index}`,
        isLinux,
        isRedHat,
        streams,
      };
    });
    this.byId = new Map(this.hosts.map((h) => [h.id, h]));
  }

  host(id: string): Host | undefined {
    return this.byId.get(id);
  }

  ofKind(kind: Component['kind']): Host[] {
    return this.hosts.filter((h) => h.kind === kind);
  }

  /** The host whose address this is, if any. */
  byIp(ip: string): Host | undefined {
    return this.hosts.find((h) => h.ip === ip);
  }

  get streams(): StreamSpec[] {
    return this.hosts.flatMap((h) => h.streams);
  }
}
