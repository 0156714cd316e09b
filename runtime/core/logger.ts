// What the runtime logs through: pino's shape (fastify's logger fits), so any layer can log without
// knowing who hosts it. Silent by default (`confluence-next run`, tests).

export interface Logger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }
