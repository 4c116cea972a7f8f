import {
  assignAddresses,
  type Architecture,
  type Component,
  type ComponentRole,
  type LogSource,
} from '../model/index.js';
import { isWso2Gateway, wso2AccessLogFile } from './products/wso2Gateway.js';

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
  roles: Component['roles'];
  hostname: string;
  ip: string;
  isLinux: boolean;
  /** CentOS/RHEL writes /var/log/secure, Debian /var/log/auth.log. */
  isRedHat: boolean;
  streams: StreamSpec[];
}

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
  'api-gateway': [
    ['kong-access', 'kong/access.log'],
    ['kong-admin', 'kong/admin_access.log'],
  ],
  'dns-server': [['dns-query', 'named/query.log']],
  siem: [['siem-alerts', 'alerts.json']],
};

export class Topology {
  readonly hosts: Host[];
  private readonly byId: Map<string, Host>;

  /** The shop's public address, where customers and attackers connect. */
  readonly publicVip: string;
  /** The administrators' jump host. */
  readonly bastionIp: string;

  constructor(architecture: Architecture, startTime = '') {
    // The loader checked that every component gets an address (src/model/network.ts).
    const { addresses } = assignAddresses(architecture);
    this.publicVip = architecture.addresses.public_vip;
    this.bastionIp = architecture.addresses.bastion;
    this.hosts = architecture.components.map((c) => {
      const os = c.os ?? '';
      const isLinux = /linux|centos|debian|ubuntu|rhel|red hat|rocky|alma|suse/i.test(os);
      const isRedHat = /centos|rhel|red hat|rocky|alma/i.test(os);
      // A WSO2 gateway writes one Tomcat access log where Kong writes two (products/wso2Gateway.ts).
      const sources: Array<[SourceId, string]> =
        c.kind === 'api-gateway' && isWso2Gateway(architecture, c.id)
          ? [['wso2-access', wso2AccessLogFile(startTime)]]
          : (KIND_SOURCES[c.kind] ?? []);
      const streams: StreamSpec[] = sources.map(([source, file]) => ({
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
        // rsyslog's catch-all file: applications' own syslog (a CMS, a deploy tool).
        streams.push({
          component: c.id,
          source: 'syslog',
          file: `${c.id}/${isRedHat ? 'messages' : 'syslog'}`,
        });
      }
      return {
        id: c.id,
        kind: c.kind,
        roles: c.roles,
        hostname: c.id.toLowerCase(),
        ip: addresses.get(c.id) ?? '0.0.0.0',
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

  /** The hosts of the components holding `role`, in the architecture's order. */
  withRole(role: ComponentRole): Host[] {
    return this.hosts.filter((h) => h.roles.includes(role));
  }

  /** The host holding `role` (the first, for a role several may hold), if any. */
  oneWithRole(role: ComponentRole): Host | undefined {
    return this.hosts.find((h) => h.roles.includes(role));
  }

  /** The host whose address this is, if any. */
  byIp(ip: string): Host | undefined {
    return this.hosts.find((h) => h.ip === ip);
  }

  get streams(): StreamSpec[] {
    return this.hosts.flatMap((h) => h.streams);
  }
}
