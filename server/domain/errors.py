"""The one error type the domain raises, and the marker for translatable messages."""


def N_(message: str) -> str:
    """Mark a message for translation without translating it (pybabel extracts N_)."""
    return message


class DomainError(Exception):
    """A broken rule: a stable code for programs, an English message for people."""

    def __init__(self, code: str, message: str, /, *, field: str | None = None,
                 details: dict | None = None, **params):
        super().__init__(message % params if params else message)
        self.code = code
        self.message = message
        self.field = field
        self.details = details or {}  # data for programs, e.g. the current version
        self.params = params

    def as_dict(self, translate=None) -> dict:
        """Return the wire form {code, message[, field]}, translating the message if asked."""
        text = translate(self.message) if translate else self.message
        if self.params:
            text = text % self.params
        out = {"code": self.code, "message": text, **self.details}
        if self.field:
            out["field"] = self.field
        return out


def bad_request(message: str = N_("The request is malformed."), /, **params) -> DomainError:
    """Build the error for a payload that does not have the expected shape."""
    return DomainError("bad_request", message, **params)


def not_found(message: str, /, **params) -> DomainError:
    """Build the error for something that does not exist (any more)."""
    return DomainError("not_found", message, **params)


def forbidden(message: str = N_("You are not allowed to do this."), /, **params) -> DomainError:
    """Build the error for an action the caller's role does not permit."""
    return DomainError("forbidden", message, **params)


def conflict(message: str = N_("Someone else changed this at the same moment."), /,
             **params) -> DomainError:
    """Build the error for a change that lost a race, or collides with another one."""
    return DomainError("conflict", message, **params)


def unavailable() -> DomainError:
    """Build the error for a moment when the database cannot be reached: nothing written."""
    return DomainError(
        "unavailable", N_("The server cannot reach its database; try again in a moment."))


def unconfirmed() -> DomainError:
    """Build the error for a write its master holds but its replicas did not confirm in
    time: a failover could still lose it, so it is not acknowledged."""
    return DomainError(
        "unconfirmed",
        N_("The server could not confirm your change was saved; try again in a moment."))


def rate_limited(message: str = N_("Too many actions at once; wait a moment."), /,
                 **params) -> DomainError:
    """Build the error for a client going faster than its rate."""
    return DomainError("rate_limited", message, **params)


def server_error() -> DomainError:
    """Build the error for a bug: nothing was written."""
    return DomainError("server_error", N_("Something went wrong on the server."))


def not_an_object() -> DomainError:
    """Build the error for a payload that is not a JSON object."""
    return bad_request(N_("The payload must be an object."))


def unreadable() -> DomainError:
    """Build the error for a message whose JSON cannot be read (malformed, too deep)."""
    return bad_request(N_("The message could not be read: it is not valid JSON, or it is "
                          "nested too deeply."))
