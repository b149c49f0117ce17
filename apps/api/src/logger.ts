import { pino, type Logger } from "pino";

/**
 * Structured JSON logs. Secrets are redacted by path, and request logs carry only method,
 * path, status, duration and who called — never bodies, cookies or tokens.
 */
export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        "password",
        "*.password",
        "*.newPassword",
        "*.currentPassword",
        "token",
        "*.token",
        "secret",
        "*.secret",
        "headers.cookie",
        "headers.authorization",
        "*.headers.cookie",
        "*.headers.authorization",
      ],
      censor: "[redacted]",
    },
  });
}
