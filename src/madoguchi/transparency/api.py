"""Public API of the transparency log (mounted under /api/v1/): no key needed, no personal data.

``GET /log/checkpoint``, ``/log/proof/inclusion?leaf_index=&tree_size=``,
``/log/proof/consistency?first=&second=``, ``/log/leaves/{leaf_index}``. Hashes are standard
base64 (as in the checkpoint note). A size or index outside the log is a 422 with a message.
"""

from __future__ import annotations

import base64

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from madoguchi.api.errors import ApiError, errors
from madoguchi.ledger import LedgerError, leaf_hash
from madoguchi.transparency import selectors, services
from madoguchi.transparency.keys import log_origin, log_verifier

router = Router(tags=["transparency"])

#: a tree size or index beyond anything a log holds (2**63 - 1, the database's bigint)
MAX_INDEX = (1 << 63) - 1
LATEST_MAX_AGE = 10  # seconds a cache may keep the latest checkpoint
FIXED_MAX_AGE = 86_400  # a proof for explicit sizes never changes


def b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


class CheckpointOut(Schema):
    origin: str
    tree_size: int
    root_hash: str
    note: str
    vkey: str
    created_at: str


class InclusionQuery(Schema):
    leaf_index: int = Field(ge=0, le=MAX_INDEX)
    tree_size: int | None = Field(default=None, ge=1, le=MAX_INDEX)


class InclusionOut(Schema):
    leaf_index: int
    tree_size: int
    leaf_hash: str
    proof: list[str]


class ConsistencyQuery(Schema):
    first: int = Field(ge=1, le=MAX_INDEX)
    second: int | None = Field(default=None, ge=1, le=MAX_INDEX)


class ConsistencyOut(Schema):
    first: int
    second: int
    proof: list[str]


class LeafOut(Schema):
    leaf_index: int
    entry: str
    leaf_hash: str


def _cache(response: HttpResponse, seconds: int) -> None:
    response["Cache-Control"] = f"public, max-age={seconds}"


def _latest_size() -> int:
    return services.checkpoint_current().tree_size


@router.get("/log/checkpoint", auth=None, response={200: CheckpointOut})
def checkpoint(request: HttpRequest, response: HttpResponse):
    """The latest signed checkpoint (C2SP tlog-checkpoint) and the log's verifier key."""
    _cache(response, LATEST_MAX_AGE)
    row = services.checkpoint_current()
    return {
        "origin": log_origin(),
        "tree_size": row.tree_size,
        "root_hash": b64(bytes(row.root)),
        "note": row.note,
        "vkey": str(log_verifier()),
        "created_at": row.created_at.isoformat(),
    }


def _range_error(exc: LedgerError) -> ApiError:
    return ApiError(422, str(exc), code="out_of_range")


@router.get("/log/proof/inclusion", auth=None, response={200: InclusionOut, **errors(400, 422)})
def proof_inclusion(request: HttpRequest, response: HttpResponse, query: Query[InclusionQuery]):
    """RFC 9162 inclusion proof of a leaf; ``tree_size`` defaults to the latest checkpoint's."""
    _cache(response, LATEST_MAX_AGE if query.tree_size is None else FIXED_MAX_AGE)
    size = query.tree_size if query.tree_size is not None else _latest_size()
    try:
        stored, proof = selectors.inclusion_proof_at(leaf_index=query.leaf_index, tree_size=size)
    except LedgerError as exc:
        raise _range_error(exc) from None
    return {
        "leaf_index": query.leaf_index,
        "tree_size": size,
        "leaf_hash": b64(stored),
        "proof": [b64(p) for p in proof],
    }


@router.get("/log/proof/consistency", auth=None, response={200: ConsistencyOut, **errors(400, 422)})
def proof_consistency(request: HttpRequest, response: HttpResponse, query: Query[ConsistencyQuery]):
    """RFC 9162 consistency proof between two tree sizes (``second`` defaults to the latest)."""
    _cache(response, LATEST_MAX_AGE if query.second is None else FIXED_MAX_AGE)
    second = query.second if query.second is not None else _latest_size()
    try:
        proof = selectors.consistency_proof_between(first=query.first, second=second)
    except LedgerError as exc:
        raise _range_error(exc) from None
    return {"first": query.first, "second": second, "proof": [b64(p) for p in proof]}


@router.get("/log/leaves/{leaf_index}", auth=None, response={200: LeafOut, **errors(400, 422)})
def leaf(request: HttpRequest, response: HttpResponse, leaf_index: int):
    """A sequenced leaf: the entry bytes (a salted commitment, no personal data) and its hash."""
    _cache(response, FIXED_MAX_AGE)
    if not 0 <= leaf_index <= MAX_INDEX:
        raise ApiError(422, f"leaf_index {leaf_index} is out of range", code="out_of_range")
    try:
        entry, stored = selectors.leaf_at(leaf_index)
    except LedgerError as exc:
        raise _range_error(exc) from None
    if leaf_hash(entry) != stored:  # never serve a leaf that does not match its entry
        raise ApiError(422, f"leaf {leaf_index} does not match its entry", code="inconsistent")
    return {"leaf_index": leaf_index, "entry": b64(entry), "leaf_hash": b64(stored)}
