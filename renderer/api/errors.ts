import type { AppErrorDTO, ErrorCode } from '../../electron/contract/dto';

/** A failed service call, carrying the backend's error as it crossed the bridge. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly dto: AppErrorDTO;

  constructor(dto: AppErrorDTO) {
    super(dto.message);
    this.name = 'ApiError';
    this.code = dto.code;
    this.dto = dto;
  }
}

/** Any thrown value as an error DTO the UI can show. */
export function toErrorDTO(error: unknown): AppErrorDTO {
  if (error instanceof ApiError) return error.dto;
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}
