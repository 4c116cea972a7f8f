import type { Entry } from '../entry.js';
import { kongAdminAccess } from '../formats/web.js';
import type { Host } from '../topology.js';
import { hash32 } from '../random.js';
import type { World } from '../world.js';
import { perComponent, stackOf } from './stack.js';

const MINUTE = 60_000;

/*
 * An API gateway of the WSO2 Carbon family (the 2014 drill's WSO2 API Manager 1.7) instead of
 * Kong. WSO2 products run on an embedded Tomcat whose AccessLogValve writes Apache's `combined`
 * format (`%h %l %u %t "%r" %s %b "%{Referer}i" "%{User-Agent}i"`, WSO2's documentation of
 * catalina-server.xml) to repository/logs/http_access_<date>.log: one file for the API calls and the
 * management console, no Admin API on 8001 and none of Kong's latency fields. The period's
 * monitoring is a Nagios check_http on the management console, not a Prometheus scrape.
 */

/** Whether component `id` is a WSO2 gateway (its stack names a WSO2 product). */
export const isWso2Gateway = perComponent((architecture, id) =>
  stackOf(architecture, id).some((entry) => /\bWSO2\b/i.test(entry)),
);

/** The access log's file under the component's folder, named by the day the drill starts. */
export function wso2AccessLogFile(startTime: string): string {
  return `wso2am/repository/logs/http_access_${startTime.slice(0, 10)}.log`;
}

/** A Kong proxy line is `combined` plus two latencies: the valve writes the `combined` part. */
export function asTomcatCombined(kongProxyLine: string): string {
  return kongProxyLine.replace(/ \d+\.\d{3} -?\d+\.\d{3}$/, '');
}

/** A monitoring check the log collector makes twice a minute (the same phase for a host). */
export interface MonitorCheck {
  path: string;
  bytes: number;
  userAgent: string;
}

/** The monitoring's checks of `host` in minute `m`, as combined access-log lines. */
export function monitorMinute(world: World, host: Host, m: number, check: MonitorCheck): Entry[] {
  const checker = world.topology.oneWithRole('log-collector');
  if (!checker) return [];
  const phase = hash32(`${host.id}scrape`) % 30_000;
  return [0, 30_000].map((k) => {
    const t = m * MINUTE + phase + k;
    const text = kongAdminAccess(
      checker.ip,
      world.epoch0 + t,
      'GET',
      check.path,
      200,
      check.bytes,
      check.userAgent,
    );
    return { t, text, malicious: false };
  });
}

/** The period's monitoring of a WSO2 gateway: Nagios check_http on the management console. */
export const WSO2_CHECK: MonitorCheck = {
  path: '/carbon/admin/login.jsp',
  bytes: 3_914,
  userAgent: 'check_http/v1.4.15 (nagios-plugins 1.4.15)',
};
