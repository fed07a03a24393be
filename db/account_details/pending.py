"""This device's writes for one account that the server has not acknowledged: the ones
still to send (laid over the cache as the server will apply them) and the ones it refused
(shown as issues, never as data)."""

from collections.abc import Iterable

from db.outbox import Mutation, MutationKind, MutationState, Outbox

__all__ = ["account_mutations", "pending_of", "refusal_reason", "refused_of"]


def account_mutations(outbox: Outbox | None, account_id: int) -> list[Mutation]:
    """This device's unacknowledged writes for the account, oldest first."""
    if outbox is None:
        return []
    return outbox.unacknowledged_for_account(account_id)


def pending_of(mutations: Iterable[Mutation], *kinds: MutationKind) -> list[Mutation]:
    """Those of ``mutations`` of one of ``kinds`` still waiting to be sent."""
    return [m for m in mutations if m.kind in kinds and m.state is MutationState.PENDING]


def refused_of(mutations: Iterable[Mutation], *kinds: MutationKind) -> list[Mutation]:
    """Those of ``mutations`` of one of ``kinds`` the server refused (they need attention)."""
    return [m for m in mutations if m.kind in kinds and m.state.needs_attention]


def refusal_reason(mutation: Mutation) -> str:
    """Why the server did not apply a mutation, in words."""
    result = mutation.result or {}
    error = result.get("error") if isinstance(result, dict) else None
    if isinstance(error, dict) and error.get("message"):
        return str(error["message"])
    if mutation.state is MutationState.CONFLICT:
        return "changed on the server meanwhile"
    return mutation.last_error or mutation.state.value
