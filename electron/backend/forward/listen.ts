import net from 'node:net';
import { AppError } from '../errors.js';

/** The only address a forward listens on: other machines on the network must never reach the pod through it. */
export const LOOPBACK = '127.0.0.1';

/**
 * Listens on 127.0.0.1:`port` (0: a free port the system picks). A port that is taken or needs privileges is
 * refused with words the local-port field can show.
 */
export function listenLocal(port: number, onConnection: (socket: net.Socket) => void): Promise<net.Server> {
  const server = net.createServer({ noDelay: true }, onConnection);
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `Port ${String(port)} on ${LOOPBACK}`;
      if (error.code === 'EADDRINUSE') {
        reject(
          new AppError(
            'conflict',
            `${where} is already in use; choose another port, or leave it empty for a free one.`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(new AppError('forbidden', `${where} needs privileges the app does not have; choose a port above 1023.`));
      } else reject(new AppError('internal', `${where} could not be opened (${error.code ?? error.message}).`));
    });
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => {
      server.removeAllListeners('error');
      server.on('error', () => server.close());
      resolve(server);
    });
  });
}
