// Pure helpers of the port-forward views: the local-port field, byte counts, and which ports a browser can open.

/** The local-port field: empty asks for a free port (0); otherwise a whole number from 1 to 65535, or null. */
export function parseLocalPort(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  const port = Number(trimmed);
  return port >= 1 && port <= 65535 ? port : null;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB'];

/** 512 B, 1.5 KiB, 12 MiB: binary units, as kubectl and the metrics columns show memory. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || value >= 100 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${UNITS[unit] ?? 'B'}`;
}

// Ports and port names that speak plain HTTP often enough to offer "Open in browser" (an https port would not open
// over http://, so it is not among them).
const HTTP_PORTS = new Set([80, 3000, 5000, 8000, 8008, 8080, 8081, 9090, 9100, 10254]);
const HTTP_NAME = /^(http|web|metrics|prom|health|api|admin|ui)(-|$)|-(http|metrics)$/;

/** Whether a container port is likely plain HTTP. */
export function isHttpPort(port: number, name: string | undefined): boolean {
  if (name !== undefined && name !== '') return HTTP_NAME.test(name) && !/https/.test(name);
  return HTTP_PORTS.has(port);
}

/** The page to open for a forward: a metrics port's /metrics, else the root. Always on 127.0.0.1. */
export function browserUrl(localPort: number, port: number, name: string | undefined): string {
  const metrics = port === 9100 || (name !== undefined && /metrics/.test(name));
  return `http://127.0.0.1:${String(localPort)}${metrics ? '/metrics' : '/'}`;
}
