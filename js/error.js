// The error every twochat promise rejects with. A real Error subclass, so `instanceof Error`,
// stack traces and error reporters work; `code` is stable and meant to be branched on.
export class TwoChatError extends Error {
  constructor(code, message, status, retryAfterMs) {
    super(message);
    this.name = "TwoChatError";
    this.code = code;
    if (status !== undefined) this.status = status;
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
  }

  toJSON() {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
    };
  }
}
