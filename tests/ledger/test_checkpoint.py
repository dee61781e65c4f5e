"""Signed notes and checkpoints: round trips, strict parsing and bit-flip rejection."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from madoguchi.ledger import (
    Checkpoint,
    LedgerError,
    MemoryStore,
    Signer,
    Verifier,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    open_checkpoint,
    open_note,
    sign_checkpoint,
    sign_note,
    tree_root,
    verify_checkpoint,
    verify_consistency,
    verify_inclusion,
)

VECTORS = Path(__file__).resolve().parent.parent / "vectors"
C2SP = json.loads(
    (VECTORS / "c2sp_signed_note_checkpoint_examples.json").read_text(encoding="utf-8")
)
EXAMPLE = C2SP["verifiable_signed_note"]
# A fixed seed keeps the signed bytes stable between runs (the key is a test key only).
LOG = Signer("ledger.madoguchi.example/desk", bytes(range(32)))
WITNESS = Signer("witness.madoguchi.example/w1", bytes(range(32, 64)))


def flip(data: bytes, bit: int) -> bytes:
    out = bytearray(data)
    out[bit // 8] ^= 1 << (bit % 8)
    return bytes(out)


def build(size: int) -> MemoryStore:
    store = MemoryStore()
    for i in range(size):
        store.append(leaf_hash(f"ticket event {i}".encode()))
    return store


def test_signer_vkey_round_trip_and_secret_hidden():
    vkey = str(LOG.verifier)
    assert vkey.startswith("ledger.madoguchi.example/desk+")
    assert Verifier.parse(vkey) == LOG.verifier
    assert LOG.seed.hex() not in repr(LOG)
    assert Signer.generate("a.example/x").seed != Signer.generate("a.example/x").seed


def test_checkpoint_round_trip_with_extensions_and_cosignature():
    store = build(37)
    checkpoint = Checkpoint(LOG.name, 37, tree_root(store), ("ext line one", "ext two"))
    note = sign_checkpoint(checkpoint, LOG, WITNESS)
    assert note.startswith(f"{LOG.name}\n37\n")
    got, opened = open_checkpoint(note, LOG.verifier)
    assert got == checkpoint
    assert [s.name for s in opened.verified] == [LOG.name]
    assert [s.name for s in opened.unverified] == [WITNESS.name]
    with pytest.raises(LedgerError, match="unknown key"):
        verify_checkpoint(note, LOG.verifier, reject_unknown=True)
    assert open_note(note, [LOG.verifier, WITNESS.verifier]).unverified == ()


def test_third_party_flow_checkpoint_then_proofs():
    """What docs/ledger.md tells an outsider to do, end to end."""
    store = build(120)
    old = verify_checkpoint(
        sign_checkpoint(Checkpoint(LOG.name, 77, tree_root(store, 77)), LOG), LOG.verifier
    )
    new = verify_checkpoint(
        sign_checkpoint(Checkpoint(LOG.name, 120, tree_root(store)), LOG),
        Verifier.parse(str(LOG.verifier)),
    )
    proof = consistency_proof(store, old.tree_size, new.tree_size)
    assert verify_consistency(old.tree_size, new.tree_size, proof, old.root_hash, new.root_hash)
    leaf = leaf_hash(b"ticket event 90")
    assert verify_inclusion(leaf, 90, new.tree_size, inclusion_proof(store, 90), new.root_hash)


def test_wrong_origin_wrong_key_and_wrong_name_are_rejected():
    checkpoint = Checkpoint("other.example/log", 0, tree_root(MemoryStore()))
    with pytest.raises(LedgerError, match="origin"):
        verify_checkpoint(sign_checkpoint(checkpoint, LOG), LOG.verifier)
    assert verify_checkpoint(
        sign_checkpoint(checkpoint, LOG), LOG.verifier, origin="other.example/log"
    )
    note = sign_checkpoint(Checkpoint(LOG.name, 0, bytes(32)), LOG)
    impostor = Signer(LOG.name, bytes(32))  # same name, other key: different key ID
    with pytest.raises(LedgerError, match="no signature from a trusted key"):
        verify_checkpoint(note, impostor.verifier)
    # Same name and key ID but a different public key: the signature must fail.
    forged = Verifier(LOG.name, LOG.verifier.key_id, impostor.public_key)
    with pytest.raises(LedgerError, match="does not verify"):
        verify_checkpoint(note, forged)


@pytest.mark.parametrize(
    "body",
    [
        "",
        "origin\n",
        "origin\n5\n",
        "origin\n05\n" + base64.b64encode(bytes(32)).decode() + "\n",
        "origin\n-5\n" + base64.b64encode(bytes(32)).decode() + "\n",
        "origin\n5 \n" + base64.b64encode(bytes(32)).decode() + "\n",
        "origin\n18446744073709551616\n" + base64.b64encode(bytes(32)).decode() + "\n",
        "origin\n5\n" + base64.b64encode(bytes(31)).decode() + "\n",
        "origin\n5\n" + base64.b64encode(bytes(32)).decode().rstrip("=") + "\n",
        "origin\n5\n" + base64.b64encode(bytes(32)).decode() + "\n\nextension\n",
        "\n5\n" + base64.b64encode(bytes(32)).decode() + "\n",
        "origin\n5\n" + base64.b64encode(bytes(32)).decode(),
        "origin\n５\n" + base64.b64encode(bytes(32)).decode() + "\n",
    ],
)
def test_malformed_checkpoint_bodies_are_rejected(body):
    with pytest.raises(LedgerError):
        Checkpoint.parse(body)


@pytest.mark.parametrize(
    "note",
    [
        "text\n",
        "text\n\n",
        "text\n\n— ledger.madoguchi.example/desk AAAA\n",
        "text\n\n- ledger.madoguchi.example/desk AAAAAAAA\n",
        "text\n\n— ledger.madoguchi.example/desk  AAAAAAAA\n",
        "text\n\n— name+plus AAAAAAAA\n",
        "text\n\n— name AAAAAAAA extra\n",
        "text\n\n— name AAAAAAAA",
        "text\n\n— name AAAAAAA=\n",
        "text\r\n\n— name AAAAAAAA\n",
        "te\x00xt\n\n— name AAAAAAAA\n",
        b"text\xff\n\n\xe2\x80\x94 name AAAAAAAA\n",
        "text\n\n— name AAAAAAAA\n\n",
        "text\n\n— name AAAAAAAA\nnot a signature\n",
        "text\n\n" + "— name AAAAAAAA\n" * 101,
    ],
)
def test_malformed_notes_are_rejected(note):
    with pytest.raises(LedgerError):
        open_note(note, [LOG.verifier])


@pytest.mark.parametrize(
    "vkey",
    [
        "",
        "name",
        "name+530d903a",
        "example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
        "example.com/foo+530D903A+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
        "example.com/fo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
        "example.com/foo+530d903a+AukyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
        "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2",
        "example com+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
    ],
)
def test_malformed_vkeys_are_rejected(vkey):
    with pytest.raises(LedgerError):
        Verifier.parse(vkey)


def _rejected(note: bytes, verifier: Verifier) -> bool:
    try:
        verify_checkpoint(note, verifier)
    except LedgerError:
        return True
    return False


def test_every_bit_flip_of_a_signed_checkpoint_is_rejected():
    """Exhaustive: each of the ~1,500 bits of a checkpoint note (text, separator, signature)."""
    store = build(300)
    note = sign_checkpoint(
        Checkpoint(LOG.name, 300, tree_root(store), ("madoguchi v1",)), LOG
    ).encode()
    assert verify_checkpoint(note, LOG.verifier).tree_size == 300
    for bit in range(len(note) * 8):
        assert _rejected(flip(note, bit), LOG.verifier), bit


def test_every_bit_flip_of_the_c2sp_example_is_rejected():
    verifier = Verifier.parse(EXAMPLE["vkey"])
    note = EXAMPLE["signed_note"].encode()
    for bit in range(len(note) * 8):
        with pytest.raises(LedgerError):
            open_note(flip(note, bit), [verifier])


def test_every_bit_flip_of_the_raw_signature_and_key_is_rejected():
    text = Checkpoint(LOG.name, 3, tree_root(build(3))).text()
    message = text.encode()
    signature = LOG.sign(message)
    verifier = LOG.verifier
    assert verifier.verify(message, signature)
    for bit in range(len(signature) * 8):
        assert not verifier.verify(message, flip(signature, bit))
    for bit in range(len(verifier.public_key) * 8):
        other = Verifier(verifier.name, verifier.key_id, flip(verifier.public_key, bit))
        assert not other.verify(message, signature)


def test_every_bit_flip_of_a_vkey_is_rejected_or_changes_nothing_trusted():
    vkey = str(LOG.verifier).encode()
    note = sign_checkpoint(Checkpoint(LOG.name, 0, bytes(32)), LOG)
    for bit in range(len(vkey) * 8):
        try:
            flipped = Verifier.parse(flip(vkey, bit).decode("utf-8"))
        except (LedgerError, UnicodeDecodeError):
            continue
        raise AssertionError(f"bit {bit} gave a parsable vkey {flipped}")  # pragma: no cover
    assert verify_checkpoint(note, LOG.verifier).tree_size == 0


@settings(max_examples=40, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), min_codepoint=0x20), max_size=60
    ).map(lambda s: s + "\n"),
)
def test_any_valid_text_round_trips(text):
    note = sign_note(text, LOG)
    assert open_note(note, [LOG.verifier]).text == text


@settings(max_examples=40, deadline=None)
@given(
    size=st.integers(0, 2**64 - 1),
    root=st.binary(min_size=32, max_size=32),
    extensions=st.lists(
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs",), min_codepoint=0x21), min_size=1
        ),
        max_size=3,
    ),
)
def test_any_checkpoint_round_trips(size, root, extensions):
    checkpoint = Checkpoint(LOG.name, size, root, tuple(extensions))
    assert Checkpoint.parse(checkpoint.text()) == checkpoint
    assert verify_checkpoint(sign_checkpoint(checkpoint, LOG), LOG.verifier) == checkpoint


def test_sign_note_refuses_bad_text():
    for text in ["no newline", "ctrl\x07\n", "\ud800\n"]:
        with pytest.raises(LedgerError):
            sign_note(text, LOG)
    with pytest.raises(LedgerError):
        sign_note("ok\n")
    with pytest.raises(LedgerError):
        Signer("bad name", bytes(32))
    with pytest.raises(LedgerError):
        Signer("name", bytes(31))
