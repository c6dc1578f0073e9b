/**
 * Domain errors know nothing of HTTP; the HTTP layer maps `code` to a status.
 * Each message says what happened, where, and what to do next.
 */
export type DomainErrorCode =
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_INPUT"
  | "NOT_ALLOWED"
  | "UNAUTHENTICATED";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string, details?: unknown) {
    super("NOT_FOUND", message, details);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown) {
    super("CONFLICT", message, details);
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, details?: unknown) {
    super("INVALID_INPUT", message, details);
  }
}

export class NotAllowedError extends DomainError {
  constructor(message: string, details?: unknown) {
    super("NOT_ALLOWED", message, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message: string, details?: unknown) {
    super("UNAUTHENTICATED", message, details);
  }
}
