// Shared by the port-forward tests: a pod with a metrics and an HTTP port, and "nothing listens there".
import net from 'node:net';

/** A pod on worker-1 whose agent declares 9100 (metrics) and 8080 (http), as a node agent would. */
export const agentPod = (name: string, namespace: string, node = 'worker-1') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace },
  spec: {
    nodeName: node,
    containers: [
      {
        name: 'agent',
        image: 'example.org/agent:1.0',
        ports: [
          { name: 'metrics', containerPort: 9100 },
          { name: 'http', containerPort: 8080 },
        ],
      },
    ],
  },
});

/** True when a TCP connect to host:port is refused (nothing listens), false when something accepts it. */
export function refusesConnections(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      // ::1 may not exist at all on a machine without IPv6: then nothing can listen there either.
      if (['ECONNREFUSED', 'EADDRNOTAVAIL', 'ENETUNREACH'].includes(error.code ?? '')) resolve(true);
      else reject(error);
    });
  });
}
