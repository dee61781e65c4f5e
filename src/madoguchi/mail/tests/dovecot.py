"""A throw-away Dovecot IMAP server for tests: temp dir, passwd-file user, a free port.

Dovecot comes from Debian (``apt-get install -y dovecot-imapd``); without it the IMAP tests
skip. As root its login process must run as an unprivileged user (dovenull) and mail as a
non-root uid (dovecot); as a normal user everything runs as that user.
"""

from __future__ import annotations

import getpass
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

USER = "desk"
PASSWORD = "throwaway-imap-password"  # a test server's only account


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Dovecot:
    process: subprocess.Popen
    port: int
    directory: Path
    #: the implicit-TLS port and the self-signed certificate (a CA file), when started with TLS
    tls_port: int = 0
    certificate: Path | None = None

    def client(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=30)
        client.login(USER, PASSWORD)
        return client

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        shutil.rmtree(self.directory, ignore_errors=True)


def _certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (openssl), valid for a day."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def dovecot_start(*, tls: bool = False) -> Dovecot:
    """Start Dovecot; with ``tls`` it offers STARTTLS and implicit TLS with a self-signed cert."""
    binary = dovecot_binary()
    assert binary, "dovecot is not installed"
    directory = Path(tempfile.mkdtemp(prefix="madoguchi-dovecot-"))
    directory.chmod(0o755)
    for name in ("run", "state", "mail", "home"):
        (directory / name).mkdir()
    if os.geteuid() == 0:
        login_user, internal_user = "dovenull", "dovecot"
        mail_user = pwd.getpwnam("dovecot")
        for name in ("mail", "home"):
            os.chown(directory / name, mail_user.pw_uid, mail_user.pw_gid)
    else:
        login_user = internal_user = getpass.getuser()
        mail_user = pwd.getpwuid(os.getuid())
    internal_group = (
        "dovecot" if os.geteuid() == 0 else __import__("grp").getgrgid(os.getgid()).gr_name
    )
    port = _free_port()
    tls_port, certificate = 0, None
    ssl_settings = "ssl = no"
    if tls:
        tls_port = _free_port()
        certificate, key = _certificate(directory)
        ssl_settings = f"ssl = yes\nssl_cert = <{certificate}\nssl_key = <{key}"
    (directory / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n", encoding="utf-8")
    (directory / "dovecot.conf").write_text(
        f"""
base_dir = {directory}/run
state_dir = {directory}/state
log_path = {directory}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl_settings}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
first_valid_uid = 1
mail_location = maildir:{directory}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {directory}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user.pw_uid} gid={mail_user.pw_gid} home={directory}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
service anvil {{
  chroot =
}}
""",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [binary, "-F", "-c", str(directory / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Dovecot(process, port, directory, tls_port, certificate)
    deadline = time.monotonic() + 20
    while True:
        try:
            server.client().logout()
            return server
        except (OSError, imaplib.IMAP4.error) as exc:
            if process.poll() is not None or time.monotonic() > deadline:
                log = (directory / "dovecot.log").read_text(errors="replace")[-2000:]
                server.stop()
                raise RuntimeError(f"dovecot did not start: {exc}\n{log}") from exc
            time.sleep(0.2)
