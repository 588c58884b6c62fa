#!/usr/bin/env python3
"""A test EHR for the CDS load test: an ES384 key pair, its JWKS, and many signed JWTs, each with its own jti.

Usage: cds_tokens.py WORK_DIR AUDIENCE FILE=COUNT [FILE=COUNT ...]
The first call makes the key (WORK_DIR/ehr-key.pem) and writes WORK_DIR/jwks.json (public key only); later calls sign
with the same key. Writes WORK_DIR/FILE with COUNT tokens, one a line. Tokens follow CDS Hooks
2.0 (iss, sub, aud, exp 5 minutes after iat, jti), so they must be used within five minutes. Needs python3-cryptography.
"""
import base64
import json
import os
import sys
import time
import uuid

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

ISSUER = "https://ehr.load.example"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def main() -> None:
    work, audience, outputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    pem = f"{work}/ehr-key.pem"
    if os.path.exists(pem):
        with open(pem, "rb") as f:
            key = serialization.load_pem_private_key(f.read(), password=None)
    else:
        key = ec.generate_private_key(ec.SECP384R1())
        with open(pem, "wb") as f:
            f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    numbers = key.public_key().public_numbers()
    jwk = {"kty": "EC", "crv": "P-384", "kid": "load-1", "use": "sig", "alg": "ES384",
           "x": b64(numbers.x.to_bytes(48, "big")), "y": b64(numbers.y.to_bytes(48, "big"))}
    with open(f"{work}/jwks.json", "w", encoding="ascii") as f:
        json.dump({"keys": [jwk]}, f)

    header = b64(json.dumps({"alg": "ES384", "typ": "JWT", "kid": "load-1"}).encode())
    now = int(time.time())
    for output in outputs:
        name, count = output.split("=")
        with open(f"{work}/{name}", "w", encoding="ascii") as f:
            for _ in range(int(count)):
                claims = {"iss": ISSUER, "sub": "load-client", "aud": audience, "iat": now, "exp": now + 300, "jti": str(uuid.uuid4())}
                signing_input = header + "." + b64(json.dumps(claims).encode())
                r, s = decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA384())))
                f.write(signing_input + "." + b64(r.to_bytes(48, "big") + s.to_bytes(48, "big")) + "\n")


if __name__ == "__main__":
    main()
