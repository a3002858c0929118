/**
 * Typed errors with stable codes. The HTTP error handler maps each code to a status and a French
 * page; code never compares message text. `message` is in French when it is meant for the user.
 */
export type ErrorCode =
  | 'NotFound'
  | 'Forbidden'
  | 'Unauthenticated'
  | 'Invalid'
  | 'Conflict'
  | 'InvalidTransition'
  | 'RateLimited';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (message = 'La page demandée n’existe pas ou n’est plus disponible.') =>
  new AppError('NotFound', message);
export const forbidden = (message = 'Vous n’avez pas les droits nécessaires pour cette action.') =>
  new AppError('Forbidden', message);
export const invalid = (message: string, fields: Record<string, string> = {}) =>
  new AppError('Invalid', message, fields);
export const conflict = (message: string, fields: Record<string, string> = {}) =>
  new AppError('Conflict', message, fields);

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  NotFound: 404,
  Forbidden: 403,
  Unauthenticated: 401,
  Invalid: 400,
  Conflict: 409,
  InvalidTransition: 409,
  RateLimited: 429,
};

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
