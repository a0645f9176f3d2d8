"""What a relay window's signature covers (docs/bus.md, "Signature"): a
message's body and its Makhzan-Proof fold to the window's Merkle root, and
the signed message is the domain, the key id, the window's size and that
root.  Written here once, apart from makhzan's C code, so that sync.sh (the
relay's messages) and central-window.sh (the centre's evidence) check the
scheme independently of the code under test."""
import base64
import hashlib


def H(b):
    return hashlib.blake2b(b, digest_size=32).digest()


def fold(leaf, i, size, path):
    """The root that leaf i of size folds to along path (32-byte hashes),
    or None when the path does not fit the tree's shape (RFC 6962)."""
    fn, sn, r = i, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = H(b"\x01" + p + r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = H(b"\x01" + r + p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def split_proof(proof):
    """Makhzan-Proof "index/size/base64 path" as (index, size, [hashes])."""
    i, size, path = proof.split("/", 2)
    raw = base64.b64decode(path) if path else b""
    return int(i), int(size), [raw[k:k + 32] for k in range(0, len(raw), 32)]


def signed_message(key_id, size, root):
    return (b"makhzan-window-v1\x00" + key_id.encode() + b"\x00" +
            size.to_bytes(8, "big") + root)


def signed(body, hdrs):
    """The bytes the window's Ed25519 signature is over, for one message."""
    i, size, path = split_proof(hdrs["Makhzan-Proof"])
    root = fold(H(b"\x00" + body), i, size, path)
    assert root is not None, hdrs["Makhzan-Proof"]
    return signed_message(hdrs["Makhzan-Key"], size, root)
