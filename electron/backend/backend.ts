import type { Backend, BackendOptions } from './types.js';
import { AppError } from './errors.js';

export function createBackend(_options: BackendOptions): Promise<Backend> {
  return Promise.reject(new AppError('unsupported', 'The backend is not finished yet.'));
}
