"""The suite itself keeps its promises: private folders and no network."""

import socket

import pytest

from reader.core import paths
from tests.conftest import REAL_HOME, NetworkAttempt


def test_user_folders_are_private_to_the_test(private_user_dirs):
    for folder in (paths.user_config_dir(), paths.user_data_dir(), paths.user_cache_dir(), paths.user_log_dir()):
        assert private_user_dirs in folder.parents
        assert REAL_HOME not in folder.parents


def test_a_network_connection_fails_the_test(no_network):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkAttempt):
        sock.connect(("192.0.2.1", 80))
    sock.close()
    assert no_network == [("192.0.2.1", 80)]
    no_network.clear()  # this one was on purpose
