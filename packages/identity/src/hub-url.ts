/**
 * The names under which a client may address this hub. HUB_URL is the one name, except on the
 * loopback interface: `pnpm start` serves on http://127.0.0.1:PORT with HUB_URL=http://localhost:PORT
 * (passkeys refuse IP addresses), and `localhost`, `127.0.0.1` and `[::1]` name the same machine, so a
 * client assertion or receipt addressed to any of them (same scheme, port and path) is addressed to
 * this hub. Any other host is not.
 */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

export function loopbackAliases(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [url];
  }
  if (!LOOPBACK.includes(u.hostname)) return [url];
  const rest = url.slice(url.indexOf(u.host) + u.host.length);
  const port = u.port ? `:${u.port}` : '';
  return [url, ...LOOPBACK.map((h) => `${u.protocol}//${h}${port}${rest}`).filter((a) => a !== url)];
}
