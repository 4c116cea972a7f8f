import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { CliError, EXIT } from './exitCodes.js';

/*
 * Where `ttx logs --syslog` sends: UDP, one RFC 5424 message per datagram, paced (UDP has no
 * back-pressure); or TCP with octet counting (RFC 6587 section 3.4.1: `MSG-LEN SP SYSLOG-MSG`,
 * no trailing newline), paced by the socket's own back-pressure.
 */

export interface SyslogTarget {
  transport: 'udp' | 'tcp';
  host: string;
  port: number;
}

export function parseSyslogTarget(url: string): SyslogTarget {
  const m = /^(udp|tcp):\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(url);
  const port = m ? Number(m[3]) : 0;
  if (!m || port < 1 || port > 65_535)
    throw new CliError(`--syslog "${url}" is not udp://HOST:PORT or tcp://HOST:PORT`, EXIT.usage);
  return { transport: m[1] as 'udp' | 'tcp', host: m[2]!.replace(/^\[|\]$/g, ''), port };
}

/** Sends each message; resolves with the number sent once the last one left. */
export interface SyslogSender {
  send(message: string): Promise<void>;
  close(): Promise<void>;
}

export function udpSender(target: SyslogTarget, rate: number): SyslogSender {
  const socket = createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
  // A token bucket with a small burst: time spent generating a chunk earns no extra credit.
  let next = performance.now();
  return {
    async send(message) {
      const bytes = Buffer.from(message, 'utf8');
      await new Promise<void>((ok, fail) =>
        socket.send(bytes, target.port, target.host, (error) => (error ? fail(error) : ok())),
      );
      const now = performance.now();
      next = Math.max(next, now - 10) + 1000 / rate;
      if (next - now > 10) await new Promise((ok) => setTimeout(ok, next - now));
    },
    async close() {
      socket.close();
    },
  };
}

/** Frames batched up to this many bytes per write. */
const TCP_BATCH = 64 * 1024;

export async function tcpSender(target: SyslogTarget): Promise<SyslogSender> {
  const socket = connect({ host: target.host, port: target.port });
  socket.setNoDelay(true);
  await new Promise<void>((ok, fail) => {
    socket.once('connect', ok);
    socket.once('error', (error) =>
      fail(
        new CliError(
          `--syslog: cannot connect to tcp://${target.host}:${target.port} (${error.message})`,
        ),
      ),
    );
  });
  let failure: Error | undefined;
  socket.on('error', (error) => (failure = error));
  let pending: Buffer[] = [];
  let size = 0;
  const flush = async () => {
    if (!size) return;
    const chunk = Buffer.concat(pending, size);
    pending = [];
    size = 0;
    if (failure) throw failure;
    if (!socket.write(chunk)) await new Promise((ok) => socket.once('drain', ok));
  };
  return {
    async send(message) {
      const body = Buffer.from(message, 'utf8');
      const frame = Buffer.from(`${body.length} `, 'ascii');
      pending.push(frame, body);
      size += frame.length + body.length;
      if (size >= TCP_BATCH) await flush();
    },
    async close() {
      await flush();
      await new Promise<void>((ok) => socket.end(ok));
      if (failure) throw failure;
    },
  };
}
