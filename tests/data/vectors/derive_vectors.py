#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Derives the byte-exact test vectors in this folder from the bitchat spec text.

Every frame is laid out here by hand from the tables of spec 01 (wire format), 02 §3 (fragments)
and 04 §2/§5.1 (announce, capabilities); nothing here calls Meshcast's codec. The only outside
algorithms are the ones the spec delegates to other standards, implemented or taken from their
own references:

* Ed25519 (RFC 8032): the pure-Python reference of RFC 8032 §6, checked below against §7.1
  TEST 1 and TEST 2 before it signs anything.
* X25519 (RFC 7748): the ladder of RFC 7748 §5, checked against the §6.1 key pairs.
* SHA-256 (peer ID, fingerprint): Python's hashlib.
* Raw DEFLATE (RFC 1951): a stored block written by hand, and zlib (level 9, windowBits -15,
  memLevel 8, default strategy) where a real compressed stream is wanted. zlib's output for fixed
  settings has not changed in decades; if it ever does, only the CLI round trip of the
  compressed vectors (which re-compresses) notices.

Frame vectors carry "fields" in the shape `meshcast packet decode` prints, the wire "hex", and
when they differ from it "natural_hex" (the frame before wire padding) or "canonical_hex" (what an
encoder emits for the same packet), plus "padded_hex" (§6 applied whatever the type) and
"signing_transcript" (§5).

Run it from anywhere; it rewrites the *.json files next to it. The outputs are committed.
"""

import hashlib
import json
import pathlib
import zlib

HERE = pathlib.Path(__file__).resolve().parent

# --------------------------------------------------------------------------------------------
# RFC 8032 §6 reference Ed25519 (verbatim in substance, reformatted).
P = 2**255 - 19
Q = 2**252 + 27742317777372353535851937790883648493


def _inv(x):
    return pow(x, P - 2, P)


D = -121665 * _inv(121666) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _sha512(data):
    return hashlib.sha512(data).digest()


def _sha512_modq(data):
    return int.from_bytes(_sha512(data), "little") % Q


def _add(p1, p2):
    a = (p1[1] - p1[0]) * (p2[1] - p2[0]) % P
    b = (p1[1] + p1[0]) * (p2[1] + p2[0]) % P
    c = 2 * p1[3] * p2[3] * D % P
    d = 2 * p1[2] * p2[2] % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f, g * h, f * g, e * h)


def _mul(s, point):
    result = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            result = _add(result, point)
        point = _add(point, point)
        s >>= 1
    return result


def _equal(p1, p2):
    return (p1[0] * p2[2] - p2[0] * p1[2]) % P == 0 and (p1[1] * p2[2] - p2[1] * p1[2]) % P == 0


def _recover_x(y, sign):
    if y >= P:
        return None
    x2 = (y * y - 1) * _inv(D * y * y + 1)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P != 0:
        return None
    if (x & 1) != sign:
        x = P - x
    return x


_GY = 4 * _inv(5) % P
_GX = _recover_x(_GY, 0)
G = (_GX, _GY, 1, _GX * _GY % P)


def _compress(point):
    zinv = _inv(point[2])
    x, y = point[0] * zinv % P, point[1] * zinv % P
    return int.to_bytes(y | ((x & 1) << 255), 32, "little")


def _decompress(data):
    y = int.from_bytes(data, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % P)


def _expand(seed):
    h = _sha512(seed)
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    return a, h[32:]


def ed25519_public(seed):
    return _compress(_mul(_expand(seed)[0], G))


def ed25519_sign(seed, message):
    a, prefix = _expand(seed)
    public = _compress(_mul(a, G))
    r = _sha512_modq(prefix + message)
    big_r = _compress(_mul(r, G))
    h = _sha512_modq(big_r + public + message)
    return big_r + int.to_bytes((r + h * a) % Q, 32, "little")


def ed25519_verify(public, message, signature):
    point_a = _decompress(public)
    point_r = _decompress(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if point_a is None or point_r is None or s >= Q:
        return False
    h = _sha512_modq(signature[:32] + public + message)
    return _equal(_mul(s, G), _add(point_r, _mul(h, point_a)))


# --------------------------------------------------------------------------------------------
# RFC 7748 §5 X25519, only to derive Noise static public keys.
def x25519_base(secret):
    k = bytearray(secret)
    k[0] &= 248
    k[31] &= 127
    k[31] |= 64
    scalar = int.from_bytes(k, "little")
    x1, x2, z2, x3, z3, swap = 9, 1, 0, 9, 1, 0
    for t in reversed(range(255)):
        bit = (scalar >> t) & 1
        swap ^= bit
        if swap:
            x2, x3, z2, z3 = x3, x2, z3, z2
        swap = bit
        a, b = (x2 + z2) % P, (x2 - z2) % P
        aa, bb = a * a % P, b * b % P
        e = (aa - bb) % P
        c, d = (x3 + z3) % P, (x3 - z3) % P
        da, cb = d * a % P, c * b % P
        x3, z3 = (da + cb) ** 2 % P, x1 * (da - cb) ** 2 % P
        x2, z2 = aa * bb % P, e * (aa + 121665 * e) % P
    if swap:
        x2, z2 = x3, z3
    return int.to_bytes(x2 * pow(z2, P - 2, P) % P, 32, "little")


# RFC 8032 §7.1 TEST 1 and TEST 2, and RFC 7748 §6.1 Alice and Bob.
TEST1_SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
TEST1_PUBLIC = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
TEST1_SIGNATURE = bytes.fromhex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
TEST2_SEED = bytes.fromhex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
TEST2_PUBLIC = bytes.fromhex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
TEST2_MESSAGE = bytes.fromhex("72")
TEST2_SIGNATURE = bytes.fromhex(
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")
ALICE_SECRET = bytes.fromhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
ALICE_PUBLIC = bytes.fromhex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
BOB_SECRET = bytes.fromhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
BOB_PUBLIC = bytes.fromhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")

assert ed25519_public(TEST1_SEED) == TEST1_PUBLIC
assert ed25519_sign(TEST1_SEED, b"") == TEST1_SIGNATURE
assert ed25519_public(TEST2_SEED) == TEST2_PUBLIC
assert ed25519_sign(TEST2_SEED, TEST2_MESSAGE) == TEST2_SIGNATURE
assert ed25519_verify(TEST2_PUBLIC, TEST2_MESSAGE, TEST2_SIGNATURE)
assert x25519_base(ALICE_SECRET) == ALICE_PUBLIC
assert x25519_base(BOB_SECRET) == BOB_PUBLIC


# --------------------------------------------------------------------------------------------
# Spec 01 by hand.
VERSION_BYTES = {1: 2, 2: 4}  # §2: payloadLength is 2 bytes in v1, 4 bytes in v2
HAS_RECIPIENT, HAS_SIGNATURE, IS_COMPRESSED, HAS_ROUTE, IS_RSR = 0x01, 0x02, 0x04, 0x08, 0x10  # §3
ANNOUNCE, MESSAGE, LEAVE, NOISE_HANDSHAKE, NOISE_ENCRYPTED, FRAGMENT = 0x01, 0x02, 0x03, 0x10, 0x11, 0x20  # §7
TIMESTAMP = 1700000000000  # 0x0000018bcfe56800 ms, 2023-11-14T22:13:20Z
BLOCKS = (256, 512, 1024, 2048)  # §6
ALLOWANCE = 16  # §6: "plus a 16-byte allowance for encryption overhead"

SENDER = bytes.fromhex("0011223344556677")
RECIPIENT = bytes.fromhex("8899aabbccddeeff")
HOPS = [bytes.fromhex(h) for h in ("a1a1a1a1a1a1a1a1", "b2b2b2b2b2b2b2b2", "c3c3c3c3c3c3c3c3")]


def peer_id(noise_public):
    """README glossary: the first 8 bytes of the SHA-256 of the Noise static key."""
    return hashlib.sha256(noise_public).digest()[:8]


def lay_out(version, type_, ttl, timestamp, sender, section, recipient=None, route=None,
            signature=None, compressed=False, rsr=False, reserved=0):
    """Header (§2), then senderID, recipientID, route, payload, signature (§4), in that order."""
    flags = reserved
    flags |= HAS_RECIPIENT if recipient is not None else 0
    flags |= HAS_SIGNATURE if signature is not None else 0
    flags |= IS_COMPRESSED if compressed else 0
    flags |= HAS_ROUTE if route is not None else 0
    flags |= IS_RSR if rsr else 0
    out = bytes([version, type_, ttl]) + timestamp.to_bytes(8, "big") + bytes([flags])
    out += len(section).to_bytes(VERSION_BYTES[version], "big")  # route bytes not counted (§4.2)
    out += sender
    if recipient is not None:
        out += recipient
    if route is not None:
        out += bytes([len(route)]) + b"".join(route)
    out += section
    if signature is not None:
        assert len(signature) == 64
        out += signature
    return out


def pad(frame):
    """§6: smallest block holding frame + 16; PKCS#7; unpadded when the pad would exceed 255."""
    for block in BLOCKS:
        if len(frame) + ALLOWANCE <= block:
            count = block - len(frame)
            return frame + bytes([count]) * count if count <= 255 else frame
    return frame


def deflate(data):
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY)
    return compressor.compress(data) + compressor.flush()


def compressed_section(version, original, stream=None):
    """§4.3: a 2-byte (v1) or 4-byte (v2) big-endian original size, then raw DEFLATE."""
    return len(original).to_bytes(VERSION_BYTES[version], "big") + (stream or deflate(original))


def stored_block(data):
    """RFC 1951 §3.2.4: BFINAL=1 BTYPE=00 (one byte 0x01), LEN and NLEN little-endian."""
    return bytes([0x01]) + len(data).to_bytes(2, "little") + (len(data) ^ 0xFFFF).to_bytes(2, "little") + data


class Frame:
    """One packet: builds the wire frame, the signing transcript and the CLI-shaped fields."""

    def __init__(self, version, type_, payload, ttl=7, timestamp=TIMESTAMP, sender=SENDER,
                 recipient=None, route=None, compressed=False, rsr=False, reserved=0):
        self.version, self.type, self.payload, self.ttl, self.timestamp = version, type_, payload, ttl, timestamp
        self.sender, self.recipient, self.route, self.rsr, self.reserved = sender, recipient, route, rsr, reserved
        self.section = compressed_section(version, payload) if compressed else payload
        self.compressed = compressed
        self.signature = None

    def natural(self, ttl=None, signature="own", rsr=None, reserved=None):
        return lay_out(self.version, self.type, self.ttl if ttl is None else ttl, self.timestamp,
                       self.sender, self.section, self.recipient, self.route,
                       self.signature if signature == "own" else signature, self.compressed,
                       self.rsr if rsr is None else rsr,
                       self.reserved if reserved is None else reserved)

    def wire(self):
        frame = self.natural()
        return pad(frame) if self.type in (NOISE_HANDSHAKE, NOISE_ENCRYPTED) else frame  # §6

    def transcript(self):
        """§5: ttl 0, no signature section (so hasSignature clear), isRSR clear, padded."""
        return pad(self.natural(ttl=0, signature=None, rsr=False, reserved=0))

    def sign(self, seed):
        self.signature = ed25519_sign(seed, self.transcript())
        return self

    def fields(self):
        return {
            "version": self.version,
            "type": self.type,
            "ttl": self.ttl,
            "timestamp": self.timestamp,
            "sender_id": self.sender.hex(),
            "recipient_id": self.recipient.hex() if self.recipient is not None else None,
            "route": [hop.hex() for hop in self.route] if self.route is not None else None,
            "payload": self.payload.hex(),
            "signature": self.signature.hex() if self.signature is not None else None,
            "is_rsr": self.rsr,
            "compressed": self.compressed,
        }

    def vector(self, name, description, spec, **extra):
        vector = {"name": name, "description": description, "spec": spec, "fields": self.fields()}
        if self.compressed:
            vector["compressed_section"] = self.section.hex()
        vector["hex"] = self.wire().hex()
        if self.reserved:
            vector["canonical_hex"] = self.natural(reserved=0).hex()
        elif self.wire() != self.natural():
            vector["natural_hex"] = self.natural().hex()  # padded on the wire: the frame before §6
        vector["padded_hex"] = pad(self.natural(reserved=0)).hex()  # §6 applied whatever the type
        vector["signing_transcript"] = self.transcript().hex()
        vector.update(extra)
        return vector


def write(name, comment, vectors):
    document = {"comment": comment, "derived_by": "tests/data/vectors/derive_vectors.py",
                "vectors": vectors}
    (HERE / name).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------------------------
# Payloads (spec 02 §3.1, 04 §2, 04 §5.1).
def tlv8(type_, value):
    assert len(value) <= 255
    return bytes([type_, len(value)]) + value


def capabilities(bits):
    """04 §5.1: little-endian, fewest whole bytes holding the highest set bit."""
    out = b""
    while bits:
        out += bytes([bits & 0xFF])
        bits >>= 8
    return out


def fragment_payload(fragment_id, index, total, original_type, data):
    return fragment_id + index.to_bytes(2, "big") + total.to_bytes(2, "big") + bytes([original_type]) + data


SIGNING_PUBLIC = ed25519_public(TEST1_SEED)
ALICE_ID = peer_id(ALICE_PUBLIC)
BOB_ID = peer_id(BOB_PUBLIC)
CAPS = (1 << 0) | (1 << 3) | (1 << 8)  # prekeys, groups, privateMedia
ANNOUNCE_FULL = (tlv8(0x01, "alice".encode()) + tlv8(0x02, ALICE_PUBLIC) + tlv8(0x03, SIGNING_PUBLIC)
                 + tlv8(0x04, BOB_ID + RECIPIENT) + tlv8(0x05, capabilities(CAPS))
                 + tlv8(0x06, "u4pruy".encode()))
ANNOUNCE_MINIMAL = tlv8(0x01, "bob".encode()) + tlv8(0x02, BOB_PUBLIC) + tlv8(0x03, TEST2_PUBLIC)
FRAGMENT_ID = bytes.fromhex("f00dfeedcafebabe")


def announce_fields(nickname, noise, signing, neighbors=(), caps=None, geohash=""):
    return {"nickname": nickname, "noise_public_key": noise.hex(), "signing_public_key": signing.hex(),
            "direct_neighbors": [n.hex() for n in neighbors],
            "capabilities": None if caps is None else str(caps),  # decimal string: may exceed 2^63
            "bridge_geohash": geohash}


def payload_vectors():
    fragment = fragment_payload(FRAGMENT_ID, 1, 3, MESSAGE, b"abc")
    return [
        {"name": "fragment-header", "kind": "fragment", "spec": "02 §3.1",
         "description": "fragmentID (8), index 1 (2 BE), total 3 (2 BE), originalType message (1), then 'abc'",
         "fields": {"fragment_id": FRAGMENT_ID.hex(), "index": 1, "total": 3, "original_type": MESSAGE,
                    "data": b"abc".hex()},
         "hex": fragment.hex()},
        {"name": "fragment-header-wide-numbers", "kind": "fragment", "spec": "02 §3.1",
         "description": "index 0x0102 and total 0x2710 (10,000) show both are big-endian; empty data",
         "fields": {"fragment_id": FRAGMENT_ID.hex(), "index": 0x0102, "total": 10000,
                    "original_type": NOISE_ENCRYPTED, "data": ""},
         "hex": fragment_payload(FRAGMENT_ID, 0x0102, 10000, NOISE_ENCRYPTED, b"").hex()},
        {"name": "announce-all-fields", "kind": "announce", "spec": "04 §2, 04 §5.1, 01 §8.1",
         "description": "TLV-8: nickname, Noise key (RFC 7748 Alice), signing key (RFC 8032 TEST 1), two neighbours, "
                        "capabilities prekeys|groups|privateMedia = 0x0109 as LE bytes 09 01, bridge geohash",
         "fields": announce_fields("alice", ALICE_PUBLIC, SIGNING_PUBLIC, (BOB_ID, RECIPIENT), CAPS, "u4pruy"),
         "hex": ANNOUNCE_FULL.hex()},
        {"name": "announce-required-only", "kind": "announce", "spec": "04 §2",
         "description": "only the three REQUIRED TLVs: nickname, noisePublicKey, signingPublicKey",
         "fields": announce_fields("bob", BOB_PUBLIC, TEST2_PUBLIC), "hex": ANNOUNCE_MINIMAL.hex()},
        {"name": "announce-unknown-tlv-skipped", "kind": "announce_decode", "spec": "01 §8, 04 §2",
         "description": "an unknown TLV type 0x7e (3 bytes) between known entries and one 0xff at the end are skipped",
         "fields": announce_fields("bob", BOB_PUBLIC, TEST2_PUBLIC),
         "hex": (tlv8(0x01, b"bob") + tlv8(0x7E, b"\x01\x02\x03") + tlv8(0x02, BOB_PUBLIC)
                 + tlv8(0x03, TEST2_PUBLIC) + tlv8(0xFF, b"")).hex()},
        {"name": "announce-capabilities-non-minimal", "kind": "announce_decode", "spec": "04 §5.1",
         "description": "capabilities 09 01 00 00 (trailing zero bytes) is accepted in announce: bits 0x0109",
         "fields": announce_fields("bob", BOB_PUBLIC, TEST2_PUBLIC, caps=CAPS),
         "hex": (ANNOUNCE_MINIMAL + tlv8(0x05, bytes.fromhex("09010000"))).hex()},
        {"name": "announce-capabilities-wider-than-64-bits", "kind": "announce_decode", "spec": "04 §5.1",
         "description": "10-byte capabilities: the low 64 bits (bit 0 and bit 63) are kept, bytes 9-10 ignored",
         "fields": announce_fields("bob", BOB_PUBLIC, TEST2_PUBLIC, caps=(1 << 63) | 1),
         "hex": (ANNOUNCE_MINIMAL + tlv8(0x05, bytes.fromhex("01000000000000807f7f"))).hex()},
        {"name": "announce-missing-signing-key", "kind": "announce_invalid", "spec": "04 §2",
         "description": "signingPublicKey absent: REQUIRED, the payload is refused",
         "error": "missing_field", "hex": (tlv8(0x01, b"bob") + tlv8(0x02, BOB_PUBLIC)).hex()},
        {"name": "announce-missing-nickname", "kind": "announce_invalid", "spec": "04 §2",
         "description": "nickname absent: REQUIRED, the payload is refused",
         "error": "missing_field", "hex": (tlv8(0x02, BOB_PUBLIC) + tlv8(0x03, TEST2_PUBLIC)).hex()},
        {"name": "announce-tlv-overrun", "kind": "announce_invalid", "spec": "01 §8.1",
         "description": "the last TLV declares 32 value bytes but only 31 follow",
         "error": "bad_tlv", "hex": (tlv8(0x01, b"bob") + tlv8(0x02, BOB_PUBLIC) + tlv8(0x03, TEST2_PUBLIC)[:-1]).hex()},
        {"name": "capabilities-minimal", "kind": "capabilities", "spec": "04 §5.1",
         "description": "bits -> fewest little-endian bytes", "rows": [
             {"bits": 0, "hex": ""}, {"bits": 1, "hex": "01"}, {"bits": 0x80, "hex": "80"},
             {"bits": 0x100, "hex": "0001"}, {"bits": CAPS, "hex": capabilities(CAPS).hex()},
             {"bits": 0x3FF, "hex": capabilities(0x3FF).hex()}]},
    ]


# --------------------------------------------------------------------------------------------
def frame_vectors():
    text = "hello".encode()
    repeated = ("hello mesh " * 12).encode()  # 132 bytes: over the threshold and compressible
    vectors = [
        Frame(1, MESSAGE, text).vector(
            "v1-broadcast", "v1 header: 14 bytes, 2-byte payloadLength; broadcast message", "01 §2, §4"),
        Frame(2, MESSAGE, text).vector(
            "v2-broadcast", "v2 header: 16 bytes, 4-byte payloadLength; same packet as v1-broadcast", "01 §1, §2"),
        Frame(1, MESSAGE, text, recipient=RECIPIENT).vector(
            "v1-recipient", "hasRecipient 0x01: the 8-byte recipientID follows the senderID", "01 §3, §4.1"),
        Frame(2, MESSAGE, text, recipient=RECIPIENT, route=HOPS).vector(
            "v2-source-route", "hasRoute 0x08: hop count 3 + three IDs after recipientID, not counted in "
            "payloadLength (which stays 5)", "01 §4.2"),
        Frame(2, MESSAGE, text, route=[]).vector(
            "v2-empty-route", "hasRoute with N = 0: just the count byte", "01 §4.2"),
        Frame(1, MESSAGE, text, rsr=True).vector(
            "v1-is-rsr", "isRSR 0x10 on an unsigned packet", "01 §3"),
        Frame(1, MESSAGE, text, reserved=0xE0).vector(
            "v1-reserved-bits", "reserved bits 5-7 set: decoded as if clear; re-encoded with them clear "
            "(canonical_hex)", "01 §3"),
        Frame(1, MESSAGE, repeated, compressed=True).vector(
            "v1-compressed", "isCompressed 0x04: 2-byte original size 0x0084 then raw DEFLATE; both in "
            "payloadLength", "01 §4.3"),
        Frame(2, MESSAGE, repeated, compressed=True).vector(
            "v2-compressed", "isCompressed in v2: 4-byte original size 0x00000084 then raw DEFLATE", "01 §4.3"),
        Frame(1, LEAVE, b"").vector("v1-leave-empty", "leave: empty payload, payloadLength 0", "01 §2, 04 §3.3"),
        Frame(1, 0x7F, b"\x01\x02").vector(
            "v1-unknown-type", "type 0x7f is in no table: the packet still decodes, for the router to skip",
            "01 §7"),
        Frame(1, FRAGMENT, fragment_payload(FRAGMENT_ID, 0, 2, MESSAGE, b"hel"), recipient=RECIPIENT).vector(
            "v1-fragment", "a fragment packet carrying the 13-byte fragment header and 3 bytes", "02 §3.1"),
        Frame(1, ANNOUNCE, ANNOUNCE_FULL, sender=ALICE_ID).vector(
            "v1-announce-unsigned", "an announce packet with the announce-all-fields TLV-8 payload", "04 §2"),
        Frame(1, MESSAGE, text, timestamp=0x0102030405060708).vector(
            "v1-timestamp-full-width", "timestamp 0x0102030405060708 (above 2^53): every byte distinct, "
            "big-endian at offsets 3-10", "01 §2"),
    ]
    received_padded = Frame(1, MESSAGE, text)
    vectors.append({
        "name": "v1-message-received-padded", "spec": "01 §6",
        "description": "a message frame padded by a sender that pads every type: the decoder strips it "
                       "after the unpadded attempt fails; it re-encodes at natural length",
        "fields": received_padded.fields(), "hex": pad(received_padded.natural()).hex(),
        "canonical_hex": received_padded.natural().hex(), "padded_hex": pad(received_padded.natural()).hex(),
        "signing_transcript": received_padded.transcript().hex()})
    return vectors


def padding_vectors():
    vectors = []
    for natural in (22, 240, 241, 256, 257, 496, 497, 768, 769, 1008, 1792, 1793, 2032, 2033):
        payload = bytes((0x20 + i % 90) for i in range(natural - 22))  # v1 header 14 + sender 8
        frame = Frame(1, NOISE_ENCRYPTED, payload)
        wire = frame.wire()
        assert len(frame.natural()) == natural
        note = (f"padded with {len(wire) - natural} bytes of 0x{len(wire) - natural:02x}" if len(wire) != natural
                else "left unpadded")
        vectors.append(frame.vector(
            f"noise-encrypted-{natural}", f"noiseEncrypted frame of {natural} bytes -> {len(wire)} on the wire: {note}",
            "01 §6", natural_size=natural, wire_size=len(wire)))
    return vectors


def signing_vectors():
    message = Frame(1, MESSAGE, "hello, mesh".encode(), sender=ALICE_ID, rsr=True).sign(TEST1_SEED)
    announce = Frame(1, ANNOUNCE, ANNOUNCE_FULL, sender=ALICE_ID).sign(TEST1_SEED)
    full = Frame(2, MESSAGE, ("hello mesh " * 12).encode(), sender=ALICE_ID, recipient=RECIPIENT, route=HOPS,
                 compressed=True, rsr=True).sign(TEST1_SEED)
    vectors = []
    for frame, name, description in (
            (message, "signed-v1-message-rsr", "v1 message with isRSR, signed with the RFC 8032 TEST 1 key: wire "
             "flags 0x12, transcript flags 0x00 and ttl 0, padded to 256"),
            (announce, "signed-v1-announce", "the announce-all-fields payload, signed: transcript padded to 256"),
            (full, "signed-v2-all-sections", "v2 with recipient, 3-hop route, compressed payload, isRSR and "
             "signature: wire flags 0x1f, transcript flags 0x0d")):
        vectors.append(frame.vector(name, description, "01 §4.4, §5", public_key=SIGNING_PUBLIC.hex(), valid=True))
    # Signatures over the wrong bytes: each breaks one rule of §5, so a verifier must refuse them.
    wrong = (
        ("wrong-transcript-ttl-7", "signature over the padded transcript but with ttl 7 kept",
         lambda f: pad(f.natural(ttl=7, signature=None, rsr=False))),
        ("wrong-transcript-unpadded", "signature over the unpadded ttl-0 transcript",
         lambda f: f.natural(ttl=0, signature=None, rsr=False)),
        ("wrong-transcript-rsr-kept", "signature over a transcript that keeps the isRSR bit",
         lambda f: pad(f.natural(ttl=0, signature=None, rsr=True))),
        ("wrong-transcript-has-signature-flag", "signature over a transcript whose flags keep hasSignature",
         lambda f: pad(lay_out(f.version, f.type, 0, f.timestamp, f.sender, f.section, reserved=HAS_SIGNATURE))),
    )
    for name, description, transcript in wrong:
        frame = Frame(1, MESSAGE, "hello, mesh".encode(), sender=ALICE_ID, rsr=True)
        frame.signature = ed25519_sign(TEST1_SEED, transcript(frame))
        vectors.append(frame.vector(name, description, "01 §5", public_key=SIGNING_PUBLIC.hex(), valid=False))
    return vectors


def malformed_vectors():
    good = lay_out(1, MESSAGE, 7, TIMESTAMP, SENDER, b"hello")
    zeros = bytes(3 * 1024 * 1024)
    rows = [
        ("version-0", "version byte 0", "unsupported_version", b"\x00" + good[1:]),
        ("version-3", "version byte 3", "unsupported_version", b"\x03" + good[1:]),
        ("version-ff", "version byte 0xff", "unsupported_version", b"\xff" + good[1:]),
        ("header-cut", "13 of the 14 v1 header bytes", "truncated", good[:13]),
        ("sender-cut", "header complete, senderID cut to 7 bytes", "truncated", good[:21]),
        ("has-route-on-v1", "v1 frame with hasRoute set and a 1-hop route",
         "route_on_v1", lay_out(1, MESSAGE, 7, TIMESTAMP, SENDER, b"hello", reserved=HAS_ROUTE)[:22] + b"\x01" +
         HOPS[0] + b"hello"),
        ("payload-length-overrun", "payloadLength 6 but 5 payload bytes",
         "length_overrun", good[:12] + b"\x00\x06" + good[14:]),
        ("v2-payload-length-huge", "v2 payloadLength 0xffffffff", "length_overrun",
         lay_out(2, MESSAGE, 7, TIMESTAMP, SENDER, b"")[:12] + b"\xff\xff\xff\xff" + SENDER + b"hello"),
        ("route-count-overrun", "v2 route claims 5 hops, 1 present", "length_overrun",
         lay_out(2, MESSAGE, 7, TIMESTAMP, SENDER, b"", route=[])[:-1] + b"\x05" + HOPS[0]),
        ("signature-cut", "hasSignature with 63 signature bytes", "truncated",
         lay_out(1, MESSAGE, 7, TIMESTAMP, SENDER, b"hello", signature=bytes(64))[:-1]),
        ("trailing-garbage", "a valid frame followed by 0xab (not PKCS#7 padding)", "trailing_bytes", good + b"\xab"),
        ("compressed-preamble-cut", "isCompressed with a 1-byte payload: the v1 preamble needs 2", "truncated",
         lay_out(1, MESSAGE, 7, TIMESTAMP, SENDER, b"\x00", compressed=True)),
        ("compressed-ratio-bomb", "v2 declares 1,000,000 bytes (under the 2 MiB limit) from a 5-byte stream: "
         "more than DEFLATE's 1032:1", "decompression_refused",
         lay_out(2, MESSAGE, 7, TIMESTAMP, SENDER, (1000000).to_bytes(4, "big") + deflate(b"x" * 5),
                 compressed=True)),
        ("compressed-over-limit", "v2: a real 3 MiB run of zeros, over the 2 MiB decompression limit",
         "decompression_refused", lay_out(2, MESSAGE, 7, TIMESTAMP, SENDER, compressed_section(2, zeros),
                                          compressed=True)),
        ("compressed-size-too-small", "declared size one less than the stream inflates to",
         "decompression_failed",
         lay_out(1, MESSAGE, 7, TIMESTAMP, SENDER, (131).to_bytes(2, "big") + deflate(b"hello mesh " * 12),
                 compressed=True)),
        ("compressed-size-too-large", "declared size one more than the stream inflates to",
         "decompression_failed",
         lay_out(1, MESSAGE, 7, TIMESTAMP, SENDER, (133).to_bytes(2, "big") + deflate(b"hello mesh " * 12),
                 compressed=True)),
        ("compressed-corrupt-stream", "a DEFLATE block of reserved type BTYPE=11", "decompression_failed",
         lay_out(1, MESSAGE, 7, TIMESTAMP, SENDER, b"\x00\x05\x07\x00\x00", compressed=True)),
    ]
    return [{"name": n, "description": d, "spec": "01", "error": e, "hex": h.hex()} for n, d, e, h in rows]


def compression_vectors():
    original = b"stored, not compressed"
    return [
        {"name": "v1-stored-block", "spec": "01 §4.3, RFC 1951 §3.2.4", "version": 1,
         "description": "2-byte preamble 0x0016, then a final stored block: 01, LEN 16 00, NLEN e9 ff, the bytes",
         "original": original.hex(), "section": compressed_section(1, original, stored_block(original)).hex()},
        {"name": "v2-stored-block", "spec": "01 §4.3, RFC 1951 §3.2.4", "version": 2,
         "description": "4-byte preamble 0x00000016, then the same stored block",
         "original": original.hex(), "section": compressed_section(2, original, stored_block(original)).hex()},
        {"name": "v2-two-stored-blocks", "spec": "01 §4.3, RFC 1951 §3.2.4", "version": 2,
         "description": "a non-final stored block (00) then a final one (01): streams may span blocks",
         "original": original.hex(),
         "section": (len(original).to_bytes(4, "big") + b"\x00" + (6).to_bytes(2, "little") +
                     (6 ^ 0xFFFF).to_bytes(2, "little") + original[:6] + stored_block(original[6:])).hex()},
    ]


def identity_vectors():
    return [
        {"name": "rfc8032-test1", "kind": "ed25519", "spec": "RFC 8032 §7.1 TEST 1",
         "description": "empty message", "seed": TEST1_SEED.hex(), "public_key": TEST1_PUBLIC.hex(),
         "message": "", "signature": TEST1_SIGNATURE.hex()},
        {"name": "rfc8032-test2", "kind": "ed25519", "spec": "RFC 8032 §7.1 TEST 2",
         "description": "one-byte message 0x72", "seed": TEST2_SEED.hex(), "public_key": TEST2_PUBLIC.hex(),
         "message": TEST2_MESSAGE.hex(), "signature": TEST2_SIGNATURE.hex()},
    ] + [
        {"name": f"rfc7748-{who}", "kind": "noise", "spec": "README glossary (peer ID), RFC 7748 §6.1",
         "description": f"X25519 key pair of RFC 7748 {who}: peer ID = SHA-256(public)[0..8]",
         "secret_key": secret.hex(), "public_key": public.hex(),
         "fingerprint": hashlib.sha256(public).hexdigest(), "peer_id": peer_id(public).hex(),
         "formatted_fingerprint": " ".join(hashlib.sha256(public).hexdigest()[i:i + 4] for i in range(0, 64, 4))}
        for who, secret, public in (("alice", ALICE_SECRET, ALICE_PUBLIC), ("bob", BOB_SECRET, BOB_PUBLIC))
    ]


if __name__ == "__main__":
    write("frames.json", "Frames laid out per spec 01 §2-§4; 'hex' is the wire form, 'canonical_hex' what an "
          "encoder emits when it differs.", frame_vectors())
    write("padding.json", "noiseEncrypted frames (padded on the wire, spec 01 §6) at each bucket edge: a frame "
          "pads to the smallest of 256/512/1024/2048 holding it plus 16 bytes, unless that needs over 255 "
          "pad bytes.", padding_vectors())
    write("signing.json", "Signed packets (spec 01 §5) with the RFC 8032 TEST 1 key, their transcripts, and "
          "signatures over wrong transcripts that must not verify.", signing_vectors())
    write("malformed.json", "Frames a decoder must refuse, with the error kind (CodecError snake_case name).",
          malformed_vectors())
    write("payloads.json", "Fragment headers (02 §3.1), announce TLV-8 payloads (04 §2) and PeerCapabilities "
          "(04 §5.1).", payload_vectors())
    write("compression.json", "Compressed payload sections with a hand-written DEFLATE stored block "
          "(RFC 1951 §3.2.4).", compression_vectors())
    write("identity.json", "RFC 8032 Ed25519 and RFC 7748 X25519 vectors with the derived peer IDs.",
          identity_vectors())
