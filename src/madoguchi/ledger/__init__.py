"""Transparency log primitives: RFC 9162 Merkle trees and C2SP signed checkpoints. No Django.

The desk appends entries to a log whose tree head is published as a signed checkpoint; anyone
holding the log's verifier key can check that an entry is included and that the log only ever
grew. See docs/ledger.md.

>>> store = MemoryStore()
>>> _ = store.append(leaf_hash(b"ticket 1 closed"))
>>> signer = Signer.generate("ledger.madoguchi.example")
>>> note = sign_checkpoint(Checkpoint(signer.name, store.size(), tree_root(store)), signer)
>>> cp = verify_checkpoint(note, Verifier.parse(str(signer.verifier)))
>>> verify_inclusion(leaf_hash(b"ticket 1 closed"), 0, cp.tree_size, [], cp.root_hash)
True
"""

from madoguchi.ledger._errors import LedgerError
from madoguchi.ledger.checkpoint import (
    Checkpoint,
    open_checkpoint,
    sign_checkpoint,
    verify_checkpoint,
)
from madoguchi.ledger.frontier import (
    frontier_append,
    frontier_pack,
    frontier_root,
    frontier_unpack,
)
from madoguchi.ledger.merkle import (
    EMPTY_ROOT,
    HASH_SIZE,
    HashStore,
    MemoryStore,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    range_hash,
    tree_root,
    verify_consistency,
    verify_inclusion,
)
from madoguchi.ledger.note import (
    Note,
    NoteSignature,
    Signer,
    Verifier,
    key_id,
    open_note,
    sign_note,
    split_note,
)
from madoguchi.ledger.plan import (
    PrefetchedStore,
    consistency_nodes,
    inclusion_nodes,
    root_nodes,
)

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "Checkpoint",
    "HashStore",
    "LedgerError",
    "MemoryStore",
    "Note",
    "NoteSignature",
    "PrefetchedStore",
    "Signer",
    "Verifier",
    "consistency_nodes",
    "consistency_proof",
    "frontier_append",
    "frontier_pack",
    "frontier_root",
    "frontier_unpack",
    "inclusion_nodes",
    "inclusion_proof",
    "key_id",
    "leaf_hash",
    "node_hash",
    "open_checkpoint",
    "open_note",
    "range_hash",
    "root_nodes",
    "sign_checkpoint",
    "sign_note",
    "split_note",
    "tree_root",
    "verify_checkpoint",
    "verify_consistency",
    "verify_inclusion",
]
