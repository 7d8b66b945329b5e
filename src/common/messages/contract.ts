import * as v from 'valibot';
import { warn } from '../../core/log.ts';

type RequestSchema = v.GenericSchema<unknown, { type: string }>;

/**
 * One direction's contract: the requests a receiver accepts and the reply each gets. Both ends
 * check with it; what fails is dropped (a reply with a warning naming its request).
 */
export function contract<S extends RequestSchema, R extends Record<v.InferOutput<S>['type'], v.GenericSchema>>(requests: S, replies: R) {
  type Request = v.InferOutput<S>;
  return {
    parseRequest(message: unknown): Request | undefined {
      const result = v.safeParse(requests, message);
      return result.success ? result.output : undefined;
    },
    parseReply<T extends Request['type']>(type: T, reply: unknown): v.InferOutput<R[T]> | undefined {
      const result = v.safeParse(replies[type], reply);
      if (result.success) return result.output as v.InferOutput<R[T]>;
      warn(`dropped a malformed reply to "${type}"`, result.issues[0]?.message);
      return undefined;
    },
  };
}
