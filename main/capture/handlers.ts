// Contract handlers for capture sessions (methods in main/api/contract/capture.ts).
import type { Handlers } from '../api/handlers';
import type { captureMethods } from '../api/contract/capture';

export type CaptureHandlers = Pick<Handlers, keyof typeof captureMethods>;

export function createCaptureHandlers(): CaptureHandlers {
  return {};
}
