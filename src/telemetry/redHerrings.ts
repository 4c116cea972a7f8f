import type { RedHerring } from '../model/index.js';
import { firewallLine } from './formats/host.js';
import { haproxyNotice } from './formats/web.js';
import type { AttackEvents } from './drillView.js';
import { sshEntries } from './hostEvents.js';
import { pidFor } from './ids.js';
import { between, int, keyed, pick } from './random.js';
import type { World } from './world.js';

/**
 * Benign events a scenario switches on because they look like an attack: an administrator's
 * night-time maintenance, a marketing upload that breaks the /media/static naming convention, an
 * authorised vulnerability scan, a load-balancer health flap, SSH noise at the edge.
 */
export function redHerringEvents(world: World): AttackEvents {
  const out: AttackEvents = { conns: [], lines: new Map() };
  const push = (
    component: string,
    source: string,
    entries: AttackEvents['lines'] extends Map<string, infer E> ? E : never,
  ) => {
    const key = `${component}/${source}`;
    out.lines.set(key, [...(out.lines.get(key) ?? []), ...entries]);
  };
  world.redHerrings.forEach((h: RedHerring, i) => {
    const r = keyed(world.seed, 'red-herring', h.kind, i);
    const t = h.at;
    const lbs = Math.max(world.balancers.length, 1);
    switch (h.kind) {
      case 'after-hours-admin': {
        const host =
          world.topology.host(h.target ?? world.frontEnds[1]?.id ?? '') ??
          world.topology.hosts.find((x) => x.isLinux);
        if (!host) return;
        const s = sshEntries(
          world,
          host,
          {
            t,
            user: 'duck',
            from: world.topology.bastionIp,
            port: between(r, 40_000, 60_000),
            method: 'publickey',
            commands: [
              {
                after: 15_000,
                argv: ['systemctl', 'reload', 'nginx'],
                exe: '/usr/bin/systemctl',
                sudo: true,
              },
              {
                after: 40_000,
                argv: [
                  'openssl',
                  'x509',
                  '-enddate',
                  '-noout',
                  '-in',
                  '/etc/pki/tls/certs/shop.crt',
                ],
                exe: '/usr/bin/openssl',
              },
            ],
            length: 240_000,
          },
          false,
        );
        push(host.id, 'auth', s.auth);
        push(host.id, 'auditd', s.audit);
        return;
      }
      case 'static-upload': {
        const fe = Math.max(
          0,
          world.frontEnds.findIndex((f) => f.id === h.target),
        );
        const name = pick(r, [
          'Summer%20Sale%20FINAL.JPG',
          'banner_v2_(1).png',
          'newsletter-march.pdf',
        ]);
        out.conns.push({
          id: `rh${i}`,
          t,
          client: '192.0.2.200',
          port: between(r, 40_000, 60_000),
          ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
          kind: 'red-herring',
          fe,
          lb: int(r, lbs),
          malicious: false,
          reqs: [
            {
              t,
              method: 'POST',
              path: '/news/admin/upload',
              status: 302,
              bytes: 0,
              referer: 'https://www.acme.example/news/admin',
              upstreamMs: 180,
            },
            {
              t: t + 2_000,
              method: 'GET',
              path: `/media/static/${name}`,
              status: 200,
              bytes: between(r, 80_000, 900_000),
              referer: 'https://www.acme.example/news/admin',
              upstreamMs: 3,
            },
          ],
        });
        return;
      }
      case 'vuln-scan': {
        for (let k = 0; k < 8; k++) {
          const at = t + k * 20_000;
          out.conns.push({
            id: `rh${i}.${k}`,
            t: at,
            client: '192.0.2.77',
            port: between(r, 40_000, 60_000),
            ua: 'Mozilla/5.0 (compatible; Nessus SOC weekly scan)',
            // Nessus checks the plain-HTTP port too, where the IDS reads its user agent.
            dport: 80,
            kind: 'red-herring',
            fe: int(r, Math.max(world.frontEnds.length, 1)),
            lb: int(r, lbs),
            malicious: false,
            reqs: [
              '/',
              '/robots.txt',
              '/login.php',
              '/cgi-bin/test.cgi',
              '/README',
              '/server-status',
            ].map((path, j) => ({
              t: at + j * 400,
              method: 'GET',
              path,
              status: path === '/' || path === '/robots.txt' ? 200 : 404,
              bytes: path === '/' ? 24_118 : 3_650,
              referer: '-',
              upstreamMs: between(r, 2, 60),
              ...(j === 0 && k === 0
                ? {
                    ids: {
                      sid: 2002664,
                      signature: 'ET SCAN Nessus User Agent',
                      category: 'Attempted Information Leak',
                      severity: 2,
                    },
                  }
                : {}),
            })),
          });
        }
        return;
      }
      case 'health-flap': {
        const server = h.target ?? (world.frontEnds[1] ?? world.frontEnds[0])?.id ?? '';
        const lb = world.balancers[world.balancers.length - 1];
        if (!lb) return;
        const pid = pidFor(`${lb.id}haproxy`);
        push(lb.id, 'haproxy', [
          {
            t,
            text: haproxyNotice(
              lb.hostname,
              pid,
              world.epoch0 + t,
              `Server be_shop/${server} is DOWN, reason: Layer7 timeout, check duration: 2001ms. 2 active and 0 backup servers left. 12 sessions active, 0 requeued, 0 remaining in queue.`,
            ),
            malicious: false,
          },
          {
            t: t + 20_000,
            text: haproxyNotice(
              lb.hostname,
              pid,
              world.epoch0 + t + 20_000,
              `Server be_shop/${server} is UP, reason: Layer7 check passed, code: 200, check duration: 3ms. 3 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.`,
            ),
            malicious: false,
          },
        ]);
        return;
      }
      case 'ssh-noise': {
        const fw =
          world.topology.host(h.target ?? '') ?? world.topology.oneWithRole('edge-firewall');
        if (!fw) return;
        const src = `45.${between(r, 1, 250)}.${between(r, 1, 250)}.${between(r, 1, 250)}`;
        push(
          fw.id,
          'firewall',
          Array.from({ length: 40 }, (_, k) => ({
            t: t + k * 1_500,
            text: firewallLine(world.epoch0 + t + k * 1_500, fw.hostname, 'DROP', 'mgmt-deny', {
              in: 'eth0',
              out: '',
              src,
              dst: world.topology.publicVip,
              spt: between(r, 30_000, 60_000),
              dpt: 22,
            }),
            malicious: false,
          })),
        );
        return;
      }
    }
  });
  return out;
}
