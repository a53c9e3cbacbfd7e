"""Test-time TLS: a private CA and a server certificate made on the spot, and an HTTPS loopback server.

Certificates come from the `cryptography` package or, failing that, from the `openssl` command; nothing is
downloaded and nothing outlives the test's temp dir.
"""

from __future__ import annotations

import datetime
import importlib.util
import ipaddress
import shutil
import ssl
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .loopback import LoopbackServer

NAMES = ("localhost", "api.provider.invalid")  # DNS names the server certificate is valid for (and 127.0.0.1)


@dataclass(frozen=True)
class Certs:
    ca: Path  # the CA's certificate: what SSL_CERT_FILE or a CA bundle setting points at
    cert: Path  # the server's certificate, signed by the CA
    key: Path  # the server's private key

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context


def makers() -> list[str]:
    """The ways to make certificates on this machine."""
    found = []
    if importlib.util.find_spec("cryptography") is not None:
        found.append("cryptography")
    if shutil.which("openssl"):
        found.append("openssl")
    return found


def make_certs(folder: Path, maker: str | None = None) -> Certs:
    folder.mkdir(parents=True, exist_ok=True)
    maker = maker or (makers() or ["none"])[0]
    if maker == "cryptography":
        return _with_cryptography(folder)
    if maker == "openssl":
        return _with_openssl(folder)
    raise RuntimeError("neither the cryptography package nor the openssl command is here to make a test certificate")


def _with_cryptography(folder: Path) -> Certs:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Parley test CA")])
    ca = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    key = ec.generate_private_key(ec.SECP256R1())
    alt = [x509.DNSName(n) for n in NAMES] + [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    certs = Certs(folder / "ca.pem", folder / "server.pem", folder / "server-key.pem")
    certs.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    certs.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    certs.key.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                            serialization.NoEncryption()))  # fmt: skip
    return certs


def _with_openssl(folder: Path) -> Certs:
    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True, timeout=60)

    certs = Certs(folder / "ca.pem", folder / "server.pem", folder / "server-key.pem")
    run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
        "-subj", "/CN=Parley test CA", "-keyout", "ca-key.pem", "-out", certs.ca.name,
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")  # fmt: skip
    run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=localhost",
        "-keyout", certs.key.name, "-out", "server.csr")  # fmt: skip
    alt = ",".join([f"DNS:{n}" for n in NAMES] + ["IP:127.0.0.1"])
    (folder / "server.ext").write_text(f"subjectAltName={alt}\nbasicConstraints=critical,CA:FALSE\n"
                                       "extendedKeyUsage=serverAuth\n", encoding="ascii")  # fmt: skip
    run("x509", "-req", "-in", "server.csr", "-CA", certs.ca.name, "-CAkey", "ca-key.pem", "-CAcreateserial",
        "-days", "2", "-extfile", "server.ext", "-out", certs.cert.name)  # fmt: skip
    return certs


class TlsLoopbackServer(LoopbackServer):
    """The scripted loopback server behind TLS, with a certificate no public CA vouches for."""

    scheme = "https"

    def __init__(self, certs: Certs) -> None:
        super().__init__()
        self._context = certs.server_context()

    def _tls(self) -> ssl.SSLContext:
        return self._context
