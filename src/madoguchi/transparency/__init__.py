"""The database-backed transparency log: a leaf per ticket event, checkpoints, proofs, receipts."""
