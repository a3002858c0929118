import { AppError } from '../../src/core/errors.js';

/**
 * How an action ends, as a string to compare: 'ok', the code of the AppError it throws (with its
 * French message too when `detail` is 'message'), or the text of any other error.
 */
export async function outcome(p: Promise<unknown>, detail: 'code' | 'message' = 'code'): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (!(e instanceof AppError)) return String(e);
    return detail === 'message' ? `${e.code}: ${e.message}` : e.code;
  }
}
