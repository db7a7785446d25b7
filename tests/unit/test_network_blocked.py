"""The unit-test conftest blocks the network but leaves unix sockets usable."""

from __future__ import annotations

import socket

import pytest
from pytest_socket import SocketBlockedError


def test_a_unit_test_cannot_open_an_internet_socket() -> None:
    # pytest-socket also warns when it blocks a socket; expect that too so the run stays clean
    with pytest.warns(UserWarning, match="socket"), pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


def test_a_unit_test_can_still_use_unix_sockets() -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        left.sendall(b"ping")
        assert right.recv(4) == b"ping"
